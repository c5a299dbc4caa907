// HTML capture exactly as Crawl4AI's Playwright strategy builds it (crawl4ai-notes.md 1.1,
// async_crawler_strategy.py:1065-1082). Extraction runs on this string, so the wrapper must match
// byte for byte for the schema tester and the runner to agree with Crawl4AI.
import type { Page, Response } from 'playwright-core';

export interface CaptureWarning {
  selectorPart: string;
  message: string;
}

/**
 * Without a selector: page.content(). With one: split on ",", querySelectorAll each part (Crawl4AI
 * injects the part into a double-quoted JS string, so a part containing `"` breaks there and is
 * skipped with a warning — we skip it too), join the outerHTML of every match with "\n" and wrap
 * as `<div class='crawl4ai-result'>\n…\n</div>`. Note the quirk: splitting on "," also splits
 * inside `:is(a, b)` or attribute values; Crawl4AI does the same.
 */
export async function captureHtml(page: Page, cssSelector?: string, warnings?: CaptureWarning[]): Promise<string> {
  if (!cssSelector) return page.content();
  const parts = cssSelector.split(',').map((s) => s.trim());
  const htmlParts: string[] = [];
  for (const part of parts) {
    try {
      // Same expression text Crawl4AI evaluates: the part inside a double-quoted JS string, so
      // backslash escapes and quotes behave exactly as they do there (a `"` breaks the string →
      // evaluation error → the part is skipped with a warning, as Crawl4AI prints one).
      const expr = `Array.from(document.querySelectorAll("${part}")).map(el => el.outerHTML).join('')`;
      const html: unknown = await page.evaluate(expr);
      htmlParts.push(typeof html === 'string' ? html : String(html));
    } catch (e) {
      warnings?.push({ selectorPart: part, message: `css_selector part "${part}" skipped (Crawl4AI skips it too): ${firstLine(e)}` });
    }
  }
  return `<div class='crawl4ai-result'>\n` + htmlParts.join('\n') + `\n</div>`;
}

function firstLine(e: unknown): string {
  return (e instanceof Error ? e.message : String(e)).split('\n')[0];
}

/**
 * result.status_code: Playwright's goto answers with the last response of a redirect chain;
 * Crawl4AI walks `request.redirected_from` back and reports the first hop's status (302 for
 * 302 → 301 → 200, case 014).
 */
export async function firstStatus(response: Response): Promise<number> {
  let first = response;
  for (let req = response.request().redirectedFrom(); req; req = req.redirectedFrom()) {
    const r = await req.response().catch(() => null);
    if (r) first = r;
  }
  return first.status();
}

/**
 * Crawl4AI's update_image_dimensions step, before capture: for each <img> that is not small
 * (both sides < 100 px), is rendered, has no "icon"/"thumbnail" class and no "placeholder"/"icon"
 * in its src, a loaded image (complete, naturalWidth > 0) gets width/height attributes with its
 * natural size; one still loading gets an onload that does it later (replacing the page's own
 * img.onload, as Crawl4AI's does). It does not wait for images. Errors are ignored (logged there).
 */
const UPDATE_IMAGE_DIMENSIONS = `(() => {
  const wanted = (img) => {
    if (img.width < 100 && img.height < 100) return false;
    const r = img.getBoundingClientRect();
    if (r.width === 0 || r.height === 0) return false;
    if (img.classList.contains('icon') || img.classList.contains('thumbnail')) return false;
    return !(img.src.includes('placeholder') || img.src.includes('icon'));
  };
  const mark = (img) => {
    if (img.complete && img.naturalWidth !== 0) {
      img.setAttribute('width', img.naturalWidth);
      img.setAttribute('height', img.naturalHeight);
    }
  };
  for (const img of Array.from(document.querySelectorAll('img')).filter(wanted)) {
    mark(img);
    if (!img.complete) {
      img.onload = () => mark(img);
      img.onerror = () => undefined;
    }
  }
})()`;

/** Bounded by `ms` (a navigation that never commits must not hang the step) and by `signal`. */
export async function updateImageDimensions(page: Page, ms: number, signal?: AbortSignal): Promise<void> {
  // Crawl4AI first waits for domcontentloaded with a 5 ms timeout (a no-op on a loaded page).
  await page.waitForLoadState('domcontentloaded', { timeout: 5 }).catch(() => undefined);
  const run = page.evaluate(UPDATE_IMAGE_DIMENSIONS).catch(() => undefined);
  await new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => resolve(), { once: true });
    void run.then(() => {
      clearTimeout(timer);
      resolve();
    });
  });
}
