// Exporters and importers: flow → json | crawl4ai-python | crawl4ai-config | playwright, and
// text → flow / step. Pure TypeScript (no Node APIs): used by the API handlers, the CLI and tests.
import type { Flow } from '../flow/schema.js';
import type { ExportFormat, ExportResult } from './common.js';
import { exportJson } from './json.js';
import { exportCrawl4aiPython } from './crawl4ai-python.js';
import { exportCrawl4aiPythonBatch } from './crawl4ai-python-batch.js';
import { exportCrawl4aiConfig } from './crawl4ai-config.js';
import { exportPlaywright } from './playwright.js';

export type { ExportFormat, ExportResult } from './common.js';
export { parseImport, type ImportResult } from './importers.js';

export const EXPORTERS: Record<ExportFormat, (flow: Flow) => ExportResult> = {
  json: exportJson,
  // A flow with inputs runs once per row: the batch script (arun_many with a dispatcher).
  'crawl4ai-python': (flow) => (flow.inputs ? exportCrawl4aiPythonBatch({ ...flow, inputs: flow.inputs }) : exportCrawl4aiPython(flow)),
  'crawl4ai-config': exportCrawl4aiConfig,
  playwright: exportPlaywright,
};

/** Render a validated flow in one format. */
export function renderExport(flow: Flow, format: ExportFormat): ExportResult {
  return EXPORTERS[format](flow);
}
