// Python's `json.dumps(value, indent=4, ensure_ascii=False, default=str)`, byte for byte.
//
// Differences from JSON.stringify(v, null, 4) that matter here:
// - object keys keep insertion order even when integer-like ("2024", "1"): items are Maps;
// - lone surrogates are written raw (JSON.stringify escapes them as \udXXX), U+2028/2029 and DEL
//   raw as well; control characters other than \b \f \n \r \t as \u00XX with lower-case hex;
// - floats use Python's repr (1e+16, 1e-05, 1.5); an integral JS number prints as an int;
// - an element (default=str) prints as its HTML.
import type { AnyNode } from 'domhandler';
import { outerHtml } from './serialize.js';

const PY_FLOAT: unique symbol = Symbol.for('crawlwright.PyFloat') as never;

/** A Python float that JSON would lose (`0.0`, `2.0`, `-0.0`): made by parsePyJson, printed with
 *  Python's float repr. A plain JS number is printed as an int when integral. */
export class PyFloat {
  /** A registered symbol, not instanceof: values made by another copy of this module (the
   *  single-file bundle, a worker's build) are recognised too. */
  readonly [PY_FLOAT] = true;
  constructor(readonly value: number) {}
  toJSON(): number {
    return this.value;
  }
}
export function isPyFloat(v: unknown): v is PyFloat {
  return typeof v === 'object' && v !== null && (v as { [PY_FLOAT]?: unknown })[PY_FLOAT] === true;
}

export type PyValue =
  | string
  | number
  | bigint
  | PyFloat
  | boolean
  | null
  | undefined
  | PyValue[]
  | Map<string, PyValue>
  | { [k: string]: PyValue }
  | AnyNode;

const ESCAPES: Record<string, string> = {
  '"': '\\"',
  '\\': '\\\\',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
  '\b': '\\b',
  '\f': '\\f',
};

// eslint-disable-next-line no-control-regex
const NEEDS_ESCAPE = /["\\\x00-\x1f]/;
// eslint-disable-next-line no-control-regex
const ESCAPE_ALL = /["\\\x00-\x1f]/g;

// eslint-disable-next-line no-control-regex
const CONTROL = /[\x00-\x1f]/;

export function pyJsonString(s: string): string {
  if (!NEEDS_ESCAPE.test(s)) return '"' + s + '"';
  // common case (HTML strings): only quotes/backslashes, no per-match callback
  if (!CONTROL.test(s)) return '"' + s.replace(/["\\]/g, '\\$&') + '"';
  return (
    '"' +
    s.replace(ESCAPE_ALL, (c) => ESCAPES[c] ?? '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0')) +
    '"'
  );
}

/** Python float repr for a finite number that is not printed as an int. */
export function pyFloatRepr(x: number): string {
  if (Number.isNaN(x)) return 'NaN';
  if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0'; // toExponential() drops the sign of -0
  if (x === Infinity) return 'Infinity';
  if (x === -Infinity) return '-Infinity';
  // JS and Python both print the shortest round-tripping digits; they differ in exponent format
  // and thresholds: Python uses scientific notation when exp < -4 or exp >= 16.
  const m = /^(-?)(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(x.toExponential());
  if (!m) return String(x);
  const [, sign, d0, rest = '', expS] = m;
  const exp = Number(expS);
  const digits = d0 + rest;
  if (exp < -4 || exp >= 16) {
    const mant = rest ? `${d0}.${rest}` : d0;
    const e = Math.abs(exp) < 10 ? `0${Math.abs(exp)}` : String(Math.abs(exp));
    return `${sign}${mant}e${exp < 0 ? '-' : '+'}${e}`;
  }
  if (exp < 0) return `${sign}0.${'0'.repeat(-exp - 1)}${digits}`;
  if (digits.length <= exp + 1) return `${sign}${digits}${'0'.repeat(exp + 1 - digits.length)}.0`;
  return `${sign}${digits.slice(0, exp + 1)}.${digits.slice(exp + 1)}`;
}

function numberRepr(x: number): string {
  // JSON has one number type; a schema default like 3 came from Python json as int 3 and 3.5 as
  // float. An integral value is printed as an int (a `1.0` default is printed as `1`; see README).
  if (Number.isInteger(x) && Math.abs(x) < 1e21) return x.toFixed(0);
  return pyFloatRepr(x);
}

function isNode(v: object): v is AnyNode {
  return 'type' in v && 'parent' in v && typeof (v as { type: unknown }).type === 'string';
}

function dump(v: PyValue, indent: string): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'string') return pyJsonString(v);
  if (typeof v === 'number') return numberRepr(v);
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'bigint') return v.toString();
  if (isPyFloat(v)) return pyFloatRepr(v.value);
  const inner = indent + '    ';
  if (Array.isArray(v)) {
    if (v.length === 0) return '[]';
    let out = '[\n' + inner + dump(v[0], inner);
    for (let i = 1; i < v.length; i++) out += ',\n' + inner + dump(v[i], inner);
    return out + '\n' + indent + ']';
  }
  if (v instanceof Map) {
    if (v.size === 0) return '{}';
    let out = '{';
    let first = true;
    for (const [k, val] of v) {
      out += (first ? '\n' : ',\n') + inner + pyJsonString(k) + ': ' + dump(val, inner);
      first = false;
    }
    return out + '\n' + indent + '}';
  }
  if (isNode(v)) return pyJsonString(outerHtml(v));
  return dump(new Map(Object.entries(v)), indent);
}

const ARRAY_INDEX = /^(?:0|[1-9]\d{0,9})$/;
type WellFormed = { isWellFormed?: () => boolean };

/** No lone surrogates (Python writes them raw, JSON.stringify escapes them). */
function wellFormed(s: string): boolean {
  const wf = (s as WellFormed).isWellFormed;
  return wf ? wf.call(s) : !/[\ud800-\udfff]/.test(s);
}

/** Would a JS object reorder (integer-like) or mishandle (`__proto__`) this key, or JSON.stringify
 *  escape it (a lone surrogate)? Item keys are the schema's few field names, asked about for every
 *  item: the answer is remembered per key. */
const keyVerdicts = new Map<string, boolean>();
function unsafeKey(k: string): boolean {
  let v = keyVerdicts.get(k);
  if (v === undefined) {
    v = (ARRAY_INDEX.test(k) && Number(k) < 4294967295) || k === '__proto__' || !wellFormed(k);
    if (keyVerdicts.size > 1000) keyVerdicts.clear();
    keyVerdicts.set(k, v);
  }
  return v;
}

/**
 * Fast path: when nothing in the value is printed differently by Python (keys that JS would
 * reorder, floats, lone surrogates), JSON.stringify(v, null, 4) produces the same bytes as
 * json.dumps(v, indent=4, ensure_ascii=False): same layout, same escapes (\u001f lower-case,
 * U+2028 raw). Returns the plain value, or undefined to use the exact writer.
 */
function toJsonSafe(v: PyValue): unknown {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string') return wellFormed(v) ? v : undefined;
  if (typeof v === 'number') return Number.isInteger(v) && Math.abs(v) < 1e16 ? v : undefined;
  if (typeof v === 'boolean') return v;
  if (typeof v === 'bigint' || isPyFloat(v)) return undefined;
  if (Array.isArray(v)) {
    const out = new Array<unknown>(v.length);
    for (let i = 0; i < v.length; i++) {
      const x = toJsonSafe(v[i]);
      if (x === undefined) return undefined;
      out[i] = x;
    }
    return out;
  }
  if (v instanceof Map) {
    const o: Record<string, unknown> = {};
    for (const [k, val] of v) {
      if (unsafeKey(k)) return undefined;
      const x = toJsonSafe(val);
      if (x === undefined) return undefined;
      o[k] = x;
    }
    return o;
  }
  if (isNode(v)) return toJsonSafe(outerHtml(v));
  return toJsonSafe(new Map(Object.entries(v)));
}

export function pyJsonDumps(v: PyValue): string {
  const safe = toJsonSafe(v);
  if (safe !== undefined) return JSON.stringify(safe, null, 4);
  return dump(v, '');
}

/** The exact writer only (tests compare both paths). */
export function pyJsonDumpsExact(v: PyValue): string {
  return dump(v, '');
}
