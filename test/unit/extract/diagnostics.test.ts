// Schema lint, diagnostics and the count-mismatch explanation used by the schema tester.
import { describe, expect, it } from 'vitest';
import { lintSchema } from '../../../shared/extract/lint.js';
import { diagnoseSchema, explainCountMismatch } from '../../../shared/extract/diagnostics.js';
import type { JsonCssSchema } from '../../../shared/extract/schema.js';

const codes = (s: JsonCssSchema) => lintSchema(s).map((w) => `${w.path} ${w.code}`);

describe('lintSchema', () => {
  it('flags every trap with its path', () => {
    const schema: JsonCssSchema = {
      baseSelector: 'li:eq(0)',
      baseFields: [{ name: 'c', type: 'attribute', attribute: 'class', transform: 'lowercase' }],
      fields: [
        { name: 'a', type: 'text', selector: '> a' },
        { name: 'b', type: 'attribute', selector: 'a' },
        { name: 'c', type: 'regex', selector: 'a', pattern: '\\d+' },
        { name: 'd', type: 'regex', selector: 'a' },
        { name: 'e', type: 'number', selector: 'a' },
        { name: 'f', type: 'list', selector: 'li', fields: [{ name: 'n', type: 'nested', selector: 'b', fields: [] }] },
        { name: 'g', type: 'computed', expression: 'x * 2' },
        { name: 'h', type: 'text', selector: 'p:contains("x")' },
        { name: 'i', type: 'regex', selector: 'a', pattern: 'a++' },
        { name: 'j', type: 'text', source: 'tr' },
        { name: 'k', type: 'attribute', attribute: 'rel', selector: 'a', transform: 'strip' },
        { name: 'l', type: 'regex', pattern: '(?P<x>a)', group: 'y' },
      ],
    };
    expect(codes(schema)).toEqual([
      'baseSelector selector-browser-only',
      'baseFields[0].transform transform-on-list',
      'fields[0].selector relative-selector',
      'fields[1] attribute-missing-key',
      'fields[2].pattern regex-no-group',
      'fields[3] regex-no-pattern',
      'fields[4].type unknown-type',
      'fields[5].fields[0].type nested-in-list',
      'fields[6] computed-disabled',
      'fields[7].selector selector-soupsieve-only',
      'fields[7].selector selector-contains-deprecated',
      'fields[8].pattern regex-unsupported',
      'fields[9].source source-invalid',
      'fields[10].transform transform-on-list',
      'fields[11].group regex-bad-group',
    ]);
    const base = lintSchema(schema).find((w) => w.path === 'baseSelector')!;
    expect(base.severity).toBe('error');
    expect(base.message).toMatch(/jQuery/);
  });
  it('is quiet on a clean schema', () => {
    expect(lintSchema({ baseSelector: 'div.p', fields: [{ name: 't', type: 'text', selector: 'h2' }, { name: 'id', type: ['attribute', 'regex'], attribute: 'href', pattern: '/(\\d+)' }] })).toEqual([]);
  });
});

describe('diagnoseSchema', () => {
  const html = '<div class="p"><h2>A</h2><a href="/1">x</a></div><div class="p"><h2>B</h2></div><div class="p"></div>';
  it('counts base matches and per-field value/default/none with samples', () => {
    const d = diagnoseSchema(html, {
      baseSelector: 'div.p',
      fields: [
        { name: 't', type: 'text', selector: 'h2' },
        { name: 'href', type: 'attribute', selector: 'a', attribute: 'href', default: 'none' },
        { name: 'n', type: 'nested', selector: 'a', fields: [{ name: 'h', type: 'attribute', attribute: 'href' }] },
      ],
    });
    expect(d.baseCount).toBe(3);
    expect(d.itemCount).toBe(3); // the third item still has n: {} and href: "none"
    const byPath = Object.fromEntries(d.fields.map((f) => [f.path, f]));
    expect(byPath['fields[0]']).toMatchObject({ value: 2, default: 0, none: 1, samples: ['"A"', '"B"'] });
    expect(byPath['fields[1]']).toMatchObject({ value: 1, default: 2, none: 0 });
    expect(byPath['fields[2].fields[0]']).toMatchObject({ value: 1, default: 0, none: 0, samples: ['"/1"'] });
    expect(d.extracted_content).toContain('"href": "none"');
  });
  it('reports the Crawl4AI failure instead of items', () => {
    const d = diagnoseSchema(html, { baseSelector: 'div.p', baseFields: [{ name: 'x', type: 'attribute', attribute: 'data-x', transform: 'upper' + 'case' }], fields: [] });
    expect(d.error).toMatchObject({ path: 'baseFields[0]', pyType: 'AttributeError' });
    expect(d.extracted_content).toBeUndefined();
  });
});

describe('explainCountMismatch', () => {
  it('explains tbody and other causes', () => {
    expect(explainCountMismatch('#t tbody tr', 4, 0)).toMatch(/tbody/);
    expect(explainCountMismatch('table > tr', 0, 3)).toMatch(/implied <tbody>/);
    expect(explainCountMismatch('.card', 10, 6)).toMatch(/shadow|iframe/);
    expect(explainCountMismatch('.x', 2, 2)).toBe('');
  });
});
