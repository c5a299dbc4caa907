// JavaScript source literals for the Playwright export. Every user-written string reaches the
// generated script through these functions, so no input can break out of its literal.

function escapeJsChar(ch: string): string | undefined {
  const code = ch.codePointAt(0)!;
  if (ch === '\\') return '\\\\';
  if (ch === '\r') return '\\r';
  if (code === 0x2028 || code === 0x2029) return `\\u${code.toString(16)}`;
  if (code < 0x20 && ch !== '\n' && ch !== '\t') return `\\x${code.toString(16).padStart(2, '0')}`;
  if (code >= 0xd800 && code <= 0xdfff) return `\\u${code.toString(16).padStart(4, '0')}`;
  return undefined;
}

/** A one-line JS string literal: single-quoted, or double-quoted when that needs fewer escapes. */
export function jsString(s: string): string {
  const q = s.includes("'") && !s.includes('"') ? '"' : "'";
  let out = q;
  for (const ch of s) {
    if (ch === q) out += `\\${q}`;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\t') out += '\\t';
    else out += escapeJsChar(ch) ?? ch;
  }
  return out + q;
}

/**
 * Multi-line code as a template literal (readable, newlines kept); `\`, backticks and `${`
 * escaped, CR written as \r (a raw CR in a template literal would be normalised to \n).
 */
export function jsCode(s: string): string {
  if (!s.includes('\n')) return jsString(s);
  let out = '`';
  const chars = [...s];
  chars.forEach((ch, i) => {
    if (ch === '`') out += '\\`';
    else if (ch === '$' && chars[i + 1] === '{') out += '\\$';
    else out += escapeJsChar(ch) ?? ch;
  });
  return out + '`';
}

export interface JsLiteralOptions {
  indent?: number;
  /** Writes a string literal (e.g. wraps strings with placeholders in fill(...)); `code` for codeKeys. */
  str?: (s: string, code: boolean) => string;
  /** Keys whose string values are code (kept multi-line). */
  codeKeys?: ReadonlySet<string>;
}

const IDENT = /^[A-Za-z_$][\w$]*$/;

/** Source text jsLiteral writes verbatim (a reference to a constant, a shorthand property). */
export class RawJs {
  constructor(readonly code: string) {}
}

/** A JSON value as a JS literal, key order kept, one entry per line. */
export function jsLiteral(value: unknown, opts: JsLiteralOptions = {}, level = 0, key?: string): string {
  const step = opts.indent ?? 2;
  const pad = (n: number) => ' '.repeat(n * step);
  if (value instanceof RawJs) return value.code;
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'boolean' || typeof value === 'number') return String(value);
  if (typeof value === 'string') {
    const code = key !== undefined && Boolean(opts.codeKeys?.has(key));
    if (opts.str) return opts.str(value, code);
    return code ? jsCode(value) : jsString(value);
  }
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    return `[\n${value.map((v) => pad(level + 1) + jsLiteral(v, opts, level + 1, key)).join(',\n')},\n${pad(level)}]`;
  }
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    if (entries.length === 0) return '{}';
    const lines = entries.map(([k, v]) => `${pad(level + 1)}${IDENT.test(k) ? k : jsString(k)}: ${jsLiteral(v, opts, level + 1, k)}`);
    return `{\n${lines.join(',\n')},\n${pad(level)}}`;
  }
  throw new TypeError(`cannot write ${typeof value} as a JS literal`);
}

/** JSDoc/line comment text: `*\/` cannot end the comment early. */
export const commentSafe = (s: string): string => s.replace(/\*\//g, '*\\/');
