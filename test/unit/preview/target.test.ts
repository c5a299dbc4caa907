// Stored selectors on real pages (the demo site and the unseen "books" site), in real Chromium
// through the picker's isolated world: stable handles beat generic attributes, every stored
// selector is unique on the live page, alternates come from other families, and landmarks of a new
// page are ones the previous page did not have.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRig, type Rig } from './helpers.js';
import * as picker from '../../../electron/preview/picker.js';
import { startBooksSite, type BooksSite } from '../../fixtures/sites/books.js';

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

async function pickAt(selector: string, opts: { prefer?: 'unique' | 'repeated'; target?: boolean } = {}) {
  const loc = rig.page.locator(selector).first();
  await loc.scrollIntoViewIfNeeded();
  const b = (await loc.boundingBox())!;
  const el = await picker.hitTest(rig.preview, 's1', b.x + b.width / 2, b.y + b.height / 2, opts);
  expect(el, selector).not.toBeNull();
  return el!;
}

const countOf = (sel: string) => rig.page.evaluate((s) => document.querySelectorAll(s).length, sel);
const sameElement = (a: string, b: string) => rig.page.evaluate(([x, y]) => document.querySelector(x) === document.querySelector(y), [a, b]);

async function expectUniqueTarget(t: { selector: string; alternates?: string[] }, original: string) {
  for (const s of [t.selector, ...(t.alternates ?? [])]) {
    expect(await countOf(s), s).toBe(1);
    expect(await sameElement(s, original), `${s} selects ${original}`).toBe(true);
  }
}

describe('ranking on real pages', () => {
  it('books: the class .pager-next beats button[type="button"] (the issue\'s case)', async () => {
    await rig.page.goto(books.url + '/catalogue');
    const el = await pickAt('.pager-next', { target: true });
    const sels = el.candidates.filter((c) => c.css).map((c) => c.selector);
    expect(sels[0]).toMatch(/^(button)?\.pager-next$/);
    expect(el.selector).toBe(sels[0]);
    const generic = sels.indexOf('button[type="button"]');
    if (generic >= 0) expect(generic).toBeGreaterThan(sels.findIndex((s) => s.includes('pager-next')));
    expect(el.target!.selector).toMatch(/pager-next/);
    expect(el.target!.alternates!.length).toBeGreaterThanOrEqual(1);
    expect(el.target!.alternates!.every((a) => !a.includes('pager-next'))).toBe(true); // another family
    await expectUniqueTarget(el.target!, '.pager-next');
    expect(el.target!.text).toBe('Next ›'); // what a fallback must find again
  });

  it('demo login: ids first, then name attributes as alternates, all unique', async () => {
    await rig.page.goto(rig.demo.url + '/login');
    for (const [sel, name] of [['#username', 'username'], ['#password', 'password']]) {
      const el = await pickAt(sel, { target: true });
      expect(el.target!.selector).toBe(sel);
      expect(el.target!.alternates).toContain(`input[name="${name}"]`);
      await expectUniqueTarget(el.target!, sel);
      expect(el.target!.text).toBeUndefined(); // a field's text is no label (and may be what was typed)
    }
    const button = await pickAt('#login-button', { target: true });
    expect(button.target!.selector).toBe('#login-button');
    expect(button.candidates.findIndex((c) => c.selector === 'button[type="submit"]')).not.toBe(1);
  });

  it('demo list: a link inside a repeated item gets a unique primary and unique alternates', async () => {
    await rig.page.goto(rig.demo.url + '/list');
    const link = 'ul#items > li:nth-child(3) a.item-link';
    const t = (await picker.target(rig.preview, 's1', [link], {}))!;
    await expectUniqueTarget(t, link);
    expect(t.alternates!.length).toBeGreaterThanOrEqual(2);
    expect([t.selector, ...t.alternates!].some((s) => s.startsWith('a[href='))).toBe(true);
  });

  it('demo commits: the test id of the Next link is the primary', async () => {
    await rig.page.goto(rig.demo.url + '/commits');
    const el = await pickAt('a[data-testid="pagination-next-button"]', { target: true });
    expect(el.target!.selector).toBe('[data-testid="pagination-next-button"]');
    await expectUniqueTarget(el.target!, 'a[data-testid="pagination-next-button"]');
  });

  it('a user-chosen selector becomes the primary only when it is unique', async () => {
    await rig.page.goto(rig.demo.url + '/list');
    const t = await picker.target(rig.preview, 's1', ['#next'], { preferred: 'button.next-button' });
    expect(t!.selector).toBe('button.next-button');
    const t2 = await picker.target(rig.preview, 's1', ['#next'], { preferred: ':is(button, h1)' });
    expect(t2!.selector).toBe('#next');
    expect(await picker.target(rig.preview, 's1', ['li.item'], {})).toBeNull(); // 10 matches: cannot locate one element
  });

  it('check re-verifies stored selectors against the live page', async () => {
    await rig.page.goto(rig.demo.url + '/list');
    const checks = await picker.check(rig.preview, 's1', ['#next', 'button.next-button', 'li.item', 'h1['], {});
    expect(checks).toEqual([
      { selector: '#next', count: 1, same: true },
      { selector: 'button.next-button', count: 1, same: true },
      { selector: 'li.item', count: 10, same: false },
      { selector: 'h1[', count: -1, same: false },
    ]);
  });
});

describe('landmarks', () => {
  const world = async () => (await rig.preview.channel('s1')).world;

  it('the landmark of the next page is an element the previous page did not have', async () => {
    await rig.page.goto(rig.demo.url + '/list');
    const before = await (await world()).call<string[]>('landmarkKeys');
    expect(before).toContain('#title');
    await rig.page.goto(rig.demo.url + '/items/3');
    const sel = await (await world()).call<string | null>('landmark', before);
    expect(sel).toBe('#item-detail');
  });

  it('after the books login: the greeting page has no ids, so its classed heading is the landmark', async () => {
    await rig.page.goto(books.url + '/login');
    const before = await (await world()).call<string[]>('landmarkKeys');
    expect(before).toEqual(expect.arrayContaining(['#user', '#pass', '#login']));
    await rig.page.goto(books.url + '/shelf');
    const shelf = await (await world()).call<string[]>('landmarkKeys');
    expect(await (await world()).call<string | null>('landmark', before)).toBe('h2.greeting');
    await rig.page.goto(books.url + '/catalogue');
    expect(await (await world()).call<string | null>('landmark', shelf)).toBe('h2.catalogue-title');
    // Nothing new (the same page again): no landmark at all.
    const cat = await (await world()).call<string[]>('landmarkKeys');
    await rig.page.reload();
    expect(await (await world()).call<string | null>('landmark', cat)).toBeNull();
  });

  it('demo login → account: #welcome', async () => {
    await rig.page.goto(rig.demo.url + '/login');
    const before = await (await world()).call<string[]>('landmarkKeys');
    await rig.page.fill('#username', 'demo');
    await rig.page.fill('#password', 'demo');
    await Promise.all([rig.page.waitForURL(/\/account/), rig.page.click('#login-button')]);
    expect(await (await world()).call<string | null>('landmark', before)).toBe('#welcome');
  });
});
