// bs4's `str(tag)` (what Crawl4AI's `html` type returns and what an element becomes in the JSON):
// - attributes sorted by name; multi-valued ones are the list joined by one space (already so in
//   our DOM); every attribute printed as name="value" (lxml reports a bare `disabled` as "");
// - the "minimal" formatter: & < > escaped in text and attribute values, nothing else (not quotes,
//   \xa0 stays raw); text whose direct parent is <script>/<style> is not escaped;
// - a value containing " but no ' is single-quoted; containing both, " becomes &quot;;
// - bs4's void elements with no children print as <br/>, everything else gets an end tag;
// - comments <!--x-->, doctype <!DOCTYPE x>, processing instructions <?x>.
import type { AnyNode, Element } from 'domhandler';

/** HTMLTreeBuilder.empty_element_tags */
const VOID = new Set([
  'area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'keygen', 'link', 'menuitem', 'meta',
  'param', 'source', 'track', 'wbr', 'basefont', 'bgsound', 'command', 'frame', 'image', 'isindex',
  'nextid', 'spacer',
]);

function escapeXml(s: string): string {
  if (!/[&<>]/.test(s)) return s;
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function quoteAttr(v: string): string {
  const value = escapeXml(v);
  if (value.indexOf('"') >= 0) {
    if (value.indexOf("'") >= 0) return '"' + value.replace(/"/g, '&quot;') + '"';
    return "'" + value + "'";
  }
  return '"' + value + '"';
}

const byCodePoint = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

function serializeInto(node: AnyNode, out: string[]): void {
  switch (node.type) {
    case 'text': {
      const p = node.parent as Element | null;
      const raw = p !== null && (p.name === 'script' || p.name === 'style');
      out.push(raw ? node.data : escapeXml(node.data));
      return;
    }
    case 'comment':
      out.push('<!--', node.data, '-->');
      return;
    case 'directive': {
      const d = node.data;
      if (d.startsWith('!')) out.push('<!DOCTYPE', d.slice(8), '>');
      else out.push('<', d, '>');
      return;
    }
    case 'tag':
    case 'script':
    case 'style': {
      const el = node as Element;
      out.push('<', el.name);
      const keys = Object.keys(el.attribs);
      if (keys.length > 1) keys.sort(byCodePoint);
      for (const k of keys) out.push(' ', k, '=', quoteAttr(el.attribs[k]));
      if (el.children.length === 0 && VOID.has(el.name)) {
        out.push('/>');
        return;
      }
      out.push('>');
      for (const c of el.children) serializeInto(c, out);
      out.push('</', el.name, '>');
      return;
    }
    default:
      return;
  }
}

export function outerHtml(node: AnyNode): string {
  const out: string[] = [];
  serializeInto(node, out);
  return out.join('');
}
