// Diagnostics for the schema tester: what the schema does on a page, field by field, and why a
// selector can match a different number of elements in the browser than in Crawl4AI.
import type { JsonCssField, JsonCssSchema } from './schema.js';
import { extractItems } from './index.js';
import type { FieldOutcome, Tracer, Value } from './algorithm.js';
import { pyJsonDumps, type PyValue } from './pyjson.js';
import { lintSchema, type SchemaLint } from './lint.js';
import { compileSelector } from './select.js';
import { parseHtml } from './parse.js';
import { ExtractionError } from './errors.js';

export interface FieldDiagnostic {
  /** Schema path: `fields[2]`, `fields[3].fields[0]`, `baseFields[0]`. */
  path: string;
  name: string;
  type: string | string[];
  /** Evaluations that produced a value of the field's own (not the default). */
  value: number;
  /** Evaluations that fell back to a non-null `default`. */
  default: number;
  /** Evaluations that produced nothing (key absent). */
  none: number;
  /** The first (up to) 3 values, as compact JSON. */
  samples: string[];
}

export interface SchemaDiagnosis {
  /** Elements matched by baseSelector (Crawl4AI semantics), or null when it raised. */
  baseCount: number | null;
  /** Items in the result (empty items are dropped). */
  itemCount: number;
  fields: FieldDiagnostic[];
  lint: SchemaLint[];
  /** The extraction error, when Crawl4AI would raise. */
  error?: { path: string; message: string; pyType: string };
  /** Exactly Crawl4AI's extracted_content (absent on error). */
  extracted_content?: string;
}

function collect(fields: JsonCssField[] | undefined, path: string, out: Map<string, FieldDiagnostic>): void {
  fields?.forEach((f, i) => {
    const p = `${path}[${i}]`;
    out.set(p, { path: p, name: f.name, type: f.type, value: 0, default: 0, none: 0, samples: [] });
    if (f.fields) collect(f.fields, `${p}.fields`, out);
  });
}

function compact(v: Value): string {
  const s = pyJsonDumps(v as PyValue).replace(/\n\s*/g, ' ');
  return s.length > 200 ? s.slice(0, 199) + '…' : s;
}

/** Run the schema on the HTML with Crawl4AI semantics and report per-field outcomes. */
export function diagnoseSchema(html: string, schema: JsonCssSchema): SchemaDiagnosis {
  const byPath = new Map<string, FieldDiagnostic>();
  collect(schema.baseFields, 'baseFields', byPath);
  collect(schema.fields, 'fields', byPath);
  const tracer: Tracer = {
    field(path: string, outcome: FieldOutcome, value: Value) {
      const d = byPath.get(path);
      if (!d) return;
      d[outcome]++;
      if (outcome !== 'none' && d.samples.length < 3) d.samples.push(compact(value));
    },
  };
  const lint = lintSchema(schema);
  let baseCount: number | null = null;
  const doc = parseHtml(html);
  try {
    baseCount = compileSelector(schema.baseSelector).select(doc).length;
  } catch {
    baseCount = null;
  }
  try {
    const items = extractItems(doc, schema, tracer);
    return {
      baseCount,
      itemCount: items.length,
      fields: [...byPath.values()],
      lint,
      extracted_content: pyJsonDumps(items as unknown as PyValue),
    };
  } catch (e) {
    if (!(e instanceof ExtractionError)) throw e;
    return {
      baseCount,
      itemCount: 0,
      fields: [...byPath.values()],
      lint,
      error: { path: e.path, message: e.message, pyType: e.pyType },
    };
  }
}

/**
 * Why a selector's match count in the live browser (querySelectorAll on the DOM) can differ from
 * the count Crawl4AI gets (soupsieve on lxml's parse of the captured HTML). Returns '' when equal.
 */
export function explainCountMismatch(selector: string, browserCount: number, crawl4aiCount: number): string {
  if (browserCount === crawl4aiCount) return '';
  const reasons: string[] = [];
  const s = selector.toLowerCase();
  const more = browserCount > crawl4aiCount ? 'browser' : 'crawl4ai';
  if (/\btbody\b/.test(s) && more === 'browser') {
    reasons.push('the selector names <tbody>: the browser inserts <tbody> into every table, lxml does not when the HTML has none (e.g. `raw:` HTML or a page captured before scripts ran). Drop "tbody" from the selector.');
  }
  if (/(^|[\s,(])(table|#[\w-]+|\.[\w-]+)\s*>\s*tr\b/.test(s) && more === 'crawl4ai') {
    reasons.push('"table > tr": the browser puts rows inside an implied <tbody>, so it finds none; lxml keeps them as direct children on raw HTML. Use "table tr".');
  }
  if (/:(contains|-soup-contains)/.test(s)) {
    reasons.push(':contains()/:-soup-contains() exist only in soupsieve; the browser rejects the selector.');
  }
  if (/:(eq|first|last|gt|lt|even|odd|nth)\b|:(checkbox|radio|input|button|header|parent|selected|visible|hidden)\b/.test(s)) {
    reasons.push('jQuery-style pseudo-classes are rejected by soupsieve (Crawl4AI) and by the browser.');
  }
  if (more === 'browser') {
    reasons.push(
      'elements inside shadow roots or iframes are visible to the picker but not part of the HTML Crawl4AI parses (page.content() serializes neither shadow DOM nor iframe documents).',
      'elements added or changed after the HTML was captured (scripts, lazy loading) are in the live DOM only.',
    );
  } else {
    reasons.push(
      'lxml parses the content of <template>, <noscript> and <textarea> as markup, while the browser keeps it out of the DOM tree (template content fragment, raw text): elements in there only match in Crawl4AI.',
      "lxml's HTML 4 parser nests misnested markup differently from the browser's HTML5 parser (e.g. a <p> closes an open <b>/<i>; it never moves <table> content around).",
    );
  }
  return `${more === 'browser' ? 'The browser' : 'Crawl4AI'} finds more (${browserCount} vs ${crawl4aiCount}). Likely: ${reasons.join(' Or: ')}`;
}
