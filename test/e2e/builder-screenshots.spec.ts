// Screenshots of the main builder screens for the README. They are written to test-results/ on every
// run (so the screens are exercised by `npm test`) and to assets/screenshots/ when
// CRAWLWRIGHT_SCREENSHOTS=1 (npm run screenshots).
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test, type Page } from '@playwright/test';
import { openApp } from './fixtures.js';
import { call, waitForRunEnd } from './builder-helpers.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const outDir = process.env.CRAWLWRIGHT_SCREENSHOTS ? resolve(root, 'assets', 'screenshots') : resolve(root, 'test-results', 'screenshots');

test.use({ viewport: { width: 1600, height: 1000 } });

async function shoot(page: Page, name: string) {
  mkdirSync(outDir, { recursive: true });
  // No hover effects in the picture; let Monaco and the preview settle their last paint.
  await page.mouse.move(1, 500);
  await page.waitForTimeout(400);
  await page.screenshot({ path: resolve(outDir, `${name}.png`) });
}

test.beforeEach(async ({ page }) => {
  await page.addInitScript(() => localStorage.setItem('crawlwright.layout.v1', JSON.stringify({ stepListWidth: 310, dockWidth: 520, editorHeight: 470, dockTab: 'results' })));
  await openApp(page);
  await call(page, 'recovery.clear');
});

test('main builder with results', async ({ page }) => {
  await page.getByTestId('run-all').click();
  expect(await waitForRunEnd(page)).toBe('ok');
  await page.getByTestId('step-row').nth(2).click();
  await expect(page.getByTestId('results-table')).toBeVisible();
  await shoot(page, 'builder-main');
});

test('step editor with Monaco', async ({ page }) => {
  await page.addInitScript(() => localStorage.setItem('crawlwright.layout.v1', JSON.stringify({ stepListWidth: 310, dockWidth: 480, editorHeight: 900, dockTab: 'results' })));
  await page.reload();
  const rows = page.getByTestId('step-row');
  await rows.last().click();
  await expect(page.getByTestId('editor-js_code_before_wait-0')).toHaveAttribute('data-ready', 'true');
  await page.getByTestId('group-interaction').scrollIntoViewIfNeeded();
  await page.getByTestId('group-navigation').locator('summary').click(); // collapse: show the code
  await expect(page.getByTestId('editor-wait_for')).toHaveAttribute('data-ready', 'true');
  await shoot(page, 'builder-step-editor');
});

test('invalid file view', async ({ page }) => {
  const dir = resolve(root, 'test-results', 'builder-files');
  mkdirSync(dir, { recursive: true });
  const path = resolve(dir, 'mistakes.flow.json');
  writeFileSync(
    path,
    JSON.stringify(
      {
        format: 'crawlwright.flow',
        version: 1,
        name: 'Three mistakes',
        steps: [
          { id: 'open', name: 'Open', config: { url: 'http://127.0.0.1/list', session_id: 'main', 'wait-for': 'css:#items' } },
          { id: 'next', name: 'Next page', config: { session_id: 'main', js_only: 'yes', js_code_before_wait: "document.querySelector('#next').click()" } },
          { id: 'extract', name: 'Extract', config: { session_id: 'main', page_timeout: '30s' } },
        ],
      },
      null,
      2,
    ),
  );
  await page.getByTestId('file-open').click();
  await page.getByTestId('file-dialog-dir').fill(dir);
  await page.getByTestId('file-dialog-dir').press('Enter');
  await expect(page.getByTestId('file-entry').filter({ hasText: 'mistakes.flow.json' })).toBeVisible();
  await page.getByTestId('file-dialog-name').fill('mistakes.flow.json');
  await page.getByTestId('file-dialog-ok').click();
  await expect(page.getByTestId('invalid-error')).toHaveCount(3);
  await expect(page.getByTestId('invalid-json')).toHaveAttribute('data-ready', 'true');
  await shoot(page, 'builder-invalid-file');
});
