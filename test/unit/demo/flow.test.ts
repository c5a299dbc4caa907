// The built-in demo flow file is valid, canonical, lint-clean and uses only the built-in variables.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parseFlowText } from '../../../shared/flow/validate.js';
import { serializeFlow } from '../../../shared/flow/serialize.js';
import { findPlaceholders } from '../../../shared/flow/variables.js';

const text = readFileSync(new URL('../../../assets/demo-flows/demo.flow.json', import.meta.url), 'utf8');

describe('assets/demo-flows/demo.flow.json', () => {
  it('validates without errors or warnings', () => {
    const r = parseFlowText(text);
    if (!r.ok) throw new Error(r.errors.map((e) => `${e.path}: ${e.message}`).join('\n'));
    expect(r.warnings).toEqual([]);
    expect(r.flow.name).toBe('Demo: log in, paginate, extract');
  });

  it('is stored in canonical form', () => {
    const r = parseFlowText(text);
    if (!r.ok) throw new Error('invalid');
    expect(serializeFlow(r.flow)).toBe(text);
  });

  it('uses {{demo_url}}, the username variable and the DEMO_PASSWORD secret only', () => {
    const names = new Set(findPlaceholders(text).map((p) => (p.secret ? `secret:${p.name}` : p.name)));
    expect([...names].sort()).toEqual(['demo_url', 'secret:DEMO_PASSWORD', 'username']);
    expect(text).not.toMatch(/"password"\s*:/i);
  });

  it('logs in, then extracts the members page 1 + 2 repeats = 3 pages in one session', () => {
    const r = parseFlowText(text);
    if (!r.ok) throw new Error('invalid');
    const steps = r.flow.steps;
    expect(steps.every((s) => s.config.session_id === 'demo' && s.config.cache_mode === 'bypass')).toBe(true);
    const next = steps[steps.length - 1];
    expect(next.config.js_only).toBe(true);
    expect(next.config.js_code_before_wait).toContain("querySelector('#next').click()");
    expect(next.config.wait_for?.startsWith('js:')).toBe(true);
    expect(next.repeat).toEqual({ times: 2 });
    const extracting = steps.filter((s) => s.config.extraction_strategy);
    expect(extracting.reduce((n, s) => n + (s.repeat && 'times' in s.repeat ? s.repeat.times : 1), 0)).toBe(3);
    for (const s of steps) {
      const w = s.config.wait_for;
      if (w) expect(w.startsWith('css:') || w.startsWith('js:')).toBe(true);
    }
  });
});

describe('demo schemas', () => {
  it('are valid JsonCss schemas and the demo flow uses MEMBERS_SCHEMA', async () => {
    const { JsonCssSchemaSchema } = await import('../../../shared/extract/schema.js');
    const schemas = await import('../../../electron/demo/schemas.js');
    for (const s of [schemas.PRODUCTS_SCHEMA, schemas.MEMBERS_SCHEMA, schemas.COMMITS_SCHEMA, schemas.ITEMS_SCHEMA, schemas.TABLE_SCHEMA]) {
      expect(JsonCssSchemaSchema.safeParse(s).success).toBe(true);
    }
    const r = parseFlowText(text);
    if (!r.ok) throw new Error('invalid');
    for (const s of r.flow.steps) {
      if (s.config.extraction_strategy) expect(s.config.extraction_strategy.schema).toEqual(schemas.MEMBERS_SCHEMA);
    }
  });
});
