// The extraction job the schema tester runs (in a worker thread, or in-process as a fallback):
// Crawl4AI-faithful extraction plus the extractor's diagnostics and lint. Kept free of worker
// plumbing so both paths run exactly the same code.
import type { JsonCssSchema } from '../../shared/extract/schema.js';

export interface ExtractJob {
  html: string;
  schema: JsonCssSchema;
  /** Also run diagnoseSchema/lintSchema (the tester wants them; snapshot runs only need items). */
  diagnose: boolean;
}

export interface ExtractJobResult {
  ok: boolean;
  error?: string;
  extracted_content: string | null;
  items: unknown[] | null;
  /** diagnoseSchema(html, schema) as the extractor returns it (normalised by diagnostics.ts). */
  diagnostics?: unknown;
  /** lintSchema(schema) as the extractor returns it. */
  lint?: unknown;
  ms: number;
}

interface ExtractModule {
  extractJsonCss(html: string, schema: JsonCssSchema): { extracted_content: string; items: unknown[] };
}
interface DiagnosticsModule {
  diagnoseSchema?(html: string, schema: JsonCssSchema): unknown;
  lintSchema?(schema: JsonCssSchema): unknown;
}

let mods: Promise<{ extract: ExtractModule; diag: DiagnosticsModule | null }> | undefined;

function loadModules() {
  // Variable specifiers: the tester type-checks and loads even while the extractor is in progress;
  // a missing extractor becomes a clear error on the first run, not a crash at startup.
  const extractSpec = '../../shared/extract/index.js';
  const diagSpec = '../../shared/extract/diagnostics.js';
  mods ??= (async () => {
    const extract = (await import(extractSpec)) as ExtractModule;
    if (typeof extract.extractJsonCss !== 'function') throw new Error('shared/extract/index does not export extractJsonCss(html, schema)');
    const diag = (await import(diagSpec).catch(() => null)) as DiagnosticsModule | null;
    return { extract, diag };
  })().catch((e) => {
    mods = undefined;
    throw e;
  });
  return mods;
}

export async function runExtractJob(job: ExtractJob): Promise<ExtractJobResult> {
  const t0 = performance.now();
  const { extract, diag } = await loadModules();
  let lint: unknown;
  let diagnostics: unknown;
  if (job.diagnose && diag) {
    // Diagnostics are advisory: their failure must not hide the extraction result.
    try {
      lint = diag.lintSchema?.(job.schema);
    } catch {
      lint = undefined;
    }
    try {
      diagnostics = diag.diagnoseSchema?.(job.html, job.schema);
    } catch {
      diagnostics = undefined;
    }
  }
  try {
    const r = extract.extractJsonCss(job.html, job.schema);
    return { ok: true, extracted_content: r.extracted_content, items: r.items, diagnostics, lint, ms: performance.now() - t0 };
  } catch (e) {
    // ExtractionError: Crawl4AI fails the same way (e.g. a transform error in baseFields).
    return { ok: false, error: e instanceof Error ? e.message : String(e), extracted_content: null, items: null, diagnostics, lint, ms: performance.now() - t0 };
  }
}
