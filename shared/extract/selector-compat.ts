// Which CSS selectors Crawl4AI accepts: bs4's `select()` is soupsieve, which is stricter than a
// browser's querySelectorAll in some ways (no jQuery extensions, no relative selectors, no
// pseudo-elements) and broader in others (`:-soup-contains()`, `:contains()`).
// Used by the extractor (a selector soupsieve rejects raises, as in Crawl4AI), by the schema lint
// and by the element picker to mark candidate selectors.
import { parse } from 'css-what';
import type { Selector } from 'css-what';

/** soupsieve pseudo-classes without arguments. */
const SIMPLE = new Set([
  'any-link', 'empty', 'first-child', 'first-of-type', 'in-range', 'out-of-range', 'last-child',
  'last-of-type', 'link', 'only-child', 'only-of-type', 'root', 'checked', 'default', 'disabled',
  'enabled', 'indeterminate', 'optional', 'placeholder-shown', 'read-only', 'read-write', 'required',
  'scope', 'defined', 'active', 'current', 'focus', 'focus-visible', 'focus-within', 'future', 'host',
  'hover', 'local-link', 'past', 'paused', 'playing', 'target', 'target-within', 'user-invalid',
  'visited',
]);
/** soupsieve pseudo-classes with arguments. */
const FUNCTIONAL = new Set([
  'contains', '-soup-contains', '-soup-contains-own', 'current', 'dir', 'has', 'host', 'host-context',
  'is', 'lang', 'matches', 'any', 'not', 'nth-child', 'nth-last-child', 'nth-last-of-type',
  'nth-of-type', 'where',
]);
/** Accepted by soupsieve but not evaluated by our engine (css-select has no equivalent). */
export const UNSUPPORTED_HERE = new Set([
  'in-range', 'out-of-range', 'indeterminate', 'host', 'local-link', 'dir', 'host-context',
]);
/** jQuery / Sizzle / cheerio-select extensions: browsers and soupsieve reject them. */
const JQUERY = new Set([
  'first', 'last', 'eq', 'nth', 'gt', 'lt', 'even', 'odd', 'parent', 'header', 'button', 'input',
  'text', 'checkbox', 'file', 'password', 'radio', 'reset', 'image', 'submit', 'selected', 'visible',
  'hidden', 'animated', 'icontains',
]);

export interface SelectorCheck {
  ok: boolean;
  /** Why soupsieve would reject it (when !ok). */
  reason?: string;
}

/** css-what tokens of a selector (throws on syntax errors). */
export function parseSoupsieve(selector: string): Selector[][] {
  return parse(selector);
}

const IDENT_START = /^(?:-?(?:[A-Za-z_\u0080-\uffff]|\\.)|--)/;

/** `#1`, `.2col`: css-what accepts them, soupsieve (CSS syntax) does not. */
function malformedIdOrClass(selector: string): string | undefined {
  let quote = '';
  let bracket = 0;
  for (let i = 0; i < selector.length; i++) {
    const c = selector[i];
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = '';
      continue;
    }
    if (c === '\\') {
      i++;
      continue;
    }
    if (c === '"' || c === "'") quote = c;
    else if (c === '[') bracket++;
    else if (c === ']') bracket--;
    else if ((c === '#' || c === '.') && bracket === 0) {
      if (!IDENT_START.test(selector.slice(i + 1))) {
        return `malformed ${c === '#' ? 'id' : 'class'} selector at position ${i}: "${selector.slice(i, i + 12)}" (a CSS identifier cannot start with a digit; soupsieve raises — use [id="…"] / [class~="…"])`;
      }
    }
  }
  return undefined;
}

function checkTokens(seqs: Selector[][], nested: 'top' | 'has' | 'list'): string | undefined {
  for (const seq of seqs) {
    if (seq.length === 0) return 'empty selector';
    const first = seq[0];
    const last = seq[seq.length - 1];
    const isComb = (t: Selector) =>
      t.type === 'child' || t.type === 'sibling' || t.type === 'adjacent' || t.type === 'descendant' || t.type === 'parent' || t.type === 'column-combinator';
    if (isComb(first) && nested !== 'has') {
      return `relative selector (starts with a combinator): soupsieve raises — write ":scope ${first.type === 'child' ? '>' : first.type === 'adjacent' ? '+' : '~'} …" instead`;
    }
    if (isComb(last)) return 'selector ends with a combinator';
    for (const t of seq) {
      if (t.type === 'pseudo-element') return `pseudo-element ::${t.name} is not supported by soupsieve`;
      if (t.type === 'column-combinator') return 'the column combinator || is not supported by soupsieve';
      if (t.type === 'parent') return 'the "<" combinator is not CSS';
      if (t.type === 'pseudo') {
        const name = t.name;
        if (JQUERY.has(name)) {
          return `:${name}${t.data === null ? '' : '()'} is a jQuery extension; soupsieve (Crawl4AI) rejects it${name === 'eq' || name === 'first' || name === 'last' || name === 'nth' ? ' — use :nth-child()/:nth-of-type()/:first-of-type' : ''}`;
        }
        const hasArgs = t.data !== null;
        if (hasArgs ? !FUNCTIONAL.has(name) : !SIMPLE.has(name)) {
          return `unknown pseudo-class :${name}${hasArgs ? '()' : ''} (soupsieve raises)`;
        }
        if (Array.isArray(t.data)) {
          const inner = checkTokens(t.data, name === 'has' ? 'has' : 'list');
          if (inner) return inner;
        }
      }
    }
  }
  return undefined;
}

const checkCache = new Map<string, SelectorCheck>();

/** Would soupsieve (bs4 `select`, i.e. Crawl4AI) accept this selector? (cached; the picker asks
 *  for every candidate it ranks) */
export function checkCrawl4aiSelector(selector: string): SelectorCheck {
  let r = checkCache.get(selector);
  if (!r) {
    r = checkUncached(selector);
    if (checkCache.size > 5000) checkCache.clear();
    checkCache.set(selector, r);
  }
  return r;
}

function checkUncached(selector: string): SelectorCheck {
  if (selector.trim() === '') return { ok: false, reason: 'empty selector' };
  let tokens: Selector[][];
  try {
    tokens = parseSoupsieve(selector);
  } catch (e) {
    return { ok: false, reason: `invalid selector: ${(e as Error).message}` };
  }
  const reason = checkTokens(tokens, 'top') ?? malformedIdOrClass(selector);
  return reason ? { ok: false, reason } : { ok: true };
}

/** Names of the pseudo-classes in `selector` (nested ones included) that satisfy `pick`; [] if it does not parse. */
function pseudosWhere(selector: string, pick: (name: string) => boolean): string[] {
  let tokens: Selector[][];
  try {
    tokens = parseSoupsieve(selector);
  } catch {
    return [];
  }
  const found = new Set<string>();
  const visit = (seqs: Selector[][]) => {
    for (const seq of seqs)
      for (const t of seq) {
        if (t.type !== 'pseudo') continue;
        if (pick(t.name)) found.add(t.name);
        if (Array.isArray(t.data)) visit(t.data);
      }
  };
  visit(tokens);
  return [...found];
}

const SOUPSIEVE_ONLY = new Set(['contains', '-soup-contains', '-soup-contains-own']);

/** Pseudo-classes in the selector that soupsieve accepts but a browser's querySelectorAll does not
 *  (`:contains`, `:-soup-contains…`), or that browsers and soupsieve treat differently. */
export function soupsieveOnlyPseudos(selector: string): string[] {
  return pseudosWhere(selector, (name) => SOUPSIEVE_ONLY.has(name));
}

/** Pseudo-classes soupsieve accepts that our engine cannot evaluate (reported, not guessed). */
export function unsupportedHere(selector: string): string[] {
  return pseudosWhere(selector, (name) => UNSUPPORTED_HERE.has(name));
}
