// Exporters and importers. Owned by the export work: extend as needed.
import { z } from 'zod';
import { call } from '../define.js';

export const EXPORT_FORMATS = ['json', 'crawl4ai-python', 'crawl4ai-config', 'playwright'] as const;

export const exportCalls = {
  'export.render': call(
    z.object({ flow: z.unknown(), format: z.enum(EXPORT_FORMATS) }).strict(),
    z.object({ text: z.string(), fileName: z.string(), notes: z.array(z.string()) }),
  ),
};

export const exportEvents = {};
