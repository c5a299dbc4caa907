// End-to-end tests: the real UI in web mode (`node dist/electron/web.js`), driven in real Chromium.
// Playwright cannot download browsers here, so the system Chromium is used (CRAWLWRIGHT_BROWSER
// overrides). Fixed ports keep the URLs predictable; run `npm run build` first (npm test does).
import { defineConfig } from '@playwright/test';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { APP_PORT, BROWSER_ARGS, BROWSER_PATH, DEMO_PORT, E2E_TOKEN } from './fixtures.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

export default defineConfig({
  testDir: '.',
  testMatch: '*.spec.ts',
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
      // A throwaway data dir: no recent files or recovery copy from the developer's own use.
      CRAWLWRIGHT_DATA_DIR: resolve(root, 'test-results', 'e2e-data'),
    },
  },
});
