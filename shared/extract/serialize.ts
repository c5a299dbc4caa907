// bs4's `str(tag)` (what Crawl4AI's `html` type returns and what an element becomes in the JSON):
// - attributes sorted by name; multi-valued ones are the list joined by one space (already so in
//   our DOM); every attribute printed as name="value" (lxml reports a bare `disabled` as "");
// - the "minimal" formatter: & < > escaped in text and attribute values, nothing else (not quotes,
//   \xa0 stays raw); text whose direct parent is <script>/<style> is not escaped;
// - a value containing " but no ' is single-quoted; containing both, " becomes &quot;;
// - bs4's void elements with no children print as <br/>, everything else gets an end tag;
// - comments <!--x-->, doctype <!DOCTYPE x> + "\n", processing instructions <?x>;
// - a <meta>'s declared charset is printed as utf-8 (see metaValue).
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

// Python str.isspace() characters (what `\s` matches in a Python str pattern)
const PY_WS = '[\\t\\n\\x0b\\x0c\\r\\x1c-\\x1f \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]';
/** bs4 ContentMetaAttributeValue.CHARSET_RE = re.compile(r"((^|;)\s*charset=)([^;]*)", re.M):
 *  Python's `^` under re.M matches at the start and after "\n" only (JS's `m` also after \r, U+2028). */
const CHARSET_RE = new RegExp(`(^|(?<=\\n)|;)(${PY_WS}*charset=)[^;]*`, 'g');
const OUTPUT_ENCODING = 'utf-8';

/** bs4 rewrites the declared encoding of a <meta> when it prints it (set_up_substitutions, then
 *  substitute_encoding with str()'s eventual_encoding "utf-8"): `charset` becomes "utf-8"; without
 *  `charset`, an http-equiv="Content-Type" `content` gets each "charset=…" (case-sensitive)
 *  rewritten. Only the output changes: an attribute field still returns the original value. */
function metaValue(el: Element, key: string, value: string): string {
  const a = el.attribs;
  if (key === 'charset') return OUTPUT_ENCODING;
  if (key === 'content' && a.charset === undefined && a['http-equiv'] !== undefined && a['http-equiv'].toLowerCase() === 'content-type') {
    CHARSET_RE.lastIndex = 0;
    return value.replace(CHARSET_RE, (_m, start: string, name: string) => start + name + OUTPUT_ENCODING);
  }
  return value;
}

function openTag(el: Element): string {
  let out = '<' + el.name;
  const keys = Object.keys(el.attribs);
  if (keys.length > 1) keys.sort(byCodePoint);
  const meta = el.name === 'meta';
  for (const k of keys) out += ' ' + k + '=' + quoteAttr(meta ? metaValue(el, k, el.attribs[k]) : el.attribs[k]);
  return out;
}

function leaf(node: AnyNode): string {
  switch (node.type) {
    case 'text': {
      const p = node.parent as Element | null;
      const raw = p !== null && (p.name === 'script' || p.name === 'style');
      return raw ? node.data : escapeXml(node.data);
    }
    case 'comment':
      return '<!--' + node.data + '-->';
    case 'directive': {
      const d = node.data;
      // bs4's Doctype prints with a newline after it (SUFFIX = ">\n")
      return d.startsWith('!') ? '<!DOCTYPE' + d.slice(8) + '>\n' : '<' + d + '>';
    }
    default:
      return '';
  }
}

const isEl = (n: AnyNode): n is Element => n.type === 'tag' || n.type === 'script' || n.type === 'style';

/** Iterative (no recursion: pages can nest deeper than the JS stack). */
function serialize(root: AnyNode): string {
  if (!isEl(root)) return leaf(root);
  let out = '';
  // stack of [node, closing?]: a string entry is a pending end tag
  const stack: Array<AnyNode | string> = [root];
  while (stack.length > 0) {
    const item = stack.pop()!;
    if (typeof item === 'string') {
      out += item;
      continue;
    }
    if (!isEl(item)) {
      out += leaf(item);
      continue;
    }
    out += openTag(item);
    if (item.children.length === 0 && VOID.has(item.name)) {
      out += '/>';
      continue;
    }
    out += '>';
    stack.push('</' + item.name + '>');
    const ch = item.children;
    for (let i = ch.length - 1; i >= 0; i--) stack.push(ch[i]);
  }
  return out;
}

export function outerHtml(node: AnyNode): string {
  return serialize(node);
}
