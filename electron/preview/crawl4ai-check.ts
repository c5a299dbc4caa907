// Is a selector valid for Crawl4AI's CSS engine (soupsieve) too? The extractor work owns the real
// check (shared/extract/selector-compat.ts: checkCrawl4aiSelector). Until it exists this module
// falls back to a conservative syntax check of the constructs the picker can produce.
type Check = (sel: string) => { ok: boolean; reason?: string };

let resolved: Check | null = null;
let loading: Promise<Check> | null = null;

const PLAYWRIGHT_ONLY = /^\s*(text=|xpath=|role=|id=|css=|data-testid=|internal:|\/\/|\.\.)|>>|:(has-text|text|text-is|text-matches|visible|nth-match|right-of|left-of|above|below|near)\(/;
const JQUERY_ONLY = /:(eq|gt|lt|first|last|even|odd|visible|hidden|header|input|button|checkbox|radio|selected|animated)(?![-\w(])|:(eq|gt|lt)\(/;

export const fallbackCheck: Check = (sel) => {
  if (!sel.trim()) return { ok: false, reason: 'empty selector' };
  if (PLAYWRIGHT_ONLY.test(sel)) return { ok: false, reason: 'Playwright-only selector syntax (soupsieve cannot parse it)' };
  if (JQUERY_ONLY.test(sel)) return { ok: false, reason: 'jQuery-style pseudo-class (soupsieve rejects it)' };
  if (/::/.test(sel)) return { ok: false, reason: 'pseudo-elements select nothing in soupsieve' };
  return { ok: true };
};

async function load(): Promise<Check> {
  const spec = '../../shared/extract/selector-compat.js';
  try {
    const m = (await import(spec)) as { checkCrawl4aiSelector?: Check };
    if (typeof m.checkCrawl4aiSelector === 'function') return m.checkCrawl4aiSelector;
  } catch {
    /* not written yet: fall back */
  }
  return fallbackCheck;
}

export async function crawl4aiCheck(): Promise<Check> {
  if (resolved) return resolved;
  loading ??= load().then((c) => (resolved = c));
  return loading;
}
