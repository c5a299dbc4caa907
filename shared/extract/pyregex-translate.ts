// The Python `re` -> JS `v`-flag RegExp source translator (pyregex.ts has the API and the why).
// A recursive-descent pass over the Python pattern that emits JS with Python's semantics.

import { lookupUnicodeName } from './unicode-names.js';

export class PyRegexSyntaxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PyRegexSyntaxError';
  }
}
export class RegexUnsupportedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RegexUnsupportedError';
  }
}

const PY_SPACE_CLASS =
  '\\t\\n\\u{b}\\u{c}\\r\\u{1c}-\\u{1f}\\u{20}\\u{85}\\u{a0}\\u{1680}\\u{2000}-\\u{200a}\\u{2028}\\u{2029}\\u{202f}\\u{205f}\\u{3000}';
const ASCII_SPACE_CLASS = '\\t\\n\\u{b}\\u{c}\\r\\u{20}';
const WORD_U = '\\p{L}\\p{N}_';
const WORD_A = 'a-zA-Z0-9_';
const DIGIT_U = '\\p{Nd}';
const DIGIT_A = '0-9';

interface Item {
  js: string;
  kind: 'atom' | 'anchor' | 'repeat';
}

interface Flags {
  i: boolean;
  m: boolean;
  s: boolean;
  x: boolean;
  a: boolean;
}

function lit(cp: number): string {
  if ((cp >= 48 && cp <= 57) || (cp >= 65 && cp <= 90) || (cp >= 97 && cp <= 122)) {
    return String.fromCodePoint(cp);
  }
  return `\\u{${cp.toString(16)}}`;
}

export class Translator {
  private i = 0;
  groupCount = 0;
  readonly groupIndex = new Map<string, number>();
  private readonly openGroups: number[] = [];
  flags: Flags = { i: false, m: false, s: false, x: false, a: false };

  constructor(private readonly p: string) {}

  private err(msg: string): never {
    throw new PyRegexSyntaxError(`${msg} at position ${this.i}`);
  }
  private unsupported(msg: string): never {
    throw new RegexUnsupportedError(`${msg} (at position ${this.i}) has no JavaScript equivalent`);
  }

  private cp(): number {
    return this.p.codePointAt(this.i) ?? -1;
  }
  private next(): number {
    const c = this.cp();
    this.i += c > 0xffff ? 2 : 1;
    return c;
  }

  /**
   * A literal outside a class. Under IGNORECASE Python also matches i/I with U+0130 (İ, whose
   * simple lowercase is "i") and U+0131 (ı, sre's case-equivalence table); JS's `i` flag (simple
   * case folding) does not, so they are spelled out. ſ~s and K~k fold alike in both.
   */
  private caseLit(cp: number): string {
    if (this.flags.i && !this.flags.a && (cp === 0x69 || cp === 0x49)) return '[iI\\u{130}\\u{131}]';
    return lit(cp);
  }

  private word(): string {
    return this.flags.a ? WORD_A : WORD_U;
  }
  private digit(): string {
    return this.flags.a ? DIGIT_A : DIGIT_U;
  }
  private space(): string {
    return this.flags.a ? ASCII_SPACE_CLASS : PY_SPACE_CLASS;
  }

  translate(): string {
    this.leadingFlags();
    const out = this.alternation();
    if (this.i < this.p.length) {
      if (this.p[this.i] === ')') this.err('unbalanced parenthesis');
      this.err('unexpected character');
    }
    return out;
  }

  /** Global inline flags: Python 3.11+ only accepts them at the very start. */
  private leadingFlags(): void {
    for (;;) {
      const m = /^\(\?([aiLmsux]+)\)/.exec(this.p.slice(this.i));
      if (!m) break;
      for (const f of m[1]) {
        if (f === 'L') this.err('bad inline flags: cannot use \'L\' flag with a str pattern');
        if (f === 'u') continue;
        (this.flags as unknown as Record<string, boolean>)[f] = true;
      }
      this.i += m[0].length;
    }
  }

  private skipVerbose(): void {
    if (!this.flags.x) return;
    for (;;) {
      const c = this.p[this.i];
      if (c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\f' || c === '\v') this.i++;
      else if (c === '#') {
        while (this.i < this.p.length && this.p[this.i] !== '\n') this.i++;
      } else break;
    }
  }

  private alternation(): string {
    const parts = [this.sequence()];
    while (this.p[this.i] === '|') {
      this.i++;
      parts.push(this.sequence());
    }
    return parts.join('|');
  }

  private sequence(): string {
    const items: Item[] = [];
    for (;;) {
      this.skipVerbose();
      if (this.i >= this.p.length) break;
      const c = this.p[this.i];
      if (c === '|' || c === ')') break;
      if (c === '*' || c === '+' || c === '?' || c === '{') {
        const q = this.quantifier();
        if (q === null) {
          // a "{" that does not form {m,n} is a literal
          this.i++;
          items.push({ js: lit(123), kind: 'atom' });
          continue;
        }
        const last = items[items.length - 1];
        if (!last || last.kind === 'anchor') this.err('nothing to repeat');
        if (last.kind === 'repeat') this.err('multiple repeat');
        let js = `(?:${last.js})${q}`;
        if (this.p[this.i] === '?') {
          this.i++;
          js += '?';
        } else if (this.p[this.i] === '+') {
          this.unsupported('possessive quantifier');
        }
        items[items.length - 1] = { js, kind: 'repeat' };
        continue;
      }
      const atom = this.atom();
      if (atom !== null) items.push(atom);
    }
    return items.map((x) => x.js).join('');
  }

  /** At a repeat character: the JS quantifier, or null for a literal "{". */
  private quantifier(): string | null {
    const c = this.p[this.i];
    if (c !== '{') {
      this.i++;
      return c;
    }
    if (this.p[this.i + 1] === '}') return null;
    const m = /^\{(\d*)(?:(,)(\d*))?\}/.exec(this.p.slice(this.i));
    if (!m) return null;
    const lo = m[1];
    const hi = m[2] === undefined ? lo : m[3];
    if (lo !== '' && hi !== '' && Number(hi) < Number(lo)) this.err('min repeat greater than max repeat');
    this.i += m[0].length;
    if (m[2] === undefined) return `{${lo === '' ? '0' : lo}}`;
    return `{${lo === '' ? '0' : lo},${hi}}`;
  }

  /** One atom, or null for something that emits nothing (a comment). */
  private atom(): Item | null {
    const c = this.p[this.i];
    switch (c) {
      case '(': {
        const g = this.group();
        return g === null ? null : { js: g, kind: 'atom' };
      }
      case '[':
        return { js: this.charClass(), kind: 'atom' };
      case '.':
        this.i++;
        return { js: this.flags.s ? '[\\s\\S]' : '[^\\n]', kind: 'atom' };
      case '^':
        this.i++;
        return { js: this.flags.m ? '(?:^|(?<=\\n))' : '^', kind: 'anchor' };
      case '$':
        this.i++;
        return { js: this.flags.m ? '(?=\\n|$)' : '(?=\\n?$)', kind: 'anchor' };
      case '\\': {
        const anchor = 'AZbB'.includes(this.p[this.i + 1] ?? '');
        return { js: this.escape(false), kind: anchor ? 'anchor' : 'atom' };
      }
      default: {
        const cp = this.next();
        return { js: this.caseLit(cp), kind: 'atom' };
      }
    }
  }

  private group(): string | null {
    this.i++; // (
    if (this.p[this.i] !== '?') {
      const n = ++this.groupCount;
      this.openGroups.push(n);
      const inner = this.alternation();
      this.closeParen();
      this.openGroups.pop();
      return `(${inner})`;
    }
    this.i++; // ?
    const c = this.p[this.i];
    if (c === ':') {
      this.i++;
      const inner = this.alternation();
      this.closeParen();
      return `(?:${inner})`;
    }
    if (c === 'P') {
      this.i++;
      if (this.p[this.i] === '<') {
        this.i++;
        const end = this.p.indexOf('>', this.i);
        if (end < 0) this.err('missing >, unterminated name');
        const name = this.p.slice(this.i, end);
        if (!/^[\p{L}\p{Nl}_][\p{L}\p{Nl}\p{Mn}\p{Mc}\p{Nd}\p{Pc}]*$/u.test(name)) this.err(`bad character in group name '${name}'`);
        if (this.groupIndex.has(name)) this.err(`redefinition of group name '${name}'`);
        this.i = end + 1;
        const n = ++this.groupCount;
        this.groupIndex.set(name, n);
        this.openGroups.push(n);
        const inner = this.alternation();
        this.closeParen();
        this.openGroups.pop();
        return `(${inner})`;
      }
      if (this.p[this.i] === '=') {
        this.i++;
        const end = this.p.indexOf(')', this.i);
        if (end < 0) this.err('missing ), unterminated name');
        const name = this.p.slice(this.i, end);
        const n = this.groupIndex.get(name);
        if (n === undefined) this.err(`unknown group name '${name}'`);
        if (this.openGroups.includes(n)) this.err('cannot refer to an open group');
        this.i = end + 1;
        return `(?:\\${n})`;
      }
      this.err('unknown extension ?P');
    }
    if (c === '<' && this.p[this.i + 1] !== '=' && this.p[this.i + 1] !== '!') {
      // (?<name>...) is accepted by Python 3.12? No: only (?P<name>...) is. Python raises.
      this.err('unknown extension ?<' + (this.p[this.i + 1] ?? ''));
    }
    if (c === '=' || c === '!' || (c === '<' && (this.p[this.i + 1] === '=' || this.p[this.i + 1] === '!'))) {
      const head = c === '<' ? `(?<${this.p[this.i + 1]}` : `(?${c}`;
      this.i += c === '<' ? 2 : 1;
      const inner = this.alternation();
      this.closeParen();
      return `${head}${inner})`;
    }
    if (c === '#') {
      const end = this.p.indexOf(')', this.i);
      if (end < 0) this.err('missing ), unterminated comment');
      this.i = end + 1;
      return null;
    }
    if (c === '>') this.unsupported('atomic group (?>…)');
    if (c === '(') this.unsupported('conditional group (?(…)…)');
    const fm = /^([aiLmsux]*)(?:-([imsx]+))?([:)])/.exec(this.p.slice(this.i));
    if (fm) {
      if (fm[3] === ')') this.err('global flags not at the start of the expression');
      const on = fm[1];
      const off = fm[2] ?? '';
      if (on.includes('i') || off.includes('i')) this.unsupported(`scoped inline flag (?${on}${off ? '-' + off : ''}:…)`);
      this.i += fm[0].length;
      const saved = { ...this.flags };
      for (const f of on) if (f !== 'u' && f !== 'L') (this.flags as unknown as Record<string, boolean>)[f] = true;
      for (const f of off) (this.flags as unknown as Record<string, boolean>)[f] = false;
      const inner = this.alternation();
      this.flags = saved;
      this.closeParen();
      return `(?:${inner})`;
    }
    this.err('unknown extension ?' + (c ?? ''));
  }

  private closeParen(): void {
    if (this.p[this.i] !== ')') this.err('missing ), unterminated subpattern');
    this.i++;
  }

  /** An escape outside a class. */
  private escape(inClass: boolean): string {
    this.i++; // backslash
    if (this.i >= this.p.length) this.err('bad escape (end of pattern)');
    const c = this.p[this.i];
    const w = this.word();
    switch (c) {
      case 'd':
        this.i++;
        return inClass ? this.digit() : `[${this.digit()}]`;
      case 'D':
        this.i++;
        return `[^${this.digit()}]`;
      case 'w':
        this.i++;
        return inClass ? w : `[${w}]`;
      case 'W':
        this.i++;
        return `[^${w}]`;
      case 's':
        this.i++;
        return inClass ? this.space() : `[${this.space()}]`;
      case 'S':
        this.i++;
        return `[^${this.space()}]`;
      case 'b':
        this.i++;
        if (inClass) return lit(8);
        return `(?:(?<=[${w}])(?![${w}])|(?<![${w}])(?=[${w}]))`;
      case 'B':
        this.i++;
        if (inClass) this.err('bad escape \\B');
        return `(?:(?<=[${w}])(?=[${w}])|(?<![${w}])(?![${w}]))`;
      case 'A':
        this.i++;
        if (inClass) this.err('bad escape \\A');
        return '^';
      case 'Z':
        this.i++;
        if (inClass) this.err('bad escape \\Z');
        return '$';
      case 'n':
        this.i++;
        return lit(10);
      case 't':
        this.i++;
        return lit(9);
      case 'r':
        this.i++;
        return lit(13);
      case 'f':
        this.i++;
        return lit(12);
      case 'v':
        this.i++;
        return lit(11);
      case 'a':
        this.i++;
        return lit(7);
      case 'x': {
        const m = /^x([0-9a-fA-F]{2})/.exec(this.p.slice(this.i));
        if (!m) this.err('incomplete escape \\x');
        this.i += 3;
        return lit(parseInt(m[1], 16));
      }
      case 'u': {
        const m = /^u([0-9a-fA-F]{4})/.exec(this.p.slice(this.i));
        if (!m) this.err('incomplete escape \\u');
        this.i += 5;
        return lit(parseInt(m[1], 16));
      }
      case 'U': {
        const m = /^U([0-9a-fA-F]{8})/.exec(this.p.slice(this.i));
        if (!m) this.err('incomplete escape \\U');
        const v = parseInt(m[1], 16);
        if (v > 0x10ffff) this.err('bad escape \\U');
        this.i += 9;
        return lit(v);
      }
      case 'N': {
        // sre_parse: "\\N{name}" -> ord(unicodedata.lookup(name)), in and outside a class
        if (this.p[this.i + 1] !== '{') this.err('missing {');
        const close = this.p.indexOf('}', this.i + 2);
        if (close === this.i + 2) this.err('missing character name');
        if (close < 0) this.err('missing }, unterminated name');
        const name = this.p.slice(this.i + 2, close);
        const cp = lookupUnicodeName(name);
        if (cp === undefined) this.err(`undefined character name '${name}'`);
        this.i = close + 1;
        return lit(cp);
      }
      default:
        break;
    }
    if (c >= '0' && c <= '9') {
      // octal escape or back reference
      const oct = /^(?:0[0-7]{0,2}|[0-7]{3})/.exec(this.p.slice(this.i));
      if (oct && (c === '0' || oct[0].length === 3)) {
        const v = parseInt(oct[0], 8);
        if (v > 0o377) this.err('octal escape value outside of range 0-0o377');
        this.i += oct[0].length;
        return lit(v);
      }
      if (inClass) this.err(`bad escape \\${c}`);
      const m = /^\d{1,2}/.exec(this.p.slice(this.i))!;
      const n = Number(m[0]);
      if (n > this.groupCount) this.err(`invalid group reference ${n}`);
      if (this.openGroups.includes(n)) this.err('cannot refer to an open group');
      this.i += m[0].length;
      return `(?:\\${n})`;
    }
    if (/[A-Za-z]/.test(c)) this.err(`bad escape \\${c}`);
    const cp = this.next();
    return lit(cp);
  }

  private charClass(): string {
    this.i++; // [
    let negate = false;
    if (this.p[this.i] === '^') {
      negate = true;
      this.i++;
    }
    let body = '';
    let first = true;
    for (;;) {
      if (this.i >= this.p.length) this.err('unterminated character set');
      const c = this.p[this.i];
      if (c === ']' && !first) {
        this.i++;
        break;
      }
      first = false;
      // one item: a char (maybe starting a range) or a class escape
      let startCp: number | null;
      let piece: string;
      if (c === '\\') {
        const before = this.i;
        const nextCh = this.p[this.i + 1];
        if (nextCh && 'dDwWsS'.includes(nextCh)) {
          piece = this.escape(true);
          body += piece.startsWith('[^') ? piece : piece;
          startCp = null;
          continue;
        }
        piece = this.escape(true);
        startCp = this.decodeLit(piece, before);
      } else {
        startCp = this.next();
        piece = lit(startCp);
      }
      if (this.p[this.i] === '-' && this.p[this.i + 1] !== ']' && this.i + 1 < this.p.length) {
        this.i++; // -
        let endCp: number;
        if (this.p[this.i] === '\\') {
          const before = this.i;
          const nextCh = this.p[this.i + 1];
          if (nextCh && 'dDwWsS'.includes(nextCh)) this.err(`bad character range`);
          endCp = this.decodeLit(this.escape(true), before);
        } else {
          endCp = this.next();
        }
        if (endCp < startCp) this.err('bad character range');
        body += `${lit(startCp)}-${lit(endCp)}`;
      } else {
        body += piece;
      }
    }
    if (body === '' && !negate) return '[]';
    return negate ? `[^${body}]` : `[${body}]`;
  }

  private decodeLit(js: string, at: number): number {
    const m = /^\\u\{([0-9a-f]+)\}$/.exec(js);
    if (m) return parseInt(m[1], 16);
    if (js.length === 1) return js.charCodeAt(0);
    this.i = at;
    this.err('bad character range');
  }
}
