// The Playwright export actually runs: each test flow's exported script is executed with node
// against the demo site (real Chromium) and must yield the same items, per step and iteration,
// as Crawlwright's runner (the Engine) on the same flow — and fail where the runner fails.
//
// The script imports Crawlwright's single-file extractor from its own folder; saveExport writes it
// there from dist/extract/ (`npm run build`; npm test builds first). standalone.test.ts runs one
// outside the repository.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { renderExport } from '../../../shared/export/index.js';
import { planExport } from '../../../shared/export/common.js';
import { startDemoServer, type DemoServer } from '../../../electron/demo/server.js';
import { Engine } from '../../../electron/engine/engine.js';
import { DEMO_PASSWORD } from '../../../electron/demo/session.js';
import { Masker } from '../../../electron/engine/secrets.js';
import { ROOT, loadTestFlows } from './flows.js';
import { runChild } from './run-child.js';
import { saveExport } from '../../../electron/export-files.js';

const extractorLanded = existsSync(path.join(ROOT, 'shared/extract/index.ts'));
if (!extractorLanded) console.warn('shared/extract/index.ts does not exist yet: the Playwright export run test is skipped');
const BROWSER = process.env.CRAWLWRIGHT_BROWSER ?? '/usr/bin/chromium';
const ROOT_ARGS = '--no-sandbox --disable-gpu --disable-dev-shm-usage --disable-background-networking --disable-component-update --no-first-run';

interface Collected {
  step: string;
  iteration: number;
  url: string;
  redirected_url: string | null;
  items: unknown[];
}

const runNode = (file: string, env: Record<string, string>) => runChild(process.execPath, file, env, 90_000);

describe.skipIf(!extractorLanded)('playwright export runs like the runner', () => {
  // Inside the package (gitignored /tmp/ folder) so `playwright` resolves to our node_modules.
  const dir = path.join(ROOT, 'tmp', `export-run-${process.pid}`);
  let demo: DemoServer;
  let engine: Engine;
  const flows = loadTestFlows();

  beforeAll(async () => {
    expect(existsSync(path.join(ROOT, 'dist/extract/crawlwright-extract.mjs')), 'dist/extract/crawlwright-extract.mjs is missing: run npm run build').toBe(true);
    mkdirSync(dir, { recursive: true });
    demo = await startDemoServer();
    engine = new Engine({ artifactsDir: path.join(dir, 'runs'), builtinVars: { demo_url: demo.url }, emit: () => undefined, browserPath: BROWSER });
  });
  afterAll(async () => {
    await engine?.close();
    await demo?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('every export type-checks (// @ts-check with tsc --checkJs)', { timeout: 180_000 }, async () => {
    const files = await Promise.all(
      flows.map(async ({ key, flow }) => {
        const file = path.join(dir, `check-${key.replace(/\W+/g, '_')}.mjs`);
        const { text, companions } = renderExport(flow, 'playwright');
        await saveExport(file, text, companions);
        return file;
      }),
    );
    const tsc = path.join(ROOT, 'node_modules/typescript/bin/tsc');
    const args = ['--noEmit', '--allowJs', '--checkJs', '--module', 'nodenext', '--moduleResolution', 'nodenext', '--target', 'es2022', '--types', 'node', '--skipLibCheck'];
    const r = spawnSync(process.execPath, [tsc, ...args, ...files], { cwd: dir, encoding: 'utf8' });
    // With --checkJs, tsc also checks the extractor's emitted dist/*.js it imports; only the
    // exported scripts' own diagnostics are ours.
    const ours = (r.stdout + r.stderr).split('\n').filter((l) => l.startsWith('check-'));
    expect(ours).toEqual([]);
  });

  for (const { key, flow } of flows) {
    it(key, { timeout: 180_000 }, async () => {
      const plan = planExport(flow);
      const secrets = Object.fromEntries(plan.secrets.map((s) => [s, DEMO_PASSWORD]));
      for (const [k, v] of Object.entries(secrets)) process.env[k] = v;

      const summary = await engine.startRun(flow, { mode: 'all', breakpoints: false, grant: { javascript: true, secrets: plan.secrets, local: false } }).done;
      expect(summary.status).not.toBe('stopped');
      const runnerFailed = summary.status === 'failed';
      const expected: Collected[] = summary.results
        .filter((r) => r.items !== null)
        // Both report Crawl4AI's url (the requested one; the page's for a js_only step without one) and redirected_url (page.url).
        .map((r) => ({ step: r.stepName, iteration: r.iteration, url: r.url, redirected_url: r.redirected_url, items: r.items! }));

      if (key === 'export-flows/js-quotes') {
        // The runner put each value into its string literal intact (so equal items are not two empty lists).
        const { nasty, brace } = flow.variables!;
        expect(expected[0].items.map((i) => (i as { value: string }).value)).toEqual([nasty, nasty, nasty, `$${brace}`]);
      }
      const { text, fileName, companions } = renderExport(flow, 'playwright');
      const file = path.join(dir, key.replace(/\W+/g, '_') + '-' + fileName);
      await saveExport(file, text, companions);
      const env: Record<string, string> = { ...secrets, CRAWLWRIGHT_BROWSER: BROWSER, CRAWLWRIGHT_BROWSER_ARGS: ROOT_ARGS };
      for (const v of plan.variables) env[v.name] = v.name === 'demo_url' ? demo.url : (v.defaultValue ?? '');
      const run = await runNode(file, env);
      if (runnerFailed) {
        // A flow that fails in the runner must fail in the script too, after the same steps.
        expect(run.code, `runner: ${summary.error}`).not.toBe(0);
      } else {
        expect(run.stderr).toBe('');
        expect(run.code).toBe(0);
      }
      const printed = expected.length || run.stdout.trim() ? (JSON.parse(run.stdout) as Collected[]) : [];
      // The runner masks secret values in its results (the demo password equals the user name);
      // the exported script prints what the page shows. Compare like with like.
      const actual = new Masker(Object.values(secrets)).deep(printed);
      expect(actual).toEqual(expected);
    });
  }
});
