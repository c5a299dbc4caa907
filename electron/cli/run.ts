// `crawlwright run FLOW.json [--out DIR] [--headed] [--browser PATH] [--var k=v] [--trust] [--inputs ROWS …]
//  [--stop-on-blocked] [--continue-on-failure]`
// Runs a flow with the app's engine and no GUI: one progress line per step iteration, then
// DIR/results.json (every item in page order, with its step and iteration) and DIR/artifacts/.
//
// Trust model: flow JavaScript only ever runs inside the target page, so it has no more power
// than the site's own scripts. What a foreign flow could abuse is your secrets: a flow with
// JavaScript that uses {{secret:NAME}} could send them anywhere. So without --trust the CLI lists
// the JS-bearing steps and, if such a flow uses secrets from the environment/keychain, asks on an
// interactive terminal or refuses (exit 2). The demo site's public DEMO_PASSWORD is always allowed.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { relative, resolve } from 'node:path';
import { createInterface } from 'node:readline/promises';
import type { RunEvent, StepResult } from '../../shared/api/domains/run.js';
import type { Flow, Step } from '../../shared/flow/schema.js';
import { parseFlowText } from '../../shared/flow/validate.js';
import { describeIssues } from '../../shared/flow/issues.js';
import { isJsWaitFor } from '../../shared/flow/wait-for.js';
import { crawl4aiWouldReport, isBlockedResult } from '../../shared/crawl4ai/verdict.js';
import { HELP } from './help.js';
import { parseCliArgs, parseVars, UsageError, withUsage } from './args.js';
import { loadRows, runBatchCli } from './run-batch.js';

const out = (s: string) => process.stdout.write(s + '\n');
const err = (s: string) => process.stderr.write(s + '\n');

/** Where a step carries JavaScript (for the trust summary). */
export function jsBearing(step: Step): string[] {
  const c = step.config;
  const where: string[] = [];
  if (c.js_code_before_wait !== undefined) where.push('js_code_before_wait');
  if (c.js_code !== undefined) where.push('js_code');
  if (c.wait_for !== undefined && isJsWaitFor(c.wait_for)) where.push('wait_for (js)');
  if (step.repeat && 'until' in step.repeat) where.push('repeat.until');
  for (const [k, v] of Object.entries(step.hooks ?? {})) if (v) where.push(`hook ${k}`);
  return where;
}

function progressLine(r: StepResult, index: number, total: number, repeats: number): string {
  const it = repeats > 1 ? ` #${r.iteration + 1}` : '';
  const head = `${r.success ? '✓' : '✗'} [${index}/${total}] ${r.stepName} (${r.stepId})${it}`;
  if (!r.success) {
    const e = r.error;
    const where = e ? `${e.phase}${e.snippetIndex !== undefined ? `[${e.snippetIndex}]` : ''}${e.hook ? ` ${e.hook}` : ''}${e.selector ? ` (${e.selector})` : ''}` : '?';
    return `${head} failed in ${where}: ${e?.message ?? 'unknown error'}`;
  }
  const bits = [r.status_code !== null ? `HTTP ${r.status_code}` : '', r.items ? `${r.items.length} items` : '', `${r.durationMs} ms`].filter(Boolean);
  const blocked = isBlockedResult(r) ? `\n    ${crawl4aiWouldReport(r)}` : '';
  return `${head}  ${bits.join(' · ')}${blocked}`;
}

async function confirm(question: string): Promise<boolean> {
  if (!process.stdin.isTTY || !process.stderr.isTTY) return false;
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return /^y(es)?$/i.test((await rl.question(question)).trim());
  } finally {
    rl.close();
  }
}

export async function main(argv: string[]): Promise<number> {
  return withUsage(HELP.run, async () => {
    const { values, positionals } = parseCliArgs(argv, {
      out: { type: 'string' },
      headed: { type: 'boolean' },
      browser: { type: 'string' },
      var: { type: 'string', multiple: true },
      trust: { type: 'boolean' },
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
    try {
      text = await readFile(file, 'utf8');
    } catch (e) {
      err(`error: cannot read ${file}: ${(e as Error).message}`);
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

    const { secretsUsed, DEMO_SECRETS } = await import('../engine/secrets.js');
    const jsSteps = flow.steps.filter((s) => !s.disabled).map((s) => [s, jsBearing(s)] as const).filter(([, w]) => w.length);
    const externalSecrets = secretsUsed(flow).filter((n) => !(n in DEMO_SECRETS) || process.env[n] !== undefined);
    if (!values.trust && jsSteps.length) {
      err(`This flow runs JavaScript in the page in ${jsSteps.length} step(s):`);
      for (const [s, w] of jsSteps) err(`  - ${s.name} (${s.id}): ${w.join(', ')}`);
      if (externalSecrets.length) {
        const ok = await confirm(`It also reads the secret(s) ${externalSecrets.join(', ')}. Let this flow use them? [y/N] `);
        if (!ok) {
          err(`refusing to hand secrets (${externalSecrets.join(', ')}) to a flow with JavaScript; review the flow and pass --trust`);
          return 2;
        }
      }
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
    const repeatsOf = new Map(flow.steps.map((s) => [s.id, s.repeat ? ('times' in s.repeat ? s.repeat.times : s.repeat.max) : 1]));
    const engine = new Engine({
      browserPath: values.browser,
      artifactsDir: resolve(outDir, 'artifacts'),
      headless: values.headed ? false : (flow.browser?.headless ?? true),
      launchArgs: flow.browser?.extra_args,
      builtinVars: demo ? { demo_url: demo.url } : {},
      emit: (name, payload) => {
        // A batch prints one line per row instead (run-batch.ts).
        if (name !== 'run.event' || batch) return;
        const ev = payload as RunEvent;
        if (ev.type === 'step-finished') {
          const r = ev.result;
          out(progressLine(r, indexOf.get(r.stepId) ?? 0, total, repeatsOf.get(r.stepId) ?? 1));
          for (const w of r.warnings) out(`    warning: ${w}`);
        } else if (ev.type === 'log') out(`  ${ev.message}`);
      },
    });
    if (batch) {
      try {
        return await runBatchCli(engine, flow, batch.rows, { ...values, outDir, vars });
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
      const started = engine.startRun(flow, {
        mode: 'all',
        vars,
        breakpoints: false,
        outDir: resolve(outDir, 'artifacts'),
        stopOnBlocked: Boolean(values['stop-on-blocked']),
        continueOnFailure: Boolean(values['continue-on-failure']),
      });
      runId = started.runId;
      const summary = await started.done;
      const rel = (p?: string) => (p ? relative(outDir, p) : undefined);
      const results = summary.results.map((r) => ({ ...r, artifacts: { html: rel(r.artifacts.html), screenshot: rel(r.artifacts.screenshot) } }));
      const items = summary.results.flatMap((r) => (r.items ?? []).map((item) => ({ step: r.stepId, stepName: r.stepName, iteration: r.iteration, item })));
      await writeFile(
        resolve(outDir, 'results.json'),
        JSON.stringify(
          {
            flow: flow.name,
            runId: summary.runId,
            status: summary.status,
            error: summary.error,
            startedAt,
            finishedAt: new Date().toISOString(),
            counts: { steps: summary.results.length, failed: summary.failed, blocked: summary.blocked },
            items,
            steps: results,
          },
          null,
          2,
        ) + '\n',
      );
      const blockedNote = summary.blocked ? `; Crawl4AI would report ${summary.blocked} of them as blocked by anti-bot protection` : '';
      if (summary.status === 'ok') {
        out(`done: ${items.length} items from ${summary.results.length} step run(s)${blockedNote} → ${resolve(outDir, 'results.json')}`);
        return 0;
      }
      if (blockedNote) err(`note: ${summary.blocked} step run(s) Crawl4AI would report as blocked by anti-bot protection`);
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
