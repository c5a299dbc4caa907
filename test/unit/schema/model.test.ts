import { describe, expect, it } from 'vitest';
import type { JsonCssSchema } from '../../../shared/extract/schema.js';
import {
  addField,
  allFields,
  applyText,
  exportSchema,
  getField,
  indentField,
  moveField,
  nameFromSelector,
  outdentField,
  parseSchemaText,
  pathLabel,
  reconcileText,
  removeField,
  schemaToText,
  selectorChain,
  uniqueName,
  updateField,
} from '../../../renderer/components/schema/model.js';

const base = (): JsonCssSchema => ({
  name: 'Products',
  baseSelector: 'li.product',
  fields: [
    { name: 'title', type: 'text', selector: '.title' },
    { name: 'price', type: 'text', selector: '.price' },
    { name: 'info', type: 'nested', selector: '.info', fields: [{ name: 'sku', type: 'attribute', attribute: 'data-sku' }] },
  ],
});

describe('tree edits', () => {
  it('never mutate the input', () => {
    const s = base();
    const frozen = JSON.stringify(s);
    updateField(s, { list: 'fields', at: [0] }, { selector: 'h3' });
    addField(s, null, { name: 'x', type: 'text' });
    removeField(s, { list: 'fields', at: [1] });
    moveField(s, { list: 'fields', at: [1] }, -1);
    indentField(s, { list: 'fields', at: [2] });
    expect(JSON.stringify(s)).toBe(frozen);
  });

  it('update deletes keys set to undefined or "", but keeps an empty-string default', () => {
    let s = updateField(base(), { list: 'fields', at: [0] }, { selector: '', default: '' });
    expect(getField(s, { list: 'fields', at: [0] })).toEqual({ name: 'title', type: 'text', default: '' });
    s = updateField(s, { list: 'fields', at: [0] }, { default: undefined });
    expect(getField(s, { list: 'fields', at: [0] })).toEqual({ name: 'title', type: 'text' });
  });

  it('switching type to a container adds fields and drops single-value keys; back drops empty fields', () => {
    let s = updateField(base(), { list: 'fields', at: [2, 0] }, { type: 'list' });
    expect(getField(s, { list: 'fields', at: [2, 0] })).toEqual({ name: 'sku', type: 'list', fields: [] });
    s = updateField(s, { list: 'fields', at: [2, 0] }, { type: 'text' });
    expect(getField(s, { list: 'fields', at: [2, 0] })).toEqual({ name: 'sku', type: 'text' });
  });

  it('adds into nested fields and into baseFields (creating the list)', () => {
    let s = addField(base(), { list: 'fields', at: [2] }, { name: 'tags', type: 'list', selector: 'li', fields: [] });
    expect(getField(s, { list: 'fields', at: [2, 1] })?.name).toBe('tags');
    s = addField(s, null, { name: 'id', type: 'attribute', attribute: 'data-id' }, 'baseFields');
    expect(s.baseFields).toEqual([{ name: 'id', type: 'attribute', attribute: 'data-id' }]);
    s = removeField(s, { list: 'baseFields', at: [0] });
    expect('baseFields' in s).toBe(false);
  });

  it('moves, indents into a container and outdents', () => {
    let r = moveField(base(), { list: 'fields', at: [1] }, -1);
    expect(r.schema.fields.map((f) => f.name)).toEqual(['price', 'title', 'info']);
    expect(r.path).toEqual({ list: 'fields', at: [0] });
    expect(moveField(base(), { list: 'fields', at: [0] }, -1).path).toEqual({ list: 'fields', at: [0] });

    const withAfter = addField(base(), null, { name: 'rating', type: 'text', selector: '.rating' });
    r = indentField(withAfter, { list: 'fields', at: [3] });
    expect(r.path).toEqual({ list: 'fields', at: [2, 1] });
    expect(getField(r.schema, r.path)?.name).toBe('rating');
    // Indenting under a non-container is refused.
    expect(indentField(base(), { list: 'fields', at: [1] }).schema).toEqual(base());

    const back = outdentField(r.schema, r.path);
    expect(back.path).toEqual({ list: 'fields', at: [3] });
    expect(back.schema.fields.map((f) => f.name)).toEqual(['title', 'price', 'info', 'rating']);
  });

  it('lists all fields with paths, baseFields first, and builds selector chains', () => {
    const s = { ...base(), baseFields: [{ name: 'id', type: 'attribute', attribute: 'data-id' }] };
    expect(allFields(s).map((x) => pathLabel(x.path))).toEqual(['baseFields[0]', 'fields[0]', 'fields[1]', 'fields[2]', 'fields[2].fields[0]']);
    expect(selectorChain(s, { list: 'fields', at: [2, 0] })).toEqual(['.info']);
  });

  it('names fields from selectors without collisions', () => {
    expect(nameFromSelector('.product-title a')).toBe('product_title');
    expect(nameFromSelector('span[itemprop="price"]')).toBe('price');
    expect(nameFromSelector('img')).toBe('img');
    expect(uniqueName(base().fields, 'price')).toBe('price_2');
    expect(uniqueName(base().fields, 'rating')).toBe('rating');
  });
});

describe('JSON view sync', () => {
  it('round-trips tree → text → tree with Crawl4AI key order', () => {
    const s = base();
    const text = schemaToText({ fields: s.fields, baseSelector: s.baseSelector, name: s.name });
    expect(text.indexOf('"name"')).toBeLessThan(text.indexOf('"baseSelector"'));
    const r = parseSchemaText(text);
    expect(r.ok && r.schema).toEqual(s);
  });

  it('invalid JSON keeps the tree and the text, with a located error', () => {
    const s = base();
    const broken = schemaToText(s).replace('"price"', '"price",');
    const r = applyText(broken, s);
    expect(r.changed).toBe(false);
    expect(r.schema).toBe(s);
    expect(r.result.ok).toBe(false);
    if (!r.result.ok) {
      expect(r.result.syntax?.line).toBeGreaterThan(1);
    }
    // A tree edit while the text is broken does not destroy the text.
    expect(reconcileText(broken, updateField(s, { list: 'fields', at: [0] }, { selector: 'h3' }))).toBe(broken);
  });

  it('schema errors are path-named and do not reach the tree', () => {
    const s = base();
    const text = JSON.stringify({ baseSelector: 'li', fields: [{ name: 'a', type: 'text', selecter: '.x' }] });
    const r = applyText(text, s);
    expect(r.changed).toBe(false);
    expect(!r.result.ok && r.result.issues).toEqual([expect.objectContaining({ path: 'fields[0].selecter', message: expect.stringContaining('did you mean "selector"') })]);
    const missing = parseSchemaText(JSON.stringify({ fields: [] }));
    expect(!missing.ok && missing.issues[0].path).toBe('baseSelector');
  });

  it('valid text updates the tree; an equal tree keeps the user formatting', () => {
    const s = base();
    const compact = JSON.stringify({ ...s, baseSelector: 'div.card' });
    const r = applyText(compact, s);
    expect(r.changed).toBe(true);
    expect(r.schema.baseSelector).toBe('div.card');
    expect(reconcileText(compact, r.schema)).toBe(compact);
    // A different tree regenerates the text.
    const next = updateField(r.schema, { list: 'fields', at: [0] }, { selector: 'h3' });
    expect(JSON.parse(reconcileText(compact, next)).fields[0].selector).toBe('h3');
  });

  it('imports the wrapped forms (flow strategy and Crawl4AI dump)', () => {
    const s = base();
    const strategy = parseSchemaText(JSON.stringify({ type: 'JsonCssExtractionStrategy', schema: s }));
    expect(strategy.ok && strategy.schema).toEqual(s);
    const dump = parseSchemaText(JSON.stringify({ type: 'JsonCssExtractionStrategy', params: { schema: { type: 'dict', value: s } } }));
    expect(dump.ok && dump.schema).toEqual(s);
    expect(dump.ok && dump.unwrapped).toMatch(/dump/);
  });

  it('exports bare, as strategy, and as Python with True/False/None outside strings', () => {
    const s = updateField(base(), { list: 'fields', at: [0] }, { default: null });
    expect(JSON.parse(exportSchema(s, 'strategy'))).toEqual({ type: 'JsonCssExtractionStrategy', schema: s });
    const withStr = updateField(s, { list: 'fields', at: [1] }, { default: 'null true' });
    const py = exportSchema(withStr, 'python');
    expect(py).toContain('"default": None');
    expect(py).toContain('"default": "null true"');
    expect(py).toContain('JsonCssExtractionStrategy(schema)');
  });
});
