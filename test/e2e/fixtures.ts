// Shared e2e settings and helpers. Every spec opens the app through `appUrl` (it carries the
// token); the web server is started by playwright.config.ts with these fixed values.
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { expect, type Page } from '@playwright/test';

// CRAWLWRIGHT_E2E_PORT lets several engineers run e2e side by side without sharing one server.
export const APP_PORT = Number(process.env.CRAWLWRIGHT_E2E_PORT || 47810);
export const DEMO_PORT = APP_PORT + 1;
export const E2E_TOKEN = 'e2e-token';
export const BROWSER_PATH = process.env.CRAWLWRIGHT_BROWSER || '/usr/bin/chromium';
export const BROWSER_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
];

/** The app's URL including the token, e.g. for `page.goto(appUrl)`; `appUrl + '&x=1'` adds params. */
export const appUrl = `http://127.0.0.1:${APP_PORT}/?token=${E2E_TOKEN}`;
/** The built-in demo site served by the same process ({{demo_url}} in flows). */
export const demoUrl = `http://127.0.0.1:${DEMO_PORT}`;

/** Console errors and uncaught page errors, so a spec can assert the UI ran cleanly. */
export function collectPageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  return errors;
}

/**
 * Open the app and wait until the first flow (the demo flow on a fresh start) is listed. Earlier
 * tests' windows are gone, so their recovery copies would be offered: they are removed first.
 */
export async function openApp(page: Page): Promise<void> {
  clearRecoveryCopies();
  await page.goto(appUrl);
  await expect(page.getByTestId('step-row').first()).toBeVisible();
}

/** Call the contract over the app's own WebSocket from inside the page (as the UI would). */
export async function apiCall<T = unknown>(page: Page, channel: string, args: unknown = {}): Promise<T> {
  return page.evaluate(
    async ({ channel, args, token }) => {
      const ws = new WebSocket(`ws://${location.host}/ws?token=${encodeURIComponent(token)}`);
      await new Promise<void>((resolve, reject) => {
        ws.onopen = () => resolve();
        ws.onerror = () => reject(new Error('WebSocket failed'));
      });
      const reply = await new Promise<{ ok: boolean; result?: unknown; error?: { code: string; message: string } }>((resolve) => {
        // Events ({event, payload}) are broadcast on the same socket: wait for our reply.
        ws.onmessage = (m) => {
          const data = JSON.parse(String(m.data)) as { id?: unknown };
          if (data.id === 1) resolve(data as never);
        };
        ws.send(JSON.stringify({ id: 1, channel, args }));
      });
      ws.close();
      if (!reply.ok) throw new Error(`${channel}: ${reply.error?.code}: ${reply.error?.message}`);
      return reply.result;
    },
    { channel, args, token: E2E_TOKEN },
  ) as Promise<T>;
}

/** The web server's data dir for this run (recent.json, recovery/, runs/); set by the config. */
export const e2eDataDir = process.env.CRAWLWRIGHT_E2E_DATA_DIR ?? '';

/** Every window's recovery copy (recovery/<windowId>.json in the server's data dir). */
export const recoveryDir = join(e2eDataDir, 'recovery');
export function clearRecoveryCopies(): void {
  if (e2eDataDir) rmSync(recoveryDir, { recursive: true, force: true });
}

/** The recovery copies on disk now: window id -> the saved copy. */
export function recoveryCopies(): Record<string, { text: string; drafts?: Array<{ text: string }> }> {
  if (!existsSync(recoveryDir)) return {};
  const out: Record<string, { text: string; drafts?: Array<{ text: string }> }> = {};
  for (const name of readdirSync(recoveryDir)) {
    if (!name.endsWith('.json')) continue;
    try {
      out[name.slice(0, -'.json'.length)] = JSON.parse(readFileSync(join(recoveryDir, name), 'utf8')) as { text: string };
    } catch {
      /* being written */
    }
  }
  return out;
}
