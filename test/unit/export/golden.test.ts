// Golden files of every export format for every test flow. UPDATE_GOLDEN=1 rewrites them
// (review the diff: it is the export's behaviour change).
import { describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { EXPORTERS, type ExportFormat } from '../../../shared/export/index.js';
import { GOLDEN_DIR, loadTestFlows } from './flows.js';
import { notesInFile } from './notes.js';

const UPDATE = process.env.UPDATE_GOLDEN === '1';
const flows = loadTestFlows();

describe('export golden files', () => {
  it('has flows to export, the demo flow and our own fixtures among them', () => {
    const keys = flows.map((f) => f.key);
    expect(keys).toContain('demo-flows/demo');
    expect(keys).toEqual(expect.arrayContaining(['export-flows/list-pages', 'export-flows/login-members', 'export-flows/products-no-session']));
  });
  for (const { key, flow } of flows) {
    for (const format of Object.keys(EXPORTERS) as ExportFormat[]) {
      it(`${key} → ${format}`, () => {
        const { text, fileName, notes } = EXPORTERS[format](flow);
        const file = path.join(GOLDEN_DIR, key, fileName);
        if (UPDATE) {
          mkdirSync(path.dirname(file), { recursive: true });
          writeFileSync(file, text);
        }
        // A flow added to the shared fixture folders after the last golden update has no golden
        // yet: say so loudly, but do not fail other engineers' runs; our own flows must have one.
        const ours = key.startsWith('export-flows/') || key.startsWith('demo-flows/');
        if (!existsSync(file) && !ours) {
          console.warn(`no golden for ${key} → ${format} yet: run UPDATE_GOLDEN=1 npx vitest run test/unit/export/golden.test.ts and review`);
        } else {
          expect(existsSync(file), `missing golden ${path.relative(process.cwd(), file)}: run UPDATE_GOLDEN=1 npx vitest run test/unit/export`).toBe(true);
          expect(text).toBe(readFileSync(file, 'utf8'));
        }
        // The file carries exactly the notes the dialog shows.
        expect(notesInFile(format, text)).toEqual(notes);
      });
    }
  }
});
