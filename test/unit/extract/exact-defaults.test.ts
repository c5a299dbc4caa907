// A schema default keeps the form Python's json gives it (0.0, -0.0, [2.0], 2^53+1, integer-like
// key order) wherever a flow goes: loader → extractor, exporters, the schema editor, and save.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseFlowText } from '../../../shared/flow/validate.js';
import { serializeFlow } from '../../../shared/flow/serialize.js';
import { extractJsonCss } from '../../../shared/extract/index.js';
import { defaultFromJsonText, defaultJsonText, stringifyExact } from '../../../shared/extract/exact-defaults.js';
import { exportCrawl4aiPython } from '../../../shared/export/crawl4ai-python.js';
import { exportCrawl4aiConfig } from '../../../shared/export/crawl4ai-config.js';
import { exportSchema, parseSchemaText, schemaToText } from '../../../renderer/components/schema/model.js';
import type { Flow } from '../../../shared/flow/schema.js';
import type { JsonCssSchema } from '../../../shared/extract/schema.js';

const text = readFileSync(new URL('../../fixtures/exact-defaults/float-defaults.flow.json', import.meta.url), 'utf8');
const load = (t: string): Flow => {
  const r = parseFlowText(t);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.flow;
};
const schemaOf = (f: Flow) => f.steps[0].config.extraction_strategy!.schema;
const HTML = '<ul><li class="item">a</li></ul>';
const EXPECTED = `[
    {
        "score": 0.0,
        "big": 9007199254740993,
        "obj": {
            "2": [
                2.0,
                -0.0
            ],
            "1": 1.5
        }
    }
]`;

describe('exact schema defaults', () => {
  it('open → save is byte-identical, and the file never gets default_text', () => {
    const flow = load(text);
    expect(schemaOf(flow).fields[0]).toMatchObject({ default: 0, default_text: '0.0' });
    expect(serializeFlow(flow)).toBe(text);
    expect(serializeFlow(load(serializeFlow(flow)))).toBe(text);
  });

  it('the extractor prints the defaults as Crawl4AI does', () => {
    expect(extractJsonCss(HTML, schemaOf(load(text))).extracted_content).toBe(EXPECTED);
  });

  it('a default changed without its twin (stale default_text) is the new value, saved without the twin', () => {
    const flow = load(text);
    const f = schemaOf(flow).fields[0];
    f.default = 5;
    expect(extractJsonCss(HTML, schemaOf(flow)).extracted_content).toContain('"score": 5,');
    const saved = serializeFlow(flow);
    expect(saved).toContain('"default": 5\n');
    expect(saved).not.toContain('default_text');
  });

  it('no twin for what JSON.parse keeps (1.5, 1, "0.0", key order of non-integer keys)', () => {
    const t = text.replace('"default": 0.0', '"default": 1.5').replace('"default": 9007199254740993', '"default": "0.0"');
    const fields = schemaOf(load(t)).fields;
    expect(fields[0].default_text).toBeUndefined();
    expect(fields[1].default_text).toBeUndefined();
    expect(fields[2].default_text).toBe('{"2":[2.0,-0.0],"1":1.5}');
  });

  it('the Python and config exports write 0.0, the exact integer and the key order', () => {
    const flow = load(text);
    const py = exportCrawl4aiPython(flow).text;
    expect(py).toMatch(/"default": 0\.0,/);
    expect(py).toContain('"default": 9007199254740993,');
    expect(py).toMatch(/"2": \[\s+2\.0,\s+-0\.0,\s+\],\s+"1": 1\.5,/);
    const cfg = exportCrawl4aiConfig(flow).text;
    expect(cfg).toMatch(/"default": 0\.0\n/);
    expect(cfg).not.toContain('default_text');
    expect(JSON.parse(cfg)).toBeTruthy();
  });

  it('the schema editor: JSON view text and the default box keep 0.0; its exports too', () => {
    const schemaText = schemaToText(schemaOf(load(text)));
    expect(schemaText).toContain('"default": 0.0');
    expect(schemaText).not.toContain('default_text');
    const r = parseSchemaText(schemaText);
    if (!r.ok) throw new Error('schema text did not parse');
    expect(schemaToText(r.schema)).toBe(schemaText);
    expect(extractJsonCss(HTML, r.schema).extracted_content).toBe(EXPECTED);
    expect(exportSchema(r.schema, 'python')).toContain('"default": 0.0');
    expect(exportSchema(r.schema, 'strategy')).toContain('"default": 0.0');
    const typed = defaultFromJsonText('[2.0, 1]');
    expect(typed).toEqual({ default: [2, 1], default_text: '[2.0,1]' });
    expect(defaultJsonText({ name: 'x', type: 'text', ...typed })).toBe('[2.0,1]');
    expect(defaultFromJsonText('3')).toEqual({ default: 3, default_text: undefined });
  });

  it('a handwritten default_text counts only while it says the same as default', () => {
    const s: JsonCssSchema = { baseSelector: 'li', fields: [{ name: 'a', type: 'text', selector: 'b', default: 1, default_text: '1.0' }, { name: 'b', type: 'text', selector: 'b', default: 2, default_text: '7.0' }] };
    expect(JSON.parse(stringifyExact(s, 0))).toEqual({ baseSelector: 'li', fields: [{ name: 'a', type: 'text', selector: 'b', default: 1 }, { name: 'b', type: 'text', selector: 'b', default: 2 }] });
    expect(extractJsonCss(HTML, s).extracted_content).toContain('"a": 1.0,\n        "b": 2\n');
  });
});
