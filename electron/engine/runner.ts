// The runner: walks a flow's steps (all / one / to / from), repeats, pauses at breakpoints, stops
// within a second, and streams run.event progress. Each step iteration is executed by executor.ts.
import { join } from 'node:path';
import { mkdir } from 'node:fs/promises';
import { summaryOfResult, type RunEvent, type RunHealthIssue, type RunStatus, type StepResult } from '../../shared/api/domains/run.js';
import type { Flow, Step } from '../../shared/flow/schema.js';
import { lintStep } from '../../shared/flow/lint.js';
import { MissingVariableError } from '../../shared/flow/variables.js';
import { substituteStep } from '../../shared/flow/js-placeholders.js';
import { isBlockedResult } from '../../shared/crawl4ai/verdict.js';
import { expandActions } from '../../shared/flow/actions.js';
import { executeStep, type ExtractFn } from './executor.js';
import { RunHealth } from './health.js';
import { evalPredicate } from './page-ops.js';
import type { SessionManager } from './sessions.js';
import { Masker, describeSecretSource, resolveValues } from './secrets.js';
import { urlKind, type RunGrant } from '../../shared/flow/capabilities.js';
import { firstLine } from './timeouts.js';

export type RunMode = 'all' | 'step' | 'to' | 'from';

export interface RunOptions {
  mode?: RunMode;
  stepId?: string;
  vars?: Record<string, string>;
  /** Pause before steps marked `breakpoint` (the app does; the CLI does not). */
  breakpoints?: boolean;
  /** Write artifacts here instead of artifactsDir/<runId> (the CLI's --out). */
  outDir?: string;
  /** What the user allowed this run (Engine.startRun fills in ENGINE_DEFAULT_GRANT). */
  grant?: RunGrant;
  /** Browser contexts of its own (a batch row, see batch.ts); sessions never share them. */
  partition?: string;
  /** Emit no run.event (a batch row: the batch reports its rows as batch.event). */
  silent?: boolean;
  /**
   * Stop at a step iteration that Crawl4AI would report as blocked by anti-bot protection. Default
   * false: the verdict is reported (result.crawl4ai, counted in the summary) and the run goes on,
   * as the exported Python does.
   */
  stopOnBlocked?: boolean;
  /**
   * Go on after a failed step iteration, as a plain Crawl4AI script that calls arun after arun does
   * (the runner-conformance cases were recorded that way). Default false: the first failure ends
   * the run, as in the exported Python. The run's status is still "failed" when any step failed.
   */
  continueOnFailure?: boolean;
}

export interface RunSummary {
  runId: string;
  /** "warnings": every step ran, but `health` lists lost, repeated or late items (health.ts). */
  status: RunStatus;
  error?: string;
  /** Run-health problems, per step iteration (duplicates counted). */
  health: RunHealthIssue[];
  /** Every step iteration's result, in execution (= page) order. */
  results: StepResult[];
  outDir: string;
  /** Step iterations Crawl4AI would report as blocked by anti-bot protection. */
  blocked: number;
  /** Step iterations that failed. */
  failed: number;
}

export interface RunDeps {
  sessions: SessionManager;
  /** Extraction in a worker with a time limit (the Engine's ExtractPool). */
  extract: ExtractFn;
  emit: (ev: RunEvent) => void;
  artifactsDir: string;
  builtinVars?: Record<string, string>;
}

/** Steps a mode selects, in flow order. Throws for an unknown stepId. */
export function selectSteps(flow: Flow, mode: RunMode, stepId?: string): Step[] {
  if (mode === 'all') return flow.steps;
  const idx = flow.steps.findIndex((s) => s.id === stepId);
  if (idx < 0) throw new Error(`run mode "${mode}" needs a stepId of this flow; got ${JSON.stringify(stepId)}`);
  if (mode === 'step') return [flow.steps[idx]];
  if (mode === 'to') return flow.steps.slice(0, idx + 1);
  return flow.steps.slice(idx);
}

export function newRunId(): string {
  const d = new Date();
  const p = (n: number) => String(n).padStart(2, '0');
  return `run-${d.getUTCFullYear()}${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())}-${p(d.getUTCHours())}${p(d.getUTCMinutes())}${p(d.getUTCSeconds())}-${Math.random().toString(36).slice(2, 6)}`;
}

export class Run {
  readonly abort = new AbortController();
  readonly results: StepResult[] = [];
  private resumeWaiter: (() => void) | undefined;
  status: 'running' | 'paused' | 'done' = 'running';
  readonly done: Promise<RunSummary>;
  readonly outDir: string;

  constructor(
    readonly id: string,
    readonly flow: Flow,
    readonly opts: RunOptions,
    private readonly deps: RunDeps,
  ) {
    this.outDir = opts.outDir ?? join(deps.artifactsDir, id);
    const steps = selectSteps(flow, opts.mode ?? 'all', opts.stepId); // throws before the run exists
    this.done = this.execute(steps).finally(() => this.unpins.splice(0).forEach((release) => release()));
  }

  /** Releases of the session pins this run holds (see SessionManager.pin). */
  private readonly unpins: Array<() => void> = [];

  stop(): void {
    this.abort.abort();
    this.resumeWaiter?.();
  }

  continue(): boolean {
    if (!this.resumeWaiter) return false;
    this.resumeWaiter();
    return true;
  }

  private emit(ev: RunEvent) {
    this.deps.emit(ev);
  }

  private readonly health = new RunHealth();

  private finish(status: RunSummary['status'], error?: string): RunSummary {
    this.status = 'done';
    // A run that got through every step is only "ok" when nothing was lost, repeated or late.
    if (status === 'ok' && this.health.issues.length) status = 'warnings';
    const health = this.health.issues;
    const blocked = this.results.filter(isBlockedResult).length;
    const failed = this.results.filter((r) => !r.success).length;
    this.emit({ type: 'run-finished', runId: this.id, status, ...(error ? { error } : {}), outDir: this.outDir, blocked, failed, ...(health.length ? { health } : {}) });
    return { runId: this.id, status, ...(error ? { error } : {}), health, results: this.results, outDir: this.outDir, blocked, failed };
  }

  /** With continueOnFailure, the first failure's message (the run still ends "failed"). */
  private firstFailure: string | undefined;

  private async execute(steps: Step[]): Promise<RunSummary> {
    await Promise.resolve(); // let startRun return the runId before the first event
    const signal = this.abort.signal;
    this.emit({ type: 'run-started', runId: this.id, stepIds: steps.map((s) => s.id) });
    const values = await resolveValues(this.flow, {
      builtinVars: this.deps.builtinVars,
      vars: this.opts.vars,
      grantedSecrets: this.opts.grant?.secrets ?? [],
    });
    // Every encoding of each value (HTML, URL, JSON/JS escapes, letter case) is masked (masking.ts).
    const masker = new Masker(values.maskValues);

    for (const [name, source] of Object.entries(values.secretSources)) {
      this.emit({ type: 'log', runId: this.id, level: 'info', message: `secret ${name} from ${describeSecretSource(name, source)}${source === 'demo' ? '' : ' (masked as *** in results)'}` });
    }
    // Substitute every selected step first: a missing variable fails the run before any page work.
    const prepared: Step[] = [];
    for (const step of steps) {
      try {
        // JS fields: values escaped inside string literals. A disabled step is skipped, so its
        // placeholders are not filled (nor its secrets granted). Recorded actions become the first
        // js_code_before_wait snippet, exactly as in the exports.
        prepared.push(step.disabled ? step : substituteStep(expandActions(step), values));
      } catch (e) {
        if (e instanceof MissingVariableError) return this.finish('failed', `step "${step.name}" (${step.id}): ${e.message}`);
        throw e;
      }
    }
    // Every address is checked again after substitution ("{{start}}" may hold file:///…).
    const local = this.opts.grant?.local ? undefined : prepared.find((st) => !st.disabled && !st.config.js_only && st.config.url !== undefined && urlKind(st.config.url) === 'local');
    if (local) {
      return this.finish(
        'failed',
        masker.text(`step "${local.name}" (${local.id}): url ${JSON.stringify(local.config.url)} is a local resource (not http/https): a flow may open it only with the "local resources" grant (crawlwright run --allow-local, or allow it in the app)`),
      );
    }
    // The run's sessions (ids after substitution) must not idle-expire while it runs or waits at a breakpoint.
    for (const sid of new Set(prepared.map((s) => s.config.session_id).filter((id): id is string => Boolean(id)))) {
      this.unpins.push(this.deps.sessions.pin(sid));
      // The session keeps showing the secrets (page, URL, title): whatever reads it later (session
      // list, schema tester, snapshots, Run now) masks them too.
      this.deps.sessions.addMasks(sid, values.maskValues);
    }
    await mkdir(this.outDir, { recursive: true });
    const b = this.flow.browser;
    if (b && (b.headless !== undefined || b.extra_args?.length)) {
      this.emit({
        type: 'log',
        runId: this.id,
        level: 'info',
        message: 'browser.headless / browser.extra_args apply when the browser is launched: the app shares one browser (crawlwright run honours them)',
      });
    }
    if (b?.text_mode || b?.light_mode) {
      this.emit({
        type: 'log',
        runId: this.id,
        level: 'info',
        message: `Crawl4AI's launch flags of ${[b.text_mode && 'text_mode', b.light_mode && 'light_mode'].filter(Boolean).join(' and ')} apply when the browser is launched (crawlwright run adds them; the app shares one browser)${b.text_mode ? "; text_mode's blocked file types and skipped image steps apply everywhere" : ''}`,
      });
    }
    let first = true;
    for (const step of prepared) {
      if (signal.aborted) return this.finish('stopped');
      if (step.disabled) {
        this.emit({ type: 'log', runId: this.id, level: 'info', message: `step "${step.name}" is disabled; skipped` });
        continue;
      }
      if (this.opts.breakpoints && step.breakpoint && !first) {
        this.status = 'paused';
        this.emit({ type: 'paused', runId: this.id, stepId: step.id });
        await new Promise<void>((resolve) => (this.resumeWaiter = resolve));
        this.resumeWaiter = undefined;
        this.status = 'running';
        if (signal.aborted) return this.finish('stopped');
        this.emit({ type: 'resumed', runId: this.id });
      }
      first = false;
      const failure = await this.runStep(step, masker, signal);
      if (signal.aborted) return this.finish('stopped');
      if (failure) return this.finish('failed', failure);
    }
    return this.firstFailure ? this.finish('failed', this.firstFailure) : this.finish('ok');
  }

  /** All iterations of one step; returns an error message when the run must stop. */
  private async runStep(step: Step, masker: Masker, signal: AbortSignal): Promise<string | undefined> {
    const stepIndex = this.flow.steps.findIndex((s) => s.id === step.id);
    const original = this.flow.steps[stepIndex];
    const staticWarnings = lintStep(original, stepIndex, this.flow)
      .filter((i) => !i.path.endsWith('.wait_for'))
      .map((i) => i.message);
    const cm = step.config.cache_mode;
    if (cm && cm !== 'bypass' && cm !== 'disabled') staticWarnings.push(`cache_mode "${cm}" is kept for exports; Crawlwright always loads live pages (as "bypass")`);
    const repeat = step.repeat;
    const iterations = repeat ? ('times' in repeat ? repeat.times : repeat.max) : 1;
    for (let it = 0; it < iterations; it++) {
      this.emit({ type: 'step-started', runId: this.id, stepId: step.id, iteration: it });
      const r = await executeStep({
        runId: this.id,
        step,
        stepIndex,
        iteration: it,
        sessions: this.deps.sessions,
        browser: this.flow.browser,
        partition: this.opts.partition,
        runDir: this.outDir,
        masker,
        signal,
        warnings: it === 0 ? staticWarnings : [],
        onPhase: (phase: string) => this.emit({ type: 'phase', runId: this.id, stepId: step.id, iteration: it, phase }),
        extract: this.deps.extract,
      });
      delete (r as { html?: string }).html;
      this.health.check(step, r, Boolean(repeat)); // before repeat.until, which may add max-exhausted
      let stopLoop = false;
      if (r.success && repeat && 'until' in repeat) {
        const sid = step.config.session_id;
        const page = sid ? this.deps.sessions.get(sid)?.page : undefined;
        if (!page) {
          r.success = false;
          r.error = { phase: 'repeat', message: 'repeat.until needs a session_id: without one the page is closed after each iteration' };
        } else {
          try {
            stopLoop = await evalPredicate(page, repeat.until, step.config.page_timeout ?? 60_000, signal);
            if (!stopLoop && it === iterations - 1) this.health.maxExhausted(r, repeat.max);
          } catch (e) {
            if (!signal.aborted) {
              r.success = false;
              r.error = { phase: 'repeat', message: masker.text(`repeat.until failed: ${firstLine(e)}`), selector: repeat.until };
            }
          }
        }
      }
      this.results.push(r);
      // The push carries a summary; the complete result is fetched on request (run.result).
      this.emit({ type: 'step-finished', runId: this.id, result: summaryOfResult(r) });
      const label = `step "${step.name}" (${step.id})${iterations > 1 ? ` iteration ${it + 1}` : ''}`;
      if (!r.success) {
        if (signal.aborted) return undefined;
        const where = [r.error?.phase, r.error?.snippetIndex !== undefined ? `[${r.error.snippetIndex}]` : '', r.error?.selector ? ` (${r.error.selector})` : '']
          .filter(Boolean)
          .join('');
        const failure = `${label} failed in ${where}: ${r.error?.message ?? 'unknown error'}`;
        if (!this.opts.continueOnFailure) return failure;
        this.firstFailure ??= failure;
        continue; // a Crawl4AI script calls the next arun anyway; no repeat.until check after a failure
      }
      if (isBlockedResult(r) && this.opts.stopOnBlocked) {
        return `${label}: Crawl4AI would report it as failed: ${r.crawl4ai?.error_message} (the run stops on blocked pages: stopOnBlocked / --stop-on-blocked)`;
      }
      if (stopLoop || signal.aborted) break;
    }
    return undefined;
  }
}
