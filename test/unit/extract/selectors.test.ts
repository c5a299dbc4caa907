// Selector compatibility (soupsieve validity) and soupsieve matching semantics on our tree.
import { describe, expect, it } from 'vitest';
import { checkCrawl4aiSelector } from '../../../shared/extract/selector-compat.js';
import { compileSelector, SelectorError } from '../../../shared/extract/select.js';
import { parseHtml } from '../../../shared/extract/parse.js';
import type { Element } from 'domhandler';

describe('checkCrawl4aiSelector', () => {
  it('accepts what soupsieve accepts', () => {
    for (const s of ['div.product', 'ul > li:nth-child(2n+1)', ':scope > a', 'a[href^="/p"]', 'div:has(> img)', 'p:-soup-contains("x")', 'p:contains(x)', 'a:not(.x, .y)', 'h2 ~ p', 'td:nth-of-type(3)', ':is(h1, h2) + p', '*']) {
      expect(checkCrawl4aiSelector(s), s).toEqual({ ok: true });
    }
  });
  it('rejects jQuery extensions, relative selectors, pseudo-elements, malformed ids', () => {
    const cases: Array<[string, RegExp]> = [
      ['li:eq(2)', /jQuery/],
      ['li:first', /jQuery/],
      ['li:gt(1)', /jQuery/],
      ['input:checkbox', /jQuery/],
      ['> a', /relative/],
      ['+ div', /relative/],
      ['p::before', /pseudo-element/],
      ['#1', /malformed id/],
      ['.2col', /malformed class/],
      ['', /empty/],
      ['a,', /invalid|empty/],
      ['a >', /ends with a combinator/],
      [':foo', /unknown pseudo-class/],
    ];
    for (const [s, re] of cases) {
      const r = checkCrawl4aiSelector(s);
      expect(r.ok, s).toBe(false);
      expect(r.reason, s).toMatch(re);
    }
  });
});

describe('soupsieve selection semantics', () => {
  const doc = parseHtml('<section id="s"><div class="item" id="i1"><p>a <b>b</b></p><span> </span></div><div class="item" id="i2"><p>c</p></div></section>');
  const item = compileSelector('div.item').select(doc)[0];
  const ids = (els: Element[]) => els.map((e) => e.attribs.id ?? e.name);
  it('descendants only, matched against the whole document', () => {
    expect(ids(compileSelector('section p').select(item))).toEqual(['p']);
    expect(ids(compileSelector('div.item').select(item))).toEqual([]);
    expect(ids(compileSelector(':scope > p').select(item))).toEqual(['p']);
    expect(ids(compileSelector(':scope + div').select(item))).toEqual([]);
    expect(ids(compileSelector('div.item').select(doc))).toEqual(['i1', 'i2']);
  });
  it(':root and :scope on the document is the html element', () => {
    expect(ids(compileSelector(':root').select(doc))).toEqual(['html']);
    expect(ids(compileSelector(':scope > body').select(doc))).toEqual(['body']);
  });
  it(':empty ignores whitespace text; :contains lists', () => {
    expect(compileSelector('span:empty').select(item).length).toBe(1);
    expect(compileSelector('p:-soup-contains("zz", "a b")').select(doc).length).toBe(1);
    expect(compileSelector("p:contains('c')").select(doc).length).toBe(1);
    expect(compileSelector('p:-soup-contains-own("b")').select(doc).length).toBe(0);
  });
  it('invalid selectors throw SelectorError', () => {
    expect(() => compileSelector('> p')).toThrow(SelectorError);
    expect(() => compileSelector('p:eq(0)')).toThrow(SelectorError);
  });
});

describe('refusing what soupsieve accepts but we cannot evaluate', () => {
  it('raises ExtractionError(Unsupported) instead of a silent default', async () => {
    const { extractJsonCss, ExtractionError } = await import('../../../shared/extract/index.js');
    const html = '<div class="x" dir="rtl"><p>a</p></div>';
    let err: unknown;
    try {
      extractJsonCss(html, { baseSelector: 'div.x', fields: [{ name: 'p', type: 'text', selector: 'p:dir(rtl)', default: 'd' }] });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ExtractionError);
    expect((err as InstanceType<typeof ExtractionError>).pyType).toBe('Unsupported');
    expect((err as Error).message).toMatch(/fields\[0\]\.selector.*:dir/);
  });
});

describe('soupsieve definitions of state pseudo-classes', () => {
  it(':any-link excludes <link>; :disabled follows fieldset rules', () => {
    const doc = parseHtml('<head><link href="/s.css" rel="stylesheet"></head><body><a href="/x">x</a><a>y</a><fieldset disabled><legend><input id="in-legend"></legend><div><input id="inner"></div></fieldset><input id="free"><input id="hid" type="hidden" disabled></body>');
    expect(compileSelector(':any-link').select(doc).map((e) => e.name)).toEqual(['a']);
    expect(compileSelector('input:disabled').select(doc).map((e) => e.attribs.id)).toEqual(['inner']);
    expect(compileSelector('input:enabled').select(doc).map((e) => e.attribs.id)).toEqual(['in-legend', 'free']);
  });
});
