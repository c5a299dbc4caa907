// Every case in test/fixtures/conformance (copied unchanged from the reference kit: the exact
// output of Crawl4AI 0.9.2's own JsonCssExtractionStrategy) and test/fixtures/extract (our own
// cases, derived from the Crawl4AI source rules) must come out byte for byte.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractJsonCss, extractItems, ExtractionError } from '../../../shared/extract/index.js';
import { pyJsonDumpsExact, type PyValue } from '../../../shared/extract/pyjson.js';
import { parsePyJson } from '../../../shared/extract/pyjson-parse.js';
import type { JsonCssSchema } from '../../../shared/extract/schema.js';

interface Case {
  id: string;
  note?: string;
  html: string;
  schema: JsonCssSchema;
  expected?: string;
  expected_error?: string;
}

const root = join(import.meta.dirname, '../../fixtures');

function load(dir: string): Array<[string, Case]> {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => [f, parsePyJson(readFileSync(join(dir, f), 'utf8')) as Case]);
}

const suites: Array<[string, string]> = [
  ['conformance (Crawl4AI reference output)', join(root, 'conformance')],
  ['conformance random (Chromium-serialized documents)', join(root, 'conformance/random')],
  ['own extraction cases', join(root, 'extract')],
];

for (const [title, dir] of suites) {
  describe(title, () => {
    const cases = load(dir);
    it('has cases', () => expect(cases.length).toBeGreaterThan(0));
    for (const [file, c] of cases) {
      it(`${file}: ${c.note ?? ''}`, () => {
        if (c.expected_error !== undefined) {
          let err: unknown;
          try {
            extractJsonCss(c.html, c.schema);
          } catch (e) {
            err = e;
          }
          expect(err).toBeInstanceOf(ExtractionError);
          expect((err as ExtractionError).pyType).toBe(c.expected_error);
        } else {
          expect(extractJsonCss(c.html, c.schema).extracted_content).toBe(c.expected);
          // the exact writer (used when JSON.stringify's fast path does not apply) agrees too
          expect(pyJsonDumpsExact(extractItems(c.html, c.schema) as unknown as PyValue)).toBe(c.expected);
        }
      });
    }
  });
}
