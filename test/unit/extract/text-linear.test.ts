// The text of every level of a deeply nested page costs linear work in the depth (a count of the
// elements the text walker enters, not a time): 16k nested divs with base `div` was 8.6 s when
// every level walked its whole subtree again.
import { describe, expect, it } from 'vitest';
import { extractJsonCss } from '../../../shared/extract/index.js';
import { textWalkStats } from '../../../shared/extract/text.js';

function entered(html: string, schema: Parameters<typeof extractJsonCss>[1]): { visits: number; out: string } {
  const before = textWalkStats.elements;
  const out = extractJsonCss(html, schema).extracted_content;
  return { visits: textWalkStats.elements - before, out };
}

describe('nested text is linear in depth', () => {
  for (const [what, open, close] of [
    ['div > div > …', '<div>', '</div>'],
    ['div > (i, div) > …', '<div><i>.</i>', '</div>'],
    ['template > template > … (a string container of one kind)', '<template>', '</template>'],
  ] as const) {
    it(`${what}: each element is entered at most twice, at any depth`, () => {
      for (const n of [1000, 8000]) {
        const html = open.repeat(n) + 'x' + close.repeat(n);
        const base = open.slice(1, open.indexOf('>'));
        const { visits, out } = entered(html, { baseSelector: base, fields: [{ name: 't', type: 'text' }] });
        expect(JSON.parse(out)).toHaveLength(n);
        const elements = n * open.split('<').length - n;
        expect(visits).toBeLessThanOrEqual(2 * elements); // a walk per level would be n²/2
      }
    });
  }

  it(':-soup-contains on every level is linear too', () => {
    const n = 8000;
    const html = '<div>'.repeat(n) + 'needle' + '</div>'.repeat(n);
    const { visits, out } = entered(html, { baseSelector: 'div:-soup-contains("needle")', fields: [{ name: 't', type: 'text' }] });
    expect(JSON.parse(out)).toHaveLength(n);
    expect(visits).toBeLessThanOrEqual(4 * n);
  });

  it('the remembered texts are the same as walking each level', () => {
    const html = '<div><p>a <b>b</b></p>' + '<div>c<template>t</template><rt>r</rt>'.repeat(40) + 'd' + '</div>'.repeat(41);
    const deep = JSON.parse(extractJsonCss(html, { baseSelector: 'div', fields: [{ name: 't', type: 'text' }] }).extracted_content) as Array<{ t: string }>;
    expect(deep[0].t).toBe('ab' + 'c'.repeat(40) + 'd');
    expect(deep[40].t).toBe('cd');
    const tpl = JSON.parse(extractJsonCss(html, { baseSelector: 'template', fields: [{ name: 't', type: 'text' }] }).extracted_content) as Array<{ t: string }>;
    expect(tpl.every((x) => x.t === 't')).toBe(true);
  });
});
