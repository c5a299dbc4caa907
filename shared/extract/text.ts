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

// reused between calls (getText is not re-entrant)
const nodes: AnyNode[] = [];
const containers: string[] = [];

/** Iterative (no recursion: pages can nest deeper than the JS stack). */
function walk(root: Element, rootContainer: string, want: string): string {
  let out = '';
  nodes.length = 0;
  containers.length = 0;
  for (let i = root.children.length - 1; i >= 0; i--) {
    nodes.push(root.children[i]);
    containers.push(rootContainer);
  }
  while (nodes.length > 0) {
    const node = nodes.pop()!;
    const container = containers.pop()!;
    if (node.type === 'text') {
      if (container === want) {
        out += pyStrip(node.data);
      }
    } else if (node.type === 'tag' || node.type === 'script' || node.type === 'style') {
      const el = node as Element;
      const c = CONTAINERS.has(el.name) ? el.name : container;
      for (let i = el.children.length - 1; i >= 0; i--) {
        nodes.push(el.children[i]);
        containers.push(c);
      }
    }
  }
  return out;
}

export function getText(el: Element): string {
  const want = CONTAINERS.has(el.name) ? el.name : '';
  const container = containerOf(el);
  const ch = el.children;
  // fast paths: no children / one text child
  if (ch.length === 0) return '';
  if (ch.length === 1 && ch[0].type === 'text') return container === want ? pyStrip(ch[0].data) : '';
  return walk(el, container, want);
}
