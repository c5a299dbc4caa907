// URL bar, history, viewport presets and "open headed" for a session's previewed page.
import { chromium, type Browser } from 'playwright-core';
import { ApiError } from '../../shared/api/define.js';
import { chromiumArgs, findBrowser } from '../engine/browser.js';
import { substitute } from '../../shared/flow/variables.js';
import type { PreviewService } from './service.js';

const NAV_TIMEOUT = 30_000;

/** "example.com" → "http://example.com"; keeps about:, data:, file: and explicit schemes. */
export function normalizeUrl(input: string): string {
  const t = input.trim();
  if (/^[a-z][a-z0-9+.-]*:/i.test(t) && !/^localhost:\d/i.test(t) && !/^[\w.-]+:\d+(\/|$)/.test(t)) return t;
  return 'http://' + t;
}

function navError(e: unknown, what: string): never {
  throw new ApiError('failed', `${what}: ${String((e as Error).message ?? e).split('\n')[0]}`);
}

/** URL bar: built-in variables like {{demo_url}} work (a step's url can be pasted); secrets are not resolved here. */
export async function navigate(s: PreviewService, sessionId: string, url: string, builtinVars: Record<string, string> = {}): Promise<{ url: string; status: number | null }> {
  const page = s.currentPage(sessionId);
  let expanded: string;
  try {
    expanded = substitute(url, { vars: builtinVars, secrets: {} });
  } catch (e) {
    throw new ApiError('bad_args', `URL bar: ${(e as Error).message}`);
  }
  const target = normalizeUrl(expanded);
  const res = await page.goto(target, { waitUntil: 'domcontentloaded', timeout: NAV_TIMEOUT }).catch((e) => navError(e, `navigating to ${target}`));
  return { url: page.url(), status: res ? res.status() : null };
}

export async function history(s: PreviewService, sessionId: string, action: 'back' | 'forward' | 'reload'): Promise<{ url: string }> {
  const page = s.currentPage(sessionId);
  const opts = { waitUntil: 'domcontentloaded' as const, timeout: NAV_TIMEOUT };
  if (action === 'back') await page.goBack(opts).catch((e) => navError(e, 'going back'));
  else if (action === 'forward') await page.goForward(opts).catch((e) => navError(e, 'going forward'));
  else await page.reload(opts).catch((e) => navError(e, 'reloading'));
  return { url: page.url() };
}

export async function setViewport(s: PreviewService, sessionId: string, width: number, height: number): Promise<void> {
  await s.currentPage(sessionId).setViewportSize({ width, height });
}

const headed = new Set<Browser>();

export function hasDisplay(env: NodeJS.ProcessEnv = process.env, platform = process.platform): boolean {
  return platform !== 'linux' || !!(env.DISPLAY || env.WAYLAND_DISPLAY);
}

/**
 * A running headless page cannot be turned headed, so this opens a NEW headed browser with a copy
 * of the session's storage state (cookies, localStorage) at the same URL. It is a snapshot: what
 * happens in that window does not flow back into the session.
 */
export async function openHeaded(s: PreviewService, sessionId: string, browserPath?: string): Promise<{ url: string; note: string }> {
  if (!hasDisplay()) {
    throw new ApiError('unsupported', 'No display is available (headless server): a headed window cannot be opened here. Use the live preview, or run Crawlwright on a desktop.');
  }
  const page = s.currentPage(sessionId);
  const state = await page.context().storageState();
  const exe = findBrowser(browserPath).executablePath ?? undefined;
  const browser = await chromium.launch({ headless: false, executablePath: exe, args: chromiumArgs() });
  headed.add(browser);
  browser.on('disconnected', () => headed.delete(browser));
  const ctx = await browser.newContext({ storageState: state, viewport: page.viewportSize() });
  const p = await ctx.newPage();
  await p.goto(page.url(), { waitUntil: 'domcontentloaded', timeout: NAV_TIMEOUT }).catch(() => undefined);
  return {
    url: page.url(),
    note: 'Opened a separate headed browser with a copy of the session cookies and localStorage. It is a snapshot: sessionStorage and in-page state are not copied and actions there do not affect the session.',
  };
}

export async function closeHeaded(): Promise<void> {
  for (const b of [...headed]) await b.close().catch(() => undefined);
}
