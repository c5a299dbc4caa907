// Per-document index of elements by tag name, class token and id, each list in document order.
// The parser fills it while building the tree (elements are created in preorder); select.ts uses
// it to find "descendants of X with tag/class/id K" by binary search on the preorder numbers.
import type { AnyNode, Document } from 'domhandler';
import type { OrderedElement } from './tree-builder.js';

/** Elements with one tag/class/id in document order, and (made on the first query of this list,
 *  see listOrders) their preorder numbers in a parallel array: the binary searches read `orders`
 *  (contiguous small integers), not a field of each element object scattered over the heap (a
 *  cache miss per probe on a big page). */
export interface IndexList {
  els: OrderedElement[];
  orders: number[] | null;
}

export function listOrders(list: IndexList): number[] {
  let o = list.orders;
  if (o === null) {
    const els = list.els;
    o = new Array<number>(els.length);
    for (let i = 0; i < els.length; i++) o[i] = els[i].order;
    list.orders = o;
  }
  return o;
}

export interface DocIndex {
  byTag: Map<string, IndexList>;
  byClass: Map<string, IndexList>;
  byId: Map<string, IndexList>;
}

const indexes = new WeakMap<Document, DocIndex>();

export function newDocIndex(): DocIndex {
  return { byTag: new Map(), byClass: new Map(), byId: new Map() };
}

function addTo(map: Map<string, IndexList>, key: string, el: OrderedElement): void {
  const list = map.get(key);
  if (list) list.els.push(el);
  else map.set(key, { els: [el], orders: null });
}

/** Record an element; must be called in document (pre)order. `attribs.class` is normalised. */
export function indexElement(idx: DocIndex, el: OrderedElement): void {
  addTo(idx.byTag, el.name, el);
  const cls = el.attribs.class;
  if (cls) {
    if (cls.indexOf(' ') < 0) addTo(idx.byClass, cls, el);
    else for (const c of cls.split(' ')) addTo(idx.byClass, c, el);
  }
  const id = el.attribs.id;
  if (id !== undefined) addTo(idx.byId, id, el);
}

export function setDocumentIndex(doc: Document, idx: DocIndex): void {
  indexes.set(doc, idx);
}

/** The index of a document built by parseHtml (built on demand for other trees of OrderedElements). */
export function documentIndex(doc: Document): DocIndex {
  let idx = indexes.get(doc);
  if (!idx) {
    idx = newDocIndex();
    const stack: AnyNode[] = [];
    for (let i = doc.children.length - 1; i >= 0; i--) stack.push(doc.children[i]);
    while (stack.length > 0) {
      const n = stack.pop()!;
      if (typeof (n as { order?: unknown }).order !== 'number') continue;
      indexElement(idx, n as OrderedElement);
      const ch = (n as OrderedElement).children;
      for (let i = ch.length - 1; i >= 0; i--) stack.push(ch[i]);
    }
    indexes.set(doc, idx);
  }
  return idx;
}
