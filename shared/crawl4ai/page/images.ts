// wait_for_images (and adjust_viewport_to_content, which shares the wait) as Crawl4AI 0.9.2 does
// it, right after the body checks and before scan_full_page, unless BrowserConfig.text_mode: wait
// for domcontentloaded, sleep 100 ms, then poll every 100 ms until every <img> is `complete`
// (loaded or broken; lazy images off screen never are), for at most 1 s (csp_compliant_wait with
// timeout 1000: the last check runs after more than 1000 ms). Not all complete: a logged warning,
// the crawl goes on.

export const IMAGES_COMPLETE = "() => Array.from(document.getElementsByTagName('img')).every(img => img.complete)";
export const IMAGES_WAIT_MS = 1000;
export const IMAGES_SETTLE_MS = 100;

/**
 * adjust_viewport_to_content's arithmetic (Crawl4AI's, including the inverted ratio: a tall page
 * gets a SHORT viewport). Python int() truncates toward zero; a division by zero raises there
 * (caught and warned: at that point the viewport may already be set).
 */
export const adjustedHeight = (viewportWidth: number, page: { width: number; height: number }): number => {
  if (page.height === 0) throw new Error('float division by zero');
  return Math.trunc(((viewportWidth * page.width) / page.height) * 0.95);
};

export const adjustedScale = (width: number, height: number, page: { width: number; height: number }): number => {
  if (page.width === 0 || page.height === 0) throw new Error('division by zero');
  return Math.min(width / page.width, height / page.height);
};
