// The schema tester: capture the session page as the step would, extract in the worker, measure the
// same selectors in the live browser, and explain where the two engines disagree.
import type { Page } from 'playwright-core';
import { ApiError } from '../../shared/api/define.js';
import type { CountMismatch, SchemaTestResult } from '../../shared/api/domains/schema.js';
import { JsonCssSchemaSchema, type JsonCssField, type JsonCssSchema } from '../../shared/extract/schema.js';
import { fromZodIssues, type ValidationIssue } from '../../shared/flow/issues.js';
import { captureHtml, type CaptureWarning } from '../engine/capture.js';
import type { ExtractPool } from './extract-pool.js';
import { browserCounts, type FieldChain } from './page-ops.js';
import { coverageFromItems, normalizeDiagnostics, normalizeLint } from './results.js';

export function parseSchema(schema: unknown): { schema: JsonCssSchema | null; issues: ValidationIssue[] } {
  const r = JsonCssSchemaSchema.safeParse(schema);
  return r.success ? { schema: r.data, issues: [] } : { schema: null, issues: fromZodIssues(r.error.issues, JsonCssSchemaSchema, schema) };
}

export function requireSchema(schema: unknown): JsonCssSchema {
  const p = parseSchema(schema);
  if (!p.schema) throw new ApiError('bad_args', `invalid schema:\n${p.issues.map((i) => `${i.path || '(root)'}: ${i.message}`).join('\n')}`, p.issues);
  return p.schema;
}

/** Field selector chains for browser counts: top-level and nested (not inside lists) fields with a selector. */
export function fieldChains(schema: JsonCssSchema): FieldChain[] {
  const out: FieldChain[] = [];
  const walk = (fields: JsonCssField[] | undefined, prefix: string, chain: string[]) => {
    (fields ?? []).forEach((f, i) => {
      const path = `${prefix}[${i}]`;
      const c = f.selector ? [...chain, f.selector] : chain;
      if (f.selector) out.push({ path, chain: c });
      if (f.type === 'nested' && f.fields) walk(f.fields, `${path}.fields`, c);
    });
  };
  walk(schema.baseFields, 'baseFields', []);
  walk(schema.fields, 'fields', []);
  return out;
}

type ExplainFn = (selector: string, browserCount: number, crawl4aiCount: number) => string | { reason?: string; message?: string } | null | undefined;
let explainMod: Promise<ExplainFn | null> | undefined;
function loadExplain(): Promise<ExplainFn | null> {
  const spec = '../../shared/extract/diagnostics.js';
  explainMod ??= import(spec).then(
    (m: { explainCountMismatch?: ExplainFn }) => m.explainCountMismatch ?? null,
    () => null,
  );
  return explainMod;
}

/** Our own fallback reasons, used when the extractor's explainer is not available or says nothing. */
export function fallbackReason(selector: string, browserCount: number, crawl4aiCount: number): string {
  if (/\btbody\b/.test(selector) || (/>\s*tr\b/.test(selector) && crawl4aiCount < browserCount))
    return 'Tables: the browser inserts <tbody> where the source HTML has none; lxml (Crawl4AI) parses the captured HTML again and the two trees can differ around tables.';
  if (/:(eq|first|last|gt|lt|even|odd|contains)\b/.test(selector)) return 'The selector uses a pseudo-class that soupsieve (Crawl4AI) and the browser treat differently.';
  if (crawl4aiCount < browserCount)
    return 'Elements the browser sees but the captured HTML does not contain (shadow DOM, <template> content, elements outside css_selector) or that lxml re-parses differently (invalid nesting, e.g. a <div> inside a <p>).';
  return 'The captured HTML contains more matches than the live DOM (css_selector parts that overlap duplicate elements, or markup in <noscript>/<textarea> that lxml parses as elements).';
}

async function explain(selector: string, path: string, browserCount: number, crawl4aiCount: number): Promise<CountMismatch> {
  let reason: string | undefined;
  const fn = await loadExplain();
  if (fn) {
    try {
      const r = fn(selector, browserCount, crawl4aiCount);
      reason = typeof r === 'string' ? r : (r?.reason ?? r?.message);
    } catch {
      reason = undefined;
    }
  }
  return { selector, path, browserCount, crawl4aiCount, reason: reason || fallbackReason(selector, browserCount, crawl4aiCount) };
}

export interface TestArgs {
  page: Page;
  schema: unknown;
  cssSelector?: string;
  pool: ExtractPool;
  /** Lane for superseding queued runs of the same tester. */
  lane: string;
}

export async function testSchemaOnPage({ page, schema: rawSchema, cssSelector, pool, lane }: TestArgs): Promise<SchemaTestResult> {
  const url = page.url();
  const timing = { captureMs: 0, extractMs: 0, browserMs: 0, htmlBytes: 0 };
  const { schema, issues } = parseSchema(rawSchema);
  const empty: SchemaTestResult = { ok: false, issues, url, extracted_content: null, items: null, diagnostics: null, mismatches: [], captureWarnings: [], timing };
  if (!schema) return { ...empty, error: 'The schema is not valid (see the issues).' };

  const warnings: CaptureWarning[] = [];
  let t = performance.now();
  let html: string;
  try {
    html = await captureHtml(page, cssSelector, warnings);
  } catch (e) {
    return { ...empty, error: `Could not capture the page: ${e instanceof Error ? e.message : String(e)}` };
  }
  timing.captureMs = performance.now() - t;
  timing.htmlBytes = Buffer.byteLength(html);

  // Browser counts run in the page while the worker extracts.
  t = performance.now();
  const browserP = browserCounts(page, { base: schema.baseSelector, cssSelector, fields: fieldChains(schema) })
    .then((r) => ((timing.browserMs = performance.now() - t), r))
    .catch(() => null);
  const chains = fieldChains(schema);
  const r = await pool.run({ html, schema, diagnose: true, chains }, lane);
  timing.extractMs = r.ms;
  const browser = await browserP;

  const diag = normalizeDiagnostics(r.diagnostics);
  // Our own soupsieve-semantics counts fill what the extractor's diagnostics do not provide.
  if (r.counts) {
    diag.baseCount ??= r.counts.baseCount;
    if (!diag.samples.length) diag.samples = r.counts.samples;
    for (const f of r.counts.fields) if (!diag.fieldMatches.has(f.path)) diag.fieldMatches.set(f.path, f.items);
  }
  const lint = normalizeLint(r.lint);
  const coverage = coverageFromItems(schema, r.items ?? []).map((c) => ({
    ...c,
    ...(diag.coverage.get(c.path) ?? {}),
    browserItems: browser?.fields.find((f) => f.path === c.path)?.items ?? null,
  }));
  const baseCount = diag.baseCount ?? r.items?.length ?? 0;

  const mismatches: CountMismatch[] = [];
  if (browser && !browser.error && diag.baseCount !== null && browser.baseCount !== diag.baseCount)
    mismatches.push(await explain(schema.baseSelector, 'baseSelector', browser.baseCount, diag.baseCount));
  if (browser && diag.baseCount !== null && browser.baseCount === diag.baseCount) {
    // Per-field: only when both sides count the same items, else every field would disagree too.
    for (const f of browser.fields) {
      const c4 = diag.fieldMatches.get(f.path);
      if (c4 !== undefined && c4 !== f.items) {
        const sel = chains.find((x) => x.path === f.path)?.chain.join(' → ') ?? '';
        mismatches.push(await explain(sel, f.path, f.items, c4));
      }
    }
  }

  return {
    ok: r.ok,
    error: r.error,
    issues,
    url,
    extracted_content: r.extracted_content,
    items: r.items,
    diagnostics: { baseCount, fields: coverage, lint, samples: diag.samples },
    mismatches,
    captureWarnings: warnings.map((w) => w.message),
    timing,
  };
}
