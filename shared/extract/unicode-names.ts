// Python's `\N{name}` in a regex: sre_parse does ord(unicodedata.lookup(name)). CPython looks a
// name up case-insensitively in its stored names and aliases (`\N{em dash}`, `\N{NBSP}`), and
// computes two families with case-sensitive prefixes: HANGUL SYLLABLE <jamo> (jamo upper-case) and
// CJK UNIFIED IDEOGRAPH-<4 or 5 upper-case hex digits>. Named sequences are not characters
// (ord() raises), so they are not found, as in Python. The table is the generated file (the
// Unicode version of the Python that generated it, see UNICODE_VERSION), decoded on first use.
import { ALIASES, CJK_UNIFIED, HEX_NAMED, NAMES, UNICODE_VERSION, WORDS } from './unicode-names.generated.js';

export { UNICODE_VERSION };

let table: Map<string, number> | null = null;

/** Inverse of the generator's num(): base 45, digits from '#', continuation digits 45 above. */
const ALPHABET = Array.from({ length: 0x7f - 0x23 }, (_, i) => String.fromCharCode(0x23 + i))
  .filter((c) => c !== '\\')
  .slice(0, 90)
  .join('');
const DIGIT = new Int8Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) DIGIT[ALPHABET.charCodeAt(i)] = i;

function decodeInto(out: Map<string, number>, data: string, words: string[], step: number): void {
  let i = 0;
  const num = (): number => {
    let n = 0;
    for (;;) {
      const d = DIGIT[data.charCodeAt(i++)];
      if (d >= 45) n = n * 45 + (d - 45);
      else return n * 45 + d;
    }
  };
  let cp = -1;
  let prev: string[] = [];
  while (i < data.length) {
    cp += num() + step;
    const keep = num();
    const count = num();
    const parts = prev.slice(0, keep * 2);
    for (let k = 0; k < count; k++) {
      const w = num();
      parts.push(words[w >> 1], w & 1 ? '-' : ' ');
    }
    prev = parts;
    out.set(parts.slice(0, -1).join(''), cp);
  }
}

function names(): Map<string, number> {
  if (table === null) {
    const words = WORDS.split(' ');
    table = new Map();
    decodeInto(table, NAMES, words, 1);
    decodeInto(table, ALIASES, words, 0);
  }
  return table;
}

const L = ['G', 'GG', 'N', 'D', 'DD', 'R', 'M', 'B', 'BB', 'S', 'SS', '', 'J', 'JJ', 'C', 'K', 'T', 'P', 'H'];
const V = ['A', 'AE', 'YA', 'YAE', 'EO', 'E', 'YEO', 'YE', 'O', 'WA', 'WAE', 'OE', 'YO', 'U', 'WEO', 'WE', 'WI', 'YU', 'EU', 'YI', 'I'];
const T = ['', 'G', 'GG', 'GS', 'N', 'NJ', 'NH', 'D', 'L', 'LG', 'LM', 'LB', 'LS', 'LT', 'LP', 'LH', 'M', 'B', 'BS', 'S', 'SS', 'NG', 'J', 'C', 'K', 'T', 'P', 'H'];

/** CPython find_syllable: the longest jamo short name at `pos` (case-sensitive). */
function jamo(s: string, pos: number, list: string[]): [index: number, length: number] {
  let best = -1;
  let len = -1;
  for (let i = 0; i < list.length; i++) {
    const j = list[i];
    if (j.length > len && s.startsWith(j, pos)) {
      best = i;
      len = j.length;
    }
  }
  return [best, Math.max(len, 0)];
}

function hangul(name: string): number | undefined {
  const p = 'HANGUL SYLLABLE '.length;
  const [l, ll] = jamo(name, p, L);
  const [v, vl] = jamo(name, p + ll, V);
  const [t, tl] = jamo(name, p + ll + vl, T);
  if (l < 0 || v < 0 || t < 0 || p + ll + vl + tl !== name.length) return undefined;
  return 0xac00 + (l * V.length + v) * T.length + t;
}

/** The code point Python's `\N{name}` stands for, or undefined (Python: re.error). */
export function lookupUnicodeName(name: string): number | undefined {
  if (name.startsWith('HANGUL SYLLABLE ')) return hangul(name);
  if (name.startsWith('CJK UNIFIED IDEOGRAPH-')) {
    const hex = name.slice('CJK UNIFIED IDEOGRAPH-'.length);
    if (!/^[0-9A-F]{4,5}$/.test(hex)) return undefined;
    const cp = parseInt(hex, 16);
    return CJK_UNIFIED.some(([a, b]) => cp >= a && cp <= b) ? cp : undefined;
  }
  const upper = name.replace(/[a-z]+/g, (m) => m.toUpperCase()); // Py_TOUPPER: ASCII only
  for (const [prefix, a, b] of HEX_NAMED) {
    if (!upper.startsWith(prefix)) continue;
    const hex = upper.slice(prefix.length);
    const cp = parseInt(hex, 16);
    if (/^[0-9A-F]+$/.test(hex) && cp >= a && cp <= b && cp.toString(16).toUpperCase().padStart(4, '0') === hex) return cp;
  }
  return names().get(upper);
}
