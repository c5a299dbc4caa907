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
//   - CR LF / CR become LF.
// The tree is made of domhandler nodes so css-select can run on it directly.
import { Comment, Document, Element, ProcessingInstruction, Text } from 'domhandler';
import type { ChildNode, ParentNode } from 'domhandler';
import { ElementType } from 'domelementtype';
import { HTML4_ENTITIES } from './entities.js';
import { normalizeMultiValued } from './attributes.js';
import { indexElement, newDocIndex, setDocumentIndex } from './doc-index.js';

/** libxml2's html40ElementTable entries with empty=1. (embed, source, wbr … are NOT empty there.) */
const EMPTY_ELEMENTS = new Set([
  'area', 'base', 'basefont', 'br', 'col', 'frame', 'hr', 'img', 'input', 'isindex', 'link', 'meta',
  'param',
]);

const FONTSTYLE = ['tt', 'i', 'b', 'u', 's', 'strike', 'big', 'small'];
const HEADINGS = ['h1', 'h2', 'h3', 'h4', 'h5', 'h6'];

/** libxml2 htmlStartClose: new tag -> the current elements it closes. */
const START_CLOSE_LISTS: Record<string, string[]> = {
  form: ['form', 'p', 'hr', ...HEADINGS, 'dl', 'ul', 'ol', 'menu', 'dir', 'address', 'pre', 'listing', 'xmp', 'head'],
  head: ['p'],
  title: ['p'],
  body: ['head', 'style', 'script', 'title'],
  frameset: ['head', 'style', 'script', 'title'],
  li: ['p', ...HEADINGS, 'dl', 'address', 'pre', 'listing', 'xmp', 'head', 'li'],
  hr: ['p', 'head'],
  h1: ['p', 'head', 'h2', 'h3', 'h4', 'h5', 'h6'],
  h2: ['p', 'head', 'h1', 'h3', 'h4', 'h5', 'h6'],
  h3: ['p', 'head', 'h1', 'h2', 'h4', 'h5', 'h6'],
  h4: ['p', 'head', 'h1', 'h2', 'h3', 'h5', 'h6'],
  h5: ['p', 'head', 'h1', 'h2', 'h3', 'h4', 'h6'],
  h6: ['p', 'head', 'h1', 'h2', 'h3', 'h4', 'h5'],
  dir: ['p', 'head'],
  address: ['p', 'head', 'ul'],
  pre: ['p', 'head', 'ul'],
  listing: ['p', 'head'],
  xmp: ['p'],
  blockquote: ['p', 'head'],
  dl: ['p', 'dt', 'menu', 'dir', 'address', 'pre', 'listing', 'xmp', 'head'],
  dt: ['p', 'menu', 'dir', 'address', 'pre', 'listing', 'xmp', 'head', 'dd'],
  dd: ['p', 'menu', 'dir', 'address', 'pre', 'listing', 'xmp', 'head', 'dt'],
  ul: ['p', 'head', 'ol', 'menu', 'dir', 'address', 'pre', 'listing', 'xmp'],
  ol: ['p', 'head', 'ul'],
  menu: ['p', 'head', 'ul'],
  p: ['p', 'head', ...HEADINGS, ...FONTSTYLE],
  div: ['p', 'head'],
  noscript: ['script'],
  center: ['font', 'b', 'i', 'p', 'head'],
  a: ['a', 'head'],
  caption: ['p'],
  colgroup: ['caption', 'colgroup', 'col', 'p'],
  col: ['caption', 'col', 'p'],
  table: ['p', 'head', ...HEADINGS, 'pre', 'listing', 'xmp', 'a'],
  th: ['th', 'td', 'p', 'span', 'font', 'a', 'b', 'i', 'u'],
  td: ['th', 'td', 'p', 'span', 'font', 'a', 'b', 'i', 'u'],
  tr: ['th', 'td', 'tr', 'caption', 'col', 'colgroup', 'p'],
  thead: ['caption', 'col', 'colgroup'],
  tfoot: ['th', 'td', 'tr', 'caption', 'col', 'colgroup', 'thead', 'tbody', 'p'],
  tbody: ['th', 'td', 'tr', 'caption', 'col', 'colgroup', 'thead', 'tfoot', 'tbody', 'p'],
  optgroup: ['option'],
  option: ['option'],
  fieldset: ['legend', 'p', 'head', ...HEADINGS, 'pre', 'listing', 'xmp', 'a'],
};
// "most elements close head"
for (const t of [
  ...FONTSTYLE, 'em', 'strong', 'dfn', 'code', 'samp', 'kbd', 'var', 'cite', 'abbr', 'acronym', 'img',
  'font', 'br', 'map', 'q', 'sub', 'sup', 'span', 'bdo', 'iframe',
]) {
  START_CLOSE_LISTS[t] = ['head'];
}
const START_CLOSE = new Map<string, Set<string>>(
  Object.entries(START_CLOSE_LISTS).map(([k, v]) => [k, new Set(v)]),
);

/** libxml2 htmlEndPriority: a misplaced end tag only closes elements of lower or equal priority. */
const END_PRIORITY = new Map<string, number>([
  ['div', 150], ['td', 160], ['th', 160], ['tr', 170], ['thead', 180], ['tbody', 180], ['tfoot', 180],
  ['table', 190], ['head', 200], ['body', 200], ['html', 220],
]);
const endPriority = (name: string): number => END_PRIORITY.get(name) ?? 100;

const HEAD_ELEMENTS = new Set(['script', 'style', 'meta', 'link', 'title', 'base']);

function isNameStart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || c === 58 || c === 46;
}
function isNameChar(c: number): boolean {
  return isNameStart(c) || (c >= 48 && c <= 57) || c === 45;
}
/** ASCII lower-casing of a name slice, without allocating when it is already lower-case. */
function lowerName(s: string, start: number, end: number): string {
  for (let k = start; k < end; k++) {
    const c = s.charCodeAt(k);
    if (c >= 65 && c <= 90) return s.slice(start, end).toLowerCase();
  }
  return s.slice(start, end);
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

/** An element with its position in document order: `order` is its preorder number, `last` the
 *  preorder number of its last descendant (so descendants are exactly order < n <= last).
 *  select.ts uses this to answer "descendants of X matching .cls" from a per-document index by
 *  binary search instead of walking the subtree for every field of every item. */
export class OrderedElement extends Element {
  declare order: number;
  declare last: number;
}

const NO_ATTRIBS: Record<string, string> = Object.freeze({}) as Record<string, string>;

/** Placeholder until the element closes (never mutated). */
const NO_CHILDREN: ChildNode[] = [];

function elementType(name: string): ElementType.Tag | ElementType.Script | ElementType.Style {
  return name === 'script' ? ElementType.Script : name === 'style' ? ElementType.Style : ElementType.Tag;
}

class TreeBuilder {
  readonly doc = new Document([]);
  private readonly index = newDocIndex();
  private readonly stack: OrderedElement[] = [];
  /** libxml2 ctxt->html: 3 once a head was opened, 10 once a body was opened. */
  private seen = 0;
  /** misplaced <html>/<head>/<body> start tags that were dropped (their end tags are ignored). */
  private depth = 0;
  /** pending character data (adjacent chunks are merged, as bs4 joins its pending data) */
  private textBuf = '';
  private hasText = false;
  private counter = 0;
  /** The root element was closed by </html>: libxml2's push parser is in its EPILOG state, where
   *  only comments, PIs and whitespace are accepted; anything else ends the parse. */
  ended = false;

  get current(): Element | undefined {
    return this.stack[this.stack.length - 1];
  }

  /** Children of open elements are collected per depth and copied into an exact-size array when
   *  the element closes (an array grown by push() keeps 16+ slots: a lot of memory, and GC time,
   *  on pages with 100k nodes). */
  private readonly bufs: ChildNode[][] = [];
  private readonly lens: number[] = [];

  private appendChild(node: ChildNode): void {
    const k = this.stack.length - 1;
    if (k < 0) {
      const children = this.doc.children as ChildNode[];
      const last = children[children.length - 1];
      if (last) {
        last.next = node;
        node.prev = last;
      }
      node.parent = this.doc;
      children.push(node);
      return;
    }
    const buf = this.bufs[k];
    const len = this.lens[k];
    if (len > 0) {
      const last = buf[len - 1];
      last.next = node;
      node.prev = last;
    }
    node.parent = this.stack[k];
    buf[len] = node;
    this.lens[k] = len + 1;
  }

  /** Adjacent character data is merged into one string (bs4 joins its pending data). */
  flushText(): void {
    if (!this.hasText) return;
    const data = this.collapse(this.textBuf);
    this.textBuf = '';
    this.hasText = false;
    this.appendChild(new Text(data));
  }

  /** Open <pre>/<textarea> elements (bs4's preserve_whitespace_tag_stack). */
  private preserve = 0;

  /** bs4 BeautifulSoup.endData: a string made only of ASCII whitespace, outside <pre>/<textarea>,
   *  is replaced by "\n" if it contains a newline, else by " " (comments included). */
  private collapse(data: string): string {
    if (this.preserve > 0) return data;
    for (let i = 0; i < data.length; i++) {
      const c = data.charCodeAt(i);
      if (c !== 32 && c !== 10 && c !== 9 && c !== 12 && c !== 13) return data;
    }
    return data.indexOf('\n') >= 0 ? '\n' : ' ';
  }

  private push(name: string, attribs: Record<string, string>): OrderedElement {
    this.flushText();
    const el = new OrderedElement(name, attribs, NO_CHILDREN, elementType(name));
    el.order = el.last = ++this.counter;
    indexElement(this.index, el);
    this.appendChild(el);
    this.stack.push(el);
    if (name === 'pre' || name === 'textarea') this.preserve++;
    const k = this.stack.length - 1;
    if (this.bufs.length <= k) this.bufs.push([]);
    this.lens[k] = 0;
    if (name === 'head' && this.seen < 3) this.seen = 3;
    if (name === 'body' && this.seen < 10) this.seen = 10;
    return el;
  }

  private pop(): void {
    this.flushText();
    const k = this.stack.length - 1;
    if (k < 0) return;
    const el = this.stack.pop()!;
    el.last = this.counter;
    if (el.name === 'pre' || el.name === 'textarea') this.preserve--;
    const len = this.lens[k];
    el.children = len === 0 ? [] : this.bufs[k].slice(0, len);
  }

  /** htmlAutoClose: close the current element while the new tag closes it. */
  private autoClose(name: string): void {
    const closes = START_CLOSE.get(name);
    if (!closes) return;
    while (this.current && closes.has(this.current.name)) this.pop();
  }

  /** htmlCheckImplied */
  private checkImplied(name: string): void {
    if (name === 'html') return;
    if (this.stack.length === 0) this.push('html', {});
    if (name === 'body' || name === 'head') return;
    if (this.stack.length <= 1 && HEAD_ELEMENTS.has(name)) {
      if (this.seen >= 3) return;
      this.push('head', {});
    } else if (name !== 'noframes' && name !== 'frame' && name !== 'frameset') {
      if (this.seen >= 10) return;
      for (const el of this.stack) if (el.name === 'body' || el.name === 'head') return;
      this.push('body', {});
    }
  }

  /** htmlCheckParagraph: non-blank text with no element or directly in html/head gets a <p>. */
  checkParagraph(): void {
    const cur = this.current;
    if (!cur || cur.name === 'html' || cur.name === 'head') {
      this.flushText();
      this.autoClose('p');
      this.checkImplied('p');
      this.push('p', {});
    }
  }

  text(data: string, blank: boolean): void {
    if (!blank) this.checkParagraph();
    else if (this.stack.length === 0) return; // whitespace before the root element is skipped
    this.textBuf = this.hasText ? this.textBuf + data : data;
    this.hasText = true;
  }

  comment(data: string): void {
    this.flushText();
    this.appendChild(new Comment(this.collapse(data)));
  }

  doctype(data: string): void {
    this.flushText();
    this.appendChild(new ProcessingInstruction('!doctype', `!${data}`));
  }

  pi(data: string): void {
    this.flushText();
    this.appendChild(new ProcessingInstruction('?', `?${data}`));
  }

  /** Returns true when the element stays open (content follows). */
  startTag(name: string, attribs: Record<string, string>, selfClosing: boolean): boolean {
    this.flushText();
    this.autoClose(name);
    this.checkImplied(name);
    if (this.stack.length > 0 && name === 'html') {
      this.depth++;
      return false;
    }
    if (this.stack.length !== 1 && name === 'head') {
      this.depth++;
      return false;
    }
    if (name === 'body') {
      let misplaced = false;
      for (const el of this.stack) if (el.name === 'body') misplaced = true;
      if (misplaced) {
        this.depth++;
        return false;
      }
    }
    if (attribs !== NO_ATTRIBS) normalizeMultiValued(name, attribs);
    this.push(name, attribs);
    if (selfClosing || EMPTY_ELEMENTS.has(name)) {
      this.pop();
      return false;
    }
    return true;
  }

  endTag(name: string): void {
    if (this.depth > 0 && (name === 'html' || name === 'body' || name === 'head')) {
      this.depth--;
      return;
    }
    let i = this.stack.length - 1;
    for (; i >= 0; i--) if (this.stack[i].name === name) break;
    if (i < 0) return; // unexpected end tag: ignored
    if (i < this.stack.length - 1) {
      // htmlAutoCloseOnClose
      const prio = endPriority(name);
      for (let j = this.stack.length - 1; j > i; j--) {
        if (endPriority(this.stack[j].name) > prio) return;
      }
      while (this.stack.length - 1 > i) this.pop();
    }
    this.pop();
    if (this.stack.length === 0) this.ended = true;
  }

  end(): Document {
    this.flushText();
    while (this.stack.length > 0) this.pop();
    setDocumentIndex(this.doc, this.index);
    return this.doc;
  }
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

/** Parse like BeautifulSoup(html, "lxml"). */
export function parseHtml(input: string): Document {
  let s = input;
  if (s.charCodeAt(0) === 0xfeff) s = s.slice(1); // bs4 drops a leading BOM
  if (s.indexOf('\r') >= 0) s = s.replace(/\r\n?/g, '\n');
  if (s.indexOf('\0') >= 0) s = s.replace(/\0/g, '');
  const tb = new TreeBuilder();
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
      let raw = s.slice(i, textEnd);
      if (invalid) {
        raw = dropInvalid(raw);
        blank = allBlank(raw);
      }
      if (tb.ended) {
        if (!blank) break;
      } else if (raw !== '') tb.text(amp ? decodeText(raw) : raw, blank);
      i = textEnd;
      if (i >= n) break;
    }
    // s[i] === '<'
    const c1 = s.charCodeAt(i + 1);
    if (tb.ended && !(c1 === 63 || (c1 === 33 && s.startsWith('--', i + 2)))) break;
    if (c1 === 33 /* ! */) {
      if (s.startsWith('--', i + 2)) {
        const close = s.indexOf('-->', i + 4);
        if (close < 0) break; // unterminated comment: libxml2 drops the rest
        tb.comment(s.slice(i + 4, close));
        i = close + 3;
        continue;
      }
      if (s.slice(i + 2, i + 9).toUpperCase() === 'DOCTYPE') {
        const close = s.indexOf('>', i);
        const end = close < 0 ? n : close;
        tb.doctype(s.slice(i + 2, end));
        i = end + 1;
        continue;
      }
      // bogus markup declaration: dumped up to the next '>'
      const close = s.indexOf('>', i);
      i = close < 0 ? n : close + 1;
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
        const start = j;
        while (j < n && isNameChar(s.charCodeAt(j))) j++;
        const name = lowerName(s, start, j);
        const close = s.indexOf('>', j);
        i = close < 0 ? n : close + 1;
        tb.endTag(name);
      } else {
        // "</" without a name: the two characters are text
        tb.text('</', false);
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
    let j = i + 1;
    while (j < n && isNameChar(s.charCodeAt(j))) j++;
    const name = lowerName(s, i + 1, j);
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
      const an = j;
      while (j < n && isNameChar(s.charCodeAt(j))) j++;
      const attName = lowerName(s, an, j);
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
          value = decodeText(s.slice(k + 1, end));
          j = close < 0 ? n : close + 1;
        } else {
          let e = k;
          while (e < n && !isBlank(s.charCodeAt(e)) && s.charCodeAt(e) !== 62) e++;
          value = decodeText(s.slice(k, e));
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
