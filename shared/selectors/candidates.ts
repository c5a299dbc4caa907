// Ranked selector candidates for one element, scored like Playwright's selector generator:
// test-id attributes > stable id > aria/role > attributes > text > stable classes > generic
// attributes > nth-child paths. Every candidate is checked live (it must select the element) and
// carries its match count. "Generic" attributes describe what an element is, not which one it is
// (`button[type="button"]`, `div[role="listitem"]`): unique on a small page by accident, they break
// as soon as the page grows a second button, so a hand-written class such as `.pager-next` wins.
import { TEST_ID_ATTRS, isStableAttrValue, isStableClass, isStableId } from './stable.js';
import { normText, rootOf, type SelectorRoot } from './dom.js';

export type CandidateKind = 'testid' | 'id' | 'role' | 'aria' | 'text' | 'attribute' | 'class' | 'structural';

export interface RawCandidate {
  selector: string;
  kind: CandidateKind;
  score: number;
  count: number;
  /** Plain CSS (querySelectorAll accepts it); false for Playwright-only text="…". */
  css: boolean;
  /** A generic attribute/role (`button[type="button"]`): unique only by accident, never stored as an alternate. */
  generic?: boolean;
  note?: string;
}

export interface CandidateOptions {
  prefer?: 'unique' | 'repeated';
  /** Field picks: the items (matches of relativeTo); candidates are relative to the item holding the element. */
  items?: Element[] | null;
  max?: number;
}

const BASE: Record<CandidateKind, number> = { testid: 1000, id: 900, aria: 820, role: 800, attribute: 700, text: 600, class: 500, structural: 150 };
/** Base score of a generic attribute/role selector: below stable classes, above nth-child paths. */
const GENERIC_BASE = 280;
/** Roles that every second control or row has: a role selector alone does not identify anything. */
const GENERIC_ROLES = /^(button|link|listitem|list|img|image|option|menuitem|row|cell|gridcell|columnheader|rowheader|presentation|none|group|generic|checkbox|radio|textbox|tab|tabpanel|heading|paragraph|separator|article|region|switch|combobox|listbox|status)$/i;
/** Text is a good handle for UI controls and labels; for data elements (titles, prices) it is the data itself. */
const TEXT_TAGS = /^(A|BUTTON|LABEL|SUMMARY|OPTION|LEGEND|TH|DT|H1|NAV|LI)$/;
const NAME_ATTRS = ['name', 'placeholder', 'alt', 'title', 'for', 'type', 'href', 'src', 'itemprop'];

export const cssId = (s: string): string => CSS.escape(s);
export const cssStr = (s: string): string => '"' + s.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\a ') + '"';
export const tagOf = (el: Element): string => (el.namespaceURI === 'http://www.w3.org/1999/xhtml' ? el.localName : cssId(el.localName));

export function stableClasses(el: Element, max = 3): string[] {
  const out: string[] = [];
  for (const c of Array.from(el.classList)) if (isStableClass(c) && out.length < max) out.push(c);
  return out;
}

/** `tag:nth-child(k)` unless the tag is unique among its siblings. */
export function structuralSegment(el: Element): string {
  const tag = tagOf(el);
  const parent = el.parentNode as ParentNode | null;
  if (!parent) return tag;
  let sameTag = 0;
  let index = 0;
  let i = 0;
  for (let c = parent.firstElementChild; c; c = c.nextElementSibling) {
    i++;
    if (c === el) index = i;
    if (c.localName === el.localName) sameTag++;
  }
  return sameTag <= 1 ? tag : `${tag}:nth-child(${index})`;
}

/** ' > '-joined structural path from below `stop` (exclusive; null = root) down to el. */
export function structuralPath(el: Element, stop: Element | null): string {
  const segs: string[] = [];
  for (let cur: Element | null = el; cur && cur !== stop; cur = cur.parentElement) {
    if (cur.localName === 'html') break;
    segs.unshift(cur.localName === 'body' ? 'body' : structuralSegment(cur));
    if (cur.localName === 'body') break;
  }
  return segs.join(' > ');
}

/** Nearest ancestor (same root) with a test id or stable id that is unique in the root: anchors short paths. */
function anchorOf(el: Element, root: SelectorRoot, stop: Element | null): { el: Element; sel: string } | null {
  for (let cur = el.parentElement; cur && cur !== stop && cur.localName !== 'body'; cur = cur.parentElement) {
    for (const a of TEST_ID_ATTRS) {
      const v = cur.getAttribute(a);
      if (v && isStableAttrValue(v)) {
        const sel = `[${a}=${cssStr(v)}]`;
        if (count(root, sel) === 1) return { el: cur, sel };
      }
    }
    if (cur.id && isStableId(cur.id)) {
      const sel = '#' + cssId(cur.id);
      if (count(root, sel) === 1) return { el: cur, sel };
    }
  }
  return null;
}

function count(root: ParentNode, sel: string): number {
  try {
    return root.querySelectorAll(sel).length;
  } catch {
    return -1;
  }
}

/**
 * Approximate Playwright `text="…"` (exact, whitespace-normalised, innermost element): elements
 * owning a text node equal to it. One pass over text nodes (no per-element textContent: that is
 * quadratic on big pages).
 */
export function countExactText(root: SelectorRoot, text: string): number {
  const doc = (root as Node).ownerDocument ?? (root as Document);
  const walker = doc.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  const owners = new Set<Element>();
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const data = (n as Text).data;
    if (data.length < text.length) continue;
    const p = n.parentElement;
    if (p && !/^(SCRIPT|STYLE|NOSCRIPT|TEMPLATE|TITLE)$/.test(p.tagName) && normText(data) === text) owners.add(p);
  }
  return owners.size;
}

interface Evaluated {
  count: number;
  selects: boolean;
}

function evaluate(el: Element, root: SelectorRoot, sel: string, items: Element[] | null, item: Element | null): Evaluated | null {
  try {
    if (items) {
      if (!item || item.querySelector(sel) !== el) return null; // Crawl4AI fields take the first match in the item.
      let n = 0;
      for (const it of items) if (it.querySelector(sel)) n++;
      return { count: n, selects: true };
    }
    if (!el.matches(sel)) return null;
    return { count: root.querySelectorAll(sel).length, selects: true };
  } catch {
    return null;
  }
}

export function generateCandidates(el: Element, opts: CandidateOptions = {}): RawCandidate[] {
  const root = rootOf(el);
  const prefer = opts.prefer ?? 'unique';
  const items = opts.items ?? null;
  const item = items ? innermostItem(el, items) : null;
  const stop = item; // relative selectors never go above the item
  const tag = tagOf(el);
  const proposals: Array<{ sel: string; kind: CandidateKind; generic?: boolean; note?: string }> = [];
  const add = (sel: string, kind: CandidateKind, note?: string, generic = false) => proposals.push({ sel, kind, note, generic });

  for (const a of TEST_ID_ATTRS) {
    const v = el.getAttribute(a);
    if (v && isStableAttrValue(v)) add(`[${a}=${cssStr(v)}]`, 'testid');
  }
  if (el.id && isStableId(el.id)) add('#' + cssId(el.id), 'id');
  const aria = el.getAttribute('aria-label');
  const role = el.getAttribute('role');
  if (aria && isStableAttrValue(aria)) {
    add(`${tag}[aria-label=${cssStr(aria)}]`, 'aria');
    if (role) add(`[role=${cssStr(role)}][aria-label=${cssStr(aria)}]`, 'role');
  }
  if (role && isStableAttrValue(role)) add(`${tag}[role=${cssStr(role)}]`, 'role', undefined, GENERIC_ROLES.test(role));
  for (const a of NAME_ATTRS) {
    const v = el.getAttribute(a);
    if (v && isStableAttrValue(v) && !(a === 'type' && !/^(INPUT|BUTTON)$/.test(el.tagName))) add(`${tag}[${a}=${cssStr(v)}]`, 'attribute', undefined, a === 'type');
  }
  const classes = stableClasses(el);
  for (const c of classes) {
    add('.' + cssId(c), 'class');
    add(`${tag}.${cssId(c)}`, 'class');
  }
  if (classes.length > 1) add(tag + classes.map((c) => '.' + cssId(c)).join(''), 'class');
  // Parent-qualified class: `.card > h2.title` / `.card .title` (typical list items).
  const parent = el.parentElement && el.parentElement !== stop ? el.parentElement : null;
  const pClasses = parent ? stableClasses(parent, 1) : [];
  if (parent && pClasses.length) {
    const ps = `${tagOf(parent)}.${cssId(pClasses[0])}`;
    add(`${ps} > ${classes.length ? `${tag}.${cssId(classes[0])}` : tag}`, 'class');
  }
  if (parent && !pClasses.length && classes.length && parent.localName !== 'body') {
    add(`${tagOf(parent)} > ${tag}.${cssId(classes[0])}`, 'class');
  }
  // Anchored and full structural paths.
  const anchor = anchorOf(el, root, stop);
  if (anchor) add(`${anchor.sel} > ${structuralPath(el, anchor.el)}`, 'structural');
  if (anchor && classes.length) add(`${anchor.sel} ${tag}.${cssId(classes[0])}`, 'class');
  add(structuralPath(el, stop), 'structural');
  if (items) add(tag, 'structural');

  const out = new Map<string, RawCandidate>();
  for (const p of proposals) {
    if (!p.sel || out.has(p.sel)) continue;
    const ev = evaluate(el, root, p.sel, items, item);
    if (!ev) continue;
    out.set(p.sel, {
      selector: p.sel,
      kind: p.kind,
      css: true,
      count: ev.count,
      score: score(p.generic ? GENERIC_BASE : BASE[p.kind], p.sel, ev.count, prefer, !!items),
      ...(p.generic ? { generic: true } : {}),
      note: p.note,
    });
  }
  // Playwright text selector (wait_for only: not CSS, so neither querySelectorAll nor soupsieve take it).
  const text = normText(el.textContent);
  if (!items && TEXT_TAGS.test(el.tagName) && text && text.length <= 40 && !/["\\]/.test(text) && el.childElementCount <= 2 && !/^(BODY|HTML)$/.test(el.tagName)) {
    const n = countExactText(root, text);
    if (n >= 1) {
      const sel = `text=${cssStr(text)}`;
      out.set(sel, { selector: sel, kind: 'text', css: false, count: n, score: score(BASE.text, sel, n, prefer, false), note: 'Playwright selector: usable in wait_for (css:…) but not in extraction schemas' });
    }
  }
  return [...out.values()].sort((a, b) => b.score - a.score).slice(0, opts.max ?? 10);
}

function score(base: number, sel: string, n: number, prefer: 'unique' | 'repeated', relative: boolean): number {
  let s = base;
  if (relative) s += n > 0 ? 40 * Math.log2(n + 1) : 0;
  else if (prefer === 'unique') s += n === 1 ? 300 : -Math.min(250, 60 * Math.log2(n));
  else s += n > 1 ? 150 + Math.min(100, 10 * Math.log2(n)) : -100;
  s -= Math.min(100, sel.length * 0.8);
  return Math.round(s);
}

export function innermostItem(el: Element, items: Element[]): Element | null {
  let best: Element | null = null;
  for (const it of items) if (it !== el && it.contains(el) && (!best || best.contains(it))) best = it;
  return best;
}

/** The best single-element selector (for frame paths and anchors): first unique candidate, else the structural path. */
export function uniqueSelector(el: Element): string {
  const c = generateCandidates(el, { prefer: 'unique', max: 20 }).find((x) => x.css && x.count === 1);
  return c ? c.selector : structuralPath(el, null);
}
