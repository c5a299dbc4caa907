// The pagination generator against every pagination style of the demo site and the unseen books
// site, through the real runner in real Chromium: every item exactly once, in page order, and a
// clean "ok" (no timeout, no max exhausted, no duplicates).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExtractionStrategy, Step } from '../../../shared/flow/schema.js';
import { generatePagination, pageNumbersFromLinks, parsePageIndicator, type PaginationInput } from '../../../shared/flow/pagination.js';
import { validateFlow } from '../../../shared/flow/validate.js';
import { items as demoItems, COMMIT_PAGES, INFINITE_MAX, LIST_PAGES, LOAD_MORE_MAX, PAGE_SIZE } from '../../../electron/demo/data.js';
import { commitsHtml } from '../../../electron/demo/pages-lists.js';
import { BOOKS, BOOKS_PAGES, startBooksSite, type BooksSite } from '../../fixtures/sites/books.js';
import { createHarness, flowOf, type Harness } from './helpers.js';

const schema = (base: string, id: string, title: string): ExtractionStrategy => ({
  type: 'JsonCssExtractionStrategy',
  schema: { name: 'Rows', baseSelector: base, baseFields: [{ name: 'id', type: 'attribute', attribute: id }], fields: [{ name: 'title', selector: title, type: 'text' }] },
});
const ITEMS = schema('ul#items > li.item', 'data-id', '.title');

let h: Harness;
let books: BooksSite;
beforeAll(async () => {
  h = await createHarness();
  books = await startBooksSite();
});
afterAll(async () => {
  await h?.close();
  await books?.close();
});

/** First step: open the page (extracting page 1 for per-page styles), then the generated steps. */
async function runStyle(sid: string, url: string, input: Omit<PaginationInput, 'sessionId'>, first: Partial<Step['config']> = {}, pre: Step[] = []) {
  const gen = generatePagination({ ...input, sessionId: sid });
  const perPage = input.kind === 'next' || input.kind === 'url';
  const flow = flowOf([
    ...pre,
    { id: 'open', config: { url, session_id: sid, wait_for: `css:${input.items}`, ...(perPage ? { extraction_strategy: input.extraction } : {}), ...first } },
    ...gen.steps.map((s, i) => ({ ...s, id: `gen${i}` })),
  ]);
  expect(validateFlow(flow).ok).toBe(true);
  const r = await h.run(flow);
  await h.engine.sessions.kill(sid);
  const ids = r.results.flatMap((x) => (x.items ?? []) as Array<{ id: string }>).map((i) => i.id);
  return { r, ids, gen };
}

const range = (n: number) => Array.from({ length: n }, (_, i) => String(i + 1));

describe('pagination generator on every demo style', () => {
  it('client-side Next (/list): 50 items in order, the loop stops at the disabled button', async () => {
    const { r, ids, gen } = await runStyle('pg-list', '{{demo_url}}/list', { kind: 'next', items: 'ul#items > li.item', button: { selector: '#next', alternates: ['button.next-button'] }, extraction: ITEMS, current: 1, last: LIST_PAGES });
    expect(gen.planned).toMatchObject({ iterations: LIST_PAGES - 1, max: LIST_PAGES + 1 });
    expect(r.status, JSON.stringify(r.health) + r.error).toBe('ok');
    expect(ids).toEqual(range(LIST_PAGES * PAGE_SIZE));
    expect(r.results.filter((x) => x.stepId === 'gen0')).toHaveLength(LIST_PAGES - 1);
  });

  it('reload pagination (/pages, a real rel=next link): 50 items, stops when the link is gone', async () => {
    const { r, ids } = await runStyle('pg-pages', '{{demo_url}}/pages?page=1', { kind: 'next', items: 'ul#items > li.item', button: { selector: 'a.next-link', alternates: ['a[rel="next"]'] }, extraction: ITEMS });
    expect(r.status, JSON.stringify(r.health) + r.error).toBe('ok');
    expect(ids).toEqual(range(LIST_PAGES * PAGE_SIZE));
  });

  it('?page=N (/pages): the same 50 items by URL, stops when no link points to the next page', async () => {
    const { r, ids, gen } = await runStyle('pg-url', '{{demo_url}}/pages?page=1', { kind: 'url', items: 'ul#items > li.item', extraction: ITEMS });
    expect(gen.planned.iterations).toBeNull();
    expect(r.status, JSON.stringify(r.health) + r.error).toBe('ok');
    expect(ids).toEqual(range(LIST_PAGES * PAGE_SIZE));
  });

  it('load more (/load-more): loads until the button is removed, then extracts 50 items once', async () => {
    const { r, ids, gen } = await runStyle('pg-more', '{{demo_url}}/load-more', { kind: 'load-more', items: 'ul#items > li.item', button: { selector: '#load-more' }, extraction: ITEMS });
    expect(gen.steps.map((s) => s.name)).toEqual(['Load more', 'Extract all items']);
    expect(r.status, JSON.stringify(r.health) + r.error).toBe('ok');
    expect(ids).toEqual(range(LOAD_MORE_MAX));
    expect(r.results.filter((x) => x.stepId === 'gen0')).toHaveLength(LOAD_MORE_MAX / PAGE_SIZE - 1);
  });

  it('infinite scroll (/infinite): scrolls until the end marker, then extracts 100 items once', async () => {
    const feed = schema('ul#feed > li.item', 'data-id', '.title');
    const { r, ids } = await runStyle('pg-feed', '{{demo_url}}/infinite', { kind: 'scroll', items: 'ul#feed > li.item', extraction: feed, endMarker: '#end-of-feed' });
    expect(r.status, JSON.stringify(r.health) + r.error).toBe('ok');
    expect(ids).toEqual(range(INFINITE_MAX));
  });

  it('infinite scroll without an end marker: the quiet period ends the loop, still ok', async () => {
    const feed = schema('ul#feed > li.item', 'data-id', '.title');
    const { r, ids } = await runStyle('pg-feed2', '{{demo_url}}/infinite', { kind: 'scroll', items: 'ul#feed > li.item', extraction: feed, quietMs: 1500 });
    expect(r.status, JSON.stringify(r.health) + r.error).toBe('ok');
    expect(ids).toEqual(range(INFINITE_MAX));
  });

  it('commits (GitHub-like: client-side links, a disabled button on the last page): 50 commits in order', async () => {
    const commits = schema('li[data-commit-sha]', 'data-commit-sha', 'h4.markdown-title a');
    const { r, ids } = await runStyle('pg-commits', '{{demo_url}}/commits', { kind: 'next', items: 'li[data-commit-sha]', button: { selector: '[data-testid="pagination-next-button"]' }, extraction: commits });
    expect(r.status, JSON.stringify(r.health) + r.error).toBe('ok');
    const expected = Array.from({ length: COMMIT_PAGES }, (_, p) => [...commitsHtml(p + 1).matchAll(/data-commit-sha="([^"]+)"/g)].map((m) => m[1])).flat();
    expect(ids).toEqual(expected);
  });

  it('books (list emptied and re-rendered 250 ms later, Next without id): 23 books in order, once each', async () => {
    const bookSchema: ExtractionStrategy = { type: 'JsonCssExtractionStrategy', schema: { name: 'Books', baseSelector: 'li.book', fields: [{ name: 'id', selector: '.sku', type: 'text' }] } };
    const login: Step = {
      id: 'login',
      name: 'login',
      config: { url: `${books.url}/login`, session_id: 'pg-books', wait_for: 'css:.greeting' },
      actions: [
        { type: 'fill', target: { selector: '#user' }, value: 'reader' },
        { type: 'fill', target: { selector: '#pass' }, value: 'open sesame' },
        { type: 'click', target: { selector: '#login' } },
      ],
    };
    const { r, ids } = await runStyle('pg-books', `${books.url}/catalogue`, { kind: 'next', items: 'li.book', button: { selector: '.pager-next' }, extraction: bookSchema, current: 1, last: BOOKS_PAGES }, {}, [login]);
    expect(r.status, JSON.stringify(r.health) + r.error).toBe('ok');
    expect(ids).toEqual(BOOKS.map((b) => b.sku));
  });

  void demoItems;
});

describe('page hints', () => {
  it('reads page indicators', () => {
    expect(parsePageIndicator('Page 1 of 5')).toEqual({ current: 1, last: 5 });
    expect(parsePageIndicator('Loading… Page 2 / 4')).toEqual({ current: 2, last: 4 });
    expect(parsePageIndicator('3 / 12')).toEqual({ current: 3, last: 12 });
    expect(parsePageIndicator('Top 10 items')).toBeNull();
    expect(parsePageIndicator('page 5 of 2')).toBeNull();
  });

  it('reads the last page number from pager links', () => {
    expect(pageNumbersFromLinks(['/pages?page=2', '/pages?page=5', '/other', 'https://x.invalid/?page=3'], 'http://h/pages?page=1')).toEqual({ current: 1, last: 5 });
    expect(pageNumbersFromLinks(['/a'], 'http://h/pages')).toEqual({ current: 1, last: null });
    // Previous / Next links only: the last page is unknown, not "the next one".
    expect(pageNumbersFromLinks(['/pages?page=1', '/pages?page=3'], 'http://h/pages?page=2')).toEqual({ current: 2, last: null });
    expect(pageNumbersFromLinks(['/pages?page=2'], 'http://h/pages')).toEqual({ current: 1, last: null });
  });

  it('refuses a button style without a button', () => {
    expect(() => generatePagination({ kind: 'next', items: 'li', sessionId: 's' })).toThrow(/needs the button/);
  });
});
