// Schema builder e2e on the demo product grid: build a schema with nested and list fields by
// clicking in the live preview, check count and values against the page itself, save two
// snapshots, accept them, change the base selector and see which snapshot regressed.
import { expect, test, type Page } from '@playwright/test';
import * as cheerio from 'cheerio';
import { apiCall, collectPageErrors, demoUrl, openApp } from './fixtures.js';

// Our own session id: other specs drive the demo flow's "demo" session on the same server.
const SESSION = 'schema-e2e';
const N = 24;
const VIEWPORT = { width: 900, height: 900 };

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}


/** Page CSS px → a click on the preview canvas (the canvas shows the whole viewport, scaled). */
async function clickInPreview(page: Page, x: number, y: number): Promise<void> {
  const canvas = page.getByTestId('preview-canvas');
  // The panels around the preview can still be settling (a notice appears, a scrollbar comes and
  // goes), which resizes the canvas: wait until its box is stable before mapping coordinates.
  let r = (await canvas.boundingBox())!;
  for (let i = 0; i < 20; i++) {
    await page.waitForTimeout(100);
    const next = (await canvas.boundingBox())!;
    if (JSON.stringify(next) === JSON.stringify(r)) break;
    r = next;
  }
  const px = r.x + (x / VIEWPORT.width) * r.width;
  const py = r.y + (y / VIEWPORT.height) * r.height;
  await page.mouse.move(px, py);
  await page.waitForTimeout(150); // let the picker's hover hit-test settle
  await page.mouse.click(px, py);
}

async function boxOf(page: Page, selector: string, index = 0): Promise<Box> {
  const m = await apiCall<{ count: number; boxes: Box[] }>(page, 'picker.match', { sessionId: SESSION, selector });
  expect(m.count, `no match for ${selector} in the session page`).toBeGreaterThan(index);
  const b = m.boxes[index];
  expect(b.y + b.height / 2, `${selector} is below the fold`).toBeLessThan(VIEWPORT.height);
  return b;
}

async function pickAt(page: Page, button: string, selector: string, where: 'centre' | 'corner' = 'centre'): Promise<void> {
  await page.getByTestId(button).click();
  await expect(page.getByText(/Pick an element for/)).toBeVisible();
  const b = await boxOf(page, selector);
  await clickInPreview(page, where === 'centre' ? b.x + b.width / 2 : b.x + 5, where === 'centre' ? b.y + b.height / 2 : b.y + 5);
}

async function extracted(page: Page): Promise<Record<string, unknown>[]> {
  await page.getByTestId('schema-tab-json').click();
  const text = await page.getByTestId('extracted-json').textContent();
  return JSON.parse(text!) as Record<string, unknown>[];
}

test('build a schema by clicking, check values, and catch a regression across snapshots', async ({ page, request }) => {
  test.setTimeout(120_000);
  const errors = collectPageErrors(page);
  await openApp(page);
  // Fresh state: no leftover session or snapshots from an earlier run (the demo flow is unsaved,
  // so its snapshots live under the data dir, keyed by the flow name).
  const flow = { flowPath: null, flowName: 'Demo: log in, paginate, extract' };
  for (const s of (await apiCall<{ snapshots: { id: string }[] }>(page, 'snapshot.list', { flow })).snapshots) await apiCall(page, 'snapshot.delete', { flow, id: s.id });
  await apiCall(page, 'session.kill', { id: SESSION }).catch(() => undefined);
  await apiCall(page, 'session.create', { id: SESSION, url: `${demoUrl}/products?n=${N}` });

  // The first demo step has no extraction yet; point it at our session.
  await page.getByTestId('step-row').first().click();
  await page.getByTestId('opt-session_id').fill(SESSION);
  await expect(page.getByTestId('session-state')).toContainText('live');
  await page.getByTestId('inspector-tab-schema').click();
  await page.getByTestId('schema-create').click();
  const builder = page.getByTestId('schema-builder');
  await expect(builder).toBeVisible();
  await expect(page.getByTestId('preview-canvas')).toBeVisible();
  // A page viewport that shows the first product card fully (the preview fits it to the pane).
  await apiCall(page, 'preview.setViewport', { sessionId: SESSION, ...VIEWPORT });

  // Items: pick one card (its padding, so the card itself is hit), then generalise.
  await pickAt(page, 'pick-base', '.product', 'corner');
  await expect(page.getByTestId('base-selector')).not.toHaveValue('');
  await page.getByTestId('select-similar').click();
  await expect(page.getByTestId('base-count')).toHaveText(String(N));

  // Fields by clicking inside the first item: text, link (href suggested), nested, list.
  await pickAt(page, 'pick-field', '.product .name');
  await expect(page.getByTestId('schema-field-row')).toHaveCount(1);
  await pickAt(page, 'pick-field', '.product .details-link');
  await expect(page.getByTestId('schema-field-row').nth(1)).toContainText('attribute');
  await expect(page.getByTestId('field-attribute')).toHaveValue('href');

  await page.getByTestId('schema-base-row').click();
  await pickAt(page, 'pick-nested', '.product .brand');
  await expect(page.getByTestId('schema-field-row').nth(2)).toContainText('nested');
  // With the nested field selected, picked fields go inside it (relative to the brand element).
  await page.getByTestId('schema-field-row').nth(2).click();
  await pickAt(page, 'pick-field', '.product .brand-name');
  await expect(page.locator('[data-field-path="fields[2].fields[0]"]')).toBeVisible();

  await page.getByTestId('schema-base-row').click();
  await pickAt(page, 'pick-list', '.product .features li');
  await expect(page.locator('[data-field-path="fields[3]"]')).toContainText('list');

  // Values agree with the page as served (parsed independently here).
  const $ = cheerio.load(await (await request.get(`${demoUrl}/products?n=${N}`)).text());
  const cards = $('.product').toArray();
  // Field names come from the picked elements' classes.
  const keys = await page.getByTestId('schema-field-row').locator('.f-name').allTextContents();
  expect(keys).toEqual(['name', 'details_link', 'brand', 'brand_name', 'features', 'text']);
  // The tester re-runs after each edit (debounced): wait for the run that includes every field.
  let items: Record<string, unknown>[] = [];
  await expect(async () => {
    items = await extracted(page);
    expect(items).toHaveLength(N);
    expect(Object.keys(items[0])).toEqual(['name', 'details_link', 'brand', 'features']);
  }).toPass({ timeout: 20_000 });
  cards.forEach((card, i) => {
    const c = $(card);
    const it = items[i] as { name: string; details_link: string; brand: Record<string, string>; features: { text: string }[] };
    expect(it.name, `item ${i} name`).toBe(c.find('.name').text().trim());
    expect(it.details_link, `item ${i} link`).toBe(c.find('.details-link').attr('href'));
    const brand = c.find('.brand-name').text().trim();
    expect(it.brand, `item ${i} brand`).toEqual(brand ? { brand_name: brand } : {});
    const feats = c.find('.features li').toArray().map((li) => $(li).text().trim());
    expect(it.features.map((f) => f.text), `item ${i} features`).toEqual(feats);
  });

  // Table: one row per item (virtualised: the first rows are rendered), click scrolls the page.
  await page.getByTestId('schema-tab-table').click();
  await expect(page.getByTestId('result-row').first()).toContainText($(cards[0]).find('.name').text().trim());
  // Clicking row 12 scrolls the session page so that item 12 is in view.
  await page.locator('[data-testid="result-row"][aria-rowindex="12"]').click();
  await expect(async () => {
    const m = await apiCall<{ boxes: Box[] }>(page, 'picker.match', { sessionId: SESSION, selector: '.product' });
    const b = m.boxes[11];
    expect(b.y + b.height).toBeGreaterThan(0);
    expect(b.y).toBeLessThan(VIEWPORT.height);
  }).toPass({ timeout: 10_000 });

  // Snapshots: the grid, and a product detail page (same card markup, different page).
  await page.getByTestId('schema-builder').getByTestId('base-selector').fill('.product');
  await expect(page.getByTestId('base-count')).toHaveText(String(N));
  await page.getByTestId('schema-tab-snapshots').click();
  await page.getByTestId('snapshot-name').fill('grid');
  await page.getByTestId('snapshot-save').click();
  await expect(page.getByTestId('snapshot-row')).toHaveCount(1);
  await apiCall(page, 'preview.navigate', { sessionId: SESSION, url: `${demoUrl}/products/3` });
  await page.getByTestId('snapshot-name').fill('detail');
  await page.getByTestId('snapshot-save').click();
  await expect(page.getByTestId('snapshot-row')).toHaveCount(2);
  for (const row of await page.getByTestId('snapshot-row').all()) await row.getByTestId('snapshot-accept').click();
  await page.getByTestId('snapshot-run-all').click();
  await expect(page.getByTestId('regression-summary')).toHaveText('All accepted snapshots unchanged');

  // A selector that only fits the grid: the detail snapshot regresses, the grid does not.
  await page.getByTestId('base-selector').fill('#products .product');
  await page.getByTestId('snapshot-run-all').click();
  await expect(page.getByTestId('regression-summary')).toHaveText('1 snapshot regressed');
  await expect(page.locator('[data-testid="snapshot-row"][data-snapshot="detail"]')).toHaveAttribute('data-regressed', 'true');
  await expect(page.locator('[data-testid="snapshot-row"][data-snapshot="grid"]')).toHaveAttribute('data-regressed', 'false');
  await expect(page.locator('[data-snapshot="detail"]').getByTestId('snapshot-diff')).toContainText('1 → 0 items');

  await apiCall(page, 'session.kill', { id: SESSION });
  expect(errors.filter((e) => !/favicon/.test(e))).toEqual([]);
});

/** Replace the JSON editor's text by pasting (typing would trigger Monaco's bracket auto-closing). */
async function pasteJson(page: Page, text: string): Promise<void> {
  await page.evaluate((t) => navigator.clipboard.writeText(t), text);
  await page.getByTestId('schema-json-editor').locator('.view-lines').click();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.press('ControlOrMeta+v');
}

test('JSON view and tree stay in sync; invalid JSON never reaches the tree; import; 2,000 items', async ({ page, context }) => {
  test.setTimeout(120_000);
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const errors = collectPageErrors(page);
  await openApp(page);
  await apiCall(page, 'session.kill', { id: SESSION }).catch(() => undefined);
  await apiCall(page, 'session.create', { id: SESSION, url: `${demoUrl}/products?n=2000` });
  await page.getByTestId('step-row').first().click();
  await page.getByTestId('opt-session_id').fill(SESSION);
  await page.getByTestId('inspector-tab-schema').click();
  await page.getByTestId('schema-create').click();

  // Import the flow-strategy form of a schema.
  await page.getByTestId('schema-import').click();
  await page.getByTestId('schema-import-text').fill(
    JSON.stringify({ type: 'JsonCssExtractionStrategy', schema: { name: 'P', baseSelector: '.product', fields: [{ name: 'name', type: 'text', selector: '.name' }] } }),
  );
  await page.getByTestId('schema-import-apply').click();
  await expect(page.getByTestId('base-selector')).toHaveValue('.product');
  await expect(page.getByTestId('schema-field-row')).toHaveCount(1);

  // 2,000 items: all extracted, only a window of rows rendered.
  await expect(page.getByTestId('schema-status')).toContainText('2000 items', { timeout: 60_000 });
  expect(await page.getByTestId('result-row').count()).toBeLessThan(100);

  // JSON view: broken text shows an error and leaves the tree alone…
  await page.getByTestId('schema-view-json').click();
  const editor = page.getByTestId('schema-json-editor');
  await expect(editor.locator('.monaco-editor')).toBeVisible();
  await pasteJson(page, '{ "baseSelector": ".product", "fields": [ ');
  await expect(page.getByTestId('schema-json-error')).toContainText('JSON syntax error');
  // …a schema error is path-named…
  await pasteJson(page, '{"baseSelector": ".product", "fields": [{"name": "n", "type": "text", "selecter": ".name"}]}');
  await expect(page.getByTestId('schema-json-error')).toContainText('fields[0].selecter');
  await page.getByRole('tab', { name: 'Tree' }).click();
  await expect(page.locator('[data-field-path="fields[0]"]')).toContainText('name');
  // …and valid text updates the tree.
  await page.getByTestId('schema-view-json').click();
  await pasteJson(
    page,
    '{"baseSelector": "div.product", "fields": [{"name": "price", "type": "text", "selector": ".price", "default": "n/a"}, {"name": "cls", "type": "attribute", "attribute": "class", "transform": "lowercase"}]}',
  );
  await expect(page.getByTestId('schema-json-error')).toHaveCount(0);
  await page.getByRole('tab', { name: 'Tree' }).click();
  await expect(page.getByTestId('base-selector')).toHaveValue('div.product');
  await expect(page.locator('[data-field-path="fields[0]"]')).toContainText('price');
  // Lint marks the Crawl4AI trap at once: a transform on `class` (a list) always yields the default.
  await expect(page.locator('[data-field-path="fields[1]"]').getByTestId('field-lint')).toBeVisible();
  await expect(page.locator('[data-field-path="fields[0]"]').getByTestId('field-lint')).toHaveCount(0);

  // Diagnostics: coverage of the price field (some products have no price → the default).
  await page.getByTestId('schema-tab-diagnostics').click();
  await expect(page.getByTestId('diag-base-count')).toHaveText('2000', { timeout: 60_000 });
  const row = page.locator('[data-testid="coverage-row"][data-field-path="fields[0]"]');
  await expect(row).toContainText('price');
  await expect(async () => {
    const cells = (await row.locator('td').allTextContents()).map(Number);
    expect(cells[1] + cells[2] + cells[3]).toBe(2000);
    expect(cells[2], 'products without a price get the default').toBeGreaterThan(0);
    expect(cells[1], 'products with a price').toBeGreaterThan(0);
  }).toPass({ timeout: 30_000 });

  await apiCall(page, 'session.kill', { id: SESSION });
  expect(errors.filter((e) => !/favicon/.test(e))).toEqual([]);
});
