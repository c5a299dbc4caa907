// Placeholders ({{name}}, {{secret:NAME}}) inside JavaScript fields (js_code, js_code_before_wait,
// a js: wait_for, hooks, repeat.until). Substitution is textual, so a value is pasted into the
// source as is: inside a string literal it becomes part of the string, outside one it becomes code.
// This file finds which kind of literal (if any) each placeholder sits in, so that the lint can warn
// about placeholders in bare code and the runner can escape a value for the quote around it
// (a password containing ' no longer breaks `'{{secret:PASSWORD}}'`).
//
// The scanner is a small JS lexer: strings, template literals with nested ${…}, comments and regex
// literals (the usual "previous token" heuristic). It never throws; unterminated literals end at
// the end of the text (strings: at the end of the line).

import type { Step } from './schema.js';
import { MissingVariableError, placeholderValue, substituteDeep, type VariableValues } from './variables.js';
import { isJsWaitFor } from './wait-for.js';

export type JsPlaceholderContext = "'" | '"' | '`' | 'code' | 'comment' | 'regex';

export interface JsPlaceholder {
  /** Offset of the placeholder in the text. */
  index: number;
  raw: string;
  name: string;
  secret: boolean;
  context: JsPlaceholderContext;
}

/** The same pattern as variables.ts (sticky for the lexer, global for substitution). */
const AT_PLACEHOLDER = /\{\{\s*(secret:)?([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/y;
const PLACEHOLDER = new RegExp(AT_PLACEHOLDER.source, 'g');
/** After these, a `/` starts a regex literal rather than a division. */
const REGEX_AFTER_PUNCT = new Set(['', '(', ',', '=', ':', '[', '!', '&', '|', '?', '{', '}', ';', '+', '-', '*', '%', '<', '>', '~', '^']);
const REGEX_AFTER_WORD = new Set(['return', 'typeof', 'instanceof', 'in', 'of', 'new', 'delete', 'void', 'throw', 'case', 'do', 'else', 'yield', 'await']);

/** `$` + placeholder in a template literal reads as a dollar sign followed by the value (textual rule). */
function placeholderAhead(code: string, pos: number): boolean {
  AT_PLACEHOLDER.lastIndex = pos;
  return AT_PLACEHOLDER.test(code);
}

type Frame = { kind: 'code'; braces: number } | { kind: 'template' };

export function scanJsPlaceholders(code: string): JsPlaceholder[] {
  const out: JsPlaceholder[] = [];
  // The outermost frame is code; a template literal pushes 'template', its ${ pushes 'code'.
  const stack: Frame[] = [{ kind: 'code', braces: 0 }];
  let i = 0;
  let lastSignificant = ''; // the last code token before a `/` (punctuator or word), for the regex heuristic
  let wordOpen = false; // the previous character continued a word
  const placeholderAt = (pos: number, context: JsPlaceholderContext): number => {
    AT_PLACEHOLDER.lastIndex = pos;
    const m = AT_PLACEHOLDER.exec(code);
    if (!m) return 0;
    out.push({ index: pos, raw: m[0], name: m[2], secret: Boolean(m[1]), context });
    return m[0].length;
  };
  while (i < code.length) {
    const top = stack[stack.length - 1];
    const ch = code[i];
    const wasWord = wordOpen;
    wordOpen = false;
    if (top.kind === 'template') {
      const len = ch === '{' ? placeholderAt(i, '`') : 0;
      if (len) i += len;
      else if (ch === '\\') i += 2;
      else if (ch === '`') {
        stack.pop();
        lastSignificant = '`';
        i++;
      } else if (ch === '$' && code[i + 1] === '{' && !placeholderAhead(code, i + 1)) {
        stack.push({ kind: 'code', braces: 0 });
        lastSignificant = '{';
        i += 2;
      } else i++;
      continue;
    }
    // code
    if (ch === '{') {
      const len = placeholderAt(i, 'code');
      if (len) {
        i += len;
        lastSignificant = 'x'; // a placeholder in code acts like a value
        continue;
      }
      top.braces++;
      lastSignificant = '{';
      i++;
      continue;
    }
    if (ch === '}') {
      if (top.braces === 0 && stack.length > 1) stack.pop(); // end of a template ${…}
      else top.braces = Math.max(0, top.braces - 1);
      lastSignificant = '}';
      i++;
      continue;
    }
    if (ch === "'" || ch === '"') {
      i = scanString(code, i, ch, placeholderAt);
      lastSignificant = 'x';
      continue;
    }
    if (ch === '`') {
      stack.push({ kind: 'template' });
      i++;
      continue;
    }
    if (ch === '/' && code[i + 1] === '/') {
      i = scanUntil(code, i + 2, (c) => c === '\n', 'comment', placeholderAt);
      continue;
    }
    if (ch === '/' && code[i + 1] === '*') {
      const end = code.indexOf('*/', i + 2);
      const stop = end < 0 ? code.length : end;
      for (let j = i + 2; j < stop; j++) if (code[j] === '{') j += Math.max(0, placeholderAt(j, 'comment') - 1);
      i = end < 0 ? code.length : end + 2;
      continue;
    }
    if (ch === '/' && startsRegex(lastSignificant)) {
      i = scanRegex(code, i, placeholderAt);
      lastSignificant = 'x';
      continue;
    }
    const wordChar = /[\w$]/.test(ch);
    if (wordChar) lastSignificant = wasWord ? lastSignificant + ch : ch;
    else if (!/\s/.test(ch)) lastSignificant = ch;
    wordOpen = wordChar;
    i++;
  }
  return out;
}

function startsRegex(prev: string): boolean {
  return REGEX_AFTER_PUNCT.has(prev) || REGEX_AFTER_WORD.has(prev);
}

type PlaceholderAt = (pos: number, context: JsPlaceholderContext) => number;

/** A '…' or "…" literal starting at `start`; returns the offset after it. */
function scanString(code: string, start: number, quote: string, placeholderAt: PlaceholderAt): number {
  let i = start + 1;
  while (i < code.length) {
    const c = code[i];
    if (c === '\\') i += 2;
    else if (c === quote) return i + 1;
    else if (c === '\n') return i; // unterminated: a syntax error either way
    else if (c === '{') i += placeholderAt(i, quote as "'" | '"') || 1;
    else i++;
  }
  return i;
}

function scanUntil(code: string, start: number, stop: (c: string) => boolean, context: JsPlaceholderContext, placeholderAt: PlaceholderAt): number {
  let i = start;
  while (i < code.length && !stop(code[i])) i += code[i] === '{' ? placeholderAt(i, context) || 1 : 1;
  return i;
}

function scanRegex(code: string, start: number, placeholderAt: PlaceholderAt): number {
  let i = start + 1;
  let inClass = false;
  while (i < code.length) {
    const c = code[i];
    if (c === '\\') i += 2;
    else if (c === '\n') return i;
    else if (c === '[') (inClass = true), i++;
    else if (c === ']') (inClass = false), i++;
    else if (c === '/' && !inClass) {
      i++;
      while (i < code.length && /[a-z]/i.test(code[i])) i++; // flags
      return i;
    } else if (c === '{') i += placeholderAt(i, 'regex') || 1;
    else i++;
  }
  return i;
}

/**
 * Escape a value so that, pasted inside a literal delimited by `quote`, the literal's runtime value
 * is exactly `value`.
 */
export function escapeForJsLiteral(value: string, quote: "'" | '"' | '`'): string {
  let s = value.replace(/\\/g, '\\\\');
  if (quote === '`') return s.replace(/`/g, '\\`').replace(/\$\{/g, '\\${').replace(/\r/g, '\\r');
  s = s.replace(quote === "'" ? /'/g : /"/g, `\\${quote}`);
  return s.replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

/**
 * Substitute placeholders in a JS field: inside a '…', "…" or `…` literal the value is escaped for
 * that quote; elsewhere (bare code, comments, regex literals) it is pasted textually, as in urls
 * and selectors. `resolve` returns the value or throws (e.g. MissingVariableError).
 */
export function substituteJs(code: string, resolve: (p: JsPlaceholder) => string): string {
  const scanned = new Map(scanJsPlaceholders(code).map((p) => [p.index, p]));
  // Every placeholder the plain-text rule finds is substituted; one the lexer did not see (an odd
  // spot such as `$` + placeholder in a template) falls back to textual, never stays unfilled.
  return code.replace(PLACEHOLDER, (raw: string, secret: string | undefined, name: string, index: number) => {
    const p = scanned.get(index) ?? { index, raw, name, secret: Boolean(secret), context: 'code' as const };
    const v = resolve(p);
    if (p.context === '`' && code[index - 1] === '$' && v.startsWith('{')) return `\\${escapeForJsLiteral(v, '`')}`; // not "${"
    return p.context === "'" || p.context === '"' || p.context === '`' ? escapeForJsLiteral(v, p.context) : v;
  });
}

/** A JavaScript field of a step: where it is (a lint path under `steps[i].`) and its code. */
export interface JsField {
  path: string;
  code: string;
}

/** Every field of a step that runs as JavaScript in the page. */
export function jsFieldsOf(step: Step): JsField[] {
  const out: JsField[] = [];
  const c = step.config;
  for (const key of ['js_code_before_wait', 'js_code'] as const) {
    const v = c[key];
    if (typeof v === 'string') out.push({ path: `config.${key}`, code: v });
    else if (Array.isArray(v)) v.forEach((code, i) => out.push({ path: `config.${key}[${i}]`, code }));
  }
  if (c.wait_for !== undefined && isJsWaitFor(c.wait_for)) out.push({ path: 'config.wait_for', code: c.wait_for });
  for (const [name, body] of Object.entries(step.hooks ?? {})) if (typeof body === 'string') out.push({ path: `hooks.${name}`, code: body });
  if (step.repeat && 'until' in step.repeat) out.push({ path: 'repeat.until', code: step.repeat.until });
  return out;
}

/**
 * Substitute a step for a run: JavaScript fields with substituteJs (values escaped inside string
 * literals), everything else (url, selectors, schema, session_id) textually. One pass: a value that
 * itself contains "{{…}}" is not substituted again. Throws MissingVariableError.
 */
export function substituteStep(step: Step, values: VariableValues): Step {
  const resolve = (p: JsPlaceholder) => {
    const v = placeholderValue(values, p.name, p.secret);
    if (v === undefined) throw new MissingVariableError({ name: p.name, secret: p.secret, raw: p.raw });
    return v;
  };
  const js = jsFieldsOf(step);
  // Blank the JS fields, substitute the rest textually, then put the JS fields back substituted.
  const blanked = structuredClone(step) as Record<string, unknown>;
  for (const f of js) setPath(blanked, f.path, '');
  const out = substituteDeep(blanked, values);
  for (const f of js) setPath(out, f.path, substituteJs(f.code, resolve));
  return out as unknown as Step;
}

function setPath(obj: Record<string, unknown>, path: string, value: string): void {
  const keys = path.split(/\.|\[(\d+)\]/).filter((k) => k !== undefined && k !== '');
  let cur: Record<string, unknown> = obj;
  for (const k of keys.slice(0, -1)) cur = cur[k] as Record<string, unknown>;
  cur[keys[keys.length - 1]] = value;
}
