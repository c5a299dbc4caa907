// Browser discovery and launch flags. Playwright cannot download browsers on these machines (and
// end users may not have run `playwright install`), so we look for a Chromium in a fixed order and,
// when none is found, say exactly how to get one.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { BROWSER_INSTALL_HELP, CHROMIUM_ARGS, systemBrowserCandidates } from '../../shared/browser/discovery.js';

export type BrowserSource = 'setting' | 'env' | 'playwright' | 'system';

export interface BrowserDiscovery {
  found: boolean;
  executablePath: string | null;
  source: BrowserSource | null;
  /** How to get a browser when none was found (or why the explicit one is unusable). */
  help?: string;
}

const HELP =
  `No Chromium/Chrome found. ${BROWSER_INSTALL_HELP}, ` +
  'or point Crawlwright at an executable with the browser setting, `--browser PATH`, or the CRAWLWRIGHT_BROWSER environment variable.';

function systemCandidates(): string[] {
  return systemBrowserCandidates(process.platform, process.env, join);
}

function playwrightBrowser(): string | null {
  try {
    const p = chromium.executablePath();
    return p && existsSync(p) ? p : null;
  } catch {
    return null;
  }
}

/**
 * Order: explicit setting, env CRAWLWRIGHT_BROWSER, Playwright's installed Chromium, system
 * Chrome/Chromium. An explicit path that does not exist is reported (not silently skipped), so a
 * typo in the setting is visible.
 */
export function findBrowser(explicit?: string): BrowserDiscovery {
  if (explicit) {
    return existsSync(explicit)
      ? { found: true, executablePath: explicit, source: 'setting' }
      : { found: false, executablePath: null, source: null, help: `The browser set explicitly does not exist: ${explicit}. ${HELP}` };
  }
  const env = process.env.CRAWLWRIGHT_BROWSER;
  if (env) {
    return existsSync(env)
      ? { found: true, executablePath: env, source: 'env' }
      : { found: false, executablePath: null, source: null, help: `CRAWLWRIGHT_BROWSER=${env} does not exist. ${HELP}` };
  }
  const pw = playwrightBrowser();
  if (pw) return { found: true, executablePath: pw, source: 'playwright' };
  for (const c of systemCandidates()) if (existsSync(c)) return { found: true, executablePath: c, source: 'system' };
  return { found: false, executablePath: null, source: null, help: HELP };
}

/** Chromium flags: offline-friendly; `--no-sandbox` only when running as root (Chromium refuses otherwise). */
export function chromiumArgs(): string[] {
  // Crawl4AI launches with AutomationControlled disabled: navigator.webdriver is false there.
  const args = [...CHROMIUM_ARGS];
  if (process.getuid?.() === 0) args.unshift('--no-sandbox');
  return args;
}
