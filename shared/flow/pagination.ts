// The pagination wizard's generator: from what the user picked (the list's items, a "next" or
// "load more" button, or nothing for infinite scroll / ?page=N) to loop steps that cannot race.
// Pure code: no DOM, no I/O. The steps it returns are ordinary flow steps (recorded actions, a
// generated js: wait, repeat) that run and export like any other.
//
// The rules, for every style:
// - act, then wait until the items are present AND their count or first item's text changed
//   (changeWaitFor): a list that is emptied and re-rendered later never passes early, and the old
//   page never passes at all;
// - stop when the button is missing, hidden or disabled, when nothing changed after acting, or (for
//   ?page=N) when the page has no link to the next page number;
// - per-page styles (next button, ?page=N) extract in the loop; growing styles (load more,
//   infinite scroll) load everything first and extract once, so no item is extracted twice.
import type { ExtractionStrategy, Step, Target } from './schema.js';
import { changeWaitFor, signatureExpression, targetSelectors } from './actions.js';
import { TARGET_LOOKUP } from './actions-runtime.js';

export type PaginationKind = 'next' | 'load-more' | 'scroll' | 'url';

export interface PaginationInput {
  kind: PaginationKind;
  /** The list's items: the extraction's baseSelector. */
  items: string;
  /** The "next" / "load more" control (kinds next and load-more). */
  button?: Target;
  sessionId: string;
  /** The session page's URL now (labels js_only results; the base for ?page=N). */
  url?: string;
  /** Extraction inherited from the step that extracted the first page (copied). */
  extraction?: ExtractionStrategy;
  /** kind url: the query parameter (default "page"). */
  param?: string;
  /** Known position, e.g. from "Page 1 of 5" or the pager links (PageHints). */
  current?: number;
  last?: number;
  /** Upper bound when the number of pages is unknown (default 50). */
  maxIterations?: number;
  /** wait_for_timeout of the loop step (default 15000 ms). */
  waitTimeoutMs?: number;
  /** kind scroll: no new items for this long after a scroll = the end of the feed (default 3000 ms). */
  quietMs?: number;
  /** kind scroll: an element that appears at the end of the feed (optional, stops the loop at once). */
  endMarker?: string;
}

export interface PlannedIterations {
  /** Loop iterations expected (null: unknown, bounded by max). */
  iterations: number | null;
  max: number;
  /** One line for the wizard: "4 more pages (page 1 of 5 now), then stop when …". */
  summary: string;
}

export interface PaginationResult {
  steps: Array<Omit<Step, 'id'>>;
  planned: PlannedIterations;
  notes: string[];
}

const DEFAULT_MAX = 50;

/** A button expression trying the target's selectors in order, as the actions runtime does (null when none matches). */
function buttonExpr(t: Target): string {
  const target = JSON.stringify({ selector: t.selector, ...(t.text ? { text: t.text } : {}) });
  return `((target, selectors) => { for (let k = 0; k < selectors.length; k++) { const el = ${TARGET_LOOKUP}; if (el) return el; } return null; })(${target}, ${JSON.stringify(targetSelectors(t))})`;
}

/** repeat.until: the control is gone, hidden or disabled, or acting changed nothing. */
function buttonUntil(t: Target, items: string): string {
  return (
    `js:async () => { const find = () => ${buttonExpr(t)}; ` +
    `const off = (b) => !b || b.disabled || b.getAttribute('aria-disabled') === 'true' || b.classList.contains('disabled') || b.hidden || !b.getClientRects().length; ` +
    // A button that is disabled only while the next page loads comes back: give it a second.
    `for (let i = 0; i < 10 && off(find()) && find(); i++) await new Promise((r) => setTimeout(r, 100)); ` +
    `const cw = window.__crawlwright || {}; return off(find()) || (cw.before !== undefined && ${signatureExpression(items)} === cw.before); }`
  );
}

/** repeat.until for ?page=N: no link on the page points to the next page number. */
function urlUntil(param: string, items: string): string {
  const p = JSON.stringify(param);
  return (
    `js:() => { const n = Number(new URL(location.href).searchParams.get(${p}) || '1') + 1; ` +
    `if (!document.querySelector(${JSON.stringify(items)})) return true; ` +
    `return !Array.from(document.querySelectorAll('a[href]')).some((a) => { try { return new URL(a.href, location.href).searchParams.get(${p}) === String(n); } catch (e) { return false; } }); }`
  );
}

/** js_code_before_wait for ?page=N: remember the items, then load the same URL with page + 1. */
function urlNext(param: string, items: string): string {
  const p = JSON.stringify(param);
  return [
    `// crawlwright:pagination — open the next ?${param}=N page`,
    `(window.__crawlwright = window.__crawlwright || {}).before = ${signatureExpression(items)};`,
    `const u = new URL(location.href);`,
    `u.searchParams.set(${p}, String(Number(u.searchParams.get(${p}) || '1') + 1));`,
    `location.href = u.href;`,
    `// Outlive the old page: its unload ends this snippet, and Crawl4AI then waits for the new page to load.`,
    `await new Promise((resolve) => setTimeout(resolve, 10000));`,
  ].join('\n');
}

function plan(input: PaginationInput, per: string): PlannedIterations {
  const known = input.last !== undefined && input.current !== undefined && input.last >= input.current ? input.last - input.current : null;
  const max = known !== null ? known + 2 : (input.maxIterations ?? DEFAULT_MAX);
  const where = known !== null ? ` (${per} ${input.current} of ${input.last} now)` : '';
  return { iterations: known, max, summary: `${known !== null ? `${known} more ${per}${known === 1 ? '' : 's'}` : `until the end, at most ${max} ${per}s`}${where}` };
}

export function generatePagination(input: PaginationInput): PaginationResult {
  const notes: string[] = [];
  const sid = input.sessionId;
  const timeout = input.waitTimeoutMs ?? 15_000;
  const base = { session_id: sid, js_only: true as const, ...(input.url ? { url: input.url } : {}) };
  const extraction = input.extraction ? { extraction_strategy: structuredClone(input.extraction) } : {};
  if (!input.extraction && (input.kind === 'next' || input.kind === 'url')) notes.push('no extraction to inherit: add one to the loop step (Schema tab), or pick the list in a step that extracts first');
  if (input.extraction && input.extraction.schema.baseSelector !== input.items) {
    notes.push(`the inherited schema's baseSelector "${input.extraction.schema.baseSelector}" differs from the items the loop waits for ("${input.items}")`);
  }

  if (input.kind === 'next' || input.kind === 'load-more') {
    if (!input.button) throw new Error(`a ${input.kind === 'next' ? '"next"' : '"load more"'} pagination needs the button: pick it`);
    const p = plan(input, input.kind === 'next' ? 'page' : 'load');
    const loop: Omit<Step, 'id'> = {
      name: input.kind === 'next' ? 'Next page' : 'Load more',
      config: { ...base, wait_for: changeWaitFor(input.items), wait_for_timeout: timeout, ...(input.kind === 'next' ? extraction : {}) },
      actions: [{ type: 'click', target: input.button, watch: input.items }],
      repeat: { until: buttonUntil(input.button, input.items), max: p.max },
    };
    if (input.kind === 'next') return { steps: [loop], planned: p, notes };
    return { steps: [loop, extractAll(base, extraction, input.items)], planned: p, notes };
  }

  if (input.kind === 'scroll') {
    const quiet = input.quietMs ?? 3000;
    const p = plan(input, 'scroll');
    const end = input.endMarker ? ` || !!document.querySelector(${JSON.stringify(input.endMarker)})` : '';
    const loop: Omit<Step, 'id'> = {
      name: 'Scroll to load more',
      config: { ...base, wait_for: changeWaitFor(input.items, { quietMs: quiet }), wait_for_timeout: timeout },
      actions: [{ type: 'scroll', to: 'bottom', watch: input.items }],
      repeat: { until: `js:() => { const cw = window.__crawlwright || {}; return ${signatureExpression(input.items)} === cw.before${end}; }`, max: p.max },
    };
    notes.push(`the feed ends when ${quiet / 1000} s pass after a scroll without new items${input.endMarker ? ` or ${input.endMarker} appears` : ''}`);
    return { steps: [loop, extractAll(base, extraction, input.items)], planned: { ...p, summary: `${p.summary}, stopping when no new items arrive` }, notes };
  }

  const param = input.param ?? 'page';
  const p = plan(input, 'page');
  return {
    steps: [
      {
        name: `Next page (?${param}=N)`,
        config: { ...base, js_code_before_wait: urlNext(param, input.items), wait_for: changeWaitFor(input.items), wait_for_timeout: timeout, ...extraction },
        repeat: { until: urlUntil(param, input.items), max: p.max },
      },
    ],
    planned: p,
    notes,
  };
}

function extractAll(base: Record<string, unknown>, extraction: { extraction_strategy?: ExtractionStrategy }, items: string): Omit<Step, 'id'> {
  return { name: 'Extract all items', config: { ...(base as Step['config']), wait_for: `css:${items}`, ...extraction } };
}

/** "Page 2 of 5", "page 2/5", "2 / 5": the first page indicator in a text. */
export function parsePageIndicator(text: string): { current: number; last: number } | null {
  const m = /\bpage\s*(\d{1,4})\s*(?:of|\/)\s*(\d{1,4})\b/i.exec(text) ?? /(?:^|\s)(\d{1,4})\s*\/\s*(\d{1,4})(?:\s|$)/.exec(text);
  if (!m) return null;
  const current = Number(m[1]);
  const last = Number(m[2]);
  return current >= 1 && last >= current ? { current, last } : null;
}

/**
 * The page numbers a pager links to for `param` (?page=N), from link hrefs; with the current page.
 * Links to the neighbours only (plain "Previous" / "Next") say nothing about the last page: null.
 */
export function pageNumbersFromLinks(hrefs: string[], base: string, param = 'page'): { current: number; last: number | null } {
  let current = 1;
  try {
    current = Number(new URL(base).searchParams.get(param) || '1') || 1;
  } catch {
    /* not a URL */
  }
  const seen = new Set<number>();
  for (const h of hrefs) {
    try {
      const n = Number(new URL(h, base).searchParams.get(param));
      if (Number.isInteger(n) && n > 0 && n !== current) seen.add(n);
    } catch {
      /* skip */
    }
  }
  const last = seen.size ? Math.max(...seen) : null;
  return { current, last: last !== null && last > current + 1 ? last : null };
}
