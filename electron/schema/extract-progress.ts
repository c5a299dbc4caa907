// Which field an extraction was working on when it ran out of time. Every job reports its stage
// (parse / extract / serialize) into shared memory; a worker stuck in a regex cannot post a
// message, but the main thread can still read that memory after killing it. Tracing every field
// costs ~40 % of an extraction, so jobs run untraced; only after a timeout does the pool re-run the
// job briefly with the extractor's Tracer reporting each finished field (extraction is
// deterministic: it gets stuck in the same place). Fields finish in post-order (a nested/list
// field after its sub-fields, per base element), so the field being worked on is the one after
// the last finished one in that order.
import type { JsonCssField, JsonCssSchema } from '../../shared/extract/schema.js';

export interface FieldRef {
  /** Schema path as the extractor names it: fields[2], fields[3].fields[0], baseFields[1]. */
  path: string;
  name: string;
  /** The regex of this field or of one below it (the usual cause of a runaway extraction). */
  pattern?: string;
}

/** Every field of the schema in the order the extractor finishes them (for one base element). */
export function fieldOrder(schema: JsonCssSchema): FieldRef[] {
  const out: FieldRef[] = [];
  const walk = (fields: JsonCssField[] | undefined, prefix: string, nested: boolean) => {
    (fields ?? []).forEach((f, i) => {
      const path = `${prefix}[${i}]`;
      const start = out.length;
      // Sub-fields of nested/list fields are traced too (Crawl4AI's _extract_item/_extract_list_item).
      if (nested && (f.type === 'nested' || f.type === 'list' || f.type === 'nested_list')) walk(f.fields, `${path}.fields`, true);
      const below = out.slice(start).find((r) => r.pattern)?.pattern;
      out.push({ path, name: f.name, ...(typeof f.pattern === 'string' ? { pattern: f.pattern } : below ? { pattern: below } : {}) });
    });
  };
  walk(schema.baseFields, 'baseFields', false); // baseFields are single values
  walk(schema.fields, 'fields', true);
  return out;
}

/** Slots of the shared progress memory. */
export const PROGRESS_LAST = 0; // index (in fieldOrder) of the last finished field, -1 = none
export const PROGRESS_COUNT = 1; // how many field values have finished
export const PROGRESS_STAGE = 2; // STAGE_*
export const PROGRESS_SLOTS = 3;
export const STAGE_PARSE = 0;
export const STAGE_EXTRACT = 1;
export const STAGE_SERIALIZE = 2;

export function newProgress(): { buffer: SharedArrayBuffer; view: Int32Array } {
  const buffer = new SharedArrayBuffer(PROGRESS_SLOTS * 4);
  const view = new Int32Array(buffer);
  view[PROGRESS_LAST] = -1;
  return { buffer, view };
}

/** Where the extraction was, from the progress memory (`traced`: the job reported its fields). */
export function describeProgress(schema: JsonCssSchema, view: Int32Array, traced = true): { where: string; field: FieldRef | null } {
  const order = fieldOrder(schema);
  const stage = Atomics.load(view, PROGRESS_STAGE);
  const last = Atomics.load(view, PROGRESS_LAST);
  const finished = Atomics.load(view, PROGRESS_COUNT);
  const name = (f: FieldRef) => `field ${f.path} ("${f.name}")`;
  if (stage === STAGE_PARSE) return { where: 'while parsing the page', field: null };
  if (stage === STAGE_SERIALIZE) return { where: 'while writing extracted_content', field: null };
  if (!traced) return { where: 'while extracting fields', field: null };
  if (finished === 0 || !order.length) {
    const first = order[0] ?? null;
    return { where: `while matching baseSelector "${schema.baseSelector}"${first ? ` or extracting its first ${name(first)}` : ''}`, field: first };
  }
  const f = order[(last + 1) % order.length];
  return { where: `while extracting ${name(f)}, after ${finished} field value(s)`, field: f };
}

/** The user-facing message of a timed-out extraction. */
export function timeoutMessage(schema: JsonCssSchema, view: Int32Array | null, ms: number, traced = true): string {
  const secs = `${Math.round(ms / 100) / 10} s`;
  const { where, field } = view ? describeProgress(schema, view, traced) : { where: '', field: null };
  const culprit = view && traced ? field?.pattern : fieldOrder(schema).find((f) => f.pattern)?.pattern;
  const hint = culprit
    ? ` The regex ${JSON.stringify(culprit)} may backtrack catastrophically (nested repetition such as (a+)+ takes exponential time on some inputs): rewrite it without nested quantifiers.`
    : ' The page may be very large or deeply nested: narrow it with css_selector.';
  return `extraction stopped after ${secs}${where ? ` ${where}` : ''}: the extraction worker was killed and replaced.${hint}`;
}
