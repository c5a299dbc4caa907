// Run health: what makes a run "finished with warnings" instead of "ok". A pagination loop that
// raced its page (0 items, the same page twice, a 60 s wait) used to end green; these checks turn
// such runs yellow and put the reason on the step iteration (StepResult.health), in the run
// summary, the CLI and results.json. Pure bookkeeping over step results; no browser.
import type { HealthIssue, RunHealthIssue, StepResult } from '../../shared/api/domains/run.js';
import type { Step } from '../../shared/flow/schema.js';

interface SeenIteration {
  label: string;
  prints: Set<string>;
}

/** Canonical JSON (sorted keys) so key order never hides a repeat. */
function fingerprint(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(fingerprint).join(',')}]`;
  if (v && typeof v === 'object') {
    return `{${Object.keys(v as Record<string, unknown>)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${fingerprint((v as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v) ?? 'null';
}

export class RunHealth {
  /** Earlier extracting iterations per schema (steps with the same schema are one chain: page 1 + the loop). */
  private readonly seen = new Map<string, SeenIteration[]>();
  readonly issues: RunHealthIssue[] = [];

  private add(r: StepResult, issue: HealthIssue): void {
    (r.health ??= []).push(issue);
    this.issues.push({ ...issue, stepId: r.stepId, stepName: r.stepName, iteration: r.iteration });
  }

  /** Issues the executor found (wait timeout, failed recorded action) go into the run's list too. */
  private adopt(r: StepResult): void {
    for (const issue of r.health ?? []) this.issues.push({ ...issue, stepId: r.stepId, stepName: r.stepName, iteration: r.iteration });
  }

  /** Check one finished iteration; appends to r.health. `repeated`: the step has `repeat`. */
  check(step: Step, r: StepResult, repeated: boolean): void {
    this.adopt(r);
    const schema = step.config.extraction_strategy?.schema;
    if (!r.success || !schema || r.items === null) return;
    const label = (it: number) => (repeated ? `iteration ${it + 1} of "${r.stepName}"` : `step "${r.stepName}"`);
    if (r.items.length === 0) {
      this.add(r, {
        kind: 'empty',
        message: `${label(r.iteration)} extracted 0 items (baseSelector "${schema.baseSelector}")${r.iteration > 0 ? ': the page probably had not rendered the next items yet' : ''}`,
      });
    }
    const key = JSON.stringify(schema);
    const earlier = this.seen.get(key) ?? [];
    const prints = r.items.map(fingerprint);
    let repeatedCount = 0;
    const from = new Map<string, number>();
    for (const p of prints) {
      const hit = earlier.find((e) => e.prints.has(p));
      if (!hit) continue;
      repeatedCount++;
      from.set(hit.label, (from.get(hit.label) ?? 0) + 1);
    }
    if (repeatedCount > 0) {
      const sources = [...from.entries()].map(([l, n]) => `${n} from ${l}`).join(', ');
      this.add(r, {
        kind: 'duplicates',
        duplicates: repeatedCount,
        message: `${label(r.iteration)}: ${repeatedCount} of ${prints.length} items were already extracted (${sources})${repeatedCount === prints.length ? ': the same page again' : ''}`,
      });
    }
    earlier.push({ label: label(r.iteration), prints: new Set(prints) });
    this.seen.set(key, earlier);
  }

  /** repeat.until was still false after `max` iterations. */
  maxExhausted(r: StepResult, max: number): void {
    this.add(r, { kind: 'max-exhausted', message: `repeat.until never became true; the loop stopped after max ${max} iterations (there may be more pages)` });
  }

  get duplicates(): number {
    return this.issues.reduce((n, i) => n + (i.duplicates ?? 0), 0);
  }
}
