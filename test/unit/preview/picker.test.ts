import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRig, type Rig } from './helpers.js';
import * as picker from '../../../electron/preview/picker.js';

let rig: Rig;
beforeAll(async () => {
  rig = await startRig();
});
afterAll(async () => rig?.close());

async function center(sel: string): Promise<{ x: number; y: number }> {
  const b = (await rig.page.locator(sel).first().boundingBox())!;
  return { x: b.x + b.width / 2, y: b.y + b.height / 2 };
}

describe('picker on the demo products page', () => {
  it('hit-tests an item title and offers a candidate matching every item', async () => {
    await rig.page.goto(rig.demo.url + '/products');
    await rig.page.locator('#products h2.name').first().scrollIntoViewIfNeeded();
    const { x, y } = await center('#products h2.name');
    const el = await picker.hitTest(rig.preview, 's1', x, y, {});
    expect(el).not.toBeNull();
    expect(el!.tagName).toBe('h2');
    const n = await rig.page.locator('#products h2.name').count();
    const generic = el!.candidates.find((c) => c.count === n && c.css);
    expect(generic, JSON.stringify(el!.candidates, null, 1)).toBeDefined();
    expect(generic!.crawl4aiValid).toBe(true);
    // Best candidate selects exactly this element.
    expect(el!.candidates[0].count).toBe(1);
    const first = await rig.page.evaluate((s) => document.querySelectorAll(s).length, el!.selector);
    expect(first).toBe(1);
    // The page's main world never sees the picker.
    expect(await rig.page.evaluate(() => typeof (globalThis as any).__crawlwrightPicker)).toBe('undefined');
  });

  it('prefers repeated selectors for baseSelector picks and relative ones for fields', async () => {
    const { x: fx, y: fy } = await center('#products h2.name');
    await picker.hitTest(rig.preview, 's1', fx, fy, {});
    const base = await picker.navigate(rig.preview, 's1', 'parent', { prefer: 'repeated' });
    expect(base!.candidates[0].count).toBe(await rig.page.locator('#products > *').count());
    const field = await picker.hitTest(rig.preview, 's1', fx, fy, { relativeTo: base!.candidates[0].selector });
    expect(field!.itemSelector).toBe(base!.candidates[0].selector);
    const n = await rig.page.locator(base!.candidates[0].selector).count();
    expect(field!.candidates[0].count).toBe(n);
    expect(field!.candidates[0].selector).not.toContain('nth-child');
  });

  it('matches a typed selector (and reports invalid ones) and generalizes with select-similar', async () => {
    const m = await picker.match(rig.preview, 's1', '#products h2.name', {});
    expect(m.count).toBe(await rig.page.locator('#products h2.name').count());
    expect(m.boxes.length).toBe(m.count);
    expect(m.crawl4aiValid).toBe(true);
    const bad = await picker.match(rig.preview, 's1', 'h2[', {});
    expect(bad.count).toBe(0);
    expect(bad.error).toBeTruthy();
    const pw = await picker.match(rig.preview, 's1', 'text=Products', {});
    expect(pw.engine).toBe('playwright');
    expect(pw.crawl4aiValid).toBe(false);
    const sim = await picker.similar(rig.preview, 's1', ['#products > :nth-child(1) h2', '#products > :nth-child(2) h2'], {});
    expect(sim.count).toBe(m.count);
    const sim1 = await picker.similar(rig.preview, 's1', ['#products > :nth-child(3) .price'], {});
    expect(sim1.count).toBeGreaterThan(1);
  });

  it('navigates parent/child/siblings from the current element', async () => {
    const { x, y } = await center('#products h2.name');
    await picker.hitTest(rig.preview, 's1', x, y, {});
    const parent = await picker.navigate(rig.preview, 's1', 'parent', {});
    expect(parent!.tagName).not.toBe('h2');
    const child = await picker.navigate(rig.preview, 's1', 'child', {});
    expect(child!.tagName).toBe('img');
    const next = await picker.navigate(rig.preview, 's1', 'next', {});
    expect(next!.tagName).toBe('h2');
    const prev = await picker.navigate(rig.preview, 's1', 'prev', {});
    expect(prev!.tagName).toBe('img');
  });
});

describe('picker in shadow DOM and iframes', () => {
  it('picks inside an open shadow root and says Crawl4AI will not see it', async () => {
    await rig.page.goto(rig.demo.url + '/shadow');
    const loc = rig.page.locator('#dsd-host .dsd-item').first();
    const b = (await loc.boundingBox())!;
    const el = await picker.hitTest(rig.preview, 's1', b.x + 5, b.y + b.height / 2, {});
    expect(el!.tagName).toBe('li');
    expect(el!.inShadowRoot).toBe(true);
    expect(el!.notes!.join(' ')).toMatch(/flatten_shadow_dom/);
    expect(el!.shadowHostBoxes!.length).toBe(1);
    expect(el!.candidates.some((c) => c.selector.includes('dsd-item'))).toBe(true);
    // Candidates are relative to the shadow root: matched there with shadowPath, invisible from the document.
    expect(el!.shadowPath).toEqual(['#dsd-host']);
    const inRoot = await picker.match(rig.preview, 's1', '.dsd-item', { shadowPath: el!.shadowPath });
    expect(inRoot.count).toBe(2);
    expect((await picker.match(rig.preview, 's1', '.dsd-item', {})).count).toBe(0);
    const sim = await picker.similar(rig.preview, 's1', [el!.selector], { shadowPath: el!.shadowPath });
    expect(sim.count).toBe(2);
  });

  it('picks inside a same-origin iframe with a frame path and top-level box', async () => {
    await rig.page.goto(rig.demo.url + '/frames');
    const frame = rig.page.frameLocator('#content-frame');
    await frame.locator('.frame-item .title').first().waitFor();
    const b = (await frame.locator('.frame-item .title').first().boundingBox())!;
    const el = await picker.hitTest(rig.preview, 's1', b.x + 3, b.y + b.height / 2, {});
    expect(el!.framePath).toEqual(['#content-frame']);
    expect(el!.text).toBe(await frame.locator('.frame-item .title').first().innerText());
    expect(Math.abs(el!.box.x - b.x)).toBeLessThan(2);
    expect(Math.abs(el!.box.y - b.y)).toBeLessThan(2);
    expect(el!.notes!.join(' ')).toMatch(/process_iframes/);
    const m = await picker.match(rig.preview, 's1', '.frame-item .title', { framePath: el!.framePath });
    expect(m.count).toBe(8);
    // Keyboard navigation crosses the frame boundary: span → li → ul → … → body → iframe (never <html>).
    let up = el;
    const seen: string[] = [];
    for (let i = 0; i < 8 && up!.tagName !== 'iframe'; i++) seen.push((up = await picker.navigate(rig.preview, 's1', 'parent', {}))!.tagName);
    expect(seen).not.toContain('html');
    expect(seen.slice(-2)).toEqual(['body', 'iframe']);
    expect(up!.framePath).toEqual([]);
    expect((await picker.navigate(rig.preview, 's1', 'child', {}))!.tagName).toBe('body');
  });
});
