// Schema tester and snapshots. Owned by the schema-builder work: extend as needed.
import { z } from 'zod';
import { call } from '../define.js';

export const schemaCalls = {
  /** Run a JsonCss schema on HTML with the Crawl4AI-faithful extractor. */
  'extract.html': call(
    z.object({ html: z.string(), schema: z.unknown() }).strict(),
    z.object({ ok: z.boolean(), extracted_content: z.string().nullable(), items: z.array(z.unknown()).nullable(), error: z.string().optional() }),
  ),
};

export const schemaEvents = {};
