// Browser discovery order and launch flags.
import { afterEach, describe, expect, it } from 'vitest';
import { chromiumArgs, findBrowser } from '../../../electron/engine/browser.js';

const saved = process.env.CRAWLWRIGHT_BROWSER;
afterEach(() => {
  if (saved === undefined) delete process.env.CRAWLWRIGHT_BROWSER;
  else process.env.CRAWLWRIGHT_BROWSER = saved;
});

describe('findBrowser', () => {
  it('prefers the explicit setting, then CRAWLWRIGHT_BROWSER', () => {
    process.env.CRAWLWRIGHT_BROWSER = process.execPath;
    expect(findBrowser(process.execPath)).toEqual({ found: true, executablePath: process.execPath, source: 'setting' });
    expect(findBrowser()).toEqual({ found: true, executablePath: process.execPath, source: 'env' });
  });

  it('reports a missing explicit path or env path with help instead of skipping it', () => {
    const r = findBrowser('/nope/chrome');
    expect(r).toMatchObject({ found: false, executablePath: null, source: null });
    expect(r.help).toMatch(/\/nope\/chrome.*apt-get install -y chromium/);
    process.env.CRAWLWRIGHT_BROWSER = '/nope/env-chrome';
    expect(findBrowser().help).toMatch(/CRAWLWRIGHT_BROWSER=\/nope\/env-chrome/);
  });

  it('finds a Playwright or system browser on this machine', () => {
    delete process.env.CRAWLWRIGHT_BROWSER;
    const r = findBrowser();
    expect(r.found).toBe(true);
    expect(['playwright', 'system']).toContain(r.source);
  });
});

describe('chromiumArgs', () => {
  it('adds --no-sandbox only as root and always the offline flags', () => {
    const args = chromiumArgs();
    expect(args.includes('--no-sandbox')).toBe(process.getuid?.() === 0);
    for (const f of ['--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--no-first-run']) expect(args).toContain(f);
  });
});
