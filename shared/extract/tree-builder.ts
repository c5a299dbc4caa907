// The tree-building half of the libxml2 emulation (parse.ts is the tokenizer): libxml2's
// HTMLparser.c rules for implied, auto-closed and misplaced elements, plus what bs4's tree builder
// does with the events (adjacent strings merged, whitespace-only strings collapsed), producing
// domhandler nodes in document order with their preorder numbers and the document index.
import { Comment, Document, ProcessingInstruction } from 'domhandler';
import type { ChildNode, Element, Text } from 'domhandler';
import { ElementType } from 'domelementtype';
import { normalizeMultiValued } from './attributes.js';
import { indexElement, newDocIndex, setDocumentIndex } from './doc-index.js';
import { isStringContainer, noteInContainer } from './text.js';

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

/** An element with its position in document order: `order` is its preorder number, `last` the
 *  preorder number of its last descendant (so descendants are exactly order < n <= last).
 *  select.ts uses this to answer "descendants of X matching .cls" from a per-document index by
 *  binary search instead of walking the subtree for every field of every item. */
export interface OrderedElement extends Element {
  order: number;
  last: number;
}

export function isOrderedElement(n: unknown): n is OrderedElement {
  return typeof n === 'object' && n !== null && typeof (n as { order?: unknown }).order === 'number';
}

/** Nodes are object literals with domhandler's fields (css-select/domutils only read fields;
 *  nothing here needs domhandler's prototype getters). V8 tracks literal allocation sites and,
 *  seeing these nodes survive, allocates them directly in old space: on a 100k-node page that
 *  saves most of the scavenger's copying. domhandler's `startIndex`/`endIndex` are left out (always
 *  null here, read by nothing): two fields less on every node of the page. */
function makeElement(name: string, attribs: Record<string, string>, order: number): OrderedElement {
  return {
    type: elementType(name),
    name,
    attribs,
    children: NO_CHILDREN,
    parent: null,
    prev: null,
    next: null,
    order,
    last: order,
  } as unknown as OrderedElement;
}

export const NO_ATTRIBS: Record<string, string> = Object.freeze({}) as Record<string, string>;

/** A text node with domhandler's fields, as an object literal (see makeElement). */
function makeText(data: string): Text {
  return { type: ElementType.Text, data, parent: null, prev: null, next: null } as unknown as Text;
}

/** Placeholder until the element closes (never mutated). */
const NO_CHILDREN: ChildNode[] = [];

function elementType(name: string): ElementType.Tag | ElementType.Script | ElementType.Style {
  return name === 'script' ? ElementType.Script : name === 'style' ? ElementType.Style : ElementType.Tag;
}

export class TreeBuilder {
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
    this.appendChild(makeText(data));
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

  /** Names of the open string containers (template, rt, rp: script/style hold no elements). */
  private readonly containers: string[] = [];

  private push(name: string, attribs: Record<string, string>): OrderedElement {
    this.flushText();
    const el = makeElement(name, attribs, ++this.counter);
    indexElement(this.index, el);
    this.appendChild(el);
    this.stack.push(el);
    const nc = this.containers.length;
    if (nc > 0) noteInContainer(el, this.containers[nc - 1]);
    if (isStringContainer(name)) this.containers.push(name);
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
    if (isStringContainer(el.name)) this.containers.pop();
    if (el.name === 'pre' || el.name === 'textarea') this.preserve--;
    const len = this.lens[k];
    const buf = this.bufs[k];
    // Array literals for the usual 0-3 children: unlike slice(), a literal has an allocation site,
    // so V8 can learn that these arrays survive and allocate them in old space directly.
    el.children =
      len === 0 ? [] : len === 1 ? [buf[0]] : len === 2 ? [buf[0], buf[1]] : len === 3 ? [buf[0], buf[1], buf[2]] : buf.slice(0, len);
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
