// The export domain's handlers: validation at the IPC boundary, atomic save, import.parse.
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createExportHandlers } from '../../../electron/api/handlers/export.js';
import type { Services } from '../../../electron/api/services.js';
import { ApiError } from '../../../shared/api/define.js';
import { loadTestFlows, ROOT } from './flows.js';

const h = createExportHandlers({} as Services);
const ctx = { transport: 'web' as const };
const { flow } = loadTestFlows().find((f) => f.key === 'export-flows/list-pages')!;

describe('export handlers', () => {
  it('export.render validates the flow and names the bad path', async () => {
    const bad = { ...flow, steps: [{ ...flow.steps[0], config: { ...flow.steps[0].config, wait_for: 5 } }] };
    await expect(Promise.resolve().then(() => h['export.render']({ flow: bad, format: 'json' }, ctx))).rejects.toSatisfy(
      (e: unknown) => e instanceof ApiError && e.code === 'bad_args' && e.message.includes('steps[0].config.wait_for'),
    );
    const ok = await h['export.render']({ flow, format: 'crawl4ai-python' }, ctx);
    expect(ok.fileName).toBe('list-first-three-pages.py');
  });

  it('export.save writes the file and refuses relative paths', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'cw-export-save-'));
    try {
      const target = path.join(dir, 'x.py');
      expect(await h['export.save']({ path: target, text: 'print(1)\n' }, ctx)).toEqual({ path: target, written: [target] });
      expect(readFileSync(target, 'utf8')).toBe('print(1)\n');
      // A companion comes from Crawlwright's own build, beside the export (the Playwright script imports it).
      const script = path.join(dir, 'flow.mjs');
      const extractor = path.join(dir, 'crawlwright-extract.mjs');
      expect(await h['export.save']({ path: script, text: '//\n', companions: ['crawlwright-extract.mjs'] }, ctx)).toEqual({ path: script, written: [script, extractor] });
      expect(readFileSync(extractor, 'utf8')).toBe(readFileSync(path.join(ROOT, 'dist/extract/crawlwright-extract.mjs'), 'utf8'));
      expect((await h['export.companion']({ name: 'crawlwright-extract.mjs' }, ctx)).text).toBe(readFileSync(extractor, 'utf8'));
      await expect(Promise.resolve().then(() => h['export.save']({ path: 'rel.py', text: '' }, ctx))).rejects.toThrow(/absolute path/);
      await expect(Promise.resolve().then(() => h['export.save']({ path: path.join(dir, 'missing', 'x.py'), text: '' }, ctx))).rejects.toThrow(/cannot save/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('import.parse never throws on bad input', async () => {
    const r = await h['import.parse']({ text: '{not json' }, ctx);
    expect(r.kind).toBe('unknown');
    expect(r.errors[0].message).toMatch(/not valid JSON/);
    // Text that is not JSON is read as a Python script: no crawl in it is an error, not a throw.
    const py = await h['import.parse']({ text: 'not json' }, ctx);
    expect(py.kind).toBe('python-script');
    expect(py.errors[0].message).toMatch(/no crawl found/);
  });
});
