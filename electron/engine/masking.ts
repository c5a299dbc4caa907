// Masking secret values as *** in everything the engine records (results, HTML artifacts,
// console and network logs, errors, snapshots, session info). A page or a URL rarely shows a
// secret verbatim: a serializer writes `&amp;`/`&lt;`/`&quot;` or `&#39;`, a form posts it
// URL-encoded (`%40` or `%4a`, `+` for a space, UTF-8 bytes of non-ASCII), a script JSON- or
// JS-escapes it (`\"`, `\u00e9`, `\/`), a site lower- or upper-cases it. So each secret becomes one
// regex in which every character matches any of those encodings of itself (mixed freely, since a
// page may encode only some characters), case-insensitively. Masking more than needed is safe;
// missing a copy is not. Not covered (docs/security.md): base64 and other transformations a
// page's own JavaScript may apply (a flow that wants to leak a granted secret can always
// transform it; masking protects against accidental exposure, the grant against intent).

import { HTML4_ENTITIES } from '../../shared/extract/entities.js';

/** Named references per character: HTML 4 (what lxml and most templates use) plus HTML5's ASCII punctuation. */
const NAMED = new Map<string, string[]>();
const addNamed = (name: string, cp: number) => {
  const ch = String.fromCodePoint(cp);
  NAMED.set(ch, [...(NAMED.get(ch) ?? []), name]);
};
for (const [name, cp] of HTML4_ENTITIES) addNamed(name, cp);
const HTML5_ASCII: Array<[string, string]> = [
  ['excl', '!'], ['num', '#'], ['dollar', '$'], ['percnt', '%'], ['lpar', '('], ['rpar', ')'], ['ast', '*'], ['plus', '+'],
  ['comma', ','], ['period', '.'], ['sol', '/'], ['colon', ':'], ['semi', ';'], ['equals', '='], ['quest', '?'], ['commat', '@'],
  ['lsqb', '['], ['bsol', '\\'], ['rsqb', ']'], ['Hat', '^'], ['lowbar', '_'], ['grave', '`'], ['lcub', '{'], ['verbar', '|'], ['rcub', '}'], ['Tab', '\t'], ['NewLine', '\n'],
];
for (const [name, ch] of HTML5_ASCII) addNamed(name, ch.codePointAt(0)!);
const JS_ESCAPES: Readonly<Record<string, string>> = { '\n': 'n', '\r': 'r', '\t': 't', '\b': 'b', '\f': 'f', '\v': 'v', '\0': '0' };

// Syntax characters only: the 'u' flag refuses escapes of anything else.
const reEscape = (s: string) => s.replace(/[\\^$.*+?()[\]{}|/]/g, (c) => `\\${c}`);

/** The alternatives one character may appear as. */
function charPattern(ch: string): string {
  const cp = ch.codePointAt(0)!;
  const dec = String(cp);
  const hex = cp.toString(16);
  const alts: string[] = [reEscape(ch)];
  // HTML character references (also once more HTML-escaped: &amp;#39;), ';' optional as browsers read it.
  const amp = '&(?:amp;)?';
  alts.push(`${amp}#0*${dec};?`, `${amp}#x0*${hex};?`);
  for (const n of NAMED.get(ch) ?? []) alts.push(`${amp}${n};?`); // legacy names work without ";"
  // URL encoding: the UTF-8 bytes as %XX (any hex case), '+' for a space.
  const bytes = [...Buffer.from(ch, 'utf8')].map((b) => `%${b.toString(16).padStart(2, '0')}`).join('');
  alts.push(bytes);
  if (ch === ' ') alts.push('\\+');
  // JSON / JavaScript string escapes: \u00e9 (UTF-16 units, surrogate pairs too), \x41, \" and friends.
  const units = ch.length === 2 ? [ch.charCodeAt(0), ch.charCodeAt(1)] : [cp];
  alts.push(units.map((u) => `\\\\u${u.toString(16).padStart(4, '0')}`).join(''));
  alts.push(`\\\\u\\{0*${hex}\\}`);
  if (cp < 0x100) alts.push(`\\\\x${hex.padStart(2, '0')}`);
  if (JS_ESCAPES[ch]) alts.push(`\\\\${JS_ESCAPES[ch]}`);
  if (/[!-/:-@[-`{-~]/.test(ch)) alts.push(`\\\\${reEscape(ch)}`); // \" \' \/ \\ \` \$ …
  return `(?:${alts.join('|')})`;
}

/** One regex matching `value` in any mix of the encodings above, any letter case. */
export function secretPattern(value: string): RegExp {
  return new RegExp([...value].map(charPattern).join(''), 'giu');
}

/** Replaces secret values (in any encoding) by *** in strings and, deeply, in JSON-like values. */
export class Masker {
  private readonly values: string[];
  private readonly patterns: RegExp[];
  constructor(values: string[]) {
    // Longest first, so a secret that contains another is masked whole.
    this.values = [...new Set(values.filter((v) => v.length > 0))].sort((a, b) => b.length - a.length);
    this.patterns = this.values.map(secretPattern);
  }
  get active(): boolean {
    return this.values.length > 0;
  }
  /** A masker for these values and ours. */
  with(values: string[]): Masker {
    return new Masker([...this.values, ...values]);
  }
  text(s: string): string {
    return this.count(s).text;
  }
  /** The masked text and how many copies were replaced. */
  count(s: string): { text: string; replaced: number } {
    let replaced = 0;
    let out = s;
    for (const re of this.patterns) {
      re.lastIndex = 0;
      out = out.replace(re, () => {
        replaced++;
        return '***';
      });
    }
    return { text: out, replaced };
  }
  deep<T>(value: T): T {
    if (!this.values.length) return value;
    if (typeof value === 'string') return this.text(value) as T;
    if (Array.isArray(value)) return value.map((v) => this.deep(v)) as T;
    if (value && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [this.text(k), this.deep(v)])) as T;
    }
    return value;
  }
}
