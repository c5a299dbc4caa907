// Python `str` semantics that the extractor's output depends on.

/** Characters for which Python's str.isspace() is true (also what `re`'s \s matches in str patterns).
 *  Note U+FEFF (BOM) and U+200B (zero-width space) are NOT whitespace, \x1c-\x1f and \x85 are. */
export const PY_WHITESPACE = '\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000';

const WS_TABLE = new Uint8Array(0x3001);
for (let i = 0; i < PY_WHITESPACE.length; i++) WS_TABLE[PY_WHITESPACE.charCodeAt(i)] = 1;

export function isPySpace(c: number): boolean {
  return c <= 0x3000 && WS_TABLE[c] === 1;
}

/** Python str.strip() with no argument. */
export function pyStrip(s: string): string {
  let a = 0;
  let b = s.length;
  while (a < b && isPySpace(s.charCodeAt(a))) a++;
  while (b > a && isPySpace(s.charCodeAt(b - 1))) b--;
  return a === 0 && b === s.length ? s : s.slice(a, b);
}

/** re.findall(r"\S+", s) for a str pattern. */
export function pySplit(s: string): string[] {
  const out: string[] = [];
  let i = 0;
  const n = s.length;
  while (i < n) {
    while (i < n && isPySpace(s.charCodeAt(i))) i++;
    if (i >= n) break;
    const start = i;
    while (i < n && !isPySpace(s.charCodeAt(i))) i++;
    out.push(s.slice(start, i));
  }
  return out;
}

/** Python str.lower()/upper() are full Unicode case mappings, like JS toLowerCase/toUpperCase
 *  without a locale (both use the Unicode default mappings incl. special casing such as ß -> SS).
 *  The one known difference: JS maps final sigma contextually in toLowerCase ('ΑΣ' -> 'ας'),
 *  Python 3 does the same (since 3.3). So they agree. */
export const pyLower = (s: string): string => s.toLowerCase();
export const pyUpper = (s: string): string => s.toUpperCase();
