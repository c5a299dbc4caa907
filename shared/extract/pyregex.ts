// Python `re` patterns (what Crawl4AI's `regex` type runs: `re.search(pattern, text)`) translated
// to JS RegExp with the `v` flag, keeping Python's semantics for str patterns:
// - \d \w \s \b are Unicode (Python str patterns): \d = \p{Nd}, \w = letters, numbers and "_",
//   \s = the str.isspace() set (JS \s differs: it includes U+FEFF, lacks \x1c-\x1f and \x85);
//   the (?a) flag makes them ASCII;
// - `.` excludes only \n (JS also excludes \r, U+2028/2029); `$` also matches before a final \n;
//   multiline ^/$ only look at \n; \A, \Z;
// - (?P<name>…), (?P=name), group numbers/names resolved by us (names may repeat what JS forbids);
// - inline flags (?aimsux) at the start, (?#comment), verbose mode, {,n}, literal `{`;
// - \N{name} by Python's Unicode names and aliases (unicode-names.ts).
// What cannot be expressed (possessive quantifiers, atomic groups, conditionals, scoped (?i:…))
// is refused with RegexUnsupportedError, never silently approximated. A pattern Python
// itself rejects throws PyRegexSyntaxError (re.error in Crawl4AI: the field's default).

import { PyRegexSyntaxError, RegexUnsupportedError, Translator } from './pyregex-translate.js';

export { PyRegexSyntaxError, RegexUnsupportedError } from './pyregex-translate.js';

export interface PyRegex {
  regex: RegExp;
  groupCount: number;
  groupIndex: Map<string, number>;
}

const cache = new Map<string, PyRegex | Error>();

/** Translate a Python `re` pattern (str pattern, no flags argument). Cached. */
export function compilePyRegex(pattern: string): PyRegex {
  let r = cache.get(pattern);
  if (!r) {
    try {
      const t = new Translator(pattern);
      const src = t.translate();
      const flags = 'v' + (t.flags.i ? 'i' : '');
      let regex: RegExp;
      try {
        regex = new RegExp(src, flags);
      } catch (e) {
        throw new RegexUnsupportedError(`translated pattern rejected by JavaScript: ${(e as Error).message}`);
      }
      r = { regex, groupCount: t.groupCount, groupIndex: t.groupIndex };
    } catch (e) {
      r = e as Error;
    }
    if (cache.size > 1000) cache.clear();
    cache.set(pattern, r);
  }
  if (r instanceof Error) throw r;
  return r;
}

/** Python `m.group(g)` after `re.search`: undefined when no match; throws IndexError-like errors. */
export function pySearchGroup(rx: PyRegex, text: string, group: number | string): { matched: boolean; value: string | null } {
  const m = rx.regex.exec(text);
  if (!m) return { matched: false, value: null };
  let idx: number;
  if (typeof group === 'number') {
    if (!Number.isInteger(group) || group < 0 || group > rx.groupCount) throw new PyIndexError('no such group');
    idx = group;
  } else {
    const n = rx.groupIndex.get(group);
    if (n === undefined) throw new PyIndexError('no such group');
    idx = n;
  }
  const v = m[idx];
  return { matched: true, value: v === undefined ? null : v };
}

export class PyIndexError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'IndexError';
  }
}
