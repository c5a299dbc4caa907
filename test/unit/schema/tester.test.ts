// The schema tester against a real page (Chromium + the demo site): browser counts with
// css_selector semantics, field-selector generation from a point, scroll-to-item, and the full
// test run through the extraction pool (in-process here: vitest runs the .ts sources).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startDemoServer, type DemoServer } from '../../../electron/demo/server.js';
import { chromiumArgs, findBrowser } from '../../../electron/engine/browser.js';
import { browserCounts, locateItem, scrollToItem } from '../../../electron/schema/page-ops.js';
import { ExtractPool } from '../../../electron/schema/extract-pool.js';
import { testSchemaOnPage } from '../../../electron/schema/tester.js';
import { JsonElement, relativeSelector } from '../../../shared/selectors/relative.js';
import type { JsonCssSchema } from '../../../shared/extract/schema.js';
import { existsSync } from 'node:fs';

let demo: DemoServer;
let browser: Browser;
let page: Page;
const pool = new ExtractPool();
const hasExtractor = existsSync(new URL('../../../shared/extract/index.ts', import.meta.url));

beforeAll(async () => {
  demo = await startDemoServer();
  browser = await chromium.launch({ executablePath: findBrowser().executablePath ?? '/usr/bin/chromium', args: chromiumArgs() });
  page = await (await browser.newContext({ viewport: { width: 1200, height: 800 } })).newPage();
  await page.goto(`${demo.url}/products?n=12`);
}, 60_000);
afterAll(async () => {
  await pool.close();
  await browser?.close();
  await demo?.close();
});

const schema: JsonCssSchema = {
  name: 'Products',
  baseSelector: '.product',
  fields: [
    { name: 'name', type: 'text', selector: '.name' },
    { name: 'link', type: 'attribute', selector: '.details-link', attribute: 'href' },
    { name: 'brand', type: 'nested', selector: '.brand', fields: [{ name: 'name', type: 'text', selector: '.brand-name' }] },
    { name: 'features', type: 'list', selector: '.features li', fields: [{ name: 'text', type: 'text' }] },
  ],
};

describe('page-side operations', () => {
  it('counts base and field matches per item, with css_selector numbering like the captured HTML', async () => {
    const expected = await page.evaluate(() => ({
      base: document.querySelectorAll('.product').length,
      brand: Array.from(document.querySelectorAll('.product')).filter((p) => p.querySelector('.brand')).length,
    }));
    const c = await browserCounts(page, { base: '.product', fields: [{ path: 'fields[2]', chain: ['.brand'] }, { path: 'fields[2].fields[0]', chain: ['.brand', '.brand-name'] }] });
    expect(c.baseCount).toBe(12);
    expect(c.fields).toEqual([
      { path: 'fields[2]', items: expected.brand },
      { path: 'fields[2].fields[0]', items: expected.brand },
    ]);
    // Overlapping css_selector parts duplicate items in the captured HTML, so they count twice.
    const dup = await browserCounts(page, { base: '.product', cssSelector: '#products, .product-grid', fields: [] });
    expect(dup.baseCount).toBe(24);
    const bad = await browserCounts(page, { base: '.product[', fields: [] });
    expect(bad.error).toBeTruthy();
  });

  it('finds the item under a point and generates a unique relative selector (href for links)', async () => {
    const box = (await page.locator('.product').nth(2).locator('.details-link').boundingBox())!;
    const loc = await locateItem(page, { base: '.product', x: box.x + box.width / 2, y: box.y + box.height / 2 });
    expect(loc.itemIndex).toBe(2);
    expect(loc.tagName).toBe('A');
    const item = new JsonElement(loc.item!);
    const r = relativeSelector(item.at(loc.targetPath)!, item, { peers: loc.peers.map((p) => new JsonElement(p)) });
    expect(r.selector).toBe('.details-link');
    expect(r.unique).toBe(true);
    expect(r.suggestion).toEqual({ type: 'attribute', attribute: 'href' });
    // Outside every item.
    const h1 = (await page.locator('h1').boundingBox())!;
    expect((await locateItem(page, { base: '.product', x: h1.x + 2, y: h1.y + 2 })).itemIndex).toBe(-1);
  });

  it('scrolls an item into view', async () => {
    expect(await scrollToItem(page, { base: '.product', index: 11 })).toBe(true);
    const inView = await page.locator('.product').nth(11).evaluate((el) => {
      const r = el.getBoundingClientRect();
      return r.bottom > 0 && r.top < innerHeight;
    });
    expect(inView).toBe(true);
    expect(await scrollToItem(page, { base: '.product', index: 99 })).toBe(false);
  });
});

describe.skipIf(!hasExtractor)('testSchemaOnPage', () => {
  it('extracts the page, with coverage and agreeing counts', async () => {
    const r = await testSchemaOnPage({ page, schema, pool, lane: 't' });
    expect(r.error).toBeUndefined();
    expect(r.ok).toBe(true);
    expect(r.items).toHaveLength(12);
    expect(JSON.parse(r.extracted_content!)).toEqual(r.items);
    expect(r.diagnostics?.baseCount).toBe(12);
    expect(r.mismatches).toEqual([]);
    const names = await page.locator('.product .name').allTextContents();
    expect((r.items as { name: string }[]).map((i) => i.name)).toEqual(names.map((n) => n.trim()));
    const link = r.diagnostics!.fields.find((f) => f.path === 'fields[1]')!;
    expect(link).toMatchObject({ value: 12, default: 0, missing: 0, browserItems: 12 });
  });

  it('reports "browser sees N, Crawl4AI sees M" with a reason', async () => {
    // <template> content is inert in the browser, but lxml (Crawl4AI) parses it as markup.
    await page.evaluate(() => document.querySelector('#products')!.insertAdjacentHTML('beforeend', '<template><div class="product"><h2 class="name">Hidden</h2></div></template>'));
    const r = await testSchemaOnPage({ page, schema, pool, lane: 't' });
    expect(r.mismatches).toEqual([expect.objectContaining({ path: 'baseSelector', selector: '.product', browserCount: 12, crawl4aiCount: 13 })]);
    expect(r.mismatches[0].reason.length).toBeGreaterThan(10);
    expect(r.items).toHaveLength(13);
    await page.evaluate(() => document.querySelector('#products template')!.remove());
  });

  it('passes the extractor lint through (Crawl4AI traps in the schema)', async () => {
    const r = await testSchemaOnPage({
      page,
      schema: { baseSelector: '.product', fields: [{ name: 'cls', type: 'attribute', attribute: 'class', transform: 'lowercase', default: 'x' }] },
      pool,
      lane: 't',
    });
    expect(r.ok).toBe(true);
    expect(r.diagnostics!.lint.some((l) => l.path.startsWith('fields[0]'))).toBe(true);
  });

  it('returns path-named issues for an invalid schema without extracting', async () => {
    const r = await testSchemaOnPage({ page, schema: { baseSelector: '.product', fields: [{ name: 'a', type: 'text', selecter: '.x' }] }, pool, lane: 't' });
    expect(r.ok).toBe(false);
    expect(r.issues[0].path).toBe('fields[0].selecter');
  });
});
