// Python source literals. Everything user-written (JS code, selectors, names, schema values)
// reaches the generated script only through these functions, so no input can break out of a
// string literal: this is the "no injection" guarantee of the Python export.
import { isPyFloat, pyFloatRepr } from '../extract/pyjson.js';

function escapeChar(ch: string, quote: string): string {
  const code = ch.codePointAt(0)!;
  if (ch === '\\') return '\\\\';
  if (ch === quote) return `\\${quote}`;
  if (ch === '\n') return '\\n';
  if (ch === '\r') return '\\r';
  if (ch === '\t') return '\\t';
  if (code < 0x20 || code === 0x7f) return `\\x${code.toString(16).padStart(2, '0')}`;
  // Lone surrogates cannot be written as UTF-8 source; Python's \u escape keeps them.
  if (code >= 0xd800 && code <= 0xdfff) return `\\u${code.toString(16).padStart(4, '0')}`;
  return ch;
}

/** A one-line Python str literal: "..." with every special character escaped. */
export function pyString(s: string): string {
  let out = '"';
  for (const ch of s) out += escapeChar(ch, '"');
  return out + '"';
}

/** Body of a triple-quoted literal: `\\` doubled, CR/control characters escaped, and every `"`
 * followed by another `"` (or ending the text) escaped, so no unescaped `"""` can appear. */
function tripleQuotedBody(s: string): string {
  let out = '';
  const chars = [...s];
  chars.forEach((ch, i) => {
    if (ch === '"') out += i === chars.length - 1 || chars[i + 1] === '"' ? '\\"' : '"';
    else if (ch === '\n' || ch === '\t') out += ch;
    else out += escapeChar(ch, '');
  });
  return out;
}

/**
 * A Python str literal that keeps multi-line code readable: a triple-quoted string starting with
 * `"""\` + newline, so the code starts at column 0 and the value has no leading newline.
 */
export function pyCode(s: string): string {
  if (!s.includes('\n')) return pyString(s);
  return `"""\\\n${tripleQuotedBody(s)}"""`;
}

/** A module docstring (the text is escaped the same way as pyCode). */
export function pyDocstring(text: string): string {
  return `"""${tripleQuotedBody(text)}\n"""`;
}

export interface PyLiteralOptions {
  /** Spaces per nesting level (default 4). */
  indent?: number;
  /** Rewrites a string literal (e.g. wraps strings with placeholders in fill(...)). */
  str?: (s: string) => string;
}

/**
 * A JSON value as a Python literal: true/false/null → True/False/None, key order kept,
 * laid out like json.dumps(indent=4) so schemas read the same as in the flow file.
 */
export function pyLiteral(value: unknown, opts: PyLiteralOptions = {}, level = 0): string {
  const step = opts.indent ?? 4;
  const pad = (n: number) => ' '.repeat(n * step);
  if (value === null || value === undefined) return 'None';
  if (value === true) return 'True';
  if (value === false) return 'False';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return value > 0 ? 'float("inf")' : value < 0 ? 'float("-inf")' : 'float("nan")';
    return String(value);
  }
  // exact schema defaults (resolveExactDefaults): 0.0 stays a float, 2^53+1 exact, key order kept
  if (isPyFloat(value)) return Number.isFinite(value.value) ? pyFloatRepr(value.value) : pyLiteral(value.value, opts, level);
  if (typeof value === 'bigint') return value.toString();
  if (value instanceof Map) return pyDict([...(value as Map<string, unknown>)], opts, level);
  if (typeof value === 'string') return opts.str ? opts.str(value) : pyString(value);
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    const items = value.map((v) => pad(level + 1) + pyLiteral(v, opts, level + 1));
    return `[\n${items.join(',\n')},\n${pad(level)}]`;
  }
  if (typeof value === 'object') return pyDict(Object.entries(value as Record<string, unknown>), opts, level);
  throw new TypeError(`cannot write ${typeof value} as a Python literal`);
}

function pyDict(all: [string, unknown][], opts: PyLiteralOptions, level: number): string {
  const pad = (n: number) => ' '.repeat(n * (opts.indent ?? 4));
  const entries = all.filter(([, v]) => v !== undefined);
  if (entries.length === 0) return '{}';
  const items = entries.map(([k, v]) => `${pad(level + 1)}${pyString(k)}: ${pyLiteral(v, opts, level + 1)}`);
  return `{\n${items.join(',\n')},\n${pad(level)}}`;
}

/** Python comment lines (each line prefixed with `# `), for notes in the exported file. */
export function pyComment(text: string, indent = ''): string {
  return text
    .split('\n')
    .map((l) => (l ? `${indent}# ${l}` : `${indent}#`))
    .join('\n');
}
