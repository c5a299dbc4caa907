// Every Crawl4AI option the step editor shows links to a Crawl4AI docs page (#16 "help where the
// user looks"); a new CrawlerRunConfig option without one fails here. Only those urls may leave the app.
import { describe, expect, it } from 'vitest';
import { StepConfigSchema } from '../../../shared/flow/schema.js';
import { crawl4aiDocsFor, DOCS_PAGES, isCrawl4aiDocsUrl } from '../../../shared/crawl4ai/docs.js';

describe('Crawl4AI docs links', () => {
  it('every StepConfig option (Crawl4AI names) and hooks have a docs.crawl4ai.com page', () => {
    const missing = [...Object.keys(StepConfigSchema.shape), 'hooks'].filter((k) => !crawl4aiDocsFor(k));
    expect(missing).toEqual([]);
    for (const k of Object.keys(StepConfigSchema.shape)) expect(crawl4aiDocsFor(k)).toMatch(/^https:\/\/docs\.crawl4ai\.com\/[a-z-]+\/[a-z-]+\/$/);
  });

  it("Crawlwright's own fields and inherited names get no link", () => {
    for (const k of ['repeat', 'actions', 'notes', 'name', 'toString', 'constructor']) expect(crawl4aiDocsFor(k), k).toBeUndefined();
  });

  it('only the listed pages count as docs urls', () => {
    for (const url of Object.values(DOCS_PAGES)) expect(isCrawl4aiDocsUrl(url)).toBe(true);
    for (const url of ['https://docs.crawl4ai.com.evil.test/api/arun/', 'http://docs.crawl4ai.com/api/arun/', 'https://docs.crawl4ai.com/api/arun/?x', 'javascript:alert(1)']) {
      expect(isCrawl4aiDocsUrl(url), url).toBe(false);
    }
  });
});
