// Crawl4AI 0.9.2 JsonElementExtractionStrategy.extract() with the JsonCss primitives
// (crawl4ai-notes.md 4.2-4.4), step for step. Python exceptions are modelled as PyError: inside
// `fields` (the try/except in _extract_field) they turn into the field's `default`; in baseFields
// and the base selector they abort the whole extraction, as in Crawl4AI.
import type { AnyNode, Document, Element } from 'domhandler';
import type { JsonCssField, JsonCssSchema } from './schema.js';
import { compileSelector, SelectorError } from './select.js';
import { getText } from './text.js';
import { outerHtml } from './serialize.js';
import { getAttribute } from './attributes.js';
import { compilePyRegex, PyIndexError, PyRegexSyntaxError, pySearchGroup, RegexUnsupportedError } from './pyregex.js';
import { ExtractionError, PyError } from './errors.js';
import { pyLower, pyStrip, pyUpper } from './pystr.js';

/** An extracted value: Python str / list / dict (Map, ordered) / element / JSON default. */
export type Value = unknown;
export type Item = Map<string, Value>;

/** What happened to one field for one element (for diagnostics). */
export type FieldOutcome = 'value' | 'default' | 'none';
export interface Tracer {
  field(path: string, outcome: FieldOutcome, value: Value): void;
}

function isElement(v: unknown): v is Element {
  return (
    typeof v === 'object' && v !== null && 'type' in v && 'attribs' in v &&
    ((v as Element).type === 'tag' || (v as Element).type === 'script' || (v as Element).type === 'style')
  );
}

function pyTypeName(v: Value): string {
  if (v === null || v === undefined) return 'NoneType';
  if (typeof v === 'string') return 'str';
  if (Array.isArray(v)) return 'list';
  if (isElement(v)) return 'Tag';
  return typeof v;
}

/** Python repr() of a str (for str(list) in an `html` step on a list value). */
function pyReprStr(s: string): string {
  const quote = s.includes("'") && !s.includes('"') ? '"' : "'";
  let out = quote;
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === '\\') out += '\\\\';
    else if (ch === quote) out += '\\' + ch;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (c < 0x20 || c === 0x7f) out += '\\x' + c.toString(16).padStart(2, '0');
    else out += ch;
  }
  return out + quote;
}

const has = (f: object, key: string): boolean => Object.prototype.hasOwnProperty.call(f, key) && (f as Record<string, unknown>)[key] !== undefined;
const dflt = (f: JsonCssField): Value => (has(f, 'default') ? f.default : null);

function selectorFailure(e: unknown, path: string): never {
  if (e instanceof SelectorError) {
    if (e.unsupported) throw new ExtractionError(e.message, `${path}.selector`, 'Unsupported');
    throw new PyError('SelectorSyntaxError', `${path}.selector: ${e.message}`);
  }
  throw e;
}

function select(el: AnyNode, selector: string, path: string): Element[] {
  try {
    return compileSelector(selector).select(el);
  } catch (e) {
    return selectorFailure(e, path);
  }
}

function selectFirst(el: AnyNode, selector: string, path: string): Element | undefined {
  try {
    return compileSelector(selector).selectFirst(el);
  } catch (e) {
    return selectorFailure(e, path);
  }
}

function stepText(v: Value): string {
  if (!isElement(v)) throw new PyError('AttributeError', `'${pyTypeName(v)}' object has no attribute 'get_text'`);
  return getText(v);
}

function applyTransform(v: Value, t: string): Value {
  if (t !== 'lowercase' && t !== 'uppercase' && t !== 'strip') return v; // unknown: no-op
  if (typeof v !== 'string') {
    const method = t === 'lowercase' ? 'lower' : t === 'uppercase' ? 'upper' : 'strip';
    // None and list have no such attribute; on an element bs4 looks for a <lower> child (None) and
    // calling None fails: all raise.
    throw new PyError(isElement(v) ? 'TypeError' : 'AttributeError', `'${pyTypeName(v)}' object has no attribute '${method}'`);
  }
  return t === 'lowercase' ? pyLower(v) : t === 'uppercase' ? pyUpper(v) : pyStrip(v);
}

// Schema paths (`fields[3].fields[0]`) name a field in traces and errors. They depend only on the
// schema, so they are built once per (parent path, index) instead of once per field per item.
const pathMemo = new Map<string, string[]>();
const fieldsMemo = new Map<string, string>();
function fieldPaths(path: string, n: number): string[] {
  let a = pathMemo.get(path);
  if (a === undefined || a.length < n) {
    if (pathMemo.size > 1000) pathMemo.clear();
    a = [];
    for (let i = 0; i < n; i++) a.push(`${path}[${i}]`);
    pathMemo.set(path, a);
  }
  return a;
}
function subFieldsPath(path: string): string {
  let p = fieldsMemo.get(path);
  if (p === undefined) {
    if (fieldsMemo.size > 1000) fieldsMemo.clear();
    p = `${path}.fields`;
    fieldsMemo.set(path, p);
  }
  return p;
}

export class Extractor {
  constructor(private readonly tracer?: Tracer) {}

  /** _extract_single_field: selector -> first match, type pipeline, transform, default. */
  single(el: Element, f: JsonCssField, path: string): Value {
    let cur: Value = el;
    if (has(f, 'selector')) {
      const m = selectFirst(el, f.selector as string, path);
      if (!m) return this.trace(path, dflt(f), true);
      cur = m;
    }
    const type = f.type;
    const n = typeof type === 'string' ? 1 : type.length;
    for (let si = 0; si < n; si++) {
      const step = typeof type === 'string' ? type : type[si];
      if (step === 'text') {
        cur = stepText(cur);
      } else if (step === 'attribute') {
        if (!has(f, 'attribute')) throw new PyError('KeyError', `'attribute'`);
        if (!isElement(cur)) throw new PyError('AttributeError', `'${pyTypeName(cur)}' object has no attribute 'get'`);
        cur = getAttribute(cur.name, cur.attribs, f.attribute as string);
      } else if (step === 'html') {
        if (isElement(cur)) cur = outerHtml(cur);
        else if (Array.isArray(cur)) cur = '[' + (cur as string[]).map(pyReprStr).join(', ') + ']';
        // str(str) is the string itself
      } else if (step === 'regex') {
        const pattern = f.pattern;
        if (pattern) {
          if (typeof cur !== 'string') cur = stepText(cur);
          let rx;
          try {
            rx = compilePyRegex(pattern);
          } catch (e) {
            if (e instanceof RegexUnsupportedError) {
              throw new ExtractionError(`regex ${JSON.stringify(pattern)}: ${e.message}`, `${path}.pattern`, 'Unsupported');
            }
            if (e instanceof PyRegexSyntaxError) throw new PyError('re.error', e.message);
            throw e;
          }
          const group = has(f, 'group') ? (f.group as number | string) : 1;
          try {
            cur = pySearchGroup(rx, cur as string, group).value;
          } catch (e) {
            if (e instanceof PyIndexError) throw new PyError('IndexError', 'no such group');
            throw e;
          }
        }
      }
      // any other step: no-op
      if (cur === null || cur === undefined) break;
    }
    if (has(f, 'transform')) cur = applyTransform(cur, f.transform as string);
    if (cur === null || cur === undefined) return this.trace(path, dflt(f), true);
    return this.trace(path, cur, false);
  }

  private trace(path: string, v: Value, isDefault: boolean): Value {
    if (this.tracer) {
      const none = v === null || v === undefined;
      this.tracer.field(path, none ? 'none' : isDefault ? 'default' : 'value', v);
    }
    return v;
  }

  /** _extract_field: source, nested/list/nested_list, else single; any exception -> default. */
  field(el: Element, f: JsonCssField, path: string): Value {
    try {
      let base: Element = el;
      if (has(f, 'source')) {
        const s = resolveSource(el, f.source as string);
        if (!s) return this.trace(path, dflt(f), true);
        base = s;
      }
      if (f.type === 'nested') {
        if (!has(f, 'selector')) throw new PyError('KeyError', `'selector'`);
        const m = selectFirst(base, f.selector as string, path);
        if (!m) return this.trace(path, new Map(), false);
        if (!has(f, 'fields')) throw new PyError('KeyError', `'fields'`);
        return this.trace(path, this.item(m, f.fields!, subFieldsPath(path)), false);
      }
      if (f.type === 'list' || f.type === 'nested_list') {
        if (!has(f, 'selector')) throw new PyError('KeyError', `'selector'`);
        const els = select(base, f.selector as string, path);
        const out: Value[] = [];
        const sub = subFieldsPath(path);
        for (const x of els) {
          if (!has(f, 'fields')) throw new PyError('KeyError', `'fields'`);
          out.push(f.type === 'list' ? this.listItem(x, f.fields!, sub) : this.item(x, f.fields!, sub));
        }
        return this.trace(path, out, false);
      }
      return this.single(base, f, path);
    } catch (e) {
      if (e instanceof ExtractionError) throw e;
      if (!(e instanceof PyError)) throw e;
      return this.trace(path, dflt(f), true);
    }
  }

  /** _extract_item. `into`: the map to fill (the item already holding the baseFields values);
   *  setting the fields there directly gives the same keys, order and values as Crawl4AI's
   *  `item.update(field_values)` of a separate dict. */
  item(el: Element, fields: JsonCssField[], path: string, into?: Item): Item {
    const item: Item = into ?? new Map();
    const paths = fieldPaths(path, fields.length);
    for (let i = 0; i < fields.length; i++) {
      const f = fields[i];
      const p = paths[i];
      const v = f.type === 'computed' ? this.computed(f, p) : this.field(el, f, p);
      if (v !== null && v !== undefined) item.set(f.name, v);
    }
    return item;
  }

  /** _extract_list_item: single-value fields only and no error guard (errors reach the list). */
  listItem(el: Element, fields: JsonCssField[], path: string): Item {
    const item: Item = new Map();
    const paths = fieldPaths(path, fields.length);
    for (let i = 0; i < fields.length; i++) {
      const f = fields[i];
      const v = this.single(el, f, paths[i]);
      if (v !== null && v !== undefined) item.set(f.name, v);
    }
    return item;
  }

  /** _compute_field: `expression` is disabled since 0.8.7 (warning + default); `function` is
   *  called as field["function"](item), and a JSON value is never callable: TypeError -> default;
   *  neither -> None. */
  computed(f: JsonCssField, path: string): Value {
    if (has(f, 'expression') || has(f, 'function')) return this.trace(path, dflt(f), true);
    return this.trace(path, null, false);
  }

  extract(doc: Document, schema: JsonCssSchema): Item[] {
    let bases: Element[];
    try {
      bases = compileSelector(schema.baseSelector).select(doc);
    } catch (e) {
      if (e instanceof SelectorError) throw new ExtractionError(e.message, 'baseSelector', e.unsupported ? 'Unsupported' : 'SelectorSyntaxError');
      throw e;
    }
    const results: Item[] = [];
    for (const el of bases) {
      const item: Item = new Map();
      const baseFields = schema.baseFields;
      if (baseFields) {
        const paths = fieldPaths('baseFields', baseFields.length);
        for (let i = 0; i < baseFields.length; i++) {
          const f = baseFields[i];
          let v: Value;
          try {
            v = this.single(el, f, paths[i]);
          } catch (e) {
            if (e instanceof PyError) {
              throw new ExtractionError(
                `${e.pyType}: ${e.message} (baseFields have no error guard in Crawl4AI: the whole extraction fails)`,
                `baseFields[${i}]`,
                e.pyType,
              );
            }
            throw e;
          }
          if (v !== null && v !== undefined) item.set(f.name, v);
        }
      }
      if (!schema.fields) throw new ExtractionError(`KeyError: 'fields'`, 'fields', 'KeyError');
      this.item(el, schema.fields, 'fields', item);
      if (item.size > 0) results.push(item);
    }
    return results;
  }
}

/** JsonCss _resolve_source: "+ tag.c1.c2" -> el.find_next_sibling(tag, class_=λ) where λ tests
 *  each class value, then the space-joined list, for containing every cN as a *substring*. */
export function resolveSource(el: Element, source: string): Element | null {
  const src = pyStrip(source);
  if (!src.startsWith('+')) return null;
  const sel = pyStrip(src.slice(1));
  const parts = sel.split('.');
  const tag = pyStrip(parts[0]) || null;
  const classes = parts.slice(1).map(pyStrip).filter((c) => c !== '');
  for (let sib = el.next; sib; sib = sib.next) {
    if (!isElement(sib)) continue;
    if (tag !== null && sib.name !== tag) continue;
    if (classes.length > 0) {
      const cls = getAttribute(sib.name, sib.attribs, 'class');
      const values = cls === null ? [] : Array.isArray(cls) ? cls : [cls];
      if (values.length === 0) continue;
      const ok =
        values.some((v) => classes.every((c) => v.includes(c))) ||
        (values.length > 1 && classes.every((c) => values.join(' ').includes(c)));
      if (!ok) continue;
    }
    return sib;
  }
  return null;
}
