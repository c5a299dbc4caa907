// Page-side helpers for "extract these items" and the pagination wizard: the repeated item a
// picked element belongs to, and the page's "next" / "load more" control (if it has one), with
// the hints the wizard turns into planned iterations (page indicator text, pager links).
import { chooseTarget, type TargetChoice } from './target.js';
import { selectSimilar } from './similar.js';
import { cssId, stableClasses } from './candidates.js';
import { normText, rootOf } from './dom.js';
import { secretNameFor } from './record.js';

export interface ItemsChoice {
  baseSelector: string;
  count: number;
  /** Centre of the picked element's item (viewport px), for schema.suggest. */
  x: number;
  y: number;
}

function signatureOf(el: Element): string {
  return el.localName + stableClasses(el, 2).map((c) => '.' + cssId(c)).join('');
}

/** The nearest ancestor-or-self that repeats among its siblings (a list row, a card). */
export function itemOf(el: Element): Element | null {
  for (let cur: Element | null = el, depth = 0; cur && depth < 8 && cur.localName !== 'body'; cur = cur.parentElement, depth++) {
    const parent = cur.parentElement;
    if (!parent) break;
    const sig = signatureOf(cur);
    let same = 0;
    for (let c = parent.firstElementChild; c; c = c.nextElementSibling) if (signatureOf(c) === sig) same++;
    if (same >= 2) return cur;
  }
  return null;
}

export function itemsChoice(el: Element): ItemsChoice | null {
  const item = itemOf(el);
  if (!item) return null;
  const r = selectSimilar([item], rootOf(item));
  const b = item.getBoundingClientRect();
  // A point inside the item but on the item itself or a child: its centre is fine for locating it.
  return { baseSelector: r.selector, count: r.count, x: b.left + Math.min(b.width / 2, 4), y: b.top + b.height / 2 };
}

export interface PagerHint {
  target: TargetChoice;
  text: string;
  kind: 'next' | 'load-more';
  disabled: boolean;
}

const NEXT_TEXT = /^(next|next page|older|older posts|›|»|>|→|next ›|next »|next →)$/i;
const MORE_TEXT = /^(load|show|view|see) more\b/i;

function pagerScore(el: Element): { score: number; kind: 'next' | 'load-more' } | null {
  const text = normText(el.textContent || (el as HTMLInputElement).value || '');
  const aria = (el.getAttribute('aria-label') || el.getAttribute('title') || '').toLowerCase();
  const handles = `${el.id} ${el.getAttribute('class') ?? ''} ${el.getAttribute('data-testid') ?? ''}`.toLowerCase();
  // Site navigation (a header menu entry called "Load more") is not the list's pager.
  const nav = el.closest('nav, header, [role="navigation"]');
  if (nav && !/paginat|pager/i.test(`${nav.getAttribute('aria-label') ?? ''} ${nav.getAttribute('class') ?? ''} ${nav.id}`)) return null;
  if (MORE_TEXT.test(text) || /load-?more|show-?more/.test(handles)) return { score: el.localName === 'button' ? 80 : 70, kind: 'load-more' };
  let score = 0;
  if ((el.getAttribute('rel') || '').split(/\s+/).includes('next')) score += 100;
  if (NEXT_TEXT.test(text)) score += 70;
  if (/\bnext\b/.test(aria)) score += 60;
  if (/(^|[-_\s])next([-_\s]|$)/.test(handles)) score += 50;
  return score ? { score, kind: 'next' } : null;
}

/** The page's "next" or "load more" control, best first. */
export function findPager(doc: Document): PagerHint | null {
  const els = doc.querySelectorAll('a[href], button, [role="button"], input[type="button"], input[type="submit"]');
  let best: { el: Element; score: number; kind: 'next' | 'load-more' } | null = null;
  for (let i = 0; i < els.length && i < 3000; i++) {
    const el = els[i];
    const s = pagerScore(el);
    if (!s) continue;
    const r = el.getBoundingClientRect();
    if (r.width <= 0 || r.height <= 0) continue;
    if (!best || s.score > best.score) best = { el, ...s };
  }
  if (!best) return null;
  const el = best.el;
  const disabled = (el as HTMLButtonElement).disabled === true || el.getAttribute('aria-disabled') === 'true';
  return { target: chooseTarget(el), text: normText(el.textContent || '').slice(0, 40), kind: best.kind, disabled };
}

export interface PaginationHints {
  pager: PagerHint | null;
  /** hrefs of links that carry a page-like query parameter (the wizard reads page numbers from them). */
  pageLinks: string[];
  /** Visible text where a "Page 2 of 5" indicator may be. */
  text: string;
  url: string;
}

export function paginationHints(doc: Document): PaginationHints {
  const pageLinks: string[] = [];
  const links = doc.querySelectorAll('a[href*="page="], a[href*="p="]');
  for (let i = 0; i < links.length && pageLinks.length < 300; i++) pageLinks.push((links[i] as HTMLAnchorElement).href);
  return { pager: findPager(doc), pageLinks, text: normText(doc.body?.innerText ?? '').slice(0, 5000), url: doc.location.href };
}

export interface LoginFormHint {
  user: TargetChoice | null;
  password: TargetChoice;
  submit: TargetChoice | null;
  /** {{secret:NAME}} the recorder would use for this password field. */
  secret: string;
}

function shown(el: Element): boolean {
  const r = el.getBoundingClientRect();
  return r.width > 0 && r.height > 0;
}

/** The page's login form: the first visible password field, the text field before it, the form's submit button. */
export function loginForm(doc: Document, demoHost: string | null): LoginFormHint | null {
  const pass = Array.from(doc.querySelectorAll('input[type="password"]')).find(shown);
  if (!pass) return null;
  const scope: ParentNode = (pass as HTMLInputElement).form ?? doc;
  const fields = Array.from(scope.querySelectorAll('input')).filter((i) => shown(i) && /^(text|email|tel|)$/.test(i.type));
  const user = fields.filter((f) => f.compareDocumentPosition(pass) & Node.DOCUMENT_POSITION_FOLLOWING).pop() ?? null;
  const submit = Array.from(scope.querySelectorAll('button:not([type]), button[type="submit"], input[type="submit"]')).find(shown) ?? null;
  return {
    user: user ? chooseTarget(user) : null,
    password: chooseTarget(pass),
    submit: submit ? chooseTarget(submit) : null,
    secret: secretNameFor(doc.location, doc.title, demoHost),
  };
}
