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

/** libxml2's htmlStartClose table (the pair form libxml2 has used since 2.9.11; same in 2.13/2.14):
 *  for each element, the start tags that close it when it is the current element. Note that a
 *  heading is not closed by another heading (`<h1>a<h2>b` nests), unlike the old list form. */
const CLOSED_BY = [
  'a: a fieldset table td th',
  'address: dd dl dt form li ul',
  'b: center p td th',
  'big: p',
  'caption: col colgroup tbody tfoot thead tr',
  'col: col colgroup tbody tfoot thead tr',
  'colgroup: colgroup tbody tfoot thead tr',
  'dd: dt',
  'dir: dd dl dt form ul',
  'dl: form li',
  'dt: dd dl',
  'font: center td th',
  'form: form',
  'h1: fieldset form li p table',
  'h2: fieldset form li p table',
  'h3: fieldset form li p table',
  'h4: fieldset form li p table',
  'h5: fieldset form li p table',
  'h6: fieldset form li p table',
  'head: a abbr acronym address b bdo big blockquote body br center cite code dd dfn dir div dl dt em fieldset font form frameset h1 h2 h3 h4 h5 h6 hr i iframe img kbd li listing map menu ol p pre q s samp small span strike strong sub sup table tt u ul var xmp',
  'hr: form',
  'i: center p td th',
  'legend: fieldset',
  'li: li',
  'link: body frameset',
  'listing: dd dl dt fieldset form li table ul',
  'menu: dd dl dt form ul',
  'ol: form',
  'option: optgroup option',
  'p: address blockquote body caption center col colgroup dd dir div dl dt fieldset form frameset h1 h2 h3 h4 h5 h6 head hr li listing menu ol p pre table tbody td tfoot th title tr ul xmp',
  'pre: dd dl dt fieldset form li table ul',
  's: p',
  'script: noscript',
  'small: p',
  'span: td th',
  'strike: p',
  'style: body frameset',
  'tbody: tbody tfoot',
  'td: tbody td tfoot th tr',
  'tfoot: tbody',
  'th: tbody td tfoot th tr',
  'thead: tbody tfoot',
  'title: body frameset',
  'tr: tbody tfoot tr',
  'tt: p',
  'u: p td th',
  'ul: address form menu pre',
  'xmp: dd dl dt fieldset form li table ul',
];
/** new tag -> the current elements it closes */
const START_CLOSE = new Map<string, Set<string>>();
for (const line of CLOSED_BY) {
  const [old, news] = line.split(': ');
  for (const t of news.split(' ')) {
    let set = START_CLOSE.get(t);
    if (!set) START_CLOSE.set(t, (set = new Set()));
    set.add(old);
  }
}

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

function withParent(node: ChildNode, parent: Document): ChildNode {
  const children = parent.children as ChildNode[];
  const last = children[children.length - 1];
  if (last) {
    last.next = node;
    node.prev = last;
  }
  node.parent = parent;
  return node;
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

  /** Whitespace before anything else in the document: dropped, unless text follows it directly,
   *  which then starts the implied <p> with it. */
  private leadingBlank = '';

  text(data: string, blank: boolean): void {
    if (this.ended) {
      // after </html> only whitespace reaches here: it is character data of the document
      if (blank) this.doc.children.push(withParent(makeText(this.collapse(data)), this.doc));
      return;
    }
    if (!blank) {
      this.checkParagraph();
      if (this.leadingBlank !== '') {
        data = this.leadingBlank + data;
        this.leadingBlank = '';
      }
    } else if (this.stack.length === 0) {
      this.leadingBlank += data;
      return;
    }
    this.textBuf = this.hasText ? this.textBuf + data : data;
    this.hasText = true;
  }

  comment(data: string): void {
    this.leadingBlank = '';
    this.flushText();
    this.appendChild(new Comment(this.collapse(data)));
  }

  doctype(data: string): void {
    this.leadingBlank = '';
    this.flushText();
    this.appendChild(new ProcessingInstruction('!doctype', `!${data}`));
  }

  pi(data: string): void {
    this.leadingBlank = '';
    this.flushText();
    this.appendChild(new ProcessingInstruction('?', `?${data}`));
  }

  /** Returns true when the element stays open (content follows). */
  startTag(name: string, attribs: Record<string, string>, selfClosing: boolean): boolean {
    // no flush here: a tag that is dropped (misplaced html/head/body) makes no event, so bs4 joins
    // the text before and after it into one string; push/pop flush when something happens
    this.leadingBlank = '';
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
