// Selectors that are *stored* (recorded actions, wizard buttons, landmarks): one primary selector
// that matches exactly this element on the live page, plus up to three alternates of independent
// families, so that one renamed class or id does not break the step. The runner tries them in
// order (shared/flow/actions-runtime.ts) and reports which one matched.
import { cssStr, generateCandidates, stableClasses, structuralPath, tagOf, type RawCandidate } from './candidates.js';
import { normText, rootOf, type SelectorRoot } from './dom.js';
import { isStableId } from './stable.js';

export const MAX_ALTERNATES = 3;
/** Same as MAX_TARGET_TEXT in shared/flow/schema.ts (this folder is bundled alone). */
const MAX_TEXT = 80;

export interface TargetChoice {
  selector: string;
  alternates: string[];
  /** The element's own text (short labels only): an alternate must find an element with it. */
  text?: string;
}

/** What a fallback must agree with: a button's or link's label, not the content of a block. */
function targetText(el: Element): string | undefined {
  if (/^(input|textarea|select)$/.test(el.localName)) return undefined;
  const t = normText(el.textContent);
  return t && t.length <= MAX_TEXT ? t : undefined;
}

function countIn(root: SelectorRoot, sel: string): number {
  try {
    return root.querySelectorAll(sel).length;
  } catch {
    return -1;
  }
}

/**
 * The handles a selector relies on (ids, classes, attribute names). Two selectors that share one
 * break together when it is renamed, so alternates must not share any; nth-child paths count as
 * one handle ("the page structure").
 */
function handlesOf(sel: string): string[] {
  const h = [...sel.matchAll(/#(?:\\.|[\w-])+|\.(?:\\.|[\w-])+|\[[\w-]+/g)].map((m) => m[0]);
  return h.length ? h : ['structure'];
}

/** A link's own href is data (`/items/42`), so the candidate generator skips it; as an alternate it is a good handle. */
function hrefCandidate(el: Element, root: SelectorRoot): RawCandidate | null {
  const href = el.localName === 'a' ? el.getAttribute('href') : null;
  if (!href || href.length > 120 || /^(#|javascript:)/i.test(href)) return null;
  const sel = `a[href=${cssStr(href)}]`;
  return countIn(root, sel) === 1 ? { selector: sel, kind: 'attribute', score: 0, count: 1, css: true } : null;
}

/**
 * Primary + alternates for one element, all unique in its document (or shadow root) right now.
 * `preferred` (a selector the user chose) becomes the primary when it is unique and selects `el`.
 */
export function chooseTarget(el: Element, preferred?: string): TargetChoice {
  const root = rootOf(el);
  const unique = generateCandidates(el, { prefer: 'unique', max: 40 }).filter((c) => c.css && c.count === 1);
  const href = hrefCandidate(el, root);
  if (href) unique.push(href);
  const path = structuralPath(el, null);
  if (!unique.some((c) => c.selector === path) && countIn(root, path) === 1) unique.push({ selector: path, kind: 'structural', score: 0, count: 1, css: true });
  if (preferred) {
    let ok = false;
    try {
      ok = el.matches(preferred) && countIn(root, preferred) === 1;
    } catch {
      ok = false;
    }
    if (ok) unique.unshift({ selector: preferred, kind: unique.find((c) => c.selector === preferred)?.kind ?? 'class', score: 0, count: 1, css: true });
  }
  const chosen: RawCandidate[] = [];
  const used = new Set<string>();
  // Generic attribute selectors only when nothing else is unique: as a fallback they would click
  // whichever button comes first once the page changes.
  const ordered = [...unique.filter((c) => !c.generic), ...unique.filter((c) => c.generic)];
  for (const c of ordered) {
    const handles = handlesOf(c.selector);
    if ((chosen.length && c.generic) || handles.some((x) => used.has(x)) || chosen.some((x) => x.selector === c.selector)) continue;
    handles.forEach((x) => used.add(x));
    chosen.push(c);
    if (chosen.length > MAX_ALTERNATES) break;
  }
  // structuralPath from the root is unique by construction; this only guards odd roots.
  const text = targetText(el);
  if (!chosen.length) return { selector: path || tagOf(el), alternates: [], ...(text ? { text } : {}) };
  return { selector: chosen[0].selector, alternates: chosen.slice(1).map((c) => c.selector), ...(text ? { text } : {}) };
}

export interface TargetCheck {
  selector: string;
  count: number;
  /** It selects the same element as the first unique selector of the list. */
  same: boolean;
}

/** Re-check stored selectors on the live page: how many elements each matches, and whether they agree. */
export function checkTarget(root: SelectorRoot, selectors: string[]): TargetCheck[] {
  let anchor: Element | null = null;
  const out: TargetCheck[] = [];
  for (const sel of selectors) {
    let els: Element[] = [];
    try {
      els = Array.from(root.querySelectorAll(sel));
    } catch {
      out.push({ selector: sel, count: -1, same: false });
      continue;
    }
    if (!anchor && els.length === 1) anchor = els[0];
    out.push({ selector: sel, count: els.length, same: els.length === 1 && els[0] === anchor });
  }
  return out;
}

/** Content landmarks without an id: `h2.greeting`, `main.catalogue` (tag + first stable class). */
const CLASS_LANDMARKS = 'h1, h2, h3, main, form, section, article, table, ol, ul, dl';

function classKey(el: Element): string | null {
  const c = stableClasses(el, 1)[0];
  return c ? `${el.localName}.${CSS.escape(c)}` : null;
}

/** Stable ids, test ids and class landmarks of a document: what a landmark on the *next* page must not be. */
export function landmarkKeys(doc: Document): string[] {
  const keys: string[] = [];
  const classed = doc.querySelectorAll(CLASS_LANDMARKS);
  for (let i = 0; i < classed.length && i < 500; i++) {
    const k = classKey(classed[i]);
    if (k) keys.push(k);
  }
  const els = doc.querySelectorAll('[id], [data-testid], [data-test], [data-qa], [data-cy]');
  for (let i = 0; i < els.length && keys.length < 2000; i++) {
    const el = els[i];
    if (el.id && isStableId(el.id)) keys.push('#' + el.id);
    for (const a of ['data-testid', 'data-test', 'data-qa', 'data-cy']) {
      const v = el.getAttribute(a);
      if (v) keys.push(`${a}=${v}`);
    }
  }
  return keys;
}

function visible(el: Element): boolean {
  const r = el.getBoundingClientRect();
  if (r.width <= 0 || r.height <= 0) return false;
  const cs = getComputedStyle(el);
  return cs.visibility !== 'hidden' && cs.display !== 'none' && cs.opacity !== '0';
}

const LANDMARK_TAGS = /^(h1|h2|main|form|section|article|table|ul|ol|dl|nav|header)$/;

/**
 * A landmark of a freshly loaded page for `wait_for: "css:…"`: a visible element with a stable id
 * or test id (else a heading / content block with a stable class) that the previous page did not have (`before` = its landmarkKeys), so the wait
 * cannot be satisfied by the old document while the navigation is still in flight. Headings and
 * main content first, then anything near the top.
 */
export function chooseLandmark(doc: Document, before: string[]): string | null {
  const old = new Set(before);
  let best: { sel: string; score: number } | null = null;
  const els = doc.querySelectorAll('[id], [data-testid], [data-test], [data-qa], [data-cy]');
  for (let i = 0; i < els.length && i < 3000; i++) {
    const el = els[i];
    let sel: string | null = null;
    let key = '';
    if (el.id && isStableId(el.id)) {
      sel = '#' + CSS.escape(el.id);
      key = '#' + el.id;
    } else {
      for (const a of ['data-testid', 'data-test', 'data-qa', 'data-cy']) {
        const v = el.getAttribute(a);
        if (v) {
          sel = `[${a}=${cssStr(v)}]`;
          key = `${a}=${v}`;
          break;
        }
      }
    }
    if (!sel || old.has(key) || countIn(doc, sel) !== 1 || !visible(el)) continue;
    const top = el.getBoundingClientRect().top + (doc.defaultView?.scrollY ?? 0);
    const score = (LANDMARK_TAGS.test(el.localName) ? 200 : 0) + (el.localName === 'h1' ? 100 : 0) - Math.min(150, Math.max(0, top) / 10) - i * 0.01;
    if (!best || score > best.score) best = { sel, score };
  }
  if (best) return best.sel;
  // No new id or test id: a heading or content block with a stable class that is new and unique.
  const classed = doc.querySelectorAll(CLASS_LANDMARKS);
  for (let i = 0; i < classed.length && i < 500; i++) {
    const el = classed[i];
    const sel = classKey(el);
    if (!sel || old.has(sel) || countIn(doc, sel) !== 1 || !visible(el)) continue;
    const top = el.getBoundingClientRect().top + (doc.defaultView?.scrollY ?? 0);
    const score = (/^h[1-3]$/.test(el.localName) ? 100 : 0) - Math.min(150, Math.max(0, top) / 10) - i * 0.01;
    if (!best || score > best.score) best = { sel, score };
  }
  return best?.sel ?? null;
}
