// scan_full_page as Crawl4AI's _handle_full_page_scan does it: scroll to one viewport height,
// then step by the viewport height (clamped to the page height, which is re-measured after every
// step: lazy content grows the page) until the bottom or max_scroll_steps (unset = 10 in 0.9.2,
// despite its docstring); every scroll is followed by a scroll_delay sleep. Then a jump to the
// top and, when the scan did not fail, to the bottom, each followed by safe_scroll's default
// 0.1 s. So the page sees the positions vh, 2vh, …, 0, bottom (case 047). Capped at page_timeout.
import type { Page } from 'playwright-core';
import { abortable } from './page-ops.js';
import { sleep, withTimeout } from './timeouts.js';

const SAFE_SCROLL_DELAY_S = 0.1;

export async function scanFullPage(page: Page, o: { scrollDelayS: number; maxSteps: number; capMs: number; signal?: AbortSignal }): Promise<void> {
  const scrollTo = async (y: number, delayS: number) => {
    await page.evaluate(`window.scrollTo(0, ${y})`);
    if (delayS > 0) await sleep(delayS * 1000, o.signal);
  };
  const height = async () => (await page.evaluate('document.documentElement.scrollHeight')) as number;
  let total = 0;
  const deadline = Date.now() + o.capMs;
  const scan = async () => {
    const vh = page.viewportSize()?.height ?? ((await page.evaluate('window.innerHeight')) as number);
    let pos = vh;
    await scrollTo(pos, o.scrollDelayS);
    total = await height();
    for (let steps = 0; pos < total && steps < o.maxSteps && Date.now() < deadline; steps++) {
      pos = Math.min(pos + vh, total);
      await scrollTo(pos, o.scrollDelayS);
      total = Math.max(total, await height());
    }
    await scrollTo(0, SAFE_SCROLL_DELAY_S);
  };
  let ok = true;
  await abortable(withTimeout(scan(), o.capMs + 1000, 'scan_full_page'), o.signal).catch((e) => {
    if ((e as Error).name === 'AbortedError') throw e;
    ok = false; // Crawl4AI logs a warning and skips the final jump to the bottom
  });
  if (ok) await abortable(scrollTo(total, SAFE_SCROLL_DELAY_S), o.signal);
}
