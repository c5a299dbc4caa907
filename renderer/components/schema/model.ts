// The schema builder's model: pure, immutable operations on a JsonCss schema (the tree view edits
// through them) and the text side of the JSON view (parse, import, export, reconcile). No React,
// no DOM: unit-tested under vitest (test/unit/schema/model.test.ts).
import { JsonCssSchemaSchema, type JsonCssField, type JsonCssSchema } from '../../../shared/extract/schema.js';
import { fromZodIssues, type ValidationIssue } from '../../../shared/flow/issues.js';
import { attachExactDefaultsFromText, stringifyExact } from '../../../shared/extract/exact-defaults.js';

export const CONTAINER_TYPES = ['nested', 'list', 'nested_list'] as const;
export const SINGLE_TYPES = ['text', 'attribute', 'html', 'regex'] as const;

export type FieldList = 'fields' | 'baseFields';
/** Address of a field: top-level list, then child indices (`fields[2].fields[0]` = {list:'fields', at:[2,0]}). */
export interface FieldPath {
  list: FieldList;
  at: number[];
}

export const emptySchema = (): JsonCssSchema => ({ name: '', baseSelector: '', fields: [] });

export function isContainer(f: Pick<JsonCssField, 'type'>): boolean {
  return typeof f.type === 'string' && (CONTAINER_TYPES as readonly string[]).includes(f.type);
}

/** `fields[2].fields[0]`: the JSON path of a field, as the extractor's diagnostics and issues name it. */
export function pathLabel(p: FieldPath): string {
  return p.list + p.at.map((i, k) => (k === 0 ? `[${i}]` : `.fields[${i}]`)).join('');
}

export function samePath(a: FieldPath | null, b: FieldPath | null): boolean {
  return !!a && !!b && a.list === b.list && a.at.length === b.at.length && a.at.every((v, i) => v === b.at[i]);
}

export function getField(schema: JsonCssSchema, p: FieldPath): JsonCssField | undefined {
  let list: JsonCssField[] | undefined = schema[p.list];
  let f: JsonCssField | undefined;
  for (const i of p.at) {
    f = list?.[i];
    list = f?.fields;
  }
  return f;
}

/** Every field with its path, depth-first, baseFields first (the order Crawl4AI evaluates them). */
export function allFields(schema: JsonCssSchema): { path: FieldPath; field: JsonCssField; depth: number }[] {
  const out: { path: FieldPath; field: JsonCssField; depth: number }[] = [];
  const walk = (list: FieldList, fields: JsonCssField[] | undefined, prefix: number[]) => {
    (fields ?? []).forEach((field, i) => {
      const path = { list, at: [...prefix, i] };
      out.push({ path, field, depth: prefix.length });
      if (field.fields) walk(list, field.fields, path.at);
    });
  };
  walk('baseFields', schema.baseFields, []);
  walk('fields', schema.fields, []);
  return out;
}

/** Selectors from the base element down to this field (for highlighting: each must be applied inside the previous). */
export function selectorChain(schema: JsonCssSchema, p: FieldPath): string[] {
  const chain: string[] = [];
  let list: JsonCssField[] | undefined = schema[p.list];
  for (const i of p.at) {
    const f = list?.[i];
    if (!f) break;
    if (f.selector) chain.push(f.selector);
    list = f.fields;
  }
  return chain;
}

// ---------------------------------------------------------------------------------------------
// Immutable edits. Each returns a new schema; the input is never mutated.

const clone = <T,>(v: T): T => structuredClone(v);

/** The list that holds the field at `p` (and its index in it), inside an already-cloned schema. */
function parentList(schema: JsonCssSchema, p: FieldPath, create = false): { list: JsonCssField[]; index: number } | null {
  if (p.list === 'baseFields' && !schema.baseFields) {
    if (!create) return null;
    schema.baseFields = [];
  }
  let list = schema[p.list]!;
  for (const i of p.at.slice(0, -1)) {
    const f = list[i];
    if (!f) return null;
    if (!f.fields) {
      if (!create) return null;
      f.fields = [];
    }
    list = f.fields;
  }
  return { list, index: p.at[p.at.length - 1] };
}

export function setSchemaProps(schema: JsonCssSchema, patch: Partial<Pick<JsonCssSchema, 'name' | 'baseSelector'>>): JsonCssSchema {
  const s = clone(schema);
  for (const [k, v] of Object.entries(patch) as [keyof typeof patch, string | undefined][]) {
    if (v === undefined || (k === 'name' && v === '')) delete s[k];
    else s[k] = v;
  }
  return s;
}

/**
 * Set (or, with undefined / '', delete) keys of one field. Changing `type` keeps the field usable:
 * a container type gets `fields: []`, a single-value type drops an empty `fields`, and keys that
 * only the old type used (attribute, pattern/group) are dropped when empty.
 */
export function updateField(schema: JsonCssSchema, p: FieldPath, patch: Partial<Record<keyof JsonCssField, unknown>>): JsonCssSchema {
  const s = clone(schema);
  const loc = parentList(s, p);
  const f = loc?.list[loc.index];
  if (!f) return schema;
  const rec = f as unknown as Record<string, unknown>;
  for (const [k, v] of Object.entries(patch)) {
    if (v === undefined || (v === '' && k !== 'default')) delete rec[k];
    else rec[k] = v;
  }
  if ('type' in patch) {
    if (isContainer(f)) {
      f.fields ??= [];
      delete f.attribute;
      delete f.pattern;
      delete f.group;
    } else if (f.fields && f.fields.length === 0) delete f.fields;
  }
  return s;
}

export function addField(schema: JsonCssSchema, parent: FieldPath | null, field: JsonCssField, list: FieldList = 'fields', index?: number): JsonCssSchema {
  const s = clone(schema);
  let target: JsonCssField[];
  if (parent) {
    const loc = parentList(s, parent);
    const pf = loc?.list[loc.index];
    if (!pf) return schema;
    target = pf.fields ??= [];
  } else target = list === 'baseFields' ? (s.baseFields ??= []) : s.fields;
  target.splice(index ?? target.length, 0, clone(field));
  return s;
}

export function removeField(schema: JsonCssSchema, p: FieldPath): JsonCssSchema {
  const s = clone(schema);
  const loc = parentList(s, p);
  if (!loc || !loc.list[loc.index]) return schema;
  loc.list.splice(loc.index, 1);
  if (p.list === 'baseFields' && p.at.length === 1 && s.baseFields?.length === 0) delete s.baseFields;
  return s;
}

/** Move a field up (-1) or down (+1) among its siblings; returns the new path too. */
export function moveField(schema: JsonCssSchema, p: FieldPath, delta: -1 | 1): { schema: JsonCssSchema; path: FieldPath } {
  const s = clone(schema);
  const loc = parentList(s, p);
  const to = (loc?.index ?? 0) + delta;
  if (!loc || to < 0 || to >= loc.list.length) return { schema, path: p };
  const [f] = loc.list.splice(loc.index, 1);
  loc.list.splice(to, 0, f);
  return { schema: s, path: { list: p.list, at: [...p.at.slice(0, -1), to] } };
}

/** Indent: make the field the last child of its previous sibling (which must be a container). */
export function indentField(schema: JsonCssSchema, p: FieldPath): { schema: JsonCssSchema; path: FieldPath } {
  const s = clone(schema);
  const loc = parentList(s, p);
  if (!loc || loc.index === 0) return { schema, path: p };
  const prev = loc.list[loc.index - 1];
  if (!isContainer(prev)) return { schema, path: p };
  const [f] = loc.list.splice(loc.index, 1);
  prev.fields ??= [];
  prev.fields.push(f);
  return { schema: s, path: { list: p.list, at: [...p.at.slice(0, -1), loc.index - 1, prev.fields.length - 1] } };
}

/** Outdent: move the field out of its parent container, right after it. */
export function outdentField(schema: JsonCssSchema, p: FieldPath): { schema: JsonCssSchema; path: FieldPath } {
  if (p.at.length < 2) return { schema, path: p };
  const s = clone(schema);
  const loc = parentList(s, p);
  const parentPath: FieldPath = { list: p.list, at: p.at.slice(0, -1) };
  const ploc = parentList(s, parentPath);
  if (!loc || !ploc) return { schema, path: p };
  const [f] = loc.list.splice(loc.index, 1);
  ploc.list.splice(ploc.index + 1, 0, f);
  return { schema: s, path: { list: p.list, at: [...parentPath.at.slice(0, -1), ploc.index + 1] } };
}

/** A field name not yet used among the siblings: "title", "title_2", ... */
export function uniqueName(siblings: JsonCssField[] | undefined, base: string): string {
  const used = new Set((siblings ?? []).map((f) => f.name));
  if (!used.has(base)) return base;
  for (let i = 2; ; i++) if (!used.has(`${base}_${i}`)) return `${base}_${i}`;
}

/** A readable field name from a selector or element: ".product-title a" → "product_title". */
export function nameFromSelector(selector: string | null | undefined, fallback = 'field'): string {
  const classes = [...(selector ?? '').matchAll(/\.(-?[_a-zA-Z][-_a-zA-Z0-9]*)/g)].map((m) => m[1]);
  const attr = (selector ?? '').match(/\[(?:itemprop|data-field|data-testid)="([^"]+)"\]/)?.[1];
  const raw = attr ?? classes[classes.length - 1] ?? (selector ?? '').match(/([a-z][a-z0-9]*)(?:[^a-z0-9]|$)[^ >]*$/i)?.[1] ?? fallback;
  return raw.replace(/[^A-Za-z0-9]+/g, '_').replace(/^_+|_+$/g, '').toLowerCase() || fallback;
}

// ---------------------------------------------------------------------------------------------
// JSON text: canonical formatting, parsing with located errors, import and export

const SCHEMA_KEYS = ['name', 'baseSelector', 'baseFields', 'fields'];
const FIELD_KEYS = ['name', 'type', 'selector', 'attribute', 'pattern', 'group', 'transform', 'source', 'default', 'default_text', 'expression', 'fields'];

function ordered(obj: Record<string, unknown>, keys: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of keys) if (k in obj && obj[k] !== undefined) out[k] = obj[k];
  for (const k of Object.keys(obj)) if (!(k in out) && obj[k] !== undefined) out[k] = obj[k];
  return out;
}

function canonicalField(f: JsonCssField): Record<string, unknown> {
  const o = ordered(f as unknown as Record<string, unknown>, FIELD_KEYS);
  if (Array.isArray(f.fields)) o.fields = f.fields.map(canonicalField);
  return o;
}

export function canonicalSchema(schema: JsonCssSchema): Record<string, unknown> {
  const o = ordered(schema as Record<string, unknown>, SCHEMA_KEYS);
  if (Array.isArray(schema.baseFields)) o.baseFields = schema.baseFields.map(canonicalField);
  if (Array.isArray(schema.fields)) o.fields = schema.fields.map(canonicalField);
  return o;
}

/** The schema as the JSON view and "copy" show it: 2-space indent, Crawl4AI key order. */
export function schemaToText(schema: JsonCssSchema): string {
  return stringifyExact(canonicalSchema(schema), 2); // a default of 0.0 shows as 0.0
}

export interface TextError {
  message: string;
  /** 1-based, when known. */
  line?: number;
  column?: number;
}

export type ParseResult =
  | { ok: true; schema: JsonCssSchema; unwrapped?: string }
  | { ok: false; syntax?: TextError; issues: ValidationIssue[]; value?: unknown };

function locate(text: string, message: string): TextError {
  // V8: "... in JSON at position 42 (line 3 column 5)" or just "at position 42".
  const lc = message.match(/line (\d+) column (\d+)/);
  if (lc) return { message, line: Number(lc[1]), column: Number(lc[2]) };
  const pos = message.match(/position (\d+)/);
  if (!pos) return { message };
  const before = text.slice(0, Number(pos[1]));
  const lines = before.split('\n');
  return { message, line: lines.length, column: lines[lines.length - 1].length + 1 };
}

/**
 * Accepts the forms people paste: a bare schema, the strategy object of a flow
 * (`{type: "JsonCssExtractionStrategy", schema}`), and Crawl4AI's `dump()` form
 * (`{type: "JsonCssExtractionStrategy", params: {schema: {type: "dict", value: {...}}}}`).
 */
export function unwrapSchemaValue(v: unknown): { value: unknown; unwrapped?: string } {
  if (!v || typeof v !== 'object' || Array.isArray(v)) return { value: v };
  const o = v as Record<string, unknown>;
  if (typeof o.type === 'string' && /ExtractionStrategy$/.test(o.type)) {
    const params = o.params && typeof o.params === 'object' ? (o.params as Record<string, unknown>) : undefined;
    let inner = o.schema ?? params?.schema;
    if (inner && typeof inner === 'object' && (inner as Record<string, unknown>).type === 'dict' && 'value' in (inner as object)) inner = (inner as Record<string, unknown>).value;
    if (o.type !== 'JsonCssExtractionStrategy') return { value: inner, unwrapped: `${o.type} (only JsonCssExtractionStrategy schemas are supported; CSS selectors are assumed)` };
    return { value: inner, unwrapped: params ? 'Crawl4AI dump() form' : 'extraction strategy' };
  }
  return { value: v };
}

export function parseSchemaText(text: string): ParseResult {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    return { ok: false, syntax: locate(text, (e as Error).message), issues: [] };
  }
  attachExactDefaultsFromText(raw, text);
  const { value, unwrapped } = unwrapSchemaValue(raw);
  const r = JsonCssSchemaSchema.safeParse(value);
  if (!r.success) return { ok: false, issues: fromZodIssues(r.error.issues, JsonCssSchemaSchema, value), value };
  return { ok: true, schema: r.data, unwrapped };
}

export function validateSchema(schema: unknown): ValidationIssue[] {
  const r = JsonCssSchemaSchema.safeParse(schema);
  return r.success ? [] : fromZodIssues(r.error.issues, JsonCssSchemaSchema, schema);
}

export type ExportForm = 'schema' | 'strategy' | 'python';

export function exportSchema(schema: JsonCssSchema, form: ExportForm): string {
  if (form === 'schema') return schemaToText(schema);
  if (form === 'strategy') return stringifyExact({ type: 'JsonCssExtractionStrategy', schema: canonicalSchema(schema) }, 2);
  // Python: JSON is almost a Python literal; true/false/null need translating outside strings
  // (stringifyExact: a 0.0 default stays the float 0.0).
  const py = stringifyExact(canonicalSchema(schema), 4).replace(/("(?:[^"\\]|\\.)*")|\btrue\b|\bfalse\b|\bnull\b/g, (m, str: string | undefined) =>
    str ? str : m === 'true' ? 'True' : m === 'false' ? 'False' : 'None',
  );
  return `from crawl4ai import JsonCssExtractionStrategy\n\nschema = ${py}\n\nextraction_strategy = JsonCssExtractionStrategy(schema)\n`;
}

/** Deep equality of two JSON values (key order ignored). */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== typeof b || a === null || b === null || typeof a !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) return a.length === (b as unknown[]).length && a.every((v, i) => jsonEqual(v, (b as unknown[])[i]));
  const ka = Object.keys(a as object).filter((k) => (a as Record<string, unknown>)[k] !== undefined);
  const kb = Object.keys(b as object).filter((k) => (b as Record<string, unknown>)[k] !== undefined);
  return ka.length === kb.length && ka.every((k) => jsonEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

/**
 * The JSON view's text after the tree changed to `schema`. The user's text is kept while it is
 * invalid JSON or not a valid schema (they are mid-edit: never destroy it; the view offers "reset
 * from tree") or when it already says the same thing (keeps their formatting); otherwise it is
 * regenerated from the tree.
 */
export function reconcileText(currentText: string, schema: JsonCssSchema): string {
  const r = parseSchemaText(currentText);
  if (!r.ok) return currentText;
  return jsonEqual(r.schema, schema) ? currentText : schemaToText(schema);
}

/**
 * What the JSON view does on every keystroke: a valid schema goes to the tree; anything else stays
 * text with its errors (the tree keeps the last valid schema).
 */
export function applyText(text: string, current: JsonCssSchema): { schema: JsonCssSchema; changed: boolean; result: ParseResult } {
  const result = parseSchemaText(text);
  if (!result.ok) return { schema: current, changed: false, result };
  return { schema: result.schema, changed: !jsonEqual(result.schema, current), result };
}
