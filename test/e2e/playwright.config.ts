// End-to-end tests: the real UI in web mode (`node dist/electron/web.js`), driven in real Chromium.
// Playwright cannot download browsers here, so the system Chromium is used (CRAWLWRIGHT_BROWSER
// overrides). Fixed ports keep the URLs predictable; run `npm run build` first (npm test does).
import { defineConfig } from '@playwright/test';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BOOKS_PASSWORD } from '../fixtures/sites/books.js';
import { APP_PORT, BROWSER_ARGS, BROWSER_PATH, DEMO_PORT, E2E_TOKEN } from './fixtures.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
// A fresh data dir (recent files, recovery copy, run artifacts) per test run, so no state leaks
// from earlier runs or from the developer's own use. Set once in the runner process; the workers
// inherit the variable and so agree on the path.
const dataDir = (process.env.CRAWLWRIGHT_E2E_DATA_DIR ??= mkdtempSync(join(tmpdir(), 'crawlwright-e2e-')));

export default defineConfig({
  testDir: '.',
  testMatch: '*.spec.ts',
  globalTeardown: './teardown.ts',
  workers: 1,
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: process.env.CI ? [['list']] : [['list'], ['html', { open: 'never', outputFolder: resolve(root, 'playwright-report') }]],
  outputDir: resolve(root, 'test-results'),
  use: {
    baseURL: `http://127.0.0.1:${APP_PORT}`,
    browserName: 'chromium',
    launchOptions: { executablePath: BROWSER_PATH, args: BROWSER_ARGS },
    viewport: { width: 1440, height: 900 },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  webServer: {
    command: `node dist/electron/web.js --port ${APP_PORT} --token ${E2E_TOKEN} --demo-port ${DEMO_PORT}`,
    cwd: root,
    url: `http://127.0.0.1:${APP_PORT}/?token=${E2E_TOKEN}`,
    reuseExistingServer: !process.env.CI,
    timeout: 60_000,
    stdout: 'pipe',
    stderr: 'pipe',
    env: {
      CRAWLWRIGHT_CHECK_RESULTS: '1',
      CRAWLWRIGHT_BROWSER: BROWSER_PATH,
      CRAWLWRIGHT_DATA_DIR: dataDir,
      // Recorded logins (recorder.spec.ts) run with {{secret:NAME}}; the unseen site's value comes from
      // here once the user grants the name in the trust prompt.
      CRAWLWRIGHT_SECRET_BOOKHOUSE_PASSWORD: BOOKS_PASSWORD,
    },
  },
});
