// process_iframes as Crawl4AI 0.9.2 does it (AsyncPlaywrightCrawlerStrategy.process_iframes, after
// update_image_dimensions): for each <iframe> of the top document, in document order (index i):
// set its id to "iframe-i" (overwriting the page's own id), wait up to 30 s for the frame's load
// event, read the frame's document.body.innerHTML, then in the page replace
// document.getElementById("iframe-i") — the FIRST element with that id — by a
// <div class="extracted-iframe-content-i"> holding that HTML parsed with DOMParser (its body's
// nodes; scripts in it do not run). Same-origin and cross-origin frames alike (Playwright reaches
// every frame). A frame without a content frame is skipped with a warning; any error skips that
// iframe. Nested iframes come back as <iframe> elements inside the div (and load again).
//
// Quirk kept on purpose: the HTML is pasted into a JS template literal with only backticks
// escaped, so `${...}` in the frame's HTML is evaluated and backslash sequences are interpreted
// (an invalid one, e.g. "\u" not followed by hex, is a syntax error: that iframe is skipped).

/** The id Crawl4AI gives iframe i. */
export const iframeId = (i: number): string => `iframe-${i}`;

/** Evaluated in the frame (an expression: Playwright for Node does not call a function given as text). */
export const FRAME_BODY_HTML = 'document.body.innerHTML';

/**
 * The page-side function that swaps iframe %I% for its content (%HTML%): Crawl4AI's, character for
 * character where it matters. Filled by inlineIframe (engine) and by the Playwright export's
 * runtime the same way: %I% by the index, %HTML% by the HTML with backticks escaped.
 */
export const INLINE_IFRAME_TEMPLATE = `() => {
  const iframe = document.getElementById('iframe-%I%');
  const div = document.createElement('div');
  const doc = new DOMParser().parseFromString(\`%HTML%\`, 'text/html');
  while (doc.body.firstChild) div.appendChild(doc.body.firstChild);
  div.className = 'extracted-iframe-content-%I%';
  iframe.replaceWith(div);
}`;

export function inlineIframe(i: number, html: string): string {
  return INLINE_IFRAME_TEMPLATE.split('%I%').join(String(i)).replace('%HTML%', () => html.replace(/`/g, '\\`'));
}

/** Crawl4AI waits this long for each frame's load event. */
export const IFRAME_LOAD_TIMEOUT_MS = 30_000;
