// The extraction jobs (in a worker thread, or in-process as a fallback): the runner's extraction
// of one step (extractForRun) and the schema tester's job (Crawl4AI-faithful extraction plus the
// extractor's diagnostics and lint). Kept free of worker plumbing so both paths run the same code.
import type { Element as HtmlElement } from 'domhandler';
import type { JsonCssSchema } from '../../shared/extract/schema.js';
import { extractItems, extractJsonCss } from '../../shared/extract/index.js';
import { pyJsonDumps, type PyValue } from '../../shared/extract/pyjson.js';
import { fieldOrder, PROGRESS_COUNT, PROGRESS_LAST, PROGRESS_STAGE, STAGE_EXTRACT, STAGE_PARSE, STAGE_SERIALIZE } from './extract-progress.js';
import { diagnoseSchema, type SchemaDiagnosis } from '../../shared/extract/diagnostics.js';
import { lintSchema, type SchemaLint } from '../../shared/extract/lint.js';
import { parseHtml } from '../../shared/extract/parse.js';
import { compileSelector } from '../../shared/extract/select.js';
import { outerHtml } from '../../shared/extract/serialize.js';

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
  diagnostics?: SchemaDiagnosis;
  lint?: SchemaLint[];
  /** Match counts with the extractor's own parser and selector engine (soupsieve semantics). */
  counts?: Crawl4aiCounts;
  ms: number;
}

const COUNT_FIELDS_MAX_HTML = 1_000_000;

export interface RunExtractResult {
  /** Exactly Crawl4AI's extracted_content. */
  extracted_content: string;
  /** Only when JSON.parse cannot read extracted_content (NaN/Infinity from a float default). */
  items?: unknown[];
}

/**
 * The runner's extraction of one step, reporting its stage and (with `trace`) each finished field
 * into `progress` (shared memory read by the pool when the job runs out of time, see
 * extract-progress.ts). The items go
 * back as extracted_content only: parsing that string is several times cheaper than cloning the
 * item objects across threads.
 */
export function extractForRun(html: string, schema: JsonCssSchema, progress?: Int32Array, trace = false): RunExtractResult {
  if (progress) Atomics.store(progress, PROGRESS_STAGE, STAGE_PARSE);
  const doc = parseHtml(html);
  let tracer: Parameters<typeof extractItems>[2];
  if (progress && trace) {
    const index = new Map(fieldOrder(schema).map((f, i) => [f.path, i]));
    tracer = {
      field(path) {
        const i = index.get(path);
        if (i !== undefined) Atomics.store(progress, PROGRESS_LAST, i);
        Atomics.add(progress, PROGRESS_COUNT, 1);
      },
    };
  }
  if (progress) Atomics.store(progress, PROGRESS_STAGE, STAGE_EXTRACT);
  const items = extractItems(doc, schema, tracer);
  if (progress) Atomics.store(progress, PROGRESS_STAGE, STAGE_SERIALIZE);
  const extracted_content = pyJsonDumps(items as unknown as PyValue);
  // Python's json.dumps writes NaN/Infinity for such floats; JSON.parse cannot read them back.
  return /\b(NaN|Infinity)\b/.test(extracted_content) ? { extracted_content, items: extractJsonCss(html, schema).items } : { extracted_content };
}

export async function runExtractJob(job: ExtractJob): Promise<ExtractJobResult> {
  const t0 = performance.now();
  let counts: Crawl4aiCounts | undefined;
  // Per-field Crawl4AI counts cost one more parse; on big pages (2,000 products ≈ 2 MB) that is a
  // third of the run, so there only the base count (from diagnoseSchema) is compared.
  if (job.chains && job.html.length <= COUNT_FIELDS_MAX_HTML) {
    try {
      counts = countMatches(job.html, job.schema.baseSelector, job.chains);
    } catch {
      counts = undefined; // an invalid selector: the extraction below reports it
    }
  }
  const failed = (e: unknown, lint?: SchemaLint[]): ExtractJobResult => ({
    ok: false,
    error: e instanceof Error ? e.message : String(e),
    extracted_content: null,
    items: null,
    lint,
    counts,
    ms: performance.now() - t0,
  });
  if (job.diagnose) {
    // diagnoseSchema runs the very same extraction (with a tracer) and returns Crawl4AI's exact
    // extracted_content or its error, so the tester extracts once, not twice.
    let d: SchemaDiagnosis;
    try {
      d = diagnoseSchema(job.html, job.schema);
    } catch (e) {
      return failed(e, lintSchema(job.schema)); // not an ExtractionError: a bug, reported, not thrown
    }
    const ms = performance.now() - t0;
    if (d.error || d.extracted_content === undefined) {
      const err = d.error ? `${d.error.pyType ? `${d.error.pyType}: ` : ''}${d.error.message}${d.error.path ? ` (at ${d.error.path})` : ''}` : 'extraction failed';
      return { ok: false, error: err, extracted_content: null, items: null, diagnostics: d, lint: d.lint, counts, ms };
    }
    return { ok: true, extracted_content: d.extracted_content, items: JSON.parse(d.extracted_content) as unknown[], diagnostics: d, lint: d.lint, counts, ms };
  }
  try {
    const r = extractJsonCss(job.html, job.schema);
    return { ok: true, extracted_content: r.extracted_content, items: r.items, counts, ms: performance.now() - t0 };
  } catch (e) {
    return failed(e); // ExtractionError: Crawl4AI fails the same way (e.g. a transform error in baseFields)
  }
}

/** Base and per-field match counts as Crawl4AI's select() sees the captured HTML (first match per chain step). */
function countMatches(html: string, base: string, chains: { path: string; chain: string[] }[]): Crawl4aiCounts {
  const doc = parseHtml(html);
  const items = compileSelector(base).select(doc);
  const fields = chains.map(({ path, chain }) => {
    let n = 0;
    let compiled: ReturnType<typeof compileSelector>[];
    try {
      compiled = chain.map((c) => compileSelector(c));
    } catch {
      return { path, items: 0 };
    }
    for (const it of items) {
      let cur: HtmlElement | undefined = it;
      for (const c of compiled) {
        cur = cur ? c.selectFirst(cur) : undefined;
        if (!cur) break;
      }
      if (cur) n++;
    }
    return { path, items: n };
  });
  const SAMPLE_MAX = 4000;
  const samples = items.slice(0, 3).map((it) => {
    const h = outerHtml(it);
    return h.length > SAMPLE_MAX ? `${h.slice(0, SAMPLE_MAX)}…` : h;
  });
  return { baseCount: items.length, fields, samples };
}
