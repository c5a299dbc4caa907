// Masker: every encoding a page or URL produces, mixed within one copy, any letter case.
import { describe, expect, it } from 'vitest';
import { Masker } from '../../../electron/engine/masking.js';

const S = `pä ss"'<&>/\\\n$\`x😀`;

describe('Masker', () => {
  const m = new Masker([S]);
  const cases: Record<string, string> = {
    exact: S,
    upper: S.toUpperCase(),
    'html named + numeric, mixed': 'p&auml;&#32;ss&quot;&apos;&lt;&amp;&gt;&sol;&bsol;&NewLine;&#36;&#x60;x&#128512;',
    'twice html-escaped': 'p&amp;#228;&amp;#x20;ss&amp;quot;&amp;#39;&amp;lt;&amp;amp;&amp;gt;/\\\n$`x😀',
    'entities without ;': 'p&auml&#32ss&quot\'&lt&amp&gt/\\\n$`x😀',
    'url-encoded upper/lower, + for space': encodeURIComponent(S).replace('%20', '+').replace(/%C3%A4/, '%c3%a4'),
    'json-escaped': JSON.stringify(S).slice(1, -1),
    'json \\u everything': [...S].map((c) => (c.length === 2 ? '\\ud83d\\ude00' : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)).join(''),
    'js escapes': 'p\\xe4\\x20ss\\"\\\'\\<\\&\\>\\/\\\\\\n\\$\\`x\\u{1F600}',
  };
  for (const [name, v] of Object.entries(cases)) {
    it(`masks the ${name} copy`, () => {
      expect(m.text(`[${v}]`)).toBe('[***]');
    });
  }

  it('counts replacements, masks keys and nested values, leaves other text alone', () => {
    expect(m.count(`a ${S} b ${encodeURIComponent(S)} c`)).toEqual({ text: 'a *** b *** c', replaced: 2 });
    expect(m.deep({ [S]: [S, { x: `q=${encodeURIComponent(S)}` }], n: 1 })).toEqual({ '***': ['***', { x: 'q=***' }], n: 1 });
    expect(m.text('pa ss and other text')).toBe('pa ss and other text');
    expect(new Masker([]).text(S)).toBe(S);
  });

  it('masks the longer of two overlapping secrets whole', () => {
    expect(new Masker(['abc', 'abcdef']).text('xabcdefx abc')).toBe('x***x ***');
  });
});
