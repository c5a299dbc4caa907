// "Extract these items" and the pagination wizard's hints on real pages: from one picked element to
// the item selector, a first schema (named fields, unique in the item) and the page's next / load
// more control. Real Chromium, the demo site and the books site.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRig, type Rig } from './helpers.js';
import * as picker from '../../../electron/preview/picker.js';
import { locateItem } from '../../../electron/schema/page-ops.js';
import { JsonElement } from '../../../shared/selectors/relative.js';
import { suggestFields } from '../../../shared/selectors/suggest-fields.js';
import { extractJsonCss } from '../../../shared/extract/index.js';
import { startBooksSite, BOOKS, type BooksSite } from '../../fixtures/sites/books.js';

let rig: Rig;
let books: BooksSite;
beforeAll(async () => {
  rig = await startRig();
  books = await startBooksSite();
  await rig.page.context().addCookies([{ name: 'bh_session', value: 'ok', url: books.url }]);
});
afterAll(async () => {
  await rig?.close();
  await books?.close();
});

async function itemsAndFields(selector: string) {
  const items = (await picker.items(rig.preview, 's1', [selector]))!;
  expect(items).not.toBeNull();
  const loc = await locateItem(rig.page, { base: items.baseSelector, x: items.x, y: items.y });
  const fields = suggestFields(new JsonElement(loc.item!), loc.peers.map((p) => new JsonElement(p)));
  const out = extractJsonCss(await rig.page.content(), { name: 'x', baseSelector: items.baseSelector, fields });
  return { items, fields, out: out.items as Array<Record<string, unknown>> };
}

describe('extract these items', () => {
  it('books: a picked title → all books with title / sku / price', async () => {
    await rig.page.goto(books.url + '/catalogue');
    const { items, fields, out } = await itemsAndFields('ol.books > li:nth-child(2) > .book-title');
    expect(items.count).toBe(6);
    expect(fields.map((f) => f.name)).toEqual(['title', 'sku', 'price']);
    expect(out).toEqual(BOOKS.slice(0, 6).map((b) => ({ title: b.title, sku: b.sku, price: b.price })));
  });

  it('demo list: a picked item link gives title, its href and the price', async () => {
    await rig.page.goto(rig.demo.url + '/list');
    const { items, fields, out } = await itemsAndFields('ul#items > li:nth-child(1) span.title');
    expect(items.count).toBe(10);
    expect(fields.map((f) => [f.name, f.type, f.attribute])).toEqual([
      ['link', 'attribute', 'href'],
      ['title', 'text', undefined],
      ['price', 'text', undefined],
    ]);
    expect(out[0]).toMatchObject({ link: expect.stringMatching(/^\/items\/1$/) });
  });
});

describe('pagination hints', () => {
  const hints = () => picker.paginationHints(rig.preview, 's1');

  it('finds the next control on every demo style and the books site', async () => {
    await rig.page.goto(rig.demo.url + '/list');
    expect((await hints()).pager).toMatchObject({ kind: 'next', target: { selector: '#next' }, disabled: false });
    await rig.page.goto(rig.demo.url + '/pages?page=1');
    const pages = await hints();
    expect(pages.pager).toMatchObject({ kind: 'next', target: { selector: expect.stringMatching(/next/) } });
    expect(pages.pageLinks.some((h) => h.endsWith('page=2'))).toBe(true);
    await rig.page.goto(rig.demo.url + '/commits');
    expect((await hints()).pager).toMatchObject({ kind: 'next', target: { selector: '[data-testid="pagination-next-button"]' } });
    await rig.page.goto(rig.demo.url + '/load-more');
    expect((await hints()).pager).toMatchObject({ kind: 'load-more', target: { selector: '#load-more' } });
    await rig.page.goto(rig.demo.url + '/infinite');
    expect((await hints()).pager, JSON.stringify((await hints()).pager)).toBeNull();
    await rig.page.goto(books.url + '/catalogue');
    const b = await hints();
    expect(b.pager!.target.selector).toMatch(/pager-next/);
    expect(b.text).toContain('Page 1 / 4');
  });
});
