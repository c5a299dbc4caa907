// The extraction job the schema tester runs (in a worker thread, or in-process as a fallback):
// Crawl4AI-faithful extraction plus the extractor's diagnostics and lint. Kept free of worker
// plumbing so both paths run exactly the same code.
import type { JsonCssSchema } from '../../shared/extract/schema.js';

export interface ExtractJob {
  html: string;
  schema: JsonCssSchema;
  /** Also run diagnoseSchema/lintSchema (the tester wants them; snapshot runs only need items). */
  diagnose: boolean;
  /** Field selector chains to count on Crawl4AI's side (items in which each chain matches). */
  chains?: { path: string; chain: string[] }[];
}

export interface Crawl4aiCounts {
  baseCount: number;
  fields: { path: string; items: number }[];
  /** outerHTML of the first items (shortened), as Crawl4AI's parser sees them. */
  samples: string[];
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
  /** Match counts with the extractor's own parser and selector engine (soupsieve semantics). */
  counts?: Crawl4aiCounts;
  ms: number;
}

interface ExtractModule {
  extractJsonCss(html: string, schema: JsonCssSchema): { extracted_content: string; items: unknown[] };
}
interface SelectModule {
  compileSelector(sel: string): { select(root: unknown): unknown[]; selectFirst(root: unknown): unknown };
}
interface ParseModule {
  parseHtml(html: string): unknown;
}
interface SerializeModule {
  outerHtml(node: unknown): string;
}
interface DiagnosticsModule {
  diagnoseSchema?(html: string, schema: JsonCssSchema): unknown;
  lintSchema?(schema: JsonCssSchema): unknown;
}

let mods: Promise<{ extract: ExtractModule; diag: DiagnosticsModule | null; parse: ParseModule | null; select: SelectModule | null; serialize: SerializeModule | null }> | undefined;

function loadModules() {
  // Variable specifiers: the tester type-checks and loads even while the extractor is in progress;
  // a missing extractor becomes a clear error on the first run, not a crash at startup.
  const extractSpec = '../../shared/extract/index.js';
  const diagSpec = '../../shared/extract/diagnostics.js';
  mods ??= (async () => {
    const extract = (await import(extractSpec)) as ExtractModule;
    if (typeof extract.extractJsonCss !== 'function') throw new Error('shared/extract/index does not export extractJsonCss(html, schema)');
    const diag = (await import(diagSpec).catch(() => null)) as DiagnosticsModule | null;
    const parse = (await import('../../shared/extract/parse.js').catch(() => null)) as ParseModule | null;
    const select = (await import('../../shared/extract/select.js').catch(() => null)) as SelectModule | null;
    const serialize = (await import('../../shared/extract/serialize.js').catch(() => null)) as SerializeModule | null;
    return { extract, diag, parse, select, serialize };
  })().catch((e) => {
    mods = undefined;
    throw e;
  });
  return mods;
}

const COUNT_FIELDS_MAX_HTML = 1_000_000;

export async function runExtractJob(job: ExtractJob): Promise<ExtractJobResult> {
  const t0 = performance.now();
  const { extract, diag, parse, select, serialize } = await loadModules();
  let lint: unknown;
  let diagnostics: unknown;
  let counts: Crawl4aiCounts | undefined;
  // Per-field Crawl4AI counts cost one more parse; on big pages (2,000 products ≈ 2 MB) that is a
  // third of the run, so there only the base count (from diagnoseSchema) is compared.
  if (job.chains && parse && select && (job.html.length <= COUNT_FIELDS_MAX_HTML || !diag?.diagnoseSchema)) {
    try {
      counts = countMatches(parse, select, serialize, job.html, job.schema.baseSelector, job.chains);
    } catch {
      counts = undefined; // an invalid selector: the extraction below reports it
    }
  }
  if (job.diagnose && diag?.diagnoseSchema) {
    // diagnoseSchema runs the very same extraction (with a tracer) and returns Crawl4AI's exact
    // extracted_content, so the tester extracts once, not twice.
    try {
      const d = diag.diagnoseSchema(job.html, job.schema) as DiagnosisLike;
      lint = d.lint;
      if (d.error) return { ok: false, error: `${d.error.pyType ? `${d.error.pyType}: ` : ''}${d.error.message}${d.error.path ? ` (at ${d.error.path})` : ''}`, extracted_content: null, items: null, diagnostics: d, lint, counts, ms: performance.now() - t0 };
      if (typeof d.extracted_content === 'string') {
        return { ok: true, extracted_content: d.extracted_content, items: JSON.parse(d.extracted_content) as unknown[], diagnostics: d, lint, counts, ms: performance.now() - t0 };
      }
      diagnostics = d;
    } catch {
      diagnostics = undefined; // fall through to the plain extraction, which reports the error
    }
  }
  if (job.diagnose && diag?.lintSchema && lint === undefined) {
    try {
      lint = diag.lintSchema(job.schema);
    } catch {
      lint = undefined;
    }
  }
  try {
    const r = extract.extractJsonCss(job.html, job.schema);
    return { ok: true, extracted_content: r.extracted_content, items: r.items, diagnostics, lint, counts, ms: performance.now() - t0 };
  } catch (e) {
    // ExtractionError: Crawl4AI fails the same way (e.g. a transform error in baseFields).
    return { ok: false, error: e instanceof Error ? e.message : String(e), extracted_content: null, items: null, diagnostics, lint, counts, ms: performance.now() - t0 };
  }
}

interface DiagnosisLike {
  lint?: unknown;
  extracted_content?: string;
  error?: { path?: string; message: string; pyType?: string };
}

/** Base and per-field match counts as Crawl4AI's select() sees the captured HTML (first match per chain step). */
function countMatches(parse: ParseModule, select: SelectModule, serialize: SerializeModule | null, html: string, base: string, chains: { path: string; chain: string[] }[]): Crawl4aiCounts {
  const doc = parse.parseHtml(html);
  const items = select.compileSelector(base).select(doc);
  const fields = chains.map(({ path, chain }) => {
    let n = 0;
    let compiled: { selectFirst(root: unknown): unknown }[];
    try {
      compiled = chain.map((c) => select.compileSelector(c));
    } catch {
      return { path, items: 0 };
    }
    for (const it of items) {
      let cur: unknown = it;
      for (const c of compiled) {
        cur = cur ? c.selectFirst(cur) : undefined;
        if (!cur) break;
      }
      if (cur) n++;
    }
    return { path, items: n };
  });
  const SAMPLE_MAX = 4000;
  const samples = serialize
    ? items.slice(0, 3).map((it) => {
        const h = serialize.outerHtml(it);
        return h.length > SAMPLE_MAX ? `${h.slice(0, SAMPLE_MAX)}…` : h;
      })
    : [];
  return { baseCount: items.length, fields, samples };
}
