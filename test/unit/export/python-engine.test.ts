// The "done when" for the Python export, as far as it can be checked without Crawl4AI
// (no PyPI here): every test/demo flow's exported script runs under python3 against a crawl4ai
// stand-in backed by Crawlwright's own engine (engine-bridge.ts; real Chromium, demo site), and
// must give the same items and the same per-step Crawl4AI success as the runner on the same flow:
// the same aruns in the same order (a real failure stops both after the same step; a page
// Crawl4AI flags as blocked is reported and both go on), each with the same success and
// error_message, and the same items per step and iteration.
//
// What this verifies: the export's own logic (configs, loops, repeat.until, hooks set and
// cleared per step, failure and anti-bot handling, collected items, kill_session) on real pages.
// What it cannot: that real Crawl4AI 0.9.2 accepts and runs the script the same way; its page
// pipeline is stood in for by Crawlwright's, which test/unit/conformance holds to real Crawl4AI.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { renderExport } from '../../../shared/export/index.js';
import { planExport } from '../../../shared/export/common.js';
import { startDemoServer, type DemoServer } from '../../../electron/demo/server.js';
import { Engine } from '../../../electron/engine/engine.js';
import { DEMO_PASSWORD } from '../../../electron/demo/session.js';
import { Masker } from '../../../electron/engine/secrets.js';
import { ROOT, loadTestFlows } from './flows.js';
import { runChild } from './run-child.js';
import { ENGINE_CRAWL4AI, startBridge, type Bridge } from './engine-bridge.js';
import { HOOK_NAMES, type Flow } from '../../../shared/flow/schema.js';
import { withOrigin } from '../conformance/compare.js';
import { FIXTURES, startReferenceSite, type ReferenceSite } from '../conformance/reference-site.js';
import { hasPython } from '../support/python.js';

if (!hasPython) console.warn('python3 not found: the Python export engine test is skipped');

interface Collected {
  step: string;
  iteration: number;
  items: unknown[];
}

const runPython = (file: string, env: Record<string, string>) => runChild('python3', file, env, 150_000);

const CASES = path.join(FIXTURES, 'runner-conformance');
const conformanceFlows = readdirSync(CASES)
  .filter((f) => /^\d{3}-.*\.json$/.test(f))
  .sort()
  .map((f) => ({ key: `runner-conformance/${f.replace(/\.json$/, '')}`, flow: (JSON.parse(readFileSync(path.join(CASES, f), 'utf8')) as { flow: Flow }).flow }));

describe.skipIf(!hasPython)("crawl4ai-python export on the engine gives the runner's items and per-step success", () => {
  const dir = path.join(tmpdir(), `cw-py-engine-${process.pid}`);
  let demo: DemoServer;
  let site: ReferenceSite;
  let engine: Engine;
  let bridge: Bridge;
  const flows = loadTestFlows();

  beforeAll(async () => {
    mkdirSync(path.join(dir, 'bridge'), { recursive: true });
    demo = await startDemoServer();
    site = await startReferenceSite();
    engine = new Engine({ artifactsDir: path.join(dir, 'runs'), builtinVars: { demo_url: demo.url }, emit: () => undefined });
    bridge = await startBridge(engine, path.join(dir, 'bridge'));
  });
  afterAll(async () => {
    await bridge?.close();
    await engine?.close();
    await demo?.close();
    site?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function check(key: string, flow: Flow): Promise<void> {
    const plan = planExport(flow);
    const secrets = Object.fromEntries(plan.secrets.map((s) => [s, DEMO_PASSWORD]));
    for (const [k, v] of Object.entries(secrets)) process.env[k] = v;
    const vars: Record<string, string> = {};
    for (const v of plan.variables) if (v.defaultValue === undefined && v.name !== 'demo_url') vars[v.name] = `value-of-${v.name}`;

    // The runner, as `crawlwright run` drives it (stop at a failure, go on past a blocked page).
    const summary = await engine.startRun(flow, { mode: 'all', breakpoints: false, vars }).done;
    expect(summary.status).not.toBe('stopped');
    await engine.sessions.killAll(); // the script starts from fresh sessions, as a new crawler does
    const expectedItems: Collected[] = summary.results.filter((r) => r.items !== null).map((r) => ({ step: r.stepName, iteration: r.iteration, items: r.items! }));
    const stepOf = new Map(flow.steps.map((s) => [s.id, s]));
    const expectedRuns = summary.results.map((r) => {
      const step = stepOf.get(r.stepId)!;
      const hooks: string[] = HOOK_NAMES.filter((h) => step.hooks?.[h] !== undefined);
      if (step.repeat && 'until' in step.repeat && !hooks.includes('before_return_html')) hooks.push('before_return_html');
      return { success: r.crawl4ai!.success, error_message: r.crawl4ai!.error_message, hooks: hooks.sort() };
    });

    const sub = path.join(dir, key.replace(/\W+/g, '_'));
    mkdirSync(sub, { recursive: true });
    const { text, fileName } = renderExport(flow, 'crawl4ai-python');
    const file = path.join(sub, fileName);
    writeFileSync(file, text);
    const env: Record<string, string> = { ...secrets, ...vars, PYTHONPATH: ENGINE_CRAWL4AI(ROOT), PYTHONDONTWRITEBYTECODE: '1', CRAWL4AI_BRIDGE: bridge.address };
    if (plan.variables.some((v) => v.name === 'demo_url')) env.demo_url = demo.url;
    bridge.reset();
    const run = await runPython(file, env);
    await engine.sessions.killAll();

    // Same aruns in the same order, each with the same Crawl4AI success and message, and only
    // its own step's hooks registered (hooks are cleared after their step).
    expect(
      bridge.aruns.map((a) => ({ success: a.success, error_message: a.error_message, hooks: a.hooks })),
      run.stderr,
    ).toEqual(expectedRuns);
    const firstFailure = summary.results.find((r) => !r.success);
    const blocked = summary.results.filter((r) => r.crawl4ai!.blocked !== undefined);
    if (firstFailure) {
      expect(run.code, run.stderr).not.toBe(0);
      expect(run.stderr).toContain(`RuntimeError: step '${firstFailure.stepName}' failed: ${firstFailure.crawl4ai!.error_message}`);
    } else {
      expect(run.code, run.stderr).toBe(0);
      // stderr holds only the script's report of each blocked page and the count at the end.
      const reports = run.stderr.split('\n').filter((l) => / Crawl4AI reports it as failed \(Blocked by anti-bot protection: /.test(l));
      expect(reports.length).toBe(blocked.length);
      if (blocked.length) expect(run.stderr).toContain(`${blocked.length} step run(s) Crawl4AI reported as blocked by anti-bot protection`);
      else expect(run.stderr).toBe('');
    }
    // Same items per step and iteration. The runner may mask secret values (the script prints what
    // the page shows): compare both masked.
    const itemsFile = path.join(sub, fileName.replace(/\.py$/, '.items.json'));
    const written = existsSync(itemsFile) ? (JSON.parse(readFileSync(itemsFile, 'utf8')) as Array<Collected & { url: string }>) : [];
    const mask = new Masker(Object.values(secrets));
    expect(mask.deep(written.map(({ step, iteration, items }) => ({ step, iteration, items })))).toEqual(mask.deep(expectedItems));
  }

  it('covers the demo flows, the test fixtures and the 80 runner-conformance flows', () => {
    expect(flows.some((f) => f.key.startsWith('demo-flows/'))).toBe(true);
    expect(flows.length).toBeGreaterThanOrEqual(12);
    expect(conformanceFlows.length).toBe(80);
  });

  for (const { key, flow } of flows) it(key, { timeout: 240_000 }, () => check(key, flow));
  // BASE resolved to the reference site on first use (the site starts in beforeAll).
  for (const { key, flow } of conformanceFlows) it(key, { timeout: 240_000 }, () => check(key, withOrigin(flow, site.origin)));
});
