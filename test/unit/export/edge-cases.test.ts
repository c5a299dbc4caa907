// Awkward flows every exporter must survive: no steps, names and ids full of quotes and newlines,
// duplicate step names, placeholders in session ids/selectors/schemas, multi-line wait_for, an
// until predicate next to a user before_return_html hook, js_only without url. The Python must
// compile and run (recording fake crawl4ai), the JavaScript must parse, the JSON must round-trip.
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { EXPORTERS, parseImport, type ExportFormat } from '../../../shared/export/index.js';
import { validateFlow, type Flow } from '../../../shared/flow/index.js';
import { planExport } from '../../../shared/export/common.js';
import { ROOT } from './flows.js';
import { notesInFile } from './notes.js';
import { hasPython } from '../support/python.js';

const NASTY = 'Step "one"\n\'two\' """three""" \\ ${x} `tick` */ é';

const flows: Record<string, unknown> = {
  empty: { format: 'crawlwright.flow', version: 1, name: '', steps: [] },
  nasty: {
    format: 'crawlwright.flow',
    version: 1,
    name: NASTY,
    description: 'desc with """ and \\ and */',
    variables: { sel: '.x', sid: 's"1' },
    steps: [
      {
        id: 'a"b',
        name: NASTY,
        config: {
          url: 'https://example.com/?q="{{sel}}"',
          session_id: '{{sid}}',
          css_selector: '{{sel}}, main',
          wait_for: 'js:() => {\n  return document.title.includes("\\"""");\n}',
          js_code: ['return `${1}` + "{{secret:TOKEN}}";', ''],
          extraction_strategy: {
            type: 'JsonCssExtractionStrategy',
            schema: { name: NASTY, baseSelector: '{{sel}}', fields: [{ name: 'k"ey', type: 'text', selector: 'a[title="x"]', default: { a: [1, null, true] } }] },
          },
        },
        hooks: { before_return_html: 'window.__x = """ + `${hook.name}`;', on_execution_ended: '// only a comment' },
        repeat: { until: 'js:() => true', max: 3 },
      },
      { id: 'b', name: NASTY, config: { js_only: true, session_id: '{{sid}}', js_code_before_wait: 'return 1' }, repeat: { times: 2 } },
      { id: 'c', name: '123 starts with a digit', config: { url: 'https://example.com', screenshot: true } },
    ],
  },
};

const FAKE = path.join(ROOT, 'test/fixtures/export/fake-crawl4ai');

describe('exports of awkward flows', () => {
  for (const [name, raw] of Object.entries(flows)) {
    const checked = validateFlow(raw);
    if (!checked.ok) throw new Error(`${name}: ${JSON.stringify(checked.errors)}`);
    const flow: Flow = checked.flow;

    it(`${name}: every format renders, notes are in the file`, () => {
      for (const format of Object.keys(EXPORTERS) as ExportFormat[]) {
        const { text, notes } = EXPORTERS[format](flow);
        expect(text.length).toBeGreaterThan(0);
        expect(notesInFile(format, text), format).toEqual(notes);
        if (format === 'crawl4ai-config') expect(() => JSON.parse(text)).not.toThrow();
      }
    });

    it(`${name}: json round-trips`, () => {
      const back = parseImport(EXPORTERS.json(flow).text);
      expect(back.errors).toEqual([]);
      expect(back.flow).toEqual(flow);
    });

    it(`${name}: the Playwright script parses (node --check)`, () => {
      const dir = mkdtempSync(path.join(tmpdir(), 'cw-edge-js-'));
      try {
        const file = path.join(dir, 'x.mjs');
        writeFileSync(file, EXPORTERS.playwright(flow).text);
        const r = spawnSync(process.execPath, ['--check', file], { encoding: 'utf8' });
        expect(r.stderr).toBe('');
        expect(r.status).toBe(0);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });

    it.skipIf(!hasPython)(`${name}: the Python script compiles and runs its steps`, () => {
      const dir = mkdtempSync(path.join(tmpdir(), 'cw-edge-py-'));
      try {
        const file = path.join(dir, 'x.py');
        const log = path.join(dir, 'log.json');
        writeFileSync(file, EXPORTERS['crawl4ai-python'](flow).text);
        const plan = planExport(flow);
        const env: Record<string, string> = { ...(process.env as Record<string, string>), PYTHONPATH: FAKE, FAKE_CRAWL4AI_LOG: log, PYTHONDONTWRITEBYTECODE: '1' };
        for (const v of plan.variables) delete env[v.name];
        for (const s of plan.secrets) env[s] = 'tok"en';
        const r = spawnSync('python3', [file], { cwd: dir, encoding: 'utf8', env });
        expect(r.stderr).toBe('');
        expect(r.status).toBe(0);
        const entries = JSON.parse(readFileSync(log, 'utf8')) as Array<{ arun?: string; config?: Record<string, unknown>; evaluated?: Array<{ script: string }> }>;
        const runs = entries.filter((e) => e.arun !== undefined);
        if (name === 'nasty') {
          // until (fake page: true) → 1 iteration; times 2 → 2; then the screenshot step.
          expect(runs.map((e) => e.arun)).toEqual(['https://example.com/?q=".x"', 'https://example.com/?q=".x"', 'https://example.com/?q=".x"', 'https://example.com']);
          expect(runs[0].config!.session_id).toBe('s"1');
          expect(runs[0].config!.css_selector).toBe('.x, main');
          // The secret sits in a "…" literal: escaped for it, as the runner does.
          expect(runs[0].config!.js_code).toEqual(['return `${1}` + "tok\\"en";', '']);
          expect((runs[0].config!.extraction_strategy as { schema: { baseSelector: string; name: string } }).schema).toMatchObject({ baseSelector: '.x', name: NASTY });
          // The user's before_return_html hook runs, then the until predicate.
          expect(runs[0].evaluated!.map((e) => e.script).filter((s) => !s.includes('only a comment'))).toEqual(['async (hook) => {\nwindow.__x = """ + `${hook.name}`;\n}', '(async () => await (() => true)())()']);
        }
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  }
});
