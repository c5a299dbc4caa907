// How a step result's Crawl4AI verdict is put into words, once, for the CLI and the UI.
import type { StepResult } from '../api/domains/run.js';

/** "Crawl4AI would report: failed (blocked: <reason>)" or undefined when Crawl4AI agrees with the step. */
export function crawl4aiWouldReport(r: Pick<StepResult, 'success' | 'crawl4ai'>): string | undefined {
  const v = r.crawl4ai;
  if (!v || v.success === r.success) return undefined;
  if (v.blocked !== undefined) return `Crawl4AI would report: failed (blocked: ${v.blocked})`;
  return v.success ? 'Crawl4AI would report: success' : `Crawl4AI would report: failed (${v.error_message ?? 'unknown error'})`;
}

/** True when Crawl4AI would flag this step as blocked by anti-bot protection. */
export const isBlockedResult = (r: Pick<StepResult, 'crawl4ai'>): boolean => r.crawl4ai?.blocked !== undefined;
