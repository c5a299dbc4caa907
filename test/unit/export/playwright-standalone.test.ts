// Bug 10 (#16): the Playwright export runs on its own. `crawlwright export --to playwright --out`
// writes the script and the extractor it imports into a folder outside the repository; the folder
// gets Playwright the way a user gets it (`npm install playwright`, here offline from tarballs packed
// from our node_modules: nothing comes from the network); the script then runs against the demo site
// with no CRAWLWRIGHT_BROWSER and no Playwright browser, finding the system Chromium as the app does
// (shared/browser/discovery.ts), and prints the items Crawlwright's runner gets.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startDemoServer, type DemoServer } from '../../../electron/demo/server.js';
import { DEMO_PASSWORD } from '../../../electron/demo/session.js';
import { Engine } from '../../../electron/engine/engine.js';
import { findBrowser } from '../../../electron/engine/browser.js';
import { Masker } from '../../../electron/engine/secrets.js';
import { parseFlowText } from '../../../shared/flow/validate.js';
import { ROOT } from './flows.js';
import { runChild } from './run-child.js';

const FLOW_FILE = path.join(ROOT, 'assets/demo-flows/demo.flow.json');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

/** The environment without anything that points at a browser or at our checkout. */
function cleanEnv(extra: Record<string, string>): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (v === undefined || /^(CRAWLWRIGHT_|NODE_PATH$|NODE_OPTIONS$|npm_)/.test(k)) continue;
    env[k] = v;
  }
  return { ...env, ...extra };
}

function sh(cmd: string, args: string[], cwd: string): string {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', env: cleanEnv({}) });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status}): ${r.stderr || r.stdout}`);
  return r.stdout;
}

describe('the Playwright export runs standalone (bug 10)', () => {
  let dir: string;
  let demo: DemoServer;
  let script: string;
  // Playwright's own browsers live here: an empty folder, so the script must fall back to the system's.
  let noBrowsers: string;

  beforeAll(async () => {
    expect(existsSync(path.join(ROOT, 'dist/extract/crawlwright-extract.mjs')), 'run `npm run build` first').toBe(true);
    dir = mkdtempSync(path.join(tmpdir(), 'crawlwright-standalone-'));
    expect(path.relative(ROOT, dir).startsWith('..')).toBe(true);
    noBrowsers = mkdtempSync(path.join(tmpdir(), 'crawlwright-no-browsers-'));
    demo = await startDemoServer();

    writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'my-crawl', private: true, type: 'module' }));
    // `npm install playwright`, offline: the same package, packed from our node_modules.
    sh(npm, ['pack', '--silent', path.join(ROOT, 'node_modules/playwright'), path.join(ROOT, 'node_modules/playwright-core')], dir);
    const tarballs = readdirSync(dir).filter((f) => f.endsWith('.tgz'));
    expect(tarballs).toHaveLength(2);
    sh(npm, ['install', '--offline', '--no-audit', '--no-fund', ...tarballs.map((t) => `./${t}`)], dir);
    expect(readdirSync(path.join(dir, 'node_modules')).filter((f) => !f.startsWith('.')).sort()).toEqual(['playwright', 'playwright-core']);

    script = path.join(dir, 'demo.mjs');
    const cli = spawnSync(process.execPath, [path.join(ROOT, 'bin/crawlwright.js'), 'export', FLOW_FILE, '--to', 'playwright', '--out', script], { encoding: 'utf8' });
    expect(cli.status, cli.stderr).toBe(0);
    expect(cli.stderr).toContain(`wrote ${path.join(dir, 'crawlwright-extract.mjs')}`);
  }, 180_000);

  afterAll(async () => {
    await demo?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
    if (noBrowsers) rmSync(noBrowsers, { recursive: true, force: true });
  });

  it('runs from a folder outside the repository with only playwright installed, finding the system browser, and prints the runner\'s items', { timeout: 240_000 }, async () => {
    const browser = findBrowser();
    // Without an explicit setting and without Playwright's browsers, the app itself takes a system browser.
    expect(browser.source === 'system' || browser.source === 'playwright').toBe(true);

    const run = await runChild(process.execPath, script, cleanEnv({ demo_url: demo.url, DEMO_PASSWORD, PLAYWRIGHT_BROWSERS_PATH: noBrowsers }), 120_000);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const printed = JSON.parse(run.stdout) as { step: string; iteration: number; items: unknown[] }[];

    const parsed = parseFlowText(readFileSync(FLOW_FILE, 'utf8'));
    if (!parsed.ok) throw new Error('demo flow invalid');
    const engine = new Engine({ artifactsDir: path.join(dir, 'runs'), builtinVars: { demo_url: demo.url }, emit: () => undefined });
    process.env['DEMO_PASSWORD'] = DEMO_PASSWORD;
    try {
      const summary = await engine.startRun(parsed.flow, { mode: 'all', breakpoints: false, grant: { javascript: true, secrets: ['DEMO_PASSWORD'], local: false } }).done;
      expect(['ok', 'warnings']).toContain(summary.status);
      const expected = summary.results.filter((r) => r.items !== null).map((r) => ({ step: r.stepName, iteration: r.iteration, items: r.items }));
      expect(expected.some((r) => (r.items?.length ?? 0) > 0)).toBe(true);
      const actual = new Masker([DEMO_PASSWORD]).deep(printed.map(({ step, iteration, items }) => ({ step, iteration, items })));
      expect(actual).toEqual(expected);
    } finally {
      await engine.close();
    }
  });

  it('says which browser setting is wrong: CRAWLWRIGHT_BROWSER naming a missing file', { timeout: 120_000 }, async () => {
    const missing = path.join(dir, 'no-such-chrome');
    const run = await runChild(process.execPath, script, cleanEnv({ demo_url: demo.url, DEMO_PASSWORD, CRAWLWRIGHT_BROWSER: missing }), 60_000);
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain(`CRAWLWRIGHT_BROWSER=${missing} does not exist`);
  });

  it('says the extractor file is missing instead of a bare module error', { timeout: 120_000 }, async () => {
    const extractor = path.join(dir, 'crawlwright-extract.mjs');
    renameSync(extractor, extractor + '.away');
    try {
      const run = await runChild(process.execPath, script, cleanEnv({ demo_url: demo.url, DEMO_PASSWORD }), 60_000);
      expect(run.code).toBe(1);
      expect(run.stderr).toContain('crawlwright-extract.mjs must be in the same folder as this script');
    } finally {
      renameSync(extractor + '.away', extractor);
    }
  });
});
