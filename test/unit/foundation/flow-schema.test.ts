import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { flowJsonSchema, flowJsonSchemaText } from '../../../shared/flow/json-schema.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

describe('assets/flow.schema.json', () => {
  it('is up to date with the zod flow schema (run `npm run gen:schema` after changing shared/flow/schema.ts)', () => {
    expect(readFileSync(join(root, 'assets/flow.schema.json'), 'utf8')).toBe(flowJsonSchemaText());
  });

  it('has an $id and title and describes the Crawl4AI step options', () => {
    const s = flowJsonSchema() as {
      $id: string;
      title: string;
      required: string[];
      additionalProperties: boolean;
      properties: Record<string, unknown>;
    };
    expect(s.$id).toBeTruthy();
    expect(s.title).toContain('Crawlwright flow');
    expect(s.required).toEqual(expect.arrayContaining(['format', 'version', 'name', 'steps']));
    expect(s.additionalProperties).toBe(false);
    const text = JSON.stringify(s);
    for (const key of ['js_code', 'wait_for', 'js_only', 'session_id', 'css_selector', 'extraction_strategy', 'before_retrieve_html']) {
      expect(text).toContain(`"${key}"`);
    }
  });
});
