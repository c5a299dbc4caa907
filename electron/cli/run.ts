// `crawlwright run FLOW.json [--out DIR] [--headed] [--browser PATH] [--var k=v] [--allow-secret NAME]
// [--allow-local] [--trust] [--browser-arg FLAG] [--inputs ROWS …] [--stop-on-blocked] [--continue-on-failure]`
// Runs a flow with the app's engine and no GUI: one progress line per step iteration, then
// DIR/results.json (every item in page order, with its step and iteration) and DIR/artifacts/.
// What the flow may use (secrets, local resources) is decided in run-trust.ts.
import { mkdir, writeFile } from 'node:fs/promises';
import { relative, resolve } from 'node:path';
import { itemCountOf, type RunEvent, type StepResult } from '../../shared/api/domains/run.js';
import { VARIABLE_NAME, type Flow, type Step } from '../../shared/flow/schema.js';
import { parseFlowText } from '../../shared/flow/validate.js';
import { describeIssues } from '../../shared/flow/issues.js';
import { crawl4aiWouldReport, isBlockedResult } from '../../shared/crawl4ai/verdict.js';
import { MAX_FLOW_BYTES } from '../../shared/api/limits.js';
import { readTextFileStrict, TextFileError } from '../files.js';
import { decideGrant } from './run-trust.js';
import { iterationSuffix } from '../../shared/flow/iterations.js';
import { HELP } from './help.js';
import { exactItems } from '../../shared/extract/exact-items.js';
import { stringifyExact } from '../../shared/extract/exact-defaults.js';
import { parseCliArgs, parseVars, UsageError, withUsage } from './args.js';
import { loadRows, runBatchCli } from './run-batch.js';
import { modeFlags } from '../../shared/crawl4ai/browser-modes.js';

const out = (s: string) => process.stdout.write(s + '\n');
const err = (s: string) => process.stderr.write(s + '\n');

function progressLine(r: StepResult, index: number, total: number, step: Step | undefined): string {
  const it = iterationSuffix(step, r.iteration);
  const head = `${r.success ? '✓' : '✗'} [${index}/${total}] ${r.stepName} (${r.stepId})${it}`;
  if (!r.success) {
    const e = r.error;
    const where = e ? `${e.phase}${e.snippetIndex !== undefined ? `[${e.snippetIndex}]` : ''}${e.hook ? ` ${e.hook}` : ''}${e.selector ? ` (${e.selector})` : ''}` : '?';
    return `${head} failed in ${where}: ${e?.message ?? 'unknown error'}`;
  }
  const bits = [r.status_code !== null ? `HTTP ${r.status_code}` : '', itemCountOf(r) !== null ? `${itemCountOf(r)} items` : '', `${r.durationMs} ms`].filter(Boolean);
  const blocked = isBlockedResult(r) ? `\n    ${crawl4aiWouldReport(r)}` : '';
  return `${head}  ${bits.join(' · ')}${blocked}`;
}

export async function main(argv: string[]): Promise<number> {
  return withUsage(HELP.run, async () => {
    const { values, positionals } = parseCliArgs(argv, {
      out: { type: 'string' },
      headed: { type: 'boolean' },
      browser: { type: 'string' },
      var: { type: 'string', multiple: true },
      'allow-secret': { type: 'string', multiple: true },
      'allow-local': { type: 'boolean' },
      trust: { type: 'boolean' },
      'browser-arg': { type: 'string', multiple: true },
      inputs: { type: 'string' },
      concurrency: { type: 'string' },
      retries: { type: 'string' },
      restart: { type: 'boolean' },
      'stop-on-blocked': { type: 'boolean' },
      'continue-on-failure': { type: 'boolean' },
    });
    if (positionals.length !== 1) throw new UsageError('expected exactly one FLOW.json');
    const file = positionals[0];
    const vars = parseVars(values.var);
    let text: string;
    let sha256: string;
    try {
      ({ text, sha256 } = await readTextFileStrict(file, MAX_FLOW_BYTES));
    } catch (e) {
      err(`error: ${e instanceof TextFileError ? e.message : `cannot read ${file}: ${(e as Error).message}`}`);
      return 1;
    }
    const parsed = parseFlowText(text);
    if (!parsed.ok) {
      err(`error: ${file} is not a valid flow:\n${describeIssues(parsed.errors)}`);
      return 1;
    }
    const flow: Flow = parsed.flow;
    for (const w of parsed.warnings) err(`warning: ${w.path}: ${w.message}`);
    const batch = await loadRows(flow, values);
    if (batch && 'error' in batch) {
      err(`error: ${batch.error}`);
      return 1;
    }

    const allowSecrets = values['allow-secret'] ?? [];
    for (const n of allowSecrets) if (!VARIABLE_NAME.test(n)) throw new UsageError(`--allow-secret expects a secret name (letters, digits, _), got ${JSON.stringify(n)}`);
    const decision = await decideGrant({
      flow,
      file,
      sha256,
      vars,
      allowSecrets,
      allowLocal: Boolean(values['allow-local']),
      trust: Boolean(values.trust),
      err,
    });
    if ('refused' in decision) {
      err(decision.refused);
      return 2;
    }

    const outDir = resolve(values.out ?? 'crawlwright-out');
    await mkdir(outDir, { recursive: true });
    const usesDemo = /\{\{\s*demo_url\s*\}\}/.test(JSON.stringify(flow.steps)) && vars.demo_url === undefined;
    const demo = usesDemo ? await (await import('../demo/server.js')).startDemoServer() : undefined;
    const { Engine } = await import('../engine/engine.js');
    const { findBrowser } = await import('../engine/browser.js');
    const found = findBrowser(values.browser);
    if (!found.found) {
      err(`error: ${found.help}`);
      await demo?.close();
      return 1;
    }
    const indexOf = new Map(flow.steps.filter((s) => !s.disabled).map((s, i) => [s.id, i + 1]));
    const total = indexOf.size;
    const stepOf = new Map(flow.steps.map((s) => [s.id, s]));
    const engine = new Engine({
      browserPath: values.browser,
      artifactsDir: resolve(outDir, 'artifacts'),
      headless: values.headed ? false : (flow.browser?.headless ?? true),
      // The flow's flags passed the allow-list (flow validation); --browser-arg is the user's own;
      // text_mode / light_mode add Crawl4AI's own launch flags (shared/crawl4ai/browser-modes.ts).
      launchArgs: [...modeFlags(flow.browser), ...(flow.browser?.extra_args ?? []), ...(values['browser-arg'] ?? [])],
      builtinVars: demo ? { demo_url: demo.url } : {},
      emit: (name, payload) => {
        // A batch prints one line per row instead (run-batch.ts).
        if (name !== 'run.event' || batch) return;
        const ev = payload as RunEvent;
        if (ev.type === 'step-finished') {
          const r = ev.result;
          out(progressLine(r, indexOf.get(r.stepId) ?? 0, total, stepOf.get(r.stepId)));
          for (const h of r.health ?? []) out(`    ⚠ ${h.message}`);
          for (const w of r.warnings) out(`    warning: ${w}`);
        } else if (ev.type === 'log') out(`  ${ev.message}`);
      },
    });
    if (batch) {
      try {
        return await runBatchCli(engine, flow, batch.rows, { ...values, outDir, vars, grant: decision.grant });
      } finally {
        await engine.close();
        await demo?.close();
      }
    }
    const startedAt = new Date().toISOString();
    let interrupted = false;
    let runId = '';
    const onSigint = () => {
      interrupted = true;
      if (runId) engine.stopRun(runId);
    };
    process.once('SIGINT', onSigint);
    try {
      let started: ReturnType<typeof engine.startRun>;
      try {
        started = engine.startRun(flow, {
          mode: 'all',
          vars,
          breakpoints: false,
          outDir: resolve(outDir, 'artifacts'),
          stopOnBlocked: Boolean(values['stop-on-blocked']),
          continueOnFailure: Boolean(values['continue-on-failure']),
          grant: decision.grant,
        });
      } catch (e) {
        err(`error: ${(e as Error).message}`);
        return 2;
      }
      runId = started.runId;
      const summary = await started.done;
      const rel = (p?: string) => (p ? relative(outDir, p) : undefined);
      const results = summary.results.map((r) => ({ ...r, artifacts: Object.fromEntries(Object.entries(r.artifacts).map(([k, p]) => [k, rel(p)])) }));
      const items = summary.results.flatMap((r) => exactItems(r).map((item) => ({ step: r.stepId, stepName: r.stepName, iteration: r.iteration, item })));
      await writeFile(
        resolve(outDir, 'results.json'),
        stringifyExact(
          {
            flow: flow.name,
            runId: summary.runId,
            status: summary.status,
            error: summary.error,
            health: summary.health,
            startedAt,
            finishedAt: new Date().toISOString(),
            counts: { steps: summary.results.length, failed: summary.failed, blocked: summary.blocked },
            items,
            steps: results,
          },
          2,
        ) + '\n',
      );
      const blockedNote = summary.blocked ? `; Crawl4AI would report ${summary.blocked} of them as blocked by anti-bot protection` : '';
      if (summary.status === 'ok') {
        out(`done: ${items.length} items from ${summary.results.length} step run(s)${blockedNote} → ${resolve(outDir, 'results.json')}`);
        return 0;
      }
      if (blockedNote) err(`note: ${summary.blocked} step run(s) Crawl4AI would report as blocked by anti-bot protection`);
      if (summary.status === 'warnings') {
        const dup = summary.health.reduce((n, h) => n + (h.duplicates ?? 0), 0);
        err(`finished with warnings: ${summary.health.length} issue(s)${dup ? `, ${dup} duplicate item(s)` : ''}:`);
        for (const h of summary.health) err(`  - ${h.stepName} (${h.stepId})${iterationSuffix(stepOf.get(h.stepId), h.iteration)}: ${h.message}`);
        err(`${items.length} items → ${resolve(outDir, 'results.json')}`);
        return 3;
      }
      err(summary.status === 'stopped' ? 'stopped' : `error: ${summary.error}`);
      err(`partial results → ${resolve(outDir, 'results.json')}`);
      return interrupted ? 130 : 1;
    } finally {
      process.off('SIGINT', onSigint);
      await engine.close();
      await demo?.close();
    }
  });
}
