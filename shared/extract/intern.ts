// A per-parse table of short strings, so that the names and values a page repeats thousands of
// times (tag and attribute names, class values, "Reviews", "Details", …) are one string each
// instead of one small string per occurrence. The tree lives until the extraction ends, so every
// one of those strings would otherwise be copied by V8's scavenger (young generation) on a large
// page; sharing them is a large part of the parser's GC saving.
//
// A lossy hash table (a collision just replaces the entry): no probing, no allocation on a hit.
// It is created per parse and dropped with it: an entry may be a slice that keeps the page source
// alive, which must not outlive the document.

const SIZE = 4096; // power of two
/** Longer strings are rarely repeated and cost more to compare. */
const MAX_LEN = 32;

export type InternTable = (string | undefined)[];

export function newInternTable(): InternTable {
  return new Array<string | undefined>(SIZE).fill(undefined);
}

/** `s.slice(start, end)`, or the equal string returned earlier by this table. */
export function sliceInterned(table: InternTable, s: string, start: number, end: number): string {
  const len = end - start;
  if (len > MAX_LEN || len <= 0) return s.slice(start, end);
  // hash a few characters: equal strings hash alike, the comparison below does the rest
  let h = len;
  h = (Math.imul(h, 31) + s.charCodeAt(start)) | 0;
  h = (Math.imul(h, 31) + s.charCodeAt(end - 1)) | 0;
  h = (Math.imul(h, 31) + s.charCodeAt(start + (len >> 1))) | 0;
  h = (Math.imul(h, 31) + s.charCodeAt(start + (len >> 2))) | 0;
  return sliceInternedHashed(table, s, start, end, h);
}

/** sliceInterned with the caller's hash of the characters (the tokenizer computes one while it
 *  scans a name). Any hash is correct (a hit is compared character by character); a caller that
 *  hashes equal strings alike gets the sharing. */
export function sliceInternedHashed(table: InternTable, s: string, start: number, end: number, h: number): string {
  const len = end - start;
  if (len > MAX_LEN || len <= 0) return s.slice(start, end);
  const slot = (h ^ (h >>> 11)) & (SIZE - 1);
  const c = table[slot];
  if (c !== undefined && c.length === len && s.startsWith(c, start)) return c;
  const v = s.slice(start, end);
  table[slot] = v;
  return v;
}
