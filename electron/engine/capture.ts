// HTML capture exactly as Crawl4AI's Playwright strategy builds it (crawl4ai-notes.md 1.1,
// async_crawler_strategy.py:1065-1082). Extraction runs on this string, so the wrapper must match
// byte for byte for the schema tester and the runner to agree with Crawl4AI.
import type { Page } from 'playwright-core';

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
