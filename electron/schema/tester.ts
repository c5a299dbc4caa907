// The schema tester: capture the session page as the step would, extract in the worker, measure the
// same selectors in the live browser, and explain where the two engines disagree.
import type { Page } from 'playwright-core';
import { ApiError } from '../../shared/api/define.js';
import type { CountMismatch, SchemaTestResult } from '../../shared/api/domains/schema.js';
import { JsonCssSchemaSchema, type JsonCssField, type JsonCssSchema } from '../../shared/extract/schema.js';
import { fromZodIssues, type ValidationIssue } from '../../shared/flow/issues.js';
import { captureHtml, type CaptureWarning } from '../engine/capture.js';
import { SupersededError, type ExtractPool } from './extract-pool.js';
import { browserCounts, type FieldChain } from './page-ops.js';
import { explainCountMismatch } from '../../shared/extract/diagnostics.js';
import { coverageFromDiagnosis, coverageFromItems } from './results.js';

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

function mismatch(selector: string, path: string, browserCount: number, crawl4aiCount: number): CountMismatch {
  return { selector, path, browserCount, crawl4aiCount, reason: explainCountMismatch(selector, browserCount, crawl4aiCount) };
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
  let r: Awaited<ReturnType<ExtractPool['run']>>;
  try {
    r = await pool.run({ html, schema, diagnose: true, chains }, lane);
  } catch (e) {
    if (e instanceof SupersededError) throw e;
    await browserP;
    // A timeout or a lost worker: say so (the worker was replaced; the next edit runs again).
    return { ...empty, error: e instanceof Error ? e.message : String(e), timing };
  }
  timing.extractMs = r.ms;
  const browser = await browserP;

  // Crawl4AI-side counts: the base count from the diagnosis (or, on an error, from the worker's own
  // soupsieve-semantics count), field counts and samples from the worker's count (small pages only).
  const c4aBase = r.diagnostics?.baseCount ?? r.counts?.baseCount ?? null;
  const c4aFields = new Map((r.counts?.fields ?? []).map((f) => [f.path, f.items]));
  const samples = r.counts?.samples ?? [];
  const lint = (r.lint ?? []).map(({ path, message, severity }) => ({ path, message, severity }));
  const diagCoverage = coverageFromDiagnosis(r.diagnostics);
  const coverage = coverageFromItems(schema, r.items ?? []).map((c) => ({
    ...c,
    ...(diagCoverage.get(c.path) ?? {}),
    browserItems: browser?.fields.find((f) => f.path === c.path)?.items ?? null,
  }));
  const baseCount = c4aBase ?? r.items?.length ?? 0;

  const mismatches: CountMismatch[] = [];
  if (browser && !browser.error && c4aBase !== null && browser.baseCount !== c4aBase)
    mismatches.push(mismatch(schema.baseSelector, 'baseSelector', browser.baseCount, c4aBase));
  if (browser && c4aBase !== null && browser.baseCount === c4aBase) {
    // Per-field: only when both sides count the same items, else every field would disagree too.
    for (const f of browser.fields) {
      const c4 = c4aFields.get(f.path);
      if (c4 !== undefined && c4 !== f.items) {
        const sel = chains.find((x) => x.path === f.path)?.chain.join(' → ') ?? '';
        mismatches.push(mismatch(sel, f.path, f.items, c4));
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
    diagnostics: { baseCount, fields: coverage, lint, samples },
    mismatches,
    captureWarnings: warnings.map((w) => w.message),
    timing,
  };
}
