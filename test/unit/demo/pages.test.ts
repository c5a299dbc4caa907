// Generated demo content: deterministic, right counts, optional parts really missing sometimes.
import { describe, expect, it } from 'vitest';
import * as cheerio from 'cheerio';
import { productsHtml, bigHtml, tableHtml, clampInt } from '../../../electron/demo/pages.js';
import { commit, product, COMMIT_PAGES } from '../../../electron/demo/data.js';

describe('productsHtml', () => {
  it('is deterministic and renders exactly n products', () => {
    const a = productsHtml(2000);
    expect(productsHtml(2000)).toBe(a);
    const $ = cheerio.load(a);
    expect($('div.product[data-id]').length).toBe(2000);
    expect($('#product-count').text()).toBe('2000');
    expect(cheerio.load(productsHtml(0))('div.product').length).toBe(0);
    expect(productsHtml(99999).match(/<div class="product /g)).toHaveLength(5000);
  });

  it('n=24 is a prefix of n=2000 (product i never depends on n)', () => {
    const small = cheerio.load(productsHtml(24));
    const big = cheerio.load(productsHtml(2000));
    expect(small('div.product').eq(23).toString()).toBe(big('div.product').eq(23).toString());
  });

  it('has nested fields, with some products missing optional parts', () => {
    const $ = cheerio.load(productsHtml(100));
    const p = $('div.product').first();
    expect(p.find('h2.name').text()).toBe(product(1).name);
    expect(p.find('img[src]').attr('src')).toBe('/img/product/1.svg');
    expect(p.find('a.details-link').attr('href')).toBe('/products/1');
    expect($('div.product .price').length).toBeGreaterThan(80);
    expect($('div.product .price').length).toBeLessThan(100); // every 11th has no price
    expect($('div.product .rating[data-stars]').length).toBeLessThan(100); // every 7th unrated
    expect($('div.product .brand .brand-name').length).toBeLessThan(100);
    expect($('div.product').filter((_, el) => $(el).find('.reviews .rev').length === 0).length).toBeGreaterThan(0);
    expect($('div.product ul.features > li').length).toBeGreaterThan(0);
    expect($('.reviews .rev .who').length).toBe($('.reviews .rev .stars').length);
    // generated-looking classes next to the stable one
    expect(p.attr('class')).toMatch(/^product css-[0-9a-z]+$/);
  });
});

describe('other generators', () => {
  it('commit titles are distinct across all pages', () => {
    const titles = Array.from({ length: COMMIT_PAGES * 10 }, (_, i) => commit(i + 1).title);
    expect(new Set(titles).size).toBe(titles.length);
  });

  it('bigHtml has about n elements', () => {
    const $ = cheerio.load(bigHtml(10000));
    const n = $('#big *').length;
    expect(n).toBeGreaterThan(9500);
    expect(n).toBeLessThan(10500);
  });

  it('table has 12 body rows with numbers', () => {
    const $ = cheerio.load(tableHtml());
    expect($('#sales-table tbody tr').length).toBe(12);
    expect($('#sales-table thead th').length).toBe(5);
    expect($('#sales-table tbody tr').first().find('td.revenue').text()).toMatch(/^\$[\d,]+$/);
  });

  it('clampInt falls back and clamps', () => {
    expect(clampInt(null, 5, 0, 10)).toBe(5);
    expect(clampInt('x', 5, 0, 10)).toBe(5);
    expect(clampInt('-3', 5, 0, 10)).toBe(0);
    expect(clampInt('1e9', 5, 0, 10)).toBe(10);
    expect(clampInt('2.7', 5, 0, 10)).toBe(2);
  });
});

describe('reference schemas match their pages', () => {
  it('every baseSelector matches the expected rows and every field selector is used', async () => {
    const s = await import('../../../electron/demo/schemas.js');
    const lists = await import('../../../electron/demo/pages-lists.js');
    const cases = [
      { schema: s.PRODUCTS_SCHEMA, html: productsHtml(24), rows: 24 },
      { schema: s.MEMBERS_SCHEMA, html: lists.membersHtml('demo'), rows: 10 },
      { schema: s.COMMITS_SCHEMA, html: lists.commitsHtml(2), rows: 10 },
      { schema: s.ITEMS_SCHEMA, html: lists.listHtml(), rows: 10 },
      { schema: s.TABLE_SCHEMA, html: tableHtml(), rows: 12 },
    ];
    for (const c of cases) {
      const $ = cheerio.load(c.html);
      const rows = $(c.schema.baseSelector);
      expect(rows.length, c.schema.name).toBe(c.rows);
      for (const f of c.schema.fields) {
        if (!f.selector) continue;
        expect(rows.find(f.selector).length, `${c.schema.name}.${f.name}`).toBeGreaterThan(0);
      }
    }
  });
});
