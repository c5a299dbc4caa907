// bs4's multi-valued ("CDATA list") attributes. HTMLTreeBuilder.DEFAULT_CDATA_LIST_ATTRIBUTES:
// these come back from `tag.get(name)` as a list (re.findall(r"\S+", value)), which Crawl4AI puts
// into the JSON as an array, and which soupsieve matches as the list joined with one space.
// We store the joined form in the DOM (so css-select sees what soupsieve sees) and rebuild the list
// on demand.
import { pySplit } from './pystr.js';

const ANY_TAG = new Set(['class', 'accesskey', 'dropzone']);
// A Map, not an object literal: tag names come from the page, and `<constructor>` must not find
// Object.prototype.constructor (that crashed the parser).
const PER_TAG = new Map<string, ReadonlySet<string>>([
  ['a', new Set(['rel', 'rev'])],
  ['link', new Set(['rel', 'rev'])],
  ['td', new Set(['headers'])],
  ['th', new Set(['headers'])],
  ['form', new Set(['accept-charset'])],
  ['object', new Set(['archive'])],
  ['area', new Set(['rel'])],
  ['icon', new Set(['sizes'])],
  ['iframe', new Set(['sandbox'])],
  ['output', new Set(['for'])],
]);

export function isMultiValued(tag: string, attr: string): boolean {
  return ANY_TAG.has(attr) || PER_TAG.get(tag)?.has(attr) === true;
}

/** Names of multi-valued attributes (any tag), for lint messages. */
export const MULTI_VALUED_NAMES = ['class', 'accesskey', 'dropzone', 'rel', 'rev', 'headers', 'accept-charset', 'archive', 'sizes', 'sandbox', 'for'];

const SINGLE_SPACED = /^(?:[!-~\u00a1-\u167f]+(?: [!-~\u00a1-\u167f]+)*)?$/;

function normalizeKey(attribs: Record<string, string>, key: string): void {
  const v = attribs[key];
  // fast path: already single-spaced tokens without any Python whitespace
  if (v !== undefined && !SINGLE_SPACED.test(v)) attribs[key] = pySplit(v).join(' ');
}

/** In place: rewrite multi-valued attribute values as their \S+ tokens joined by one space. */
export function normalizeMultiValued(tag: string, attribs: Record<string, string>): void {
  normalizeKey(attribs, 'class');
  if (attribs.accesskey !== undefined) normalizeKey(attribs, 'accesskey');
  if (attribs.dropzone !== undefined) normalizeKey(attribs, 'dropzone');
  const perTag = PER_TAG.get(tag);
  if (perTag !== undefined) for (const key of perTag) normalizeKey(attribs, key);
}

/** bs4's `tag.get(name)`: a string, a list for multi-valued attributes, or null when missing. */
export function getAttribute(tag: string, attribs: Record<string, string>, name: string): string | string[] | null {
  if (!Object.prototype.hasOwnProperty.call(attribs, name)) return null;
  const v = attribs[name];
  if (isMultiValued(tag, name)) return v === '' ? [] : v.split(' ');
  return v;
}
