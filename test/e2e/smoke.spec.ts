// Smoke test of the two-command setup: web mode serves the UI, the UI connects over the token-
// protected WebSocket and, on a fresh start, shows the built-in demo flow's steps.
import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { APP_PORT, appUrl, collectPageErrors, demoUrl, E2E_TOKEN, openApp } from './fixtures.js';

const demoFlow = JSON.parse(readFileSync(new URL('../../assets/demo-flows/demo.flow.json', import.meta.url), 'utf8')) as {
  steps: Array<{ name: string }>;
};

test('the app opens with the demo flow listed', async ({ page }) => {
  const errors = collectPageErrors(page);
  await openApp(page);
  const rows = page.getByTestId('step-row');
  await expect(rows).toHaveCount(demoFlow.steps.length);
  await expect(page.getByTestId('step-name')).toHaveText(demoFlow.steps.map((s) => s.name));
  expect(errors).toEqual([]);
});

test('the page is served with the strict CSP and the token cookie', async ({ page }) => {
  const res = await page.goto(appUrl);
  expect(res?.status()).toBe(200);
  const headers = res!.headers();
  expect(headers['content-security-policy']).toContain("script-src 'self'");
  expect(headers['content-security-policy']).toContain("frame-ancestors 'none'");
  const cookies = await page.context().cookies();
  expect(cookies.find((c) => c.name === `crawlwright_token_${APP_PORT}`)).toMatchObject({ httpOnly: true, sameSite: 'Strict' });
  // The cookie holds a per-port HMAC, not the token (other servers on 127.0.0.1 receive it too).
  expect(cookies.find((c) => c.name === `crawlwright_token_${APP_PORT}`)?.value).not.toContain(E2E_TOKEN);
});

test('the token leaves the address bar and is stored nowhere the page can read; a reload still connects', async ({ page }) => {
  const errors = collectPageErrors(page);
  await page.goto(appUrl);
  await expect(page.getByTestId('step-row').first()).toBeVisible();
  await expect.poll(() => page.url()).toBe(`http://127.0.0.1:${APP_PORT}/`);
  const stored = await page.evaluate(() => JSON.stringify([{ ...sessionStorage }, { ...localStorage }, document.cookie]));
  expect(stored).not.toContain(E2E_TOKEN);
  await page.reload();
  await expect(page.getByTestId('step-row').first()).toBeVisible();
  await expect(page.getByTestId('connection-lost')).toHaveCount(0);
  expect(errors).toEqual([]);
});

test('without the token the server answers 403', async ({ request }) => {
  const res = await request.get(`http://127.0.0.1:${APP_PORT}/`);
  expect(res.status()).toBe(403);
  expect(await res.text()).toContain('token');
});

test('another local page cannot drive the app, even knowing the token', async ({ page }) => {
  // The demo site is a different origin on 127.0.0.1, like any other local web page would be.
  await page.goto(`${demoUrl}/`);
  const outcome = await page.evaluate(
    ({ port, token }) =>
      new Promise<string>((resolve) => {
        const ws = new WebSocket(`ws://127.0.0.1:${port}/ws?token=${token}`);
        ws.onopen = () => resolve('open');
        ws.onerror = () => resolve('refused');
      }),
    { port: APP_PORT, token: E2E_TOKEN },
  );
  expect(outcome).toBe('refused');
});
