// CSS selection with soupsieve's semantics (what bs4's `tag.select()` does in Crawl4AI), run by
// css-select on our domhandler tree.
//
// Differences from a plain css-select `selectAll(sel, el)` that we correct here:
// - soupsieve matches a selector against the whole document and returns the matching
//   *descendants* of the element: `div span` under a `div` item also finds spans whose `div`
//   ancestor is the item itself or above it. css-select with a context "absolutizes" the selector
//   (`:scope div span`); we compile without a context instead and bind `:scope` ourselves.
// - relative selectors (`> a`, `+ a`) raise in soupsieve; css-select would accept them.
// - `+`/`~` after `:scope` never leave the element's subtree in soupsieve.
// - `:contains()` / `:-soup-contains()` / `:-soup-contains-own()` take a list of quoted strings;
//   `:empty` ignores whitespace-only text (soupsieve) - css-select does neither the same way.
// - jQuery extensions (`:first`, `:eq()`, `:checkbox`, …), pseudo-elements and malformed id/class
//   names are rejected, as soupsieve rejects them (see selector-compat.ts).
import { Element } from 'domhandler';
import type { AnyNode } from 'domhandler';
import { compile } from 'css-select';
import type { Selector } from 'css-what';
import { findAll } from 'domutils';
import { PSEUDOS } from './soupsieve-pseudos.js';
import type { Document } from 'domhandler';
import { isOrderedElement, type OrderedElement } from './tree-builder.js';
import { documentIndex, listOrders, type DocIndex } from './doc-index.js';
import { checkCrawl4aiSelector, parseSoupsieve, unsupportedHere } from './selector-compat.js';

export class SelectorError extends Error {
  constructor(
    readonly selector: string,
    message: string,
    /** true: soupsieve accepts the selector but our engine cannot evaluate it (we refuse rather
     *  than return something Crawl4AI would not); false: soupsieve raises too. */
    readonly unsupported = false,
  ) {
    super(message);
    this.name = 'SelectorError';
  }
}

function isTag(n: AnyNode): n is Element {
  return n.type === 'tag' || n.type === 'script' || n.type === 'style';
}

// ---- per-document index: "descendants of X matching tag/.class/#id" by binary search -------------

function documentOf(n: AnyNode): Document | null {
  let cur: AnyNode = n;
  while (cur.parent) cur = cur.parent;
  return cur.type === 'root' ? (cur as Document) : null;
}

// one-entry cache in front of the WeakMap (held weakly: a finished page is not kept alive)
let lastDoc: WeakRef<Document> | null = null;
let lastIndex: WeakRef<DocIndex> | null = null;

function indexOf(root: AnyNode): DocIndex | null {
  const doc = documentOf(root);
  if (!doc) return null;
  if (lastDoc !== null && lastDoc.deref() === doc) {
    const idx = lastIndex?.deref();
    if (idx) return idx;
  }
  const idx = documentIndex(doc);
  lastDoc = new WeakRef(doc);
  lastIndex = new WeakRef(idx);
  return idx;
}

/** First index in orders[lo..hi) (ascending) with a value >= n. */
function lowerBound(orders: number[], n: number, lo = 0, hi = orders.length): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (orders[mid] < n) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** lowerBound, trying first the few positions from `hint` on. The extractor asks for the
 *  descendants of one item after another in document order, so the answer is almost always the
 *  previous answer or just after it: O(1) instead of two binary searches over thousands of
 *  entries (each step a cache miss). Correct for any hint: the result is checked. */
function lowerBoundFrom(orders: number[], n: number, hint: number): number {
  const len = orders.length;
  let i = hint > len ? len : hint;
  if (i > 0 && orders[i - 1] >= n) return lowerBound(orders, n, 0, i);
  for (let k = 0; k < 4; k++, i++) if (i >= len || orders[i] >= n) return i;
  return lowerBound(orders, n, i, len);
}

type IndexKey = { map: 'byTag' | 'byClass' | 'byId'; value: string; hint: number };

/** A tag, class or id every match must have (from the rightmost compound), if the selector is a
 *  single complex selector. */
function indexKey(tokens: Selector[][]): IndexKey | null {
  if (tokens.length !== 1) return null;
  const seq = tokens[0];
  let tag: string | null = null;
  let cls: string | null = null;
  let id: string | null = null;
  for (let i = seq.length - 1; i >= 0; i--) {
    const t = seq[i];
    if (t.type === 'child' || t.type === 'descendant' || t.type === 'sibling' || t.type === 'adjacent' || t.type === 'parent' || t.type === 'column-combinator') break;
    if (t.type === 'tag' && !t.namespace) tag = t.name.toLowerCase();
    else if (t.type === 'attribute' && !t.namespace && t.ignoreCase !== true) {
      if (t.name === 'class' && t.action === 'element' && !/\s/.test(t.value)) cls = t.value;
      else if (t.name === 'id' && t.action === 'equals') id = t.value;
    }
  }
  if (cls !== null) return { map: 'byClass', value: cls, hint: 0 };
  if (id !== null) return { map: 'byId', value: id, hint: 0 };
  if (tag !== null) return { map: 'byTag', value: tag, hint: 0 };
  return null;
}

// candidates() result, in module variables (no object per call: this runs for every field of every item)
let candArr: OrderedElement[] = [];
let candLo = 0;
let candHi = 0;

/** Sets candArr[candLo..candHi) to the index entries for `key` that are descendants of root (document
 *  order); false when the index cannot answer (not one of our trees). */
function candidates(root: AnyNode, key: IndexKey): boolean {
  const idx = indexOf(root);
  if (!idx) return false;
  const list = (key.map === 'byClass' ? idx.byClass : key.map === 'byTag' ? idx.byTag : idx.byId).get(key.value);
  if (!list) {
    candArr = NONE;
    candLo = candHi = 0;
    return true;
  }
  const arr = list.els;
  candArr = arr;
  if (root.type === 'root') {
    candLo = 0;
    candHi = arr.length;
    return true;
  }
  if (!isOrderedElement(root)) return false;
  const orders = listOrders(list);
  candLo = lowerBoundFrom(orders, root.order + 1, key.hint);
  candHi = lowerBoundFrom(orders, root.last + 1, candLo);
  key.hint = candHi;
  return true;
}
const NONE: OrderedElement[] = [];

/** What css-select's compiled test still has to check on an index candidate, for a selector that
 *  is one compound of at most one tag, one class and one id (`div.product`, `.brand`, `h2.name`):
 *  null = nothing (every candidate matches), or a plain check of the tag name / id. The index key
 *  (see indexKey) already guarantees the class (a whitespace token of the normalised `class`, as
 *  soupsieve tests it; css-select's `(?:^|\s)cls(?:$|\s)` test always agrees on such a token), the
 *  id (exact) or the tag. Same results as css-select with the same options (lower-cased tag name,
 *  case-sensitive class/id, no quirks mode), without running its generic matcher per candidate -
 *  the selectors of a typical schema are all of this form. `undefined`: not a simple compound. */
type SimpleTest = ((el: OrderedElement) => boolean) | null;
function simpleCompoundTest(tokens: Selector[][], key: IndexKey): SimpleTest | undefined {
  if (tokens.length !== 1) return undefined;
  let tag: string | null = null;
  let cls: string | null = null;
  let id: string | null = null;
  for (const t of tokens[0]) {
    if (t.type === 'tag' && !t.namespace && tag === null) tag = t.name.toLowerCase();
    else if (t.type === 'attribute' && !t.namespace && t.ignoreCase !== true && t.name === 'class' && t.action === 'element' && cls === null && !/\s/.test(t.value)) cls = t.value;
    else if (t.type === 'attribute' && !t.namespace && t.ignoreCase !== true && t.name === 'id' && t.action === 'equals' && id === null) id = t.value;
    else return undefined;
  }
  // the key is the class if there is one, else the id, else the tag (indexKey's order)
  const needTag = tag !== null && key.map !== 'byTag' ? tag : null;
  const needId = id !== null && key.map !== 'byId' ? id : null;
  if (needTag === null && needId === null) return null;
  if (needId === null) return (el) => el.name === needTag;
  if (needTag === null) return (el) => el.attribs.id === needId;
  return (el) => el.name === needTag && el.attribs.id === needId;
}

export interface CompiledSelector {
  readonly source: string;
  /** Matching descendants of `root` (never `root` itself), in document order. */
  select(root: AnyNode): Element[];
  /** The first match, as `select(root)[0]`. */
  selectFirst(root: AnyNode): Element | undefined;
}

/** `:contains(` -> `:-soup-contains(` outside strings and attribute brackets: the same pseudo in
 *  soupsieve, but css-what strips the quotes of `:contains("a", "b")` and loses the list. */
function renameContains(selector: string): string {
  if (!selector.includes(':contains(')) return selector;
  let out = '';
  let quote = '';
  let bracket = 0;
  for (let i = 0; i < selector.length; i++) {
    const c = selector[i];
    if (quote) {
      if (c === '\\') {
        out += c + (selector[i + 1] ?? '');
        i++;
        continue;
      }
      if (c === quote) quote = '';
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '[') bracket++;
    else if (c === ']') bracket--;
    else if (c === ':' && bracket === 0 && selector.startsWith(':contains(', i)) {
      out += ':-soup-contains(';
      i += ':contains('.length - 1;
      continue;
    }
    out += c;
  }
  return out;
}

const PLACEHOLDER = new Element('#scope', {});

const NEVER_TOKEN: Selector = { type: 'pseudo', name: '-cw-never', data: null } as Selector;

/** soupsieve gets no namespace prefixes from bs4 for an lxml HTML tree (and treats its elements as
 *  XHTML): `*|x` is `x`, any other prefix (`svg|rect`, `|rect`, `[xlink|href]`) matches nothing. */
function withoutNamespaces(tokens: Selector[][]): Selector[][] {
  const fix = (t: Selector): Selector => {
    if ((t.type === 'tag' || t.type === 'universal' || t.type === 'attribute') && t.namespace != null) {
      if (t.namespace !== '*') return NEVER_TOKEN;
      const { namespace: _ns, ...rest } = t;
      return { ...rest, namespace: null } as Selector;
    }
    if (t.type === 'pseudo' && Array.isArray(t.data)) return { ...t, data: t.data.map((seq) => seq.map(fix)) } as Selector;
    return t;
  };
  return tokens.map((seq) => seq.map(fix));
}

function usesScope(tokens: Selector[][]): boolean {
  const visit = (t: Selector): boolean =>
    t.type === 'pseudo' &&
    (t.name === 'scope' || (Array.isArray(t.data) && t.data.some((seq) => seq.some(visit))));
  return tokens.some((seq) => seq.some(visit));
}

function compileOne(selector: string): CompiledSelector {
  const check = checkCrawl4aiSelector(selector);
  if (!check.ok) throw new SelectorError(selector, check.reason ?? 'invalid selector');
  const notHere = unsupportedHere(selector);
  if (notHere.length > 0) {
    throw new SelectorError(selector, `${notHere.map((p) => `:${p}`).join(', ')} in ${JSON.stringify(selector)} is valid in Crawl4AI (soupsieve) but not supported by Crawlwright's extractor`, true);
  }
  const tokens = withoutNamespaces(parseSoupsieve(renameContains(selector)));
  const hasScope = usesScope(tokens);
  // css-select decides at compile time whether a context exists, then reads slot 0 at match time
  const scopeBox: AnyNode[] = hasScope ? [PLACEHOLDER] : [];
  let query: (el: Element) => boolean;
  try {
    query = compile<AnyNode, Element>(tokens, {
      xmlMode: false,
      relativeSelector: false,
      pseudos: PSEUDOS,
      // `:scope` is bound to the element we select from (a one-slot array we refill per call;
      // css-select reads it at match time).
      context: hasScope ? scopeBox : undefined,
      cacheResults: !hasScope,
    });
  } catch (e) {
    // soupsieve accepted it (checked above), css-select cannot run it: refuse, do not guess
    throw new SelectorError(selector, `selector ${JSON.stringify(selector)} is valid in Crawl4AI but Crawlwright's extractor cannot evaluate it: ${(e as Error).message}`, true);
  }
  const bind = (root: AnyNode): void => {
    if (!hasScope) return;
    // soupsieve: selecting from the document, :scope is the root element
    let scope: AnyNode = root;
    if (root.type === 'root') scope = (root.children.find(isTag) as AnyNode | undefined) ?? root;
    scopeBox[0] = scope;
  };
  const key = indexKey(tokens);
  const simple = key === null ? undefined : simpleCompoundTest(tokens, key);
  // the test run on index candidates: the simple check, or css-select's compiled query
  const test: SimpleTest = simple === undefined ? query : simple;
  return {
    source: selector,
    select(root) {
      bind(root);
      if (key === null || !candidates(root, key)) {
        const children = 'children' in root ? (root.children as AnyNode[]) : [];
        return findAll(query, children);
      }
      const arr = candArr;
      const hi = candHi;
      if (test === null) return arr.slice(candLo, hi);
      const out: Element[] = [];
      for (let i = candLo; i < hi; i++) if (test(arr[i])) out.push(arr[i]);
      return out;
    },
    selectFirst(root) {
      bind(root);
      if (key === null || !candidates(root, key)) {
        const children = 'children' in root ? (root.children as AnyNode[]) : [];
        return findFirst(query, children);
      }
      const arr = candArr;
      const hi = candHi;
      if (test === null) return candLo < hi ? arr[candLo] : undefined;
      for (let i = candLo; i < hi; i++) if (test(arr[i])) return arr[i];
      return undefined;
    },
  };
}

function findFirst(test: (el: Element) => boolean, nodes: AnyNode[]): Element | undefined {
  const stack: AnyNode[] = [];
  for (let i = nodes.length - 1; i >= 0; i--) stack.push(nodes[i]);
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (!isTag(n)) continue;
    if (test(n)) return n;
    const ch = n.children;
    for (let i = ch.length - 1; i >= 0; i--) stack.push(ch[i]);
  }
  return undefined;
}

const cache = new Map<string, CompiledSelector | SelectorError>();

/** Compile (cached). Throws SelectorError when soupsieve would raise for this selector. */
export function compileSelector(selector: string): CompiledSelector {
  let c = cache.get(selector);
  if (!c) {
    try {
      c = compileOne(selector);
    } catch (e) {
      c = e instanceof SelectorError ? e : new SelectorError(selector, String(e));
    }
    if (cache.size > 2000) cache.clear();
    cache.set(selector, c);
  }
  if (c instanceof SelectorError) throw c;
  return c;
}
