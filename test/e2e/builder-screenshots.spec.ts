// The workbench at the three window sizes a desktop user has (1280×720, 1440×900, 1920×1080):
// fresh default layout, the demo flow run, a picked element. Each size checks what a user needs
// (the preview is the largest pane; the picker's actions are inside the window) and takes a
// screenshot. They are written to test-results/screenshots/ on every run; with CRAWLWRIGHT_SCREENSHOTS=1
// (npm run screenshots) the published ones (PUBLISHED: README.md, docs/builder.md) go to assets/screenshots/.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test, type Page } from '@playwright/test';
import { openApp } from './fixtures.js';
import { call, waitForRunEnd } from './builder-helpers.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
/** The pictures README.md and docs/builder.md show; the rest stay in test-results/ to look at. */
const PUBLISHED = /^(builder-|workbench-picked-)/;

async function shoot(page: Page, name: string) {
  const outDir = process.env.CRAWLWRIGHT_SCREENSHOTS && PUBLISHED.test(name) ? resolve(root, 'assets', 'screenshots') : resolve(root, 'test-results', 'screenshots');
  mkdirSync(outDir, { recursive: true });
  // No hover effects in the picture; let Monaco and the preview settle their last paint.
  await page.mouse.move(1, 500);
  await page.waitForTimeout(400);
  await page.screenshot({ path: resolve(outDir, `${name}.png`) });
}

async function width(page: Page, selector: string): Promise<number> {
  return (await page.locator(selector).boundingBox())!.width;
}

/** The box must lie inside the window (nothing the user needs below the fold). */
async function expectInWindow(page: Page, testId: string) {
  const vp = page.viewportSize()!;
  const items = page.getByTestId(testId);
  for (const b of await items.all()) {
    const box = (await b.boundingBox())!;
    expect(box.y + box.height, `${testId} ends inside the window`).toBeLessThanOrEqual(vp.height);
    expect(box.x + box.width, `${testId} ends inside the window`).toBeLessThanOrEqual(vp.width);
  }
}

for (const size of [
  { width: 1280, height: 720 },
  { width: 1440, height: 900 },
  { width: 1920, height: 1080 },
]) {
  const tag = `${size.width}x${size.height}`;
  test.describe(tag, () => {
    test.use({ viewport: size });
    test.beforeEach(async ({ page }) => {
      await page.addInitScript(() => {
        // The first-start layout (each size gets its own defaults).
        if (!sessionStorage.getItem('layout-reset')) {
          localStorage.removeItem('crawlwright.layout.v2');
          sessionStorage.setItem('layout-reset', '1');
        }
      });
      await openApp(page);
    });

    test(`workbench after a run, and a picked element (${tag})`, async ({ page }) => {
      await page.getByTestId('run-all').click();
      expect(await waitForRunEnd(page)).toBe('ok');
      await page.getByTestId('step-row').nth(2).click();
      await expect(page.getByTestId('results-table')).toBeVisible();
      await expect(page.getByTestId('preview-canvas')).toHaveAttribute('data-frames', /\d+/);

      // Preview-first: the preview column is at least 60% of everything right of the step list.
      const preview = await width(page, '.pane-centre');
      const inspector = await width(page, '.pane-inspector');
      expect(preview / (preview + inspector), `preview ${preview}px vs inspector ${inspector}px`).toBeGreaterThanOrEqual(0.6);
      // The page is fitted to the pane, not a thumbnail: it uses the pane's width or height.
      const stage = (await page.getByTestId('preview-stage').boundingBox())!;
      const body = (await page.locator('.preview-body').boundingBox())!;
      expect(Math.max(stage.width / body.width, stage.height / body.height)).toBeGreaterThan(0.9);
      await shoot(page, `workbench-${tag}`);

      // Pick a member's name: the strip with its actions is inside the window.
      await page.getByTestId('pick-toggle').click();
      const m = await call<{ boxes: Array<{ x: number; y: number; width: number; height: number }> }>(page, 'picker.match', { sessionId: 'demo', selector: '#members li.member .name' });
      const b = m.boxes[1];
      const pt = await page.getByTestId('preview-canvas').evaluate((c: HTMLCanvasElement, p) => {
        const r = c.getBoundingClientRect();
        return { x: r.left + (p.x / Number(c.dataset.viewportWidth)) * r.width, y: r.top + (p.y / Number(c.dataset.viewportHeight)) * r.height };
      }, { x: b.x + 4, y: b.y + b.height / 2 });
      await page.mouse.move(pt.x, pt.y);
      await page.mouse.click(pt.x, pt.y);
      await expect(page.getByTestId('picker-strip')).toBeVisible();
      await expect(page.getByRole('button', { name: 'Use as wait_for' })).toBeVisible();
      await expectInWindow(page, 'picker-strip');
      for (const name of ['Extract these items', 'Paginate…', 'Use as wait_for', 'Click it', 'Click step', 'Fill it…', 'Select similar']) {
        const btn = page.getByTestId('picker-strip').getByRole('button', { name, exact: true });
        const box = (await btn.boundingBox())!;
        expect(box.y + box.height, `${name} is inside the window`).toBeLessThanOrEqual(size.height);
      }
      await page.getByTestId('picker-candidate').first().click();
      await expect(page.getByTestId('preview-match')).toBeVisible();
      await shoot(page, `workbench-picked-${tag}`);
    });
  });
}

test.describe('README screens (1440×900)', () => {
  test.use({ viewport: { width: 1440, height: 900 } });
  test.beforeEach(async ({ page }) => {
    await page.addInitScript(() => localStorage.setItem('crawlwright.layout.v2', JSON.stringify({ stepListWidth: 250, inspectorWidth: 440, dockHeight: 300, inspectorTab: 'step', dockTab: 'results' })));
    await openApp(page);
  });

  test('main builder with results', async ({ page }) => {
    await page.getByTestId('run-all').click();
    expect(await waitForRunEnd(page)).toBe('ok');
    await page.getByTestId('step-row').nth(3).click();
    await expect(page.getByTestId('results-table')).toBeVisible();
    await page.getByTestId('iteration-tab').nth(1).click();
    await shoot(page, 'builder-main');
  });

  test('step editor with Monaco', async ({ page }) => {
    const rows = page.getByTestId('step-row');
    await rows.last().click();
    await expect(page.getByTestId('editor-js_code_before_wait-0')).toHaveAttribute('data-ready', 'true');
    await page.getByTestId('group-navigation').locator('summary').click(); // collapse: show the code
    await page.getByTestId('group-interaction').scrollIntoViewIfNeeded();
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
});
