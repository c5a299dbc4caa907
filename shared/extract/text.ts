// bs4's `tag.get_text(strip=True)` (what Crawl4AI's `text` type returns), and soupsieve's
// get_text for `:-soup-contains`.
//
// bs4 gives every string a class from its innermost "string container" ancestor (script -> Script,
// style -> Stylesheet, template -> TemplateString, rt -> RubyTextString, rp -> RubyParenthesisString;
// otherwise NavigableString), and get_text() only yields strings whose class is the element's own
// "interesting" type: NavigableString for ordinary elements, the container's class for a container.
// Comments, doctypes and processing instructions are never included. Each string is str.strip()-ed,
// empty ones dropped, and the rest joined with "".
//
// Cost is linear in the size of the document however deeply it nests: a base selector like `div`
// on 16k nested divs asks for the text of every level, and walking each subtree anew is quadratic
// (8.6 s there). So the text of every element whose subtree is big (SUBTREE_MEMO elements or more)
// is remembered for the life of the document; a walk stops at a remembered element. Small subtrees
// (most fields: a title, a price) are walked as before and remember nothing. The strings are
// built by concatenation, which V8 keeps as ropes: remembering a level costs no copy of its text.
// The container of an element is known from the tree builder (noteInContainer), not by walking up.
import type { AnyNode, Element } from 'domhandler';
import { pyStrip } from './pystr.js';

const CONTAINERS = new Set(['script', 'style', 'template', 'rt', 'rp']);

export function isStringContainer(name: string): boolean {
  return CONTAINERS.has(name);
}

/** Elements below a string container -> the innermost one's name; recorded by the tree builder
 *  while it builds (it knows the open elements), so no lookup walks the ancestors. */
const containerAbove = new WeakMap<Element, string>();

export function noteInContainer(el: Element, container: string): void {
  containerAbove.set(el, container);
}

const isEl = (n: AnyNode): n is Element => n.type === 'tag' || n.type === 'script' || n.type === 'style';

/** Subtree size (in elements) from which an element's text is remembered. */
const SUBTREE_MEMO = 16;

function subtreeSize(el: Element): number {
  const o = el as Element & { order?: number; last?: number };
  return o.order === undefined || o.last === undefined ? SUBTREE_MEMO : o.last - o.order;
}

/** The string class a text node directly under `el` would get ('' = NavigableString). */
function containerOf(el: Element): string {
  if (CONTAINERS.has(el.name)) return el.name;
  if ((el as Element & { order?: number }).order !== undefined) return containerAbove.get(el) ?? '';
  // a tree not built by parse.ts: walk up
  for (let cur = el.parent; cur; cur = cur.parent) {
    if (isEl(cur as AnyNode) && CONTAINERS.has((cur as Element).name)) return (cur as Element).name;
  }
  return '';
}

/** Which strings a fold collects: get_text's (`want` = '' or a container name; stripped) or
 *  soupsieve's every string (ALL; as is). */
const ALL = '\0all';
const memos = new Map<string, WeakMap<Element, string>>();
function memoFor(mode: string): WeakMap<Element, string> {
  let m = memos.get(mode);
  if (!m) {
    m = new WeakMap();
    memos.set(mode, m);
  }
  return m;
}

/** Elements entered by folds since the start (tests prove linearity with it: a count, not a time). */
export const textWalkStats = { elements: 0 };

// reused between calls (a fold is not re-entrant)
const els: Element[] = [];
const next: number[] = [];
const acc: string[] = [];

/** Iterative post-order fold over `root`'s subtree (no recursion: pages nest deeper than the JS
 *  stack). In get_text mode an element child that is a container of another kind contributes
 *  nothing (its strings have its class); ALL descends everywhere. */
function fold(root: Element, mode: string): string {
  const memo = memoFor(mode);
  const all = mode === ALL;
  els.length = 0;
  next.length = 0;
  acc.length = 0;
  els.push(root);
  next.push(0);
  acc.push('');
  for (;;) {
    const top = els.length - 1;
    const ch = els[top].children;
    let i = next[top];
    let out = acc[top];
    let child: Element | null = null;
    while (i < ch.length) {
      const c = ch[i++];
      if (c.type === 'text') {
        out += all ? c.data : pyStrip(c.data);
        continue;
      }
      if (!isEl(c) || c.children.length === 0) continue;
      if (!all && CONTAINERS.has(c.name) && c.name !== mode) continue;
      const known = memo.get(c);
      if (known !== undefined) {
        out += known;
        continue;
      }
      child = c;
      break;
    }
    if (child !== null) {
      textWalkStats.elements++;
      next[top] = i;
      acc[top] = out;
      els.push(child);
      next.push(0);
      acc.push('');
      continue;
    }
    const done = els.pop()!;
    next.pop();
    acc.pop();
    if (subtreeSize(done) >= SUBTREE_MEMO) memo.set(done, out);
    if (els.length === 0) return out;
    acc[els.length - 1] += out;
  }
}

export function getText(el: Element): string {
  const want = CONTAINERS.has(el.name) ? el.name : '';
  // an ordinary element below a container: every string below has some container's class
  if (containerOf(el) !== want) return '';
  const ch = el.children;
  // fast paths: no children / one text child
  if (ch.length === 0) return '';
  if (ch.length === 1 && ch[0].type === 'text') return pyStrip(ch[0].data);
  const known = memoFor(want).get(el);
  return known !== undefined ? known : fold(el, want);
}

/** soupsieve's get_text (for :-soup-contains): every string below (scripts included, comments
 *  not), joined as is. */
export function allStrings(el: Element): string {
  const ch = el.children;
  if (ch.length === 1 && ch[0].type === 'text') return ch[0].data;
  const known = memoFor(ALL).get(el);
  return known !== undefined ? known : fold(el, ALL);
}

/** soupsieve's get_own_text (for :-soup-contains-own): the element's own strings, one by one. */
export function ownStrings(el: Element): string[] {
  const out: string[] = [];
  for (const c of el.children) if (c.type === 'text') out.push(c.data);
  return out;
}
