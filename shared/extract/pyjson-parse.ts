// Python's `json.loads` for schema text: the values a Crawl4AI user's schema really holds.
//
// JSON.parse loses what Python keeps, and a `default` comes back out of json.dumps as it went in:
// - `0.0`, `2.0`, `-0.0`, `1e5` are floats in Python (printed `0.0`, `2.0`, `-0.0`, `100000.0`):
//   they become PyFloat here;
// - integers are exact at any size (`9007199254740993`): beyond 2^53 they become bigint;
// - an object keeps its key order even for integer-like keys (`{"2": …, "1": …}`): such an object
//   becomes a Map (a JS object would put "1" first);
// - NaN, Infinity and -Infinity are accepted (Python's json.loads accepts them).
// Everything else is what JSON.parse gives. Errors name the line and column.
import { PyFloat } from './pyjson.js';

export class PyJsonSyntaxError extends SyntaxError {
  constructor(message: string, readonly pos: number) {
    super(message);
    this.name = 'PyJsonSyntaxError';
  }
}

const INTEGER_LIKE = /^(?:0|[1-9]\d*)$/;
const NUMBER = /-?(?:0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/y;

function lineCol(s: string, pos: number): string {
  let line = 1;
  let col = 1;
  for (let i = 0; i < pos && i < s.length; i++) {
    if (s.charCodeAt(i) === 10) {
      line++;
      col = 1;
    } else col++;
  }
  return `line ${line} column ${col}`;
}

/** Parse JSON text the way Python's json.loads reads it (see the header). */
export function parsePyJson(text: string): unknown {
  const s = text;
  let i = 0;
  const fail = (what: string): never => {
    throw new PyJsonSyntaxError(`${what} at ${lineCol(s, i)}`, i);
  };
  const ws = () => {
    for (;;) {
      const c = s.charCodeAt(i);
      if (c === 32 || c === 10 || c === 13 || c === 9) i++;
      else return;
    }
  };
  const str = (): string => {
    // s[i] === '"': the JSON string grammar is the same in both; let JSON.parse decode it
    const start = i;
    i++;
    for (;;) {
      const c = s.charCodeAt(i);
      if (Number.isNaN(c)) fail('unterminated string');
      if (c === 34) break;
      if (c === 92) i++;
      else if (c < 32) fail('invalid control character in string');
      i++;
    }
    i++;
    try {
      return JSON.parse(s.slice(start, i)) as string;
    } catch {
      i = start;
      return fail('invalid string escape');
    }
  };
  const value = (depth: number): unknown => {
    if (depth > 10_000) fail('nesting too deep');
    ws();
    const c = s[i];
    if (c === '{') {
      i++;
      const entries: Array<[string, unknown]> = [];
      let ordered = false;
      ws();
      if (s[i] === '}') {
        i++;
        return {};
      }
      for (;;) {
        ws();
        if (s[i] !== '"') fail('expected a property name in double quotes');
        const k = str();
        if (INTEGER_LIKE.test(k) || k === '__proto__') ordered = true;
        ws();
        if (s[i] !== ':') fail("expected ':'");
        i++;
        entries.push([k, value(depth + 1)]);
        ws();
        if (s[i] === ',') {
          i++;
          continue;
        }
        if (s[i] === '}') {
          i++;
          break;
        }
        fail("expected ',' or '}'");
      }
      // a repeated key keeps its first position and its last value, in a dict and in both of these
      if (ordered) return new Map(entries);
      const o: Record<string, unknown> = {};
      for (const [k, v] of entries) o[k] = v;
      return o;
    }
    if (c === '[') {
      i++;
      const out: unknown[] = [];
      ws();
      if (s[i] === ']') {
        i++;
        return out;
      }
      for (;;) {
        out.push(value(depth + 1));
        ws();
        if (s[i] === ',') {
          i++;
          continue;
        }
        if (s[i] === ']') {
          i++;
          return out;
        }
        fail("expected ',' or ']'");
      }
    }
    if (c === '"') return str();
    for (const [word, v] of [['true', true], ['false', false], ['null', null], ['NaN', new PyFloat(NaN)], ['Infinity', new PyFloat(Infinity)], ['-Infinity', new PyFloat(-Infinity)]] as const) {
      if (s.startsWith(word, i)) {
        i += word.length;
        return v;
      }
    }
    NUMBER.lastIndex = i;
    const m = NUMBER.exec(s);
    if (!m) return fail('expected a value');
    i += m[0].length;
    if (m[1] !== undefined || m[2] !== undefined) return new PyFloat(Number(m[0]));
    const n = Number(m[0]);
    return Number.isSafeInteger(n) ? n : BigInt(m[0]);
  };
  const v = value(0);
  ws();
  if (i < s.length) fail('extra data');
  return v;
}
