// Exporters and importers (shared/export). Owned by the export work.
import { z } from 'zod';
import { call } from '../define.js';
import { FlowSchema, StepSchema } from '../../flow/schema.js';
import { IssueSchema } from './flow.js';
import { COMPANION_FILES } from '../../export/companions.js';

export const EXPORT_FORMATS = ['json', 'crawl4ai-python', 'crawl4ai-config', 'playwright'] as const;

export const ExportResultSchema = z.object({
  text: z.string(),
  /** Suggested file name (`<flow-slug>.py`, `.mjs`, `.crawl4ai.json`, `.flow.json`). */
  fileName: z.string(),
  /** What the format approximates or leaves out; also written as comments into `text`. */
  notes: z.array(z.string()),
  /** Files the export needs in its own folder (the Playwright export's extractor); export.save writes them. */
  companions: z.array(z.enum(COMPANION_FILES)).optional(),
});

export const ImportResultSchema = z.object({
  /** flow: a Crawlwright flow or the crawl4ai-config export; python-script: a Crawl4AI script → a flow; schema / crawler-config: one step. */
  kind: z.enum(['flow', 'schema', 'crawler-config', 'python-script', 'unknown']),
  flow: FlowSchema.optional(),
  step: StepSchema.optional(),
  /** What was not carried over (unsupported parameters, lint warnings). */
  notes: z.array(z.string()),
  /** Path-named problems; when non-empty neither flow nor step is returned. */
  errors: z.array(IssueSchema),
});

export const exportCalls = {
  /** Render a flow in one format. `flow` is validated here (bad_args with path-named issues). */
  'export.render': call(z.object({ flow: z.unknown(), format: z.enum(EXPORT_FORMATS) }).strict(), ExportResultSchema),
  /**
   * Write an export to a file (atomic), and its companions (from Crawlwright's own build, never from
   * the caller) into the same folder. The renderer gets the path from dialog.save or fs.list.
   */
  'export.save': call(
    z.object({ path: z.string().min(1), text: z.string(), companions: z.array(z.enum(COMPANION_FILES)).optional() }).strict(),
    z.object({ path: z.string(), written: z.array(z.string()) }),
  ),
  /** A companion file's text (web mode downloads it next to the export; the desktop app's export.save writes it). */
  'export.companion': call(z.object({ name: z.enum(COMPANION_FILES) }).strict(), z.object({ text: z.string() })),
  /** Read a flow JSON, a Crawl4AI JsonCss schema, a CrawlerRunConfig dump or a Crawl4AI Python script (parsed, never run). Never fails on bad input. */
  'import.parse': call(z.object({ text: z.string() }).strict(), ImportResultSchema),
};

export const exportEvents = {};
