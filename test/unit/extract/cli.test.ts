// `crawlwright extract`: prints exactly extracted_content; bad schema -> path-named errors, exit 1.
import { mkdtempSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../../electron/cli/extract.js';

const dir = mkdtempSync(join(tmpdir(), 'cw-extract-'));
const conf = JSON.parse(readFileSync(join(import.meta.dirname, '../../fixtures/conformance/regex.json'), 'utf8'));
const page = join(dir, 'page.html');
writeFileSync(page, conf.html);

async function run(args: string[]) {
  let out = '';
  let err = '';
  const o = vi.spyOn(process.stdout, 'write').mockImplementation((s) => ((out += String(s)), true));
  const e = vi.spyOn(process.stderr, 'write').mockImplementation((s) => ((err += String(s)), true));
  try {
    const code = await main(args);
    return { code, out, err };
  } finally {
    o.mockRestore();
    e.mockRestore();
  }
}

afterEach(() => vi.restoreAllMocks());

describe('crawlwright extract', () => {
  it('prints exactly extracted_content for a bare schema and for the strategy wrappers', async () => {
    const shapes = [
      conf.schema,
      { type: 'JsonCssExtractionStrategy', schema: conf.schema },
      { type: 'JsonCssExtractionStrategy', params: { schema: { type: 'dict', value: conf.schema } } },
    ];
    for (const [i, s] of shapes.entries()) {
      const f = join(dir, `s${i}.json`);
      writeFileSync(f, JSON.stringify(s));
      const r = await run(['--schema', f, page]);
      expect(r.code).toBe(0);
      expect(r.out).toBe(conf.expected);
    }
  });
  it('names the schema path on a bad schema and exits 1', async () => {
    const f = join(dir, 'bad.json');
    writeFileSync(f, JSON.stringify({ type: 'JsonCssExtractionStrategy', schema: { baseSelector: 'div', fields: [{ name: 'x', type: 'text', selctor: 'a' }] } }));
    const r = await run(['--schema', f, page]);
    expect(r.code).toBe(1);
    expect(r.err).toContain('schema.fields[0].selctor: unknown key "selctor", did you mean "selector"?');
    expect(r.out).toBe('');
  });
  it('fails like Crawl4AI when the extraction raises', async () => {
    const f = join(dir, 'crash.json');
    writeFileSync(f, JSON.stringify({ baseSelector: 'div.product', baseFields: [{ name: 'x', type: 'attribute', attribute: 'data-nope', transform: 'lowercase' }], fields: [] }));
    const r = await run(['--schema', f, page]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/AttributeError.*baseFields\[0\]/);
  });
  it('usage errors exit 2', async () => {
    expect((await run([page])).code).toBe(2);
  });
});
