// soupsieve's pseudo-classes, for css-select (select.ts passes PSEUDOS as its `pseudos` option).
// Where css-select has no such pseudo-class or defines it differently, this is soupsieve's own
// definition (css_parser.py patterns with the `html|` namespace dropped: bs4's lxml tree has no
// namespaces, so soupsieve ignores it; css_match.py for the ones with extra logic). Checked
// against soupsieve 2.3.2 here; where the soupsieve that Crawl4AI 0.9.2 users get differs (the
// language filter), the newer code is followed.
import { compile } from 'css-select';
import nthCheck from 'nth-check';
import type { AnyNode, Element } from 'domhandler';
import { allStrings, ownStrings } from './text.js';

type Pseudo = string | ((el: Element, data?: string | null) => boolean);

const isTag = (n: AnyNode | null | undefined): n is Element =>
  !!n && (n.type === 'tag' || n.type === 'script' || n.type === 'style');

const NEVER = (): boolean => false;

/** A value list: :-soup-contains("a", 'b', c), :lang(de, "*-CH"). */
export function parseValueList(data: string): string[] {
  const values: string[] = [];
  const re = /\s*(?:"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)'|([^,\s]+))\s*(?:,|$)/gy;
  let m: RegExpExecArray | null;
  while (re.lastIndex < data.length && (m = re.exec(data)) !== null) {
    const raw = m[1] ?? m[2] ?? m[3] ?? '';
    values.push(raw.replace(/\\(.)/g, '$1'));
  }
  return values;
}

const valueLists = new Map<string, string[]>();
function values(data: string | null | undefined): string[] {
  const key = data ?? '';
  let v = valueLists.get(key);
  if (!v) {
    v = parseValueList(key);
    if (valueLists.size > 1000) valueLists.clear();
    valueLists.set(key, v);
  }
  return v;
}

/** soupsieve match_contains: a value must occur in the whole text, or (own) in one own string. */
function matchContains(el: Element, data: string | null | undefined, own: boolean): boolean {
  const vs = values(data);
  if (own) {
    const strings = ownStrings(el);
    return vs.some((v) => strings.some((s) => s.includes(v)));
  }
  const text = allStrings(el);
  return vs.some((v) => text.includes(v));
}

// ---- :lang() -------------------------------------------------------------------------------

/** soupsieve RE_WILD_STRIP: `-*-` runs and a trailing `-*` in a range become '-'. */
const WILD_STRIP = /(?:-\*-)(?:\*(?:-|$))*|-\*$/g;

/** soupsieve extended_language_filter (RFC 4647 extended filtering). */
function languageFilter(range: string, tag: string): boolean {
  const ranges = range.replace(WILD_STRIP, '-').toLowerCase().split('-');
  const subtags = tag.toLowerCase().split('-');
  let r = ranges[0];
  let s = subtags[0];
  // an empty range matches an empty (unspecified) language
  if (ranges.length === 1 && subtags.length === 1 && !r && r === s) return true;
  if ((r !== '*' && r !== s) || (r === '*' && subtags.length === 1 && !s)) return false;
  let ri = 1;
  let si = 1;
  while (ri < ranges.length) {
    r = ranges[ri];
    if (si >= subtags.length) return false;
    s = subtags[si];
    if (!r) return false;
    if (s === r) ri++;
    else if (s.length === 1) return false;
    si++;
  }
  return true;
}

/** soupsieve match_lang: the nearest non-empty `lang` on the element or an ancestor (an empty
 *  one is remembered but the walk goes on); with none at all, <meta http-equiv="content-language">
 *  in the document's html > head. */
function languageOf(el: Element): string | null {
  let found: string | null = null;
  let last: AnyNode = el;
  for (let cur: AnyNode | null = el; cur; cur = cur.parent) {
    last = cur;
    if (isTag(cur) && Object.prototype.hasOwnProperty.call(cur.attribs, 'lang')) {
      found = cur.attribs.lang;
      if (found) return found;
    }
  }
  if (found !== null) return found;
  // the document: html > head > meta
  const html = (last as { children?: AnyNode[] }).children?.find((c) => isTag(c) && c.name === 'html') as Element | undefined;
  const head = html?.children.find((c) => isTag(c) && c.name === 'head') as Element | undefined;
  if (!head) return null;
  for (const c of head.children) {
    if (!isTag(c) || c.name !== 'meta') continue;
    let isLang = false;
    let content: string | null = null;
    for (const [k, v] of Object.entries(c.attribs)) {
      if (k.toLowerCase() === 'http-equiv' && v.toLowerCase() === 'content-language') isLang = true;
      if (k.toLowerCase() === 'content') content = v;
      if (isLang && content) return content;
    }
  }
  return null;
}

function matchLang(el: Element, data: string | null | undefined): boolean {
  const lang = languageOf(el);
  if (lang === null) return false;
  return values(data).some((range) => languageFilter(range, lang));
}

// ---- :nth-child(An+B of S) -----------------------------------------------------------------

type Test = (el: Element) => boolean;
const nthCache = new Map<string, { nth: (i: number) => boolean; of: Test | null }>();

function nthOf(data: string | null | undefined): { nth: (i: number) => boolean; of: Test | null } {
  const key = data ?? '';
  let c = nthCache.get(key);
  if (!c) {
    const m = /^\s*(.*?)\s+of\s+([\s\S]+)$/i.exec(key);
    c = m
      ? { nth: nthCheck(m[1]), of: compile<AnyNode, Element>(m[2], { xmlMode: false, pseudos: PSEUDOS }) }
      : { nth: nthCheck(key), of: null };
    if (nthCache.size > 1000) nthCache.clear();
    nthCache.set(key, c);
  }
  return c;
}

/** Position (0-based) of el among its element siblings that pass `of`, counted from the start or
 *  the end; -1 when el itself does not pass. */
function position(el: Element, of: Test | null, fromEnd: boolean): number {
  if (of && !of(el)) return -1;
  let pos = 0;
  for (let s = fromEnd ? el.next : el.prev; s; s = fromEnd ? s.next : s.prev) {
    if (isTag(s) && (!of || of(s))) pos++;
  }
  return pos;
}

function nthChild(fromEnd: boolean) {
  return (el: Element, data?: string | null): boolean => {
    const { nth, of } = nthOf(data);
    const pos = position(el, of, fromEnd);
    return pos >= 0 && nth(pos);
  };
}

// ---- form states ---------------------------------------------------------------------------

const TEXTISH = ':not([type]), [type=""], [type=text], [type=search], [type=url], [type=tel], [type=email], [type=password], [type=number]';
const DISABLED =
  ':is(:is(input:not([type=hidden]), button, select, textarea, fieldset, optgroup, option)[disabled], optgroup[disabled] > option, fieldset[disabled] > :is(input:not([type=hidden]), button, select, textarea, fieldset), fieldset[disabled] > :not(legend:nth-of-type(1)) :is(input:not([type=hidden]), button, select, textarea, fieldset))';
const CHECKED = ':is(input[type=checkbox], input[type=radio])[checked], option[selected]';
const READ_WRITE = `:is(textarea, input:is(${TEXTISH}, [type=date], [type=datetime-local], [type=month], [type=time], [type=week])):not([readonly], :disabled), :is([contenteditable=""], [contenteditable="true" i])`;
const PLACEHOLDER_CANDIDATE = `input:is(${TEXTISH})[placeholder]:not([placeholder='']):is(:not([value]), [value=""]), textarea[placeholder]:not([placeholder=''])`;

let compiled: Record<string, Test> | null = null;
function query(name: 'checked' | 'placeholder'): Test {
  compiled ??= {
    checked: compile<AnyNode, Element>(CHECKED, { xmlMode: false, pseudos: PSEUDOS }),
    placeholder: compile<AnyNode, Element>(PLACEHOLDER_CANDIDATE, { xmlMode: false, pseudos: PSEUDOS }),
  };
  return compiled[name];
}

const isSubmit = (el: Element): boolean =>
  (el.name === 'input' || el.name === 'button') && (el.attribs.type ?? '').toLowerCase() === 'submit';

/** soupsieve :default = :checked, or the first submit button of its form (match_default). */
function matchDefault(el: Element): boolean {
  if (query('checked')(el)) return true;
  if (!isSubmit(el)) return false;
  let form: AnyNode | null = el.parent;
  while (form && !(isTag(form) && form.name === 'form')) form = form.parent;
  if (!form) return false;
  // the first input/button of type submit in the form, in document order (a nested form stops it)
  const stack: AnyNode[] = [...(form as Element).children].reverse();
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (!isTag(n)) continue;
    if (n.name === 'form') return false;
    if (isSubmit(n)) return n === el;
    for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i]);
  }
  return false;
}

/** soupsieve :placeholder-shown: the pattern, and no text content other than one newline. */
function matchPlaceholderShown(el: Element): boolean {
  if (!query('placeholder')(el)) return false;
  const text = allStrings(el);
  return text === '' || text === '\n';
}

/** soupsieve :defined: not a custom element name (no '-'), or a prefixed one. */
const matchDefined = (el: Element): boolean => el.name.indexOf('-') < 0 || el.name.indexOf(':') >= 0;

export const PSEUDOS: Record<string, Pseudo> = {
  // soupsieve's definitions where css-select's aliases differ (its :any-link also matches <link>,
  // its :disabled and :checked are simpler)
  'any-link': ':is(a, area)[href]',
  link: ':is(a, area)[href]',
  disabled: DISABLED,
  enabled: `:is(input:not([type=hidden]), button, select, textarea, fieldset, optgroup, option):not(${DISABLED})`,
  required: ':is(input, select, textarea)[required]',
  optional: ':is(input, select, textarea):not([required])',
  checked: CHECKED,
  'read-write': READ_WRITE,
  'read-only': ':not(:read-write)',
  'placeholder-shown': matchPlaceholderShown,
  default: matchDefault,
  defined: matchDefined,
  lang: matchLang,
  'nth-child': nthChild(false),
  'nth-last-child': nthChild(true),
  contains: (el, data) => matchContains(el, data, false),
  '-soup-contains': (el, data) => matchContains(el, data, false),
  '-soup-contains-own': (el, data) => matchContains(el, data, true),
  // soupsieve: only tags and text with a non-[ \t\r\n\f] character make an element non-empty
  empty: (el) => !el.children.some((c) => isTag(c) || (c.type === 'text' && /[^ \t\r\n\f]/.test(c.data))),
  // a namespaced name (`svg|rect`, `[xlink|href]`): bs4 gives soupsieve no namespace prefixes for
  // an lxml HTML tree, so an unknown prefix matches nothing (select.ts puts this in its place)
  '-cw-never': NEVER,
  // states a static document never has (soupsieve matches nothing)
  focus: NEVER,
  'focus-visible': NEVER,
  'focus-within': NEVER,
  target: NEVER,
  'target-within': NEVER,
  current: NEVER,
  past: NEVER,
  future: NEVER,
  paused: NEVER,
  playing: NEVER,
  'user-invalid': NEVER,
};
