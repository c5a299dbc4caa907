// bs4's `tag.get_text(strip=True)` (what Crawl4AI's `text` type returns).
//
// bs4 gives every string a class from its innermost "string container" ancestor (script -> Script,
// style -> Stylesheet, template -> TemplateString, rt -> RubyTextString, rp -> RubyParenthesisString;
// otherwise NavigableString), and get_text() only yields strings whose class is the element's own
// "interesting" type: NavigableString for ordinary elements, the container's class for a container.
// Comments, doctypes and processing instructions are never included. Each string is str.strip()-ed,
// empty ones dropped, and the rest joined with "".
import type { AnyNode, Element } from 'domhandler';
import { pyStrip } from './pystr.js';

const CONTAINERS = new Set(['script', 'style', 'template', 'rt', 'rp']);

/** The string class a text node directly under `el` would get ('' = NavigableString). */
function containerOf(el: Element | null): string {
  for (let cur: AnyNode | null = el; cur; cur = cur.parent) {
    if (cur.type === 'tag' || cur.type === 'script' || cur.type === 'style') {
      const name = (cur as Element).name;
      if (CONTAINERS.has(name)) return name;
    }
  }
  return '';
}

function walk(node: Element, container: string, want: string, out: string[]): void {
  const children = node.children;
  for (let i = 0; i < children.length; i++) {
    const child = children[i];
    if (child.type === 'text') {
      if (container === want) {
        const t = pyStrip(child.data);
        if (t.length > 0) out.push(t);
      }
    } else if (child.type === 'tag' || child.type === 'script' || child.type === 'style') {
      const name = child.name;
      walk(child, CONTAINERS.has(name) ? name : container, want, out);
    }
  }
}

export function getText(el: Element): string {
  const want = CONTAINERS.has(el.name) ? el.name : '';
  const out: string[] = [];
  walk(el, containerOf(el), want, out);
  return out.length === 1 ? out[0] : out.join('');
}
