// Functions evaluated INSIDE the session page (page.evaluate serialises them, so each one is
// self-contained: no imports, no outer variables). They see the live DOM, which is what the browser
// counts are about; Crawl4AI's counts come from the captured HTML in the extractor.
import type { Page } from 'playwright-core';
import type { ElementJson } from '../../shared/selectors/relative.js';

/**
 * Items as Crawl4AI numbers them: without css_selector, document order of baseSelector matches;
 * with it, the captured HTML is the outerHTML of each css_selector part's matches concatenated, so
 * items are (for each part, for each match m) m itself if it matches, then its descendants. The
 * same element can appear twice when parts overlap, exactly as in the captured HTML.
 */
export interface ItemsArgs {
  base: string;
  cssSelector?: string;
}

export interface BrowserCounts {
  baseCount: number;
  fields: { path: string; items: number }[];
  error?: string;
}

export interface FieldChain {
  path: string;
  /** Selectors from the item down to the field (nested fields chain through their parents). */
  chain: string[];
}

export interface LocatedItem {
  itemIndex: number;
  item: ElementJson | null;
  /** Child-index path from the item to the target. */
  targetPath: number[];
  peers: ElementJson[];
  tagName: string;
  text: string;
}

type CountsArgs = ItemsArgs & { op: 'counts'; fields: FieldChain[] };
type LocateArgs = ItemsArgs & { op: 'locate'; x: number; y: number; maxPeers: number };
type ScrollArgs = ItemsArgs & { op: 'scroll'; index: number };

/**
 * The one page-side function (page.evaluate serialises it, so it cannot call module helpers):
 * `items()` is written once here and every operation numbers items through it.
 */
function pageItemOp(args: CountsArgs | LocateArgs | ScrollArgs): BrowserCounts | LocatedItem | boolean {
  const items = (): Element[] => {
    if (!args.cssSelector) return Array.from(document.querySelectorAll(args.base));
    const out: Element[] = [];
    for (const part of args.cssSelector.split(',').map((s) => s.trim())) {
      let roots: Element[];
      try {
        roots = Array.from(document.querySelectorAll(part));
      } catch {
        continue;
      }
      for (const r of roots) {
        if (r.matches(args.base)) out.push(r);
        out.push(...Array.from(r.querySelectorAll(args.base)));
      }
    }
    return out;
  };
  if (args.op === 'scroll') {
    const el = items()[args.index];
    if (!el) return false;
    el.scrollIntoView({ block: 'center', inline: 'nearest', behavior: 'instant' as ScrollBehavior });
    return true;
  }
  if (args.op === 'counts') {
    let list: Element[];
    try {
      list = items();
    } catch (e) {
      return { baseCount: 0, fields: [], error: e instanceof Error ? e.message : String(e) };
    }
    const fields = args.fields.map((f) => {
      let n = 0;
      for (const it of list) {
        let cur: Element | null = it;
        try {
          for (const sel of f.chain) {
            cur = cur ? cur.querySelector(sel) : null;
            if (!cur) break;
          }
        } catch {
          cur = null;
        }
        if (cur) n++;
      }
      return { path: f.path, items: n };
    });
    return { baseCount: list.length, fields };
  }
  // Budgeted serialisation: a huge item must not stall the page or flood IPC.
  const ser = (el: Element, budget: { n: number }): { t: string; a?: Record<string, string>; c?: unknown[]; x?: 1 } => {
    budget.n--;
    const o: { t: string; a?: Record<string, string>; c?: unknown[]; x?: 1 } = { t: el.tagName };
    for (let n = el.firstChild; n; n = n.nextSibling) if (n.nodeType === 3 && (n.textContent ?? '').trim()) o.x = 1;
    const names = el.getAttributeNames();
    if (names.length) {
      o.a = {};
      for (const n of names) o.a[n] = (el.getAttribute(n) ?? '').slice(0, 200);
    }
    if (el.children.length && budget.n > 0) o.c = Array.from(el.children).map((c) => (budget.n > 0 ? ser(c, budget) : { t: c.tagName }));
    return o;
  };
  const list = items();
  const target = document.elementFromPoint(args.x, args.y);
  const empty = { itemIndex: -1, item: null, targetPath: [], peers: [], tagName: target?.tagName ?? '', text: '' };
  if (!target) return empty;
  let item: Element | null = null;
  for (let p: Element | null = target; p && !item; p = p.parentElement) if (list.includes(p)) item = p;
  const text = (target.textContent ?? '').trim().slice(0, 200);
  if (!item) return { ...empty, text };
  const path: number[] = [];
  for (let n: Element = target; n !== item; n = n.parentElement!) path.unshift(Array.prototype.indexOf.call(n.parentElement!.children, n) as number);
  const idx = list.indexOf(item);
  const peers = list.filter((e) => e !== item).slice(0, args.maxPeers);
  return {
    itemIndex: idx,
    item: ser(item, { n: 5000 }) as ElementJson,
    targetPath: path,
    peers: peers.map((p) => ser(p, { n: 2000 }) as ElementJson),
    tagName: target.tagName,
    text,
  };
}

export function browserCounts(page: Page, args: ItemsArgs & { fields: FieldChain[] }): Promise<BrowserCounts> {
  return page.evaluate(pageItemOp, { ...args, op: 'counts' as const }) as Promise<BrowserCounts>;
}

export function locateItem(page: Page, args: ItemsArgs & { x: number; y: number; maxPeers?: number }): Promise<LocatedItem> {
  return page.evaluate(pageItemOp, { maxPeers: 30, ...args, op: 'locate' as const }) as Promise<LocatedItem>;
}

export function scrollToItem(page: Page, args: ItemsArgs & { index: number }): Promise<boolean> {
  return page.evaluate(pageItemOp, { ...args, op: 'scroll' as const }) as Promise<boolean>;
}
