// Bridge to the extractor (shared/extract, the one Crawl4AI-faithful JsonCss implementation).
// Loaded lazily so a missing/broken extractor only fails steps that extract, with a clear error.
import type { JsonCssSchema } from '../../shared/extract/schema.js';

export interface ExtractOutput {
  extracted_content: string;
  items: unknown[];
}

type ExtractFn = (html: string, schema: JsonCssSchema) => ExtractOutput;

let cached: Promise<ExtractFn> | undefined;

async function load(): Promise<ExtractFn> {
  // A variable specifier keeps the type-check independent of the extractor's progress.
  const spec = '../../shared/extract/index.js';
  const mod = (await import(spec)) as { extractJsonCss?: ExtractFn };
  if (typeof mod.extractJsonCss !== 'function') throw new Error('shared/extract/index.ts does not export extractJsonCss(html, schema)');
  return mod.extractJsonCss;
}

export async function extractJsonCss(html: string, schema: JsonCssSchema): Promise<ExtractOutput> {
  cached ??= load().catch((e) => {
    cached = undefined;
    throw e;
  });
  const fn = await cached;
  return fn(html, schema);
}
