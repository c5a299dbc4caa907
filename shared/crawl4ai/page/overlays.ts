// remove_overlay_elements as Crawl4AI 0.9.2 does it (js_snippet remove_overlay_elements.js, run by
// AsyncPlaywrightCrawlerStrategy.remove_overlay_elements after process_iframes and
// remove_consent_popups, before the HTML capture). Its rules, kept on purpose even where they
// look wrong, because they decide what the captured HTML holds:
// 1. every visible "close"/"dismiss" button or link (six selectors below) is clicked, 100 ms apart;
// 2. every visible element with z-index > 999 or position fixed/absolute goes if it is wider or
//    taller than half the window, has a translucent opacity, OR its computed background-color
//    string contains "rgba" — which is true for the default transparent background
//    ("rgba(0, 0, 0, 0)"), so in practice every visible absolutely positioned element goes;
// 3. every visible match of the popup/modal/cookie/newsletter selectors goes;
// 4. every visible fixed or sticky element goes (a fixed <body> too);
// 5. body margin-right/padding-right 0px, overflow auto, scrolled into view (bottom), 50 ms.
// "Visible" is Crawl4AI's: display, visibility and opacity of the computed style only; a node
// already detached by an earlier removal has an empty computed style and counts as visible.
// (Crawl4AI also defines an empty-block remover that it never calls.) Then Crawl4AI waits 500 ms.

export const OVERLAY_CLOSE_SELECTORS = [
  'button[class*="close" i]',
  'button[class*="dismiss" i]',
  'button[aria-label*="close" i]',
  'button[title*="close" i]',
  'a[class*="close" i]',
  'span[class*="close" i]',
];

export const OVERLAY_SELECTORS = [
  ...OVERLAY_CLOSE_SELECTORS,
  '[class*="cookie-banner" i]',
  '[id*="cookie-banner" i]',
  '[class*="cookie-consent" i]',
  '[id*="cookie-consent" i]',
  '[class*="newsletter" i]',
  '[class*="subscribe" i]',
  '[class*="popup" i]',
  '[class*="modal" i]',
  '[class*="overlay" i]',
  '[class*="dialog" i]',
  '[role="dialog"]',
  '[role="alertdialog"]',
];

/** An async function expression (no argument), evaluated in the page. */
export const REMOVE_OVERLAY_ELEMENTS = String.raw`async () => {
  const closeSelectors = ${JSON.stringify(OVERLAY_CLOSE_SELECTORS)};
  const selectors = ${JSON.stringify(OVERLAY_SELECTORS)};
  const shown = (el) => {
    const cs = getComputedStyle(el);
    return cs.display !== 'none' && cs.visibility !== 'hidden' && cs.opacity !== '0';
  };
  const pause = (ms) => new Promise((r) => setTimeout(r, ms));
  for (const sel of closeSelectors) {
    for (const button of document.querySelectorAll(sel)) {
      if (!shown(button)) continue;
      try {
        button.click();
        await pause(100);
      } catch (e) {
        console.log('Error clicking button:', e);
      }
    }
  }
  for (const el of document.querySelectorAll('*')) {
    const cs = getComputedStyle(el);
    const layered = parseInt(cs.zIndex) > 999 || cs.position === 'fixed' || cs.position === 'absolute';
    const covering =
      el.offsetWidth > innerWidth * 0.5 || el.offsetHeight > innerHeight * 0.5 || cs.backgroundColor.includes('rgba') || parseFloat(cs.opacity) < 1;
    if (shown(el) && layered && covering) el.remove();
  }
  for (const sel of selectors) document.querySelectorAll(sel).forEach((el) => shown(el) && el.remove());
  document.querySelectorAll('*').forEach((el) => {
    const position = getComputedStyle(el).position;
    if ((position === 'fixed' || position === 'sticky') && shown(el)) el.remove();
  });
  document.body.style.marginRight = '0px';
  document.body.style.paddingRight = '0px';
  document.body.style.overflow = 'auto';
  document.body.scrollIntoView(false);
  await pause(50);
}`;

/**
 * Crawl4AI's evaluation wrapper for its async page cleaners: an error inside becomes
 * {success: false, error, stack} instead of an exception (Crawl4AI does not look at it).
 */
export const cleanerCall = (fn: string): string =>
  `(async () => { try { const clean = ${fn}; await clean(); return { success: true }; } catch (error) { return { success: false, error: error.toString(), stack: error.stack }; } })()`;
