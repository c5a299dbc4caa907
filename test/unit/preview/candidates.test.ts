// Candidate ranking and select-similar on small pages in real Chromium (through the service).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRig, type Rig } from './helpers.js';
import * as picker from '../../../electron/preview/picker.js';

let rig: Rig;
beforeAll(async () => {
  rig = await startRig();
});
afterAll(async () => rig?.close());

async function pick(html: string, sel: string, opts: { relativeTo?: string; prefer?: 'unique' | 'repeated' } = {}) {
  await rig.page.setContent(html);
  const b = (await rig.page.locator(sel).first().boundingBox())!;
  const el = await picker.hitTest(rig.preview, 's1', b.x + 1, b.y + 1, opts);
  expect(el).not.toBeNull();
  return el!;
}

describe('ranking', () => {
  it('test ids beat ids, which beat classes and paths', async () => {
    const el = await pick('<div id="app"><button id="save-btn" class="btn primary" data-testid="save">Save</button></div>', 'button');
    expect(el.candidates[0]).toMatchObject({ selector: '[data-testid="save"]', kind: 'testid', count: 1, crawl4aiValid: true });
    expect(el.candidates[1]).toMatchObject({ selector: '#save-btn', kind: 'id' });
    const kinds = el.candidates.map((c) => c.kind);
    expect(kinds.indexOf('class')).toBeGreaterThan(kinds.indexOf('id'));
  });

  it('rejects generated ids and classes (styled-components, css modules, emotion, React useId)', async () => {
    const el = await pick(
      '<main><div id=":r3:" class="Box-sc-g0xbh4-0 css-1x2y3z Card_root__3kX9a card"><span id="x8f3a9b2c1">t</span></div></main>',
      'div.card',
    );
    const sels = el.candidates.map((c) => c.selector).join(' | ');
    expect(sels).not.toMatch(/sc-g0xbh4|css-1x2y3z|__3kX9a|:r3:|r3/);
    expect(el.candidates.some((c) => c.selector.includes('.card'))).toBe(true);
  });

  it('uses aria-label and name attributes before classes', async () => {
    const el = await pick('<form><input class="field" name="email" type="email"><button class="x" aria-label="Close dialog">×</button></form>', 'input');
    expect(el.candidates[0].selector).toBe('input[name="email"]');
    const b = await pick('<div><button class="x" aria-label="Close dialog">×</button><button class="x">y</button></div>', 'button');
    expect(b.candidates[0].selector).toBe('button[aria-label="Close dialog"]');
  });

  it('escapes awkward ids and attribute values so both engines parse them', async () => {
    const el = await pick('<p id="user.name" data-testid=\'say "hi"\'>x</p>', 'p');
    for (const c of el.candidates.filter((c) => c.css)) {
      expect(await rig.page.evaluate((s) => document.querySelectorAll(s).length, c.selector)).toBe(c.count);
      expect(c.crawl4aiValid, c.selector).toBe(true);
    }
  });

  it('falls back to an nth-child path anchored at a stable id', async () => {
    const el = await pick('<ul id="list"><li><span>a</span></li><li><span>b</span></li></ul>', 'li:nth-child(2) span');
    const path = el.candidates.find((c) => c.kind === 'structural')!;
    expect(path.selector).toBe('#list > li:nth-child(2) > span');
    expect(path.count).toBe(1);
  });

  it('prefer=repeated ranks selectors matching all list items first', async () => {
    const html = `<ul id="list">${[1, 2, 3, 4].map((i) => `<li class="row"><a class="link" href="/p/${i}">P${i}</a></li>`).join('')}</ul>`;
    const el = await pick(html, 'li.row', { prefer: 'repeated' });
    expect(el.candidates[0].count).toBe(4);
  });

  it('relativeTo: field candidates are relative to the item and count the items they find', async () => {
    const html = `<div id="g">${[1, 2, 3].map((i) => `<div class="card"><h3 class="t">T${i}</h3><span class="p">${i}</span></div>`).join('')}<div class="card"><h3 class="t">T4</h3></div></div>`;
    const el = await pick(html, '.card:nth-child(2) .p', { relativeTo: '.card' });
    expect(el.itemSelector).toBe('.card');
    expect(el.candidates[0]).toMatchObject({ count: 3 });
    expect(el.candidates[0].selector).not.toContain('nth-child');
    expect(el.candidates[0].selector).not.toContain('#g');
  });
});

describe('select similar', () => {
  const list = `<section id="results">${[1, 2, 3, 4, 5]
    .map((i) => `<article class="result"><h2 class="title"><a href="/r/${i}">R${i}</a></h2><p class="snippet">s${i}</p></article>`)
    .join('')}</section><aside><h2 class="title">Sidebar</h2></aside>`;

  it('generalizes one example to its structural position', async () => {
    await rig.page.setContent(list);
    const r = await picker.similar(rig.preview, 's1', ['#results > article:nth-child(2) > h2 > a'], {});
    expect(r.count).toBe(5);
    expect(r.crawl4aiValid).toBe(true);
    expect(r.boxes).toHaveLength(5);
  });

  it('two examples: excludes look-alikes outside the repeated container', async () => {
    await rig.page.setContent(list);
    const r = await picker.similar(rig.preview, 's1', ['#results > article:nth-child(1) > h2', '#results > article:nth-child(4) > h2'], {});
    expect(r.count).toBe(5); // not the sidebar h2.title
    expect(await rig.page.evaluate((s) => [...document.querySelectorAll(s)].every((e) => e.closest('#results')), r.selector)).toBe(true);
  });

  it('reports an example selector that matches nothing', async () => {
    await rig.page.setContent(list);
    await expect(picker.similar(rig.preview, 's1', ['.nope'], {})).rejects.toThrow(/no element matches \.nope/);
  });
});
