// Crawl4AI 0.9.2 JsonCssExtractionStrategy in TypeScript: same items, same bytes.
//
//   extractJsonCss(html, schema).extracted_content
//     === json.dumps(JsonCssExtractionStrategy(schema).extract(url, html), indent=4, ensure_ascii=False)
//
// Pure (no Node APIs): runs in the main process, a worker, the CLI or the renderer.
import type { JsonCssSchema } from './schema.js';
import { resolveExactDefaults } from './exact-defaults.js';
import { parseHtml } from './parse.js';
import { Extractor, type Item, type Tracer } from './algorithm.js';
import { isPyFloat, pyJsonDumps, type PyValue } from './pyjson.js';
import { ExtractionError } from './errors.js';
import { outerHtml } from './serialize.js';
import type { Document } from 'domhandler';

export { ExtractionError } from './errors.js';
export type { JsonCssSchema, JsonCssField } from './schema.js';

export interface ExtractionResult {
  /** Exactly the string Crawl4AI puts in `result.extracted_content`. */
  extracted_content: string;
  /** The items as plain JS values (elements as their HTML). Note: a JS object puts integer-like
   *  keys first; `extracted_content` has the true key order. */
  items: unknown[];
}

function toPlain(v: unknown): unknown {
  if (isPyFloat(v)) return v.value;
  if (typeof v === 'bigint') return Number(v); // plain values: JSON-safe (the string is exact)
  if (v instanceof Map) {
    const o: Record<string, unknown> = {};
    for (const [k, val] of v) o[k] = toPlain(val);
    return o;
  }
  if (Array.isArray(v)) return v.map(toPlain);
  if (typeof v === 'object' && v !== null && 'attribs' in v && 'children' in v) {
    return outerHtml(v as Parameters<typeof outerHtml>[0]);
  }
  return v;
}

/** Run the extraction; `tracer` (optional) observes every field outcome (diagnostics). */
export function extractItems(html: string | Document, schema: JsonCssSchema, tracer?: Tracer): Item[] {
  if (typeof schema !== 'object' || schema === null) throw new ExtractionError('schema must be an object', '', 'TypeError');
  if (typeof schema.baseSelector !== 'string') throw new ExtractionError(`KeyError: 'baseSelector'`, 'baseSelector', 'KeyError');
  const doc = typeof html === 'string' ? parseHtml(html) : html;
  return new Extractor(tracer).extract(doc, resolveExactDefaults(schema));
}

export { parseHtml } from './parse.js';
export { parsePyJson, PyJsonSyntaxError } from './pyjson-parse.js';
export { PyFloat, isPyFloat } from './pyjson.js';

/**
 * Extract like Crawl4AI's JsonCssExtractionStrategy. Throws ExtractionError where Crawl4AI raises
 * (e.g. a transform crash in baseFields, an invalid baseSelector) and where a pattern cannot be
 * reproduced exactly (error names the schema path).
 */
export function extractJsonCss(html: string, schema: JsonCssSchema): ExtractionResult {
  const items = extractItems(html, schema);
  let plain: unknown[] | undefined;
  return {
    extracted_content: pyJsonDumps(items as unknown as PyValue),
    // converted on first access: most callers only need the string
    get items() {
      plain ??= items.map(toPlain);
      return plain;
    },
  };
}
