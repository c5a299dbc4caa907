// Pure functions over extraction results: per-field coverage (value / default / missing), the
// diff against a snapshot's accepted items, and the extractor's diagnosis in the contract's shape. Unit-tested in test/unit/schema/results.test.ts.
import type { JsonCssField, JsonCssSchema } from '../../shared/extract/schema.js';
import type { FieldCoverage, ItemsDiff } from '../../shared/api/domains/schema.js';
import type { SchemaDiagnosis } from '../../shared/extract/diagnostics.js';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => !!v && typeof v === 'object' && !Array.isArray(v);

export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== typeof b || a === null || b === null || typeof a !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) return a.length === (b as unknown[]).length && a.every((v, i) => jsonEqual(v, (b as unknown[])[i]));
  const ka = Object.keys(a as Obj);
  const kb = Object.keys(b as Obj);
  return ka.length === kb.length && ka.every((k) => k in (b as Obj) && jsonEqual((a as Obj)[k], (b as Obj)[k]));
}

const CONTAINERS = new Set(['nested', 'list', 'nested_list']);

/**
 * Coverage of every field, computed from the items themselves: a key that is absent is "missing",
 * a value equal to the field's `default` is "default" (Crawl4AI gives no other way to tell), else
 * "value". Sub-fields of a `nested` field count per item; sub-fields of list fields count per list
 * element. Note: items Crawl4AI dropped as empty are not in `items`, so they count nowhere.
 */
export function coverageFromItems(schema: JsonCssSchema, items: unknown[]): FieldCoverage[] {
  const out: FieldCoverage[] = [];
  const walk = (fields: JsonCssField[] | undefined, prefix: string, objects: Obj[], listChild: boolean) => {
    (fields ?? []).forEach((f, i) => {
      const path = `${prefix}[${i}]`;
      const cov: FieldCoverage = { path, name: f.name, value: 0, default: 0, missing: 0 };
      const children: Obj[] = [];
      for (const o of objects) {
        if (!(f.name in o)) cov.missing++;
        else if ('default' in f && jsonEqual(o[f.name], f.default)) cov.default++;
        else {
          const v = o[f.name];
          // An empty nested {} / list [] is Crawl4AI's "nothing matched" (the default is ignored there).
          if (typeof f.type === 'string' && CONTAINERS.has(f.type) && !listChild && ((isObj(v) && !Object.keys(v).length) || (Array.isArray(v) && !v.length))) cov.missing++;
          else cov.value++;
          if (isObj(v)) children.push(v);
          else if (Array.isArray(v)) for (const x of v) if (isObj(x)) children.push(x);
        }
      }
      out.push(cov);
      // Inside a list's fields, container types are single values in Crawl4AI: no deeper coverage.
      if (f.fields && typeof f.type === 'string' && CONTAINERS.has(f.type) && !listChild) walk(f.fields, `${path}.fields`, children, f.type === 'list');
    });
  };
  const objs = items.filter(isObj);
  walk(schema.baseFields, 'baseFields', objs, false);
  walk(schema.fields, 'fields', objs, false);
  return out;
}

const MAX_DIFF_SAMPLES = 50;

/** Accepted vs actual items, compared by position (Crawl4AI returns items in document order). */
export function diffItems(expected: unknown[], actual: unknown[]): ItemsDiff {
  const changedByField: Record<string, number> = {};
  const samples: ItemsDiff['samples'] = [];
  let changedItems = 0;
  const n = Math.min(expected.length, actual.length);
  for (let i = 0; i < n; i++) {
    const e = isObj(expected[i]) ? (expected[i] as Obj) : { '(item)': expected[i] };
    const a = isObj(actual[i]) ? (actual[i] as Obj) : { '(item)': actual[i] };
    let changed = false;
    for (const key of new Set([...Object.keys(e), ...Object.keys(a)])) {
      if (jsonEqual(e[key], a[key])) continue;
      changed = true;
      changedByField[key] = (changedByField[key] ?? 0) + 1;
      if (samples.length < MAX_DIFF_SAMPLES) samples.push({ index: i, key, expected: e[key] ?? null, actual: a[key] ?? null });
    }
    if (changed) changedItems++;
  }
  return {
    expectedCount: expected.length,
    actualCount: actual.length,
    changedItems,
    changedByField,
    samples,
    same: changedItems === 0 && expected.length === actual.length,
  };
}

// ---------------------------------------------------------------------------------------------
// The extractor's per-field diagnosis → the contract's coverage counts.

/** value / default / missing per field path, from diagnoseSchema (its `none` is our `missing`). */
export function coverageFromDiagnosis(d: SchemaDiagnosis | undefined): Map<string, { value: number; default: number; missing: number }> {
  return new Map((d?.fields ?? []).map((f) => [f.path, { value: f.value, default: f.default, missing: f.none }]));
}
