// "Extract these items": a first schema for an item without any picking of fields. Every element of
// the item that shows text of its own becomes a text field, links also give their href and images
// their src; each selector is relative to the item and checked to be unique in it (relative.ts, the
// schema builder's own rules), names come from the element's stable class with the item's prefix
// dropped (`book-title` in `li.book` → `title`), else from its role (heading → title, a → link).
// Pure, over the JSON element tree the page sends (ElementJson, `x` = has own text).
import { isStableClass, JsonElement, relativeSelector, type ElementLike } from './relative.js';
import type { JsonCssField } from '../extract/schema.js';

export const MAX_SUGGESTED_FIELDS = 10;

const SKIP = /^(script|style|template|noscript|svg|button|input|select|textarea|form)$/i;

function ownClasses(el: ElementLike): string[] {
  return (el.getAttribute('class') ?? '').split(/\s+/).filter((c) => c && isStableClass(c));
}

function baseName(el: ElementLike, item: ElementLike): string {
  const tag = el.tagName.toLowerCase();
  const prefixes = ownClasses(item).map((c) => c.toLowerCase());
  for (const c of ownClasses(el)) {
    let n = c.toLowerCase();
    for (const p of prefixes) if (n.startsWith(p + '-') || n.startsWith(p + '_')) n = n.slice(p.length + 1);
    n = n.replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '');
    if (n && !/^\d/.test(n)) return n;
  }
  if (/^h[1-6]$/.test(tag)) return 'title';
  return { a: 'link', img: 'image', time: 'date', p: 'text', li: 'entry' }[tag] ?? tag;
}

export function suggestFields(item: JsonElement, peers: JsonElement[] = []): JsonCssField[] {
  const out: JsonCssField[] = [];
  const used = new Set<string>();
  const name = (n: string) => {
    let k = n;
    for (let i = 2; used.has(k); i++) k = `${n}_${i}`;
    used.add(k);
    return k;
  };
  const visit = (el: JsonElement) => {
    if (out.length >= MAX_SUGGESTED_FIELDS) return;
    if (SKIP.test(el.tagName)) return;
    const tag = el.tagName.toLowerCase();
    const hasText = el.json.x === 1;
    const link = tag === 'a' && el.getAttribute('href') !== null;
    const img = tag === 'img' && el.getAttribute('src') !== null;
    if (el !== item && (hasText || link || img)) {
      const r = relativeSelector(el, item, { peers });
      if (r.selector && r.unique) {
        const n = baseName(el, item);
        if (hasText) out.push({ name: name(n), selector: r.selector, type: 'text' });
        if (link) out.push({ name: name(hasText ? `${n}_url` : n), selector: r.selector, type: 'attribute', attribute: 'href' });
        if (img) out.push({ name: name(n), selector: r.selector, type: 'attribute', attribute: 'src' });
        if (hasText && !link) return; // its own text already covers the text below it
      }
    }
    for (const c of el.children) visit(c);
  };
  visit(item);
  // An item whose text is all its own (no child elements): the item itself.
  if (!out.length && item.json.x === 1) out.push({ name: 'text', type: 'text' });
  return out;
}
