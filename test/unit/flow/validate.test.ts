import { describe, expect, it } from 'vitest';
import { parseFlowText, validateFlow } from '../../../shared/flow/validate.js';
import { FLOW_FORMAT } from '../../../shared/flow/schema.js';

const base = (steps: unknown[], extra: Record<string, unknown> = {}) => ({ format: FLOW_FORMAT, version: 1, name: 'f', steps, ...extra });
const step = (config: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({ id: 's' + Math.random(), name: 'n', config, ...extra });

function errors(value: unknown) {
  const r = validateFlow(value);
  return r.ok ? [] : r.errors.map((e) => `${e.path}: ${e.message}`);
}

describe('flow validation', () => {
  it('accepts a minimal valid flow and returns it unchanged', () => {
    const flow = base([{ id: 'a', name: 'Open', config: { url: 'http://127.0.0.1/', session_id: 's1', wait_for: 'css:.x' } }]);
    const r = validateFlow(flow);
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.flow).toEqual(flow);
  });

  it('reports three different mistakes as three path-named errors', () => {
    const flow = base([
      step({ url: 'http://x/', 'wait-for': 'css:.a' }),
      step({ js_code: 42 }),
      step({ cache_mode: 'bypas' }),
    ]);
    const errs = errors(flow);
    expect(errs).toEqual([
      'steps[0].config.wait-for: unknown key "wait-for", did you mean "wait_for"?',
      'steps[1].config.js_code: expected string or array, got a number',
      'steps[2].config.cache_mode: must be one of "enabled", "disabled", "read_only", "write_only", "bypass", got "bypas"',
    ]);
  });

  it('names paths inside the extraction schema', () => {
    const errs = errors(
      base([
        step({
          extraction_strategy: {
            type: 'JsonCssExtractionStrategy',
            schema: { baseSelector: '.i', fields: [{ name: 'a', type: 'nested', fields: [{ name: 'b', type: 'text', selecter: 'x' }] }] },
          },
        }),
      ]),
    );
    expect(errs).toEqual(['steps[0].config.extraction_strategy.schema.fields[0].fields[0].selecter: unknown key "selecter", did you mean "selector"?']);
  });

  it('reports a missing required key and picks the right repeat branch', () => {
    expect(errors(base([{ id: 'a', name: 'x' }]))).toEqual(['steps[0].config: missing required key (expected object)']);
    expect(errors(base([step({}, { repeat: { times: '3' } })]))).toEqual(['steps[0].repeat.times: expected number, got a string']);
    expect(errors(base([step({}, { repeat: { until: 'js:() => true' } })]))).toEqual(['steps[0].repeat.max: missing required key (expected number)']);
  });

  it('accepts a $schema reference for editors and keeps it first when serialized', () => {
    expect(errors(base([], { $schema: '../assets/flow.schema.json' }))).toEqual([]);
  });

  it('refuses duplicate step ids', () => {
    const flow = base([{ id: 'a', name: '1', config: {} }, { id: 'a', name: '2', config: {} }]);
    expect(errors(flow)).toEqual(['steps[1].id: duplicate step id "a" (also steps[0])']);
  });

  it('refuses a newer flow version with a clear message', () => {
    const errs = errors({ ...base([]), version: 7 });
    expect(errs).toHaveLength(1);
    expect(errs[0]).toMatch(/^version: this flow was written by a newer Crawlwright \(flow version 7\)/);
  });

  it('refuses files that are not flows', () => {
    expect(errors([])).toEqual([': a flow file is a JSON object']);
    expect(errors({ steps: [] })[0]).toMatch(/^format: expected "crawlwright.flow" \(missing/);
  });

  it('reports JSON syntax errors with line and column, never throwing', () => {
    const r = parseFlowText('{\n  "format": "crawlwright.flow",\n  "version": 1,,\n}');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0].message).toMatch(/^not valid JSON at line 3, column 16/);
  });

  it('checks variable names', () => {
    expect(errors(base([], { variables: { 'bad-name': 'x' } }))).toEqual(['variables.bad-name: invalid key: variable names are letters, digits and _']);
  });
});
