// Bridge to the extractor (shared/extract: the one Crawl4AI-faithful JsonCss implementation).
// Extraction runs on the captured HTML, as Crawl4AI's input_format "html" does.
import type { JsonCssSchema } from '../../shared/extract/schema.js';
import { extractJsonCss as extract } from '../../shared/extract/index.js';

export interface ExtractOutput {
  extracted_content: string;
  items: unknown[];
}

export async function extractJsonCss(html: string, schema: JsonCssSchema): Promise<ExtractOutput> {
  return extract(html, schema);
}
