// Console messages and network requests seen by a page during one step (Crawl4AI's
// capture_console_messages / capture_network_requests, always on here). Listeners are removed
// when the step ends, as Crawl4AI removes its handlers in `finally`. Entries are capped.
import type { ConsoleMessage, Page, Request, Response } from 'playwright-core';
import type { StepResult } from '../../shared/api/domains/run.js';
import type { Masker } from './secrets.js';

const MAX_ENTRIES = 500;

export function attachRecorders(page: Page, result: StepResult, masker: Masker): () => void {
  const byRequest = new Map<Request, StepResult['network'][number]>();
  const onConsole = (m: ConsoleMessage) => {
    if (result.console.length < MAX_ENTRIES) result.console.push({ type: m.type(), text: masker.text(m.text()), ts: Date.now() });
  };
  const onPageError = (e: Error) => {
    if (result.console.length < MAX_ENTRIES) result.console.push({ type: 'pageerror', text: masker.text(e.message), ts: Date.now() });
  };
  const onRequest = (r: Request) => {
    if (result.network.length >= MAX_ENTRIES) return;
    const entry = { method: r.method(), url: masker.text(r.url()), resourceType: r.resourceType(), status: null as number | null, ts: Date.now() };
    byRequest.set(r, entry);
    result.network.push(entry);
  };
  const onResponse = (r: Response) => {
    const e = byRequest.get(r.request());
    if (e) e.status = r.status();
  };
  const onFailed = (r: Request) => {
    const e = byRequest.get(r);
    if (e) (e as { failure?: string }).failure = r.failure()?.errorText ?? 'failed';
  };
  page.on('console', onConsole);
  page.on('pageerror', onPageError);
  page.on('request', onRequest);
  page.on('response', onResponse);
  page.on('requestfailed', onFailed);
  return () => {
    page.off('console', onConsole);
    page.off('pageerror', onPageError);
    page.off('request', onRequest);
    page.off('response', onResponse);
    page.off('requestfailed', onFailed);
  };
}
