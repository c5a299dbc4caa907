// HTML parsing the way Crawl4AI sees a page: BeautifulSoup(html, "lxml"), i.e. libxml2's HTML parser
// (the pre-2.14 "HTML 4" parser that lxml 5 bundles) feeding bs4's tree builder.
//
// Neither parse5 (HTML5 tree construction: inserts <tbody>, foster-parents, treats <textarea> as
// RCDATA) nor htmlparser2 (no <html>/<body>, its own implied-end rules) builds the same tree, and
// the tree decides what selectors match and what `text`/`html` return. So this is a small
// tokenizer + tree builder that follows libxml2's HTMLparser.c rules:
//   - tag/attribute names [A-Za-z_:.][A-Za-z0-9_:.-]* lower-cased; first duplicate attribute wins;
//   - only <script>/<style> are raw text (ended by "</" + their name, case-insensitive prefix);
//     <textarea>, <title>, <noscript>, <template> content is parsed as markup;
//   - only `&name;` of the HTML 4 table and `&#...;` are decoded; anything else stays literal;
//   - implied <html>/<head>/<body> (htmlCheckImplied), text directly in <html>/<head> wrapped in
//     an implied <p> (htmlCheckParagraph);
//   - a start tag closes the current element per libxml2's htmlStartClose table, repeatedly,
//     looking only at the top of the stack (htmlAutoClose); no <tbody> is ever inserted;
//   - an end tag closes up to its element only if no element with a higher "end priority"
//     (div < td/th < tr < thead/tbody/tfoot < table < head/body < html) is in between; an end tag
//     with no open element is ignored;
//   - `<x/>` closes any element (the XML/SGML way); the HTML 4 empty elements close at once;
//   - CR is kept as it is (no line-end normalisation), NUL reads as a space;
//   - only `<!--` (comment) and `<!DOCTYPE` start markup: any other `<!` is text, and so is what
//     follows `</` when no name does.
// The tree is made of domhandler nodes so css-select can run on it directly.
import type { Document } from 'domhandler';
import { HTML4_ENTITIES } from './entities.js';
import { NO_ATTRIBS, TreeBuilder } from './tree-builder.js';
import { newInternTable, sliceInterned, sliceInternedHashed, type InternTable } from './intern.js';

export { isOrderedElement, type OrderedElement } from './tree-builder.js';

function isNameStart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || c === 58 || c === 46;
}
function isNameChar(c: number): boolean {
  return isNameStart(c) || (c >= 48 && c <= 57) || c === 45;
}
/** End of the name read by the last readName call. */
let nameEnd = 0;
/** Read a tag/attribute name (name characters from `start`, which may be none) and return it
 *  ASCII lower-cased; sets nameEnd. One pass: it hashes the characters for the intern table and
 *  notes upper-case letters on the way (an already lower-case name is then the interned string). */
function readName(t: InternTable, s: string, start: number, n: number): string {
  let j = start;
  let h = 0;
  let upper = false;
  for (; j < n; j++) {
    const c = s.charCodeAt(j);
    if (!isNameChar(c)) break;
    if (c >= 65 && c <= 90) upper = true;
    h = (Math.imul(h, 31) + c) | 0;
  }
  nameEnd = j;
  if (upper) return s.slice(start, j).toLowerCase();
  return sliceInternedHashed(t, s, start, j, h);
}

function isAsciiLetter(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
}
/** libxml2 IS_BLANK_CH: space, \t, \n, \r. */
function isBlank(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13;
}
/** libxml2 IS_CHAR: the code points an XML/HTML document may contain. */
function isXmlChar(c: number): boolean {
  return (
    c === 9 || c === 10 || c === 13 || (c >= 0x20 && c <= 0xd7ff) || (c >= 0xe000 && c <= 0xfffd) ||
    (c >= 0x10000 && c <= 0x10ffff)
  );
}

/** Decode a character reference starting at `&` (s[i] === '&'). Returns [text, nextIndex]. */
function readReference(s: string, i: number): [string, number] {
  const n = s.length;
  if (s.charCodeAt(i + 1) === 35 /* # */) {
    let j = i + 2;
    let val = 0;
    const hex = s.charCodeAt(j) === 120 || s.charCodeAt(j) === 88;
    if (hex) j++;
    for (; j < n; j++) {
      const c = s.charCodeAt(j);
      if (c === 59) break;
      let d: number;
      if (c >= 48 && c <= 57) d = c - 48;
      else if (hex && c >= 97 && c <= 102) d = c - 87;
      else if (hex && c >= 65 && c <= 70) d = c - 55;
      else break; // "missing semicolon": stop, keep what we have
      val = val * (hex ? 16 : 10) + d;
      if (val > 0x110000) val = 0x110000;
    }
    if (s.charCodeAt(j) === 59) j++;
    return [isXmlChar(val) ? String.fromCodePoint(val) : '', j];
  }
  let j = i + 1;
  if (j < n && isNameStart(s.charCodeAt(j))) {
    while (j < n && isNameChar(s.charCodeAt(j))) j++;
    const name = s.slice(i + 1, j);
    if (s.charCodeAt(j) === 59) {
      const cp = HTML4_ENTITIES.get(name);
      if (cp !== undefined) return [String.fromCharCode(cp), j + 1];
    }
    return ['&' + name, j];
  }
  return ['&', i + 1];
}

function decodeText(s: string): string {
  if (s.indexOf('&') < 0) return s;
  let out = '';
  let i = 0;
  for (;;) {
    const amp = s.indexOf('&', i);
    if (amp < 0) return out + s.slice(i);
    out += s.slice(i, amp);
    const [txt, next] = readReference(s, amp);
    out += txt;
    i = next;
  }
}

// libxml2 drops characters that are not XML Chars (controls other than \t \n \r, U+FFFE/FFFF)
// from text and script content ("Invalid char in CDATA"); attribute values keep them.
// eslint-disable-next-line no-control-regex
const INVALID_CHARS = /[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]/g;
function dropInvalid(s: string): string {
  INVALID_CHARS.lastIndex = 0;
  return INVALID_CHARS.test(s) ? s.replace(INVALID_CHARS, '') : s;
}

function allBlank(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (!isBlank(s.charCodeAt(i))) return false;
  return true;
}

/** Where a comment's content ends: the first "-->" or "--!>" from `from` (-1: unterminated). */
function commentEnd(s: string, from: number): number {
  const a = s.indexOf('-->', from);
  const b = s.indexOf('--!>', from);
  if (b < 0) return a;
  if (a < 0) return b;
  return Math.min(a, b);
}

/** Parse like BeautifulSoup(html, "lxml"). */
export function parseHtml(input: string): Document {
  let s = input;
  if (s.charCodeAt(0) === 0xfeff) s = s.slice(1); // bs4 drops a leading BOM
  // CR is kept (libxml2's HTML parser does not normalise line ends: "a\r\nb" stays); a NUL reads as
  // a space (htmlCurrentChar: "Char 0x0 out of allowed range" -> ' ')
  if (s.indexOf('\0') >= 0) s = s.replace(/\0/g, ' ');
  const tb = new TreeBuilder();
  const strings = newInternTable();
  const n = s.length;
  let i = 0;
  while (i < n) {
    const lt = s.indexOf('<', i);
    const textEnd = lt < 0 ? n : lt;
    if (textEnd > i) {
      // one pass over the chunk: blank? invalid characters? references?
      let blank = true;
      let invalid = false;
      let amp = false;
      for (let k = i; k < textEnd; k++) {
        const c = s.charCodeAt(k);
        if (c === 32 || c === 10 || c === 9 || c === 13) continue;
        blank = false;
        if (c === 38) amp = true;
        else if (c < 32 || c === 0xfffe || c === 0xffff) invalid = true;
      }
      let raw = sliceInterned(strings, s, i, textEnd);
      if (invalid) {
        raw = dropInvalid(raw);
        blank = allBlank(raw);
      }
      if (tb.ended) {
        if (!blank) break;
        tb.text(raw, true);
      } else if (raw !== '') tb.text(amp ? decodeText(raw) : raw, blank);
      i = textEnd;
      if (i >= n) break;
    }
    // s[i] === '<'
    const c1 = s.charCodeAt(i + 1);
    if (tb.ended && !(c1 === 63 || (c1 === 33 && s.startsWith('--', i + 2)))) break;
    if (c1 === 33 /* ! */) {
      if (s.startsWith('--', i + 2)) {
        // ends at "-->" or at the abrupt "--!>" (htmlParseComment), whichever comes first
        const close = commentEnd(s, i + 4);
        if (close < 0) break; // unterminated comment: libxml2 drops the rest
        tb.comment(s.slice(i + 4, close));
        i = close + (s.charCodeAt(close + 2) === 33 ? 4 : 3);
        continue;
      }
      if (s.slice(i + 2, i + 9).toUpperCase() === 'DOCTYPE') {
        const close = s.indexOf('>', i);
        const end = close < 0 ? n : close;
        tb.doctype(s.slice(i + 2, end));
        i = end + 1;
        continue;
      }
      // any other "<!" (<![endif]-->, <![CDATA[…]]>, <!x>) is not markup to libxml2: the "<" is
      // character data and the rest is read on as text
      tb.text('<', false);
      i += 1;
      continue;
    }
    if (c1 === 63 /* ? */) {
      const close = s.indexOf('>', i);
      const end = close < 0 ? n : close;
      tb.pi(s.slice(i + 2, end));
      i = end + 1;
      continue;
    }
    if (c1 === 47 /* / */) {
      let j = i + 2;
      if (j < n && isNameStart(s.charCodeAt(j))) {
        const name = readName(strings, s, j, n);
        j = nameEnd;
        const close = s.indexOf('>', j);
        i = close < 0 ? n : close + 1;
        tb.endTag(name);
      } else {
        // "</" without a name (</ br>, </>, </1>): htmlParseEndTag skips the "</" and finds no
        // name; what follows is read on as text
        i += 2;
      }
      continue;
    }
    if (!isAsciiLetter(c1)) {
      tb.text('<', false);
      i += 1;
      continue;
    }
    // start tag
    const name = readName(strings, s, i + 1, n);
    let j = nameEnd;
    // most elements have no attributes: they share one frozen empty object (nothing writes to it)
    let attribs: Record<string, string> = NO_ATTRIBS;
    let selfClosing = false;
    for (;;) {
      while (j < n && isBlank(s.charCodeAt(j))) j++;
      if (j >= n) break;
      const c = s.charCodeAt(j);
      if (c === 62 /* > */) {
        j++;
        break;
      }
      if (c === 47 && s.charCodeAt(j + 1) === 62) {
        selfClosing = true;
        j += 2;
        break;
      }
      if (!isNameStart(c)) {
        // bogus attribute: dumped up to the next blank or the end of the tag
        while (j < n) {
          const d = s.charCodeAt(j);
          if (isBlank(d) || d === 62 || (d === 47 && s.charCodeAt(j + 1) === 62)) break;
          j++;
        }
        continue;
      }
      const attName = readName(strings, s, j, n);
      j = nameEnd;
      let k = j;
      while (k < n && isBlank(s.charCodeAt(k))) k++;
      let value = '';
      if (s.charCodeAt(k) === 61 /* = */) {
        k++;
        while (k < n && isBlank(s.charCodeAt(k))) k++;
        const q = s.charCodeAt(k);
        if (q === 34 || q === 39) {
          const close = s.indexOf(q === 34 ? '"' : "'", k + 1);
          const end = close < 0 ? n : close;
          value = decodeText(sliceInterned(strings, s, k + 1, end));
          j = close < 0 ? n : close + 1;
        } else {
          let e = k;
          while (e < n && !isBlank(s.charCodeAt(e)) && s.charCodeAt(e) !== 62) e++;
          value = decodeText(sliceInterned(strings, s, k, e));
          j = e;
        }
      }
      if (attribs === NO_ATTRIBS) attribs = {};
      if (!Object.prototype.hasOwnProperty.call(attribs, attName)) attribs[attName] = value;
    }
    i = j;
    const open = tb.startTag(name, attribs, selfClosing);
    if (open && (name === 'script' || name === 'style')) {
      // raw text up to "</name" (case-insensitive), as libxml2's htmlParseScript in recovery mode
      let k = i;
      let end = n;
      for (;;) {
        const p = s.indexOf('</', k);
        if (p < 0) break;
        if (s.slice(p + 2, p + 2 + name.length).toLowerCase() === name) {
          end = p;
          break;
        }
        k = p + 2;
      }
      if (end > i) tb.text(dropInvalid(s.slice(i, end)), true);
      i = end;
    }
  }
  return tb.end();
}
