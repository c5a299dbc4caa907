// Canonical flow JSON: keys in the schema's declaration order (unknown keys, if any, after them in
// their own order), 2-space indent, trailing newline. Used for saving, dirty checks and the `json`
// export, so diffs of flow files stay small and stable.
import { BrowserSettingsSchema, FlowSchema, HooksSchema, InputsSchema, StepConfigSchema, StepSchema, type Flow } from './schema.js';
import { JsonCssSchemaSchema } from '../extract/schema.js';
import { stringifyExact } from '../extract/exact-defaults.js';

const FIELD_ORDER = ['name', 'type', 'selector', 'attribute', 'pattern', 'group', 'transform', 'default', 'default_text', 'source', 'expression', 'fields'];

function ordered(obj: Record<string, unknown>, order: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of order) if (obj[k] !== undefined) out[k] = obj[k];
  for (const k of Object.keys(obj)) if (!(k in out) && obj[k] !== undefined) out[k] = obj[k];
  return out;
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function orderField(f: unknown): unknown {
  if (!isObj(f)) return f;
  const o = ordered(f, FIELD_ORDER);
  if (Array.isArray(o.fields)) o.fields = o.fields.map(orderField);
  return o;
}

export function orderSchema(schema: unknown): unknown {
  if (!isObj(schema)) return schema;
  const o = ordered(schema, Object.keys(JsonCssSchemaSchema.shape));
  for (const k of ['baseFields', 'fields']) if (Array.isArray(o[k])) o[k] = (o[k] as unknown[]).map(orderField);
  return o;
}

const ACTION_ORDER = ['type', 'target', 'value', 'checked', 'key', 'to', 'watch'];

function orderAction(a: unknown): unknown {
  if (!isObj(a)) return a;
  const o = ordered(a, ACTION_ORDER);
  if (isObj(o.target)) o.target = ordered(o.target, ['selector', 'alternates']);
  return o;
}

function orderStep(step: unknown): unknown {
  if (!isObj(step)) return step;
  const o = ordered(step, Object.keys(StepSchema.shape));
  if (isObj(o.config)) {
    const c = ordered(o.config, Object.keys(StepConfigSchema.shape));
    if (isObj(c.extraction_strategy)) {
      c.extraction_strategy = ordered(c.extraction_strategy, ['type', 'schema']);
      const es = c.extraction_strategy as Record<string, unknown>;
      es.schema = orderSchema(es.schema);
    }
    o.config = c;
  }
  if (Array.isArray(o.actions)) o.actions = o.actions.map(orderAction);
  if (isObj(o.repeat)) o.repeat = ordered(o.repeat, ['times', 'until', 'max']);
  if (isObj(o.hooks)) o.hooks = ordered(o.hooks, Object.keys(HooksSchema.shape));
  return o;
}

export function normalizeFlow(flow: Flow): Flow {
  const o = ordered(flow as unknown as Record<string, unknown>, Object.keys(FlowSchema.shape));
  if (isObj(o.browser)) o.browser = ordered(o.browser, Object.keys(BrowserSettingsSchema.shape));
  if (isObj(o.inputs)) o.inputs = ordered(o.inputs, Object.keys(InputsSchema.shape));
  if (Array.isArray(o.steps)) o.steps = o.steps.map(orderStep);
  return o as unknown as Flow;
}

export function serializeFlow(flow: Flow): string {
  // stringifyExact: a field's `default` as written (0.0 stays 0.0; see exact-defaults.ts)
  return stringifyExact(normalizeFlow(flow), 2) + '\n';
}

export function emptyFlow(name = 'Untitled flow'): Flow {
  return { format: 'crawlwright.flow', version: 1, name, variables: {}, steps: [] };
}
