// A step result's items exactly as Crawl4AI's json.loads(extracted_content) gives them: `0.0`
// stays a float, big integers exact, integer-like keys in page order (for results files written
// with stringifyExact). `items` (plain JS values) stays the authority: the exact form is used only
// when it says the same thing (e.g. masking changed both the same way), else `items` as they are.
import { parsePyJson } from './pyjson-parse.js';
import { plainJson } from './exact-defaults.js';

export function exactItems(r: { extracted_content?: string | null; items?: unknown[] | null }): unknown[] {
  const items = r.items ?? [];
  if (typeof r.extracted_content !== 'string' || !/\d\.0|\d{16}|"\d+":|-0/.test(r.extracted_content)) return items;
  try {
    const exact = parsePyJson(r.extracted_content);
    if (Array.isArray(exact) && JSON.stringify(plainJson(exact)) === JSON.stringify(items)) return exact;
  } catch {
    // not Python JSON (cannot happen for the extractor's output): keep the plain items
  }
  return items;
}
