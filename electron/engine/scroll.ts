// scan_full_page as Crawl4AI's _handle_full_page_scan does it: scroll by the viewport height,
// sleep scroll_delay, re-measure (lazy content grows the page), stop after max_scroll_steps
// (unset = 10, despite Crawl4AI's docstring) or at the bottom; capped at page_timeout; ends at the bottom.
import type { Page } from 'playwright-core';
import { abortable } from './page-ops.js';
import { sleep, withTimeout } from './timeouts.js';

export async function scanFullPage(page: Page, o: { scrollDelayS: number; maxSteps: number; capMs: number; signal?: AbortSignal }): Promise<void> {
  const deadline = Date.now() + o.capMs;
  const scan = async () => {
    const vh = (await page.evaluate('window.innerHeight')) as number;
    let pos = 0;
    for (let step = 0; step < o.maxSteps && Date.now() < deadline; step++) {
      pos += vh;
      await page.evaluate(`window.scrollTo(0, ${pos})`);
      await sleep(o.scrollDelayS * 1000, o.signal);
      const total = (await page.evaluate('document.documentElement.scrollHeight')) as number;
      if (pos + vh >= total) break;
    }
    await page.evaluate('window.scrollTo(0, document.documentElement.scrollHeight)');
  };
  await abortable(withTimeout(scan(), o.capMs + 1000, 'scan_full_page'), o.signal).catch((e) => {
    if ((e as Error).name === 'AbortedError') throw e;
  });
}
