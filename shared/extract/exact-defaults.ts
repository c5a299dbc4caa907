// Field defaults exactly as written, inside values that travel as JSON (flow files, IPC, stores).
//
// Crawl4AI reads a schema with Python's json: a `default` of `0.0` stays a float and comes back
// out of json.dumps as `0.0`, `[2.0]` as `[2.0]`, `-0.0` as `-0.0`, 2^53+1 exactly, and an object
// keeps its key order even for integer-like keys. JSON.parse loses all of that. A flow is plain
// JSON everywhere (zod validation, IPC, the renderer's stores), so the exact form rides next to
// the value: the loader sets `default_text` (compact JSON text, e.g. "0.0") on every field whose
// default JSON.parse would change, and every consumer asks `exactDefault(field)`:
// - `default_text` counts only while it still parses to the field's current `default` (a path
//   that edits `default` without knowing the twin makes it stale, and a stale twin is ignored:
//   the result is then what JSON.parse gives, never a wrong value);
// - the extractor and the Python/config exporters use the exact value (`resolveExactDefaults`);
// - `stringifyExact` writes it back in place of `default` and drops the twin, so a flow file
//   round-trips byte for byte and files never need to contain `default_text`.
import { parsePyJson } from './pyjson-parse.js';
import { isPyFloat, pyFloatRepr } from './pyjson.js';

export const DEFAULT_TEXT = 'default_text';

type Rec = Record<string, unknown>;
const isRec = (v: unknown): v is Rec => typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Map) && !isPyFloat(v);

/** Would JSON.parse give something Python's json prints differently? (1.5 is the same in both.) */
function lossy(v: unknown): boolean {
  if (isPyFloat(v)) return Number.isInteger(v.value) || !Number.isFinite(v.value);
  if (typeof v === 'bigint' || v instanceof Map) return true;
  if (Array.isArray(v)) return v.some(lossy);
  return isRec(v) && Object.values(v).some(lossy);
}

/** What JSON.parse would have made of the same text. */
export function plainJson(v: unknown): unknown {
  if (isPyFloat(v)) return v.value;
  if (typeof v === 'bigint') return Number(v);
  if (v instanceof Map) return Object.fromEntries([...v].map(([k, x]) => [k, plainJson(x)]));
  if (Array.isArray(v)) return v.map(plainJson);
  if (isRec(v)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, plainJson(x)]));
  return v;
}

/** JSON text of a parsePyJson value, formatted like JSON.stringify(v, null, unit) at `indent`,
 *  with floats in Python's repr (`0.0`, `1e+16`), big integers exact and Map key order kept. */
export function exactJson(v: unknown, unit = 0, indent = ''): string {
  if (isPyFloat(v)) return Number.isFinite(v.value) ? pyFloatRepr(v.value) : 'null';
  if (typeof v === 'bigint') return v.toString();
  const entries = v instanceof Map ? [...v] : isRec(v) ? Object.entries(v) : undefined;
  if (!entries && !Array.isArray(v)) return JSON.stringify(v) ?? 'null';
  const inner = indent + ' '.repeat(unit);
  const [nl, sep, colon] = unit ? ['\n' + inner, ',\n' + inner, ': '] : ['', ',', ':'];
  const parts = entries
    ? entries.filter(([, x]) => x !== undefined).map(([k, x]) => JSON.stringify(k) + colon + exactJson(x, unit, inner))
    : (v as unknown[]).map((x) => (x === undefined ? 'null' : exactJson(x, unit, inner)));
  const [open, close] = entries ? ['{', '}'] : ['[', ']'];
  return parts.length === 0 ? open + close : open + nl + parts.join(sep) + (unit ? '\n' + indent : '') + close;
}

const stringify = (v: unknown) => JSON.stringify(v);
const isField = (o: Rec) => typeof o.name === 'string' && 'type' in o;

/**
 * Set `default_text` on every field (an object with a string `name`, a `type` and a `default`)
 * of `json` whose default JSON.parse changed, reading the exact values from `py` (parsePyJson of
 * the same text). Mutates `json` (fresh from JSON.parse); a twin already present is kept.
 */
export function attachExactDefaults(json: unknown, py: unknown): void {
  const child = (k: string | number) => (py instanceof Map ? py.get(String(k)) : (py as Rec | undefined)?.[k]);
  if (Array.isArray(json)) {
    json.forEach((x, i) => attachExactDefaults(x, Array.isArray(py) ? py[i] : undefined));
    return;
  }
  if (!isRec(json)) return;
  for (const [k, x] of Object.entries(json)) attachExactDefaults(x, child(k));
  if (isField(json) && 'default' in json && json[DEFAULT_TEXT] === undefined) {
    const d = child('default');
    if (lossy(d)) json[DEFAULT_TEXT] = exactJson(d);
  }
}

/** attachExactDefaults for a text JSON.parse has already read as `json` (a no-op without defaults). */
export function attachExactDefaultsFromText(json: unknown, text: string): void {
  if (!text.includes('"default"')) return;
  let py: unknown;
  try {
    py = parsePyJson(text);
  } catch {
    return; // not expected for text JSON.parse accepted; then the values are JSON.parse's
  }
  attachExactDefaults(json, py);
}

const NONE = Symbol('none');
const twinCache = new Map<string, unknown>();

function parseTwin(t: string): unknown {
  let v = twinCache.get(t);
  if (v === undefined) {
    try {
      v = parsePyJson(t);
    } catch {
      v = NONE;
    }
    if (twinCache.size > 256) twinCache.clear();
    twinCache.set(t, v);
  }
  return v;
}

/** The field's default as Crawl4AI would read it: the exact twin while it matches `default`. */
export function exactDefault(f: object): unknown {
  const r = f as Rec;
  const t = r[DEFAULT_TEXT];
  if (typeof t !== 'string' || r.default === undefined) return r.default;
  const py = parseTwin(t);
  return py !== NONE && stringify(plainJson(py)) === stringify(r.default) ? py : r.default;
}

/** The schema with exact defaults (PyFloat, bigint, Map) and no twins; the same object when it
 *  has no twin. For the extractor and the exporters that write Python values. */
export function resolveExactDefaults<T>(schema: T): T {
  if (!hasTwin(schema)) return schema;
  const walk = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(walk);
    if (!isRec(v)) return v;
    const out: Rec = {};
    for (const [k, x] of Object.entries(v)) if (k !== DEFAULT_TEXT) out[k] = walk(x);
    if (typeof v[DEFAULT_TEXT] === 'string' && isField(v)) out.default = exactDefault(v);
    return out;
  };
  return walk(schema) as T;
}

function hasTwin(v: unknown): boolean {
  if (Array.isArray(v)) return v.some(hasTwin);
  return isRec(v) && (DEFAULT_TEXT in v || Object.values(v).some(hasTwin));
}

const MARK = '\u0000cw-exact:';
const MARK_RE = /"\\u0000cw-exact:(\d+)"/g;

/**
 * JSON.stringify(value, null, unit) that writes each field's exact default in place of `default`
 * (and no `default_text`), and PyFloat / bigint / Map values (resolveExactDefaults output) exactly.
 */
export function stringifyExact(value: unknown, unit: number): string {
  const exact: unknown[] = [];
  const mark = (v: unknown) => MARK + (exact.push(v) - 1);
  const text = JSON.stringify(value, function (this: unknown, key: string, v: unknown) {
    const holder = this as Rec;
    const raw = holder[key]; // before toJSON (a PyFloat's toJSON gives a plain number)
    if (key === DEFAULT_TEXT && isRec(holder) && isField(holder)) return undefined;
    if (key === 'default' && isRec(holder) && isField(holder)) {
      const d = exactDefault(holder);
      if (d !== raw) return mark(d);
    }
    if (typeof raw === 'bigint' || raw instanceof Map || isPyFloat(raw)) return mark(raw);
    return v;
  }, unit);
  if (!exact.length) return text;
  return text.replace(MARK_RE, (_m, n: string, at: number) => {
    const lineStart = text.lastIndexOf('\n', at) + 1;
    const indent = /^ */.exec(text.slice(lineStart, at))![0];
    return exactJson(exact[Number(n)], unit, indent);
  });
}

/** `default` and `default_text` for JSON text a user typed; throws a SyntaxError when it is not JSON. */
export function defaultFromJsonText(text: string): { default: unknown; default_text: string | undefined } {
  const value = JSON.parse(text) as unknown;
  const py = parsePyJson(text);
  return { default: value, default_text: lossy(py) ? exactJson(py) : undefined };
}

/** The field's default as compact JSON text, exact (`0.0`) while its twin holds. */
export function defaultJsonText(f: object): string {
  return exactJson(exactDefault(f));
}
