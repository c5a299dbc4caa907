// "Select similar" (SelectorGadget / Web Scraper style): from one or two example elements, a
// selector that matches all elements in the same structural position of repeated containers.
// Signatures are tag + stable classes, positions (nth-child) are dropped, and the shortest
// suffix that still selects exactly the same set is returned.
import { cssId, stableClasses, tagOf } from './candidates.js';
import { isStableId } from './stable.js';
import type { SelectorRoot } from './dom.js';

export interface SimilarResult {
  selector: string;
  count: number;
  alternatives: Array<{ selector: string; count: number }>;
}

function sig(el: Element, classes?: string[]): string {
  return tagOf(el) + (classes ?? stableClasses(el, 2)).map((c) => '.' + cssId(c)).join('');
}

function common(a: string[], b: string[]): string[] {
  return a.filter((c) => b.includes(c));
}

function ancestors(el: Element, root: SelectorRoot): Element[] {
  const out: Element[] = [];
  for (let cur: Element | null = el; cur && cur.localName !== 'body' && cur.localName !== 'html'; cur = cur.parentElement) {
    out.push(cur);
    if (cur.parentNode === root) break;
  }
  return out; // el first
}

function matchSet(root: SelectorRoot, sel: string): Element[] {
  try {
    return Array.from(root.querySelectorAll(sel));
  } catch {
    return [];
  }
}

/** Shortest ' > ' suffix of `segs` (top → bottom) selecting exactly `target`; falls back to the full chain. */
function shortestEquivalent(root: SelectorRoot, segs: string[], target: Element[], anchor: string | null): Array<{ selector: string; count: number }> {
  const found: Array<{ selector: string; count: number }> = [];
  const set = new Set(target);
  for (let k = 1; k <= segs.length; k++) {
    const child = segs.slice(segs.length - k).join(' > ');
    for (const sel of [child, segs.length > k ? `${segs[0]} ${segs.slice(segs.length - k).join(' > ')}` : null]) {
      if (!sel) continue;
      const m = matchSet(root, sel);
      if (m.length === set.size && m.every((e) => set.has(e))) found.push({ selector: sel, count: m.length });
    }
    if (found.length >= 3) break;
  }
  const full = (anchor ? anchor + ' > ' : '') + segs.join(' > ');
  if (!found.some((f) => f.selector === full)) found.push({ selector: full, count: target.length });
  return found;
}

export function selectSimilar(examples: Element[], root: SelectorRoot): SimilarResult {
  const [a, b] = examples;
  let segs: string[];
  let anchor: string | null = null;
  if (!b || a === b) {
    const chain = ancestors(a, root).slice(0, 8);
    // Stop at a stable-id ancestor: it is the list container ("#products > li.item > h2").
    const idIdx = chain.findIndex((e, i) => i > 0 && e.id && isStableId(e.id));
    const used = idIdx > 0 ? chain.slice(0, idIdx) : chain;
    if (idIdx > 0) anchor = '#' + cssId(chain[idIdx].id);
    segs = used.map((e) => sig(e)).reverse();
  } else {
    const ca = ancestors(a, root);
    const cb = ancestors(b, root);
    const lcaIdx = ca.findIndex((e) => e.contains(b));
    const lca = lcaIdx >= 0 ? ca[lcaIdx] : null;
    const pa = lca ? ca.slice(0, lcaIdx) : ca;
    const pb = lca ? cb.slice(0, cb.indexOf(lca)) : cb;
    if (pa.length === pb.length && pa.every((e, i) => e.localName === pb[i].localName)) {
      segs = pa.map((e, i) => sig(e, common(stableClasses(e, 4), stableClasses(pb[i], 4)).slice(0, 2))).reverse();
    } else {
      segs = [sig(a, common(stableClasses(a, 4), stableClasses(b, 4)).slice(0, 2))];
    }
    if (lca && lca.localName !== 'body') {
      const lcaSegs = ancestors(lca, root).slice(0, 4).map((e) => (e.id && isStableId(e.id) ? '#' + cssId(e.id) : sig(e)));
      const idAt = lcaSegs.findIndex((s) => s.startsWith('#'));
      anchor = (idAt >= 0 ? lcaSegs.slice(0, idAt + 1) : lcaSegs).reverse().join(' > ');
    }
  }
  const fullSel = (anchor ? anchor + ' > ' : '') + segs.join(' > ');
  let target = matchSet(root, fullSel);
  if (!examples.every((e) => target.includes(e))) target = matchSet(root, segs.join(' > '));
  const alts = shortestEquivalent(root, segs, target, anchor).filter((x) => examples.every((e) => e.matches(x.selector)));
  const best = alts[0] ?? { selector: fullSel, count: target.length };
  return { selector: best.selector, count: best.count, alternatives: alts.slice(1, 4) };
}
