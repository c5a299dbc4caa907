import { describe, expect, it } from 'vitest';
import { isGeneratedToken, isStableAttrValue, isStableClass, isStableId } from '../../../shared/selectors/stable.js';
import { InputSender, keyCombo } from '../../../renderer/components/preview/input-sender.js';
import { jpegSize } from '../../../electron/preview/screencast.js';
import { stripModuleSyntax } from '../../../electron/preview/picker-script.js';
import { normalizeUrl, hasDisplay } from '../../../electron/preview/navigation.js';
import { checkCrawl4aiSelector } from '../../../shared/extract/selector-compat.js';
import type { InputEvent } from '../../../shared/api/domains/preview.js';

describe('generated names are rejected', () => {
  it.each(['Box-sc-g0xbh4-0', 'sc-bdfBwQ', 'css-1x2y3z', 'css-19bqh2r', 'jsx-123abc', 'Button_primary__3kX9a', 'styles__button___2x3Yz', '_3xYz1', ':r1:', 'a1b2c3d4', 'item-83742', '12345', 'e3b0c442-98fc-1c14-9afb-f4c8996fb924', 'svelte-1abcx2'])(
    '%s is generated',
    (t) => expect(isGeneratedToken(t)).toBe(true),
  );
  it.each(['product', 'product-card', 'login-form', 'btn-primary', 'card-title', 'nav', 'h2', 'item-link', 'searchBox', 'main-content'])('%s is stable', (t) => {
    expect(isGeneratedToken(t)).toBe(false);
  });
  it('attribute values: hand-written words and paths pass, ids and numbers do not', () => {
    for (const v of ['/login', 'Close dialog', 'email', 'Search products', '/account/settings', 'submit']) expect(isStableAttrValue(v), v).toBe(true);
    for (const v of ['/items/42', 'x8f3a9b2c1', '4.5 out of 5', '', 'a'.repeat(81)]) expect(isStableAttrValue(v), v).toBe(false);
  });
  it('ids and classes: state and utility classes are not used as handles', () => {
    expect(isStableId('login-button')).toBe(true);
    expect(isStableId(':R2a:')).toBe(false);
    expect(isStableClass('active')).toBe(false);
    expect(isStableClass('is-open')).toBe(false);
    expect(isStableClass('mt-2')).toBe(false);
    expect(isStableClass('md:flex')).toBe(false);
    expect(isStableClass('w-1/2')).toBe(false);
    expect(isStableClass('product')).toBe(true);
  });
});

describe('input coalescing (renderer side)', () => {
  it('keeps one call in flight, collapses moves, sums wheel deltas, keeps order', async () => {
    const calls: InputEvent[][] = [];
    let release!: () => void;
    const sender = new InputSender(async (evs) => {
      calls.push(evs);
      if (calls.length === 1) await new Promise<void>((r) => (release = r));
    });
    sender.push({ type: 'mouse', action: 'move', x: 1, y: 1 });
    for (let i = 2; i < 50; i++) sender.push({ type: 'mouse', action: 'move', x: i, y: i });
    sender.push({ type: 'wheel', x: 5, y: 5, deltaX: 0, deltaY: 100 });
    sender.push({ type: 'wheel', x: 5, y: 5, deltaX: 0, deltaY: 50 });
    sender.push({ type: 'mouse', action: 'down', x: 7, y: 7 });
    sender.push({ type: 'mouse', action: 'move', x: 8, y: 8 });
    expect(calls.length).toBe(1);
    release();
    await new Promise((r) => setTimeout(r, 10));
    expect(calls[1]).toEqual([
      { type: 'mouse', action: 'move', x: 49, y: 49 },
      { type: 'wheel', x: 5, y: 5, deltaX: 0, deltaY: 150 },
      { type: 'mouse', action: 'down', x: 7, y: 7 },
      { type: 'mouse', action: 'move', x: 8, y: 8 },
    ]);
  });
  it('maps DOM keys to Playwright combos', () => {
    const k = (key: string, m: Partial<{ ctrlKey: boolean; shiftKey: boolean; altKey: boolean; metaKey: boolean }> = {}) =>
      keyCombo({ key, ctrlKey: false, altKey: false, metaKey: false, shiftKey: false, ...m });
    expect(k('a')).toBe('a');
    expect(k('A', { shiftKey: true })).toBe('A');
    expect(k('a', { ctrlKey: true })).toBe('Control+a');
    expect(k('Tab', { shiftKey: true })).toBe('Shift+Tab');
    expect(k(' ')).toBe('Space');
    expect(k('Shift', { shiftKey: true })).toBeNull();
  });
});

describe('small pure helpers', () => {
  it('reads the JPEG size from the SOF marker', () => {
    // SOI, APP0 (len 16), SOF0 (len 17) with height 600, width 1280.
    const b = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, ...new Array(14).fill(0), 0xff, 0xc0, 0x00, 0x11, 0x08, 0x02, 0x58, 0x05, 0x00, 0x03]);
    expect(jpegSize(b)).toEqual({ width: 1280, height: 600 });
  });
  it('strips local module syntax only', () => {
    const out = stripModuleSyntax("import { a, b } from './x.js';\nexport function f() { return a; }\nexport const C = 1;\nexport {};\n//# sourceMappingURL=x.js.map");
    expect(out).not.toMatch(/import|export|sourceMappingURL/);
    expect(out).toContain('function f()');
  });
  it('normalizes URL bar input', () => {
    expect(normalizeUrl('example.com')).toBe('http://example.com');
    expect(normalizeUrl('127.0.0.1:8080/x')).toBe('http://127.0.0.1:8080/x');
    expect(normalizeUrl('localhost:3000')).toBe('http://localhost:3000');
    expect(normalizeUrl('https://a.b/c')).toBe('https://a.b/c');
    expect(normalizeUrl('about:blank')).toBe('about:blank');
  });
  it('knows when a headed window is impossible', () => {
    expect(hasDisplay({}, 'linux')).toBe(false);
    expect(hasDisplay({ DISPLAY: ':0' }, 'linux')).toBe(true);
    expect(hasDisplay({}, 'darwin')).toBe(true);
  });
  it('the selector shapes the picker generates are valid for Crawl4AI (soupsieve)', () => {
    for (const sel of ['#a > .b:nth-child(2)', '#\\31 23abc', '[data-testid="a \\"b\\""]', 'button[aria-label="Close"]', 'body > main > section > div:nth-child(3) > h2', 'div.product > h2.name'])
      expect(checkCrawl4aiSelector(sel), sel).toEqual({ ok: true });
    expect(checkCrawl4aiSelector('text="Log in"').ok).toBe(false);
  });
});
