// Wraps cheerio/domhandler elements as ElementLike (the interface relative.ts works on), keeping
// identity (one wrapper per node) so `===` comparisons hold.
import type { AnyNode, Element } from 'domhandler';
import type { ElementLike } from '../../../shared/selectors/relative.js';

const cache = new WeakMap<Element, DomElement>();

export class DomElement implements ElementLike {
  private constructor(readonly node: Element) {}
  static of(node: Element): DomElement {
    let w = cache.get(node);
    if (!w) cache.set(node, (w = new DomElement(node)));
    return w;
  }
  get tagName(): string {
    return this.node.name.toUpperCase();
  }
  getAttribute(name: string): string | null {
    return this.node.attribs[name] ?? null;
  }
  getAttributeNames(): string[] {
    return Object.keys(this.node.attribs);
  }
  get parentElement(): DomElement | null {
    const p = this.node.parent as AnyNode | null;
    return p && p.type === 'tag' ? DomElement.of(p as Element) : null;
  }
  get children(): DomElement[] {
    return (this.node.children as AnyNode[]).filter((c): c is Element => c.type === 'tag' || c.type === 'script' || c.type === 'style').map((c) => DomElement.of(c));
  }
}
