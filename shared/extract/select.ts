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
import { checkCrawl4aiSelector, parseSoupsieve } from './selector-compat.js';

export class SelectorError extends Error {
  constructor(
    readonly selector: string,
    message: string,
  ) {
    super(message);
    this.name = 'SelectorError';
  }
}

function isTag(n: AnyNode): n is Element {
  return n.type === 'tag' || n.type === 'script' || n.type === 'style';
}

/** soupsieve's get_text for :contains: every non-comment string below, joined as is. */
function allText(el: Element, ownOnly: boolean, out: string[]): void {
  for (const c of el.children) {
    if (c.type === 'text') out.push(c.data);
    else if (!ownOnly && isTag(c)) allText(c, false, out);
  }
}

/** The values of :-soup-contains("a", 'b', c). */
function parseContainsValues(data: string): string[] {
  const values: string[] = [];
  const re = /\s*(?:"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)'|([^,\s]+))\s*(?:,|$)/gy;
  let m: RegExpExecArray | null;
  while (re.lastIndex < data.length && (m = re.exec(data)) !== null) {
    const raw = m[1] ?? m[2] ?? m[3] ?? '';
    values.push(raw.replace(/\\(.)/g, '$1'));
  }
  return values;
}

const containsCache = new Map<string, string[]>();
function containsValues(data: string | null | undefined): string[] {
  const key = data ?? '';
  let v = containsCache.get(key);
  if (!v) {
    v = parseContainsValues(key);
    containsCache.set(key, v);
  }
  return v;
}

function matchContains(el: Element, data: string | null | undefined, own: boolean): boolean {
  const out: string[] = [];
  allText(el, own, out);
  const text = out.join('');
  return containsValues(data).some((v) => text.includes(v));
}

const PLACEHOLDER = new Element('#scope', {});

const NEVER = (): boolean => false;

const PSEUDOS: Record<string, (el: Element, data?: string | null) => boolean> = {
  contains: (el, data) => matchContains(el, data, false),
  '-soup-contains': (el, data) => matchContains(el, data, false),
  '-soup-contains-own': (el, data) => matchContains(el, data, true),
  // soupsieve: only tags and text with a non-[ \t\r\n\f] character make an element non-empty
  empty: (el) =>
    !el.children.some((c) => isTag(c) || (c.type === 'text' && /[^ \t\r\n\f]/.test(c.data))),
  // states a static document never has (soupsieve matches nothing)
  focus: NEVER,
  'focus-visible': NEVER,
  'focus-within': NEVER,
  target: NEVER,
  'target-within': NEVER,
  current: NEVER,
  past: NEVER,
  future: NEVER,
  paused: NEVER,
  playing: NEVER,
  'user-invalid': NEVER,
};

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

function usesScope(tokens: Selector[][]): boolean {
  const visit = (t: Selector): boolean =>
    t.type === 'pseudo' &&
    (t.name === 'scope' || (Array.isArray(t.data) && t.data.some((seq) => seq.some(visit))));
  return tokens.some((seq) => seq.some(visit));
}

function compileOne(selector: string): CompiledSelector {
  const check = checkCrawl4aiSelector(selector);
  if (!check.ok) throw new SelectorError(selector, check.reason ?? 'invalid selector');
  const tokens = parseSoupsieve(renameContains(selector));
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
    throw new SelectorError(selector, `invalid selector ${JSON.stringify(selector)}: ${(e as Error).message}`);
  }
  const bind = (root: AnyNode): void => {
    if (!hasScope) return;
    // soupsieve: selecting from the document, :scope is the root element
    let scope: AnyNode = root;
    if (root.type === 'root') scope = (root.children.find(isTag) as AnyNode | undefined) ?? root;
    scopeBox[0] = scope;
  };
  return {
    source: selector,
    select(root) {
      bind(root);
      const children = 'children' in root ? (root.children as AnyNode[]) : [];
      return findAll(query, children);
    },
    selectFirst(root) {
      bind(root);
      const children = 'children' in root ? (root.children as AnyNode[]) : [];
      return findFirst(query, children);
    },
  };
}

function findFirst(test: (el: Element) => boolean, nodes: AnyNode[]): Element | undefined {
  for (const n of nodes) {
    if (!isTag(n)) continue;
    if (test(n)) return n;
    if (n.children.length > 0) {
      const found = findFirst(test, n.children);
      if (found) return found;
    }
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
