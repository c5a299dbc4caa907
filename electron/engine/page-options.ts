// Crawl4AI 0.9.2's optional page steps of `_crawl_web`, each at its point of the pipeline (the
// executor calls them in order) and with its behaviour: what it waits for, what it changes in the
// page, and what a failure does (most are logged and skipped by Crawl4AI: here they become step
// warnings; export_pdf and the mouse moves are not caught there, so they fail the step). The
// page-side code lives in shared/crawl4ai/page/ (the Playwright export uses the same text).
import type { BrowserContext, Page } from 'playwright-core';
import { initScriptsFor } from '../../shared/crawl4ai/page/init-scripts.js';
import { IMAGES_COMPLETE, IMAGES_SETTLE_MS, IMAGES_WAIT_MS, adjustedHeight, adjustedScale } from '../../shared/crawl4ai/page/images.js';
import { FRAME_BODY_HTML, IFRAME_LOAD_TIMEOUT_MS, iframeId, inlineIframe } from '../../shared/crawl4ai/page/iframes.js';
import { REMOVE_CONSENT_POPUPS } from '../../shared/crawl4ai/page/consent.js';
import { REMOVE_OVERLAY_ELEMENTS, cleanerCall } from '../../shared/crawl4ai/page/overlays.js';
import { FLATTEN_SHADOW_DOM } from '../../shared/crawl4ai/page/shadow-dom.js';
import { VIRTUAL_SCROLL, virtualScrollDict, type VirtualScroll } from '../../shared/crawl4ai/page/virtual-scroll.js';
import { AbortedError, StepFailure, abortable, boundedEvaluate } from './page-ops.js';
import { pollExpression } from './page-scripts.js';
import { firstLine, sleep, withTimeout } from './timeouts.js';

type Warn = (message: string) => void;

const injected = new WeakMap<BrowserContext, Set<string>>();

/**
 * The navigator-override and open-shadow-root init scripts, added to the page's context once
 * (Crawl4AI marks the context and never adds them twice). They apply to the NEXT documents of
 * every page of that context, as in Crawl4AI: a js_only step's current page is not changed.
 */
export async function addInitScripts(context: BrowserContext, c: Parameters<typeof initScriptsFor>[0]): Promise<void> {
  const done = injected.get(context) ?? new Set<string>();
  injected.set(context, done);
  for (const s of initScriptsFor(c)) {
    if (done.has(s.name)) continue;
    done.add(s.name);
    await context.addInitScript(s.source);
  }
}

const rethrowAbort = (e: unknown) => {
  if (e instanceof AbortedError) throw e;
};

/**
 * wait_for_images / adjust_viewport_to_content's shared wait: domcontentloaded (Playwright's
 * default 30 s; a timeout there is not caught by Crawl4AI), 100 ms, then img.complete polled for 1 s.
 */
export async function waitForImages(page: Page, signal: AbortSignal, warn: Warn): Promise<void> {
  try {
    await abortable(page.waitForLoadState('domcontentloaded', { timeout: 30_000 }), signal);
  } catch (e) {
    rethrowAbort(e);
    throw new StepFailure(`Page.wait_for_load_state: ${firstLine(e)}`, { phase: 'wait_for_images' });
  }
  await abortable(sleep(IMAGES_SETTLE_MS, signal), signal);
  const loaded = await boundedEvaluate(page, pollExpression(IMAGES_COMPLETE, IMAGES_WAIT_MS), IMAGES_WAIT_MS + 5000, 'wait_for_images', signal).catch((e) => {
    rethrowAbort(e);
    return false; // csp_compliant_wait answers False on any other error
  });
  if (!loaded) warn('wait_for_images: some images were still loading after 1 s; Crawl4AI logs "Some images failed to load within timeout" and goes on, as here');
}

/**
 * adjust_viewport_to_content: viewport (BrowserConfig width, width × pageWidth / pageHeight × 0.95),
 * then a CDP session of its own sets the device metrics to the page size at the scale that fits,
 * and detaches (which drops that override: the page keeps the new width and falls back to the
 * window's height — what Crawl4AI's same calls give). Errors are warnings (Crawl4AI logs them).
 */
export async function adjustViewport(page: Page, viewportWidth: number, warn: Warn): Promise<void> {
  try {
    const dims = (await page.evaluate('(() => { const { scrollWidth, scrollHeight } = document.documentElement; return { width: scrollWidth, height: scrollHeight }; })()')) as {
      width: number;
      height: number;
    };
    const height = adjustedHeight(viewportWidth, dims);
    await page.setViewportSize({ width: viewportWidth, height });
    const scale = adjustedScale(viewportWidth, height, dims);
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Emulation.setDeviceMetricsOverride', { width: dims.width, height: dims.height, deviceScaleFactor: 1, mobile: false, scale });
    await cdp.detach();
  } catch (e) {
    warn(`adjust_viewport_to_content failed: ${firstLine(e)} (Crawl4AI logs "Failed to adjust viewport to content" and goes on)`);
  }
}

/** simulate_user / magic: two mouse moves and a wheel turn at random points in Crawl4AI's ranges (errors fail the step there too). */
export async function simulateUser(page: Page, random: (lo: number, hi: number) => number = randint): Promise<void> {
  try {
    await page.mouse.move(random(100, 300), random(150, 300));
    await page.mouse.move(random(300, 600), random(200, 400));
    await page.mouse.wheel(0, random(200, 400));
  } catch (e) {
    throw new StepFailure(`simulate_user failed: ${firstLine(e)}`, { phase: 'simulate_user' });
  }
}

/** Python's random.randint: both ends included. */
export const randint = (lo: number, hi: number): number => lo + Math.floor(Math.random() * (hi - lo + 1));

/** virtual_scroll_config; bounded by its own scrolls plus page_timeout (Crawl4AI has no bound). */
export async function virtualScroll(page: Page, config: VirtualScroll, pageTimeout: number, signal: AbortSignal, warn: Warn): Promise<void> {
  const dict = virtualScrollDict(config);
  const ms = dict.scroll_count * dict.wait_after_scroll * 1000 + pageTimeout;
  try {
    await boundedEvaluate(page, `(${VIRTUAL_SCROLL})(${JSON.stringify(dict)})`, ms, 'virtual_scroll_config', signal);
  } catch (e) {
    rethrowAbort(e);
    warn(`virtual_scroll_config failed: ${firstLine(e)} (Crawl4AI logs "Virtual scroll capture failed" and goes on)`);
  }
}

/** process_iframes: every top-level <iframe>, in order (see shared/crawl4ai/page/iframes.ts). */
export async function processIframes(page: Page, pageTimeout: number, signal: AbortSignal, warn: Warn): Promise<void> {
  const handles = await abortable(page.$$('iframe'), signal);
  for (const [i, iframe] of handles.entries()) {
    try {
      await abortable(
        iframe.evaluate((el, id) => void (el.id = id), iframeId(i)),
        signal,
      );
      const frame = await abortable(iframe.contentFrame(), signal);
      if (!frame) {
        warn(`process_iframes: no content frame for iframe ${i}; left in place (Crawl4AI: "Could not access content frame")`);
        continue;
      }
      await abortable(frame.waitForLoadState('load', { timeout: IFRAME_LOAD_TIMEOUT_MS }), signal);
      const html = (await abortable(withTimeout(frame.evaluate(FRAME_BODY_HTML), pageTimeout, 'reading the iframe'), signal)) as string;
      await boundedEvaluate(page, `(${inlineIframe(i, html)})()`, pageTimeout, `process_iframes[${i}]`, signal);
    } catch (e) {
      rethrowAbort(e);
      warn(`process_iframes: iframe ${i} was not inlined: ${firstLine(e)} (Crawl4AI logs "Error processing iframe" and goes on)`);
    } finally {
      void iframe.dispose().catch(() => undefined);
    }
  }
}

/** remove_consent_popups / remove_overlay_elements: the cleaner in Crawl4AI's wrapper, then 500 ms. */
export async function runCleaner(page: Page, which: 'remove_consent_popups' | 'remove_overlay_elements', pageTimeout: number, signal: AbortSignal, warn: Warn): Promise<void> {
  const fn = which === 'remove_consent_popups' ? REMOVE_CONSENT_POPUPS : REMOVE_OVERLAY_ELEMENTS;
  try {
    const r = (await boundedEvaluate(page, cleanerCall(fn), pageTimeout, which, signal)) as { success?: boolean; error?: string } | undefined;
    // Crawl4AI does not look at this answer; shown so a page that breaks the cleaner is visible.
    if (r && r.success === false) warn(`${which}: the cleaner stopped with ${r.error ?? 'an error'} (Crawl4AI ignores this silently; what it removed before stays removed)`);
    await abortable(sleep(500, signal), signal);
  } catch (e) {
    rethrowAbort(e);
    warn(`${which} failed: ${firstLine(e)} (Crawl4AI logs it and goes on)`);
  }
}

/** flatten_shadow_dom's capture; "" or a non-string answer falls back to page.content() with a warning, as in Crawl4AI. */
export async function captureFlattened(page: Page, warn: Warn): Promise<string> {
  const html: unknown = await page.evaluate(FLATTEN_SHADOW_DOM);
  if (typeof html === 'string' && html) return html;
  warn('flatten_shadow_dom: the serialiser returned no content; fell back to page.content() (as Crawl4AI does)');
  return page.content();
}

/** pdf: page.pdf(print_background=True); not caught by Crawl4AI, so a failure fails the step. */
export async function exportPdf(page: Page, pageTimeout: number): Promise<Buffer> {
  try {
    return await withTimeout(page.pdf({ printBackground: true }), pageTimeout, 'pdf');
  } catch (e) {
    throw new StepFailure(`pdf failed: ${firstLine(e)}`, { phase: 'pdf' });
  }
}

/**
 * capture_mhtml: domcontentloaded (5 s) and networkidle (5 s), 1 s, two animation frames — a
 * timeout there is only a warning — then CDP Page.captureSnapshot. Any other failure: no MHTML,
 * a warning (Crawl4AI returns None and logs it).
 */
export async function captureMhtml(page: Page, signal: AbortSignal, warn: Warn): Promise<string | undefined> {
  try {
    try {
      await abortable(page.waitForLoadState('domcontentloaded', { timeout: 5000 }), signal);
      await abortable(page.waitForLoadState('networkidle', { timeout: 5000 }), signal);
      await abortable(sleep(1000, signal), signal);
      await abortable(page.evaluate('new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)))'), signal);
    } catch (e) {
      rethrowAbort(e);
      warn(`capture_mhtml: waiting for the page timed out (${firstLine(e)}); captured anyway, as Crawl4AI does`);
    }
    const cdp = await page.context().newCDPSession(page);
    const r = (await withTimeout(cdp.send('Page.captureSnapshot', { format: 'mhtml' }), 60_000, 'MHTML snapshot')) as { data?: string };
    await cdp.detach().catch(() => undefined);
    return r.data;
  } catch (e) {
    rethrowAbort(e);
    warn(`capture_mhtml failed: ${firstLine(e)}; no MHTML (Crawl4AI returns None)`);
    return undefined;
  }
}
