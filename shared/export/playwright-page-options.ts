// The part of the Playwright export's runtime that performs Crawl4AI's page options
// (wait_for_images, adjust_viewport_to_content, simulate_user/magic, override_navigator,
// virtual_scroll_config, process_iframes, remove_consent_popups, remove_overlay_elements,
// flatten_shadow_dom, capture_mhtml), written into exports whose flow uses one. Source text, like
// playwright-runtime.ts; the page-side code is the engine's own (shared/crawl4ai/page/), pasted in
// as string literals, so an exported script changes pages exactly as Crawlwright's runner does.
import { NAVIGATOR_OVERRIDES, OPEN_SHADOW_ROOTS } from '../crawl4ai/page/init-scripts.js';
import { IMAGES_COMPLETE } from '../crawl4ai/page/images.js';
import { FRAME_BODY_HTML, INLINE_IFRAME_TEMPLATE } from '../crawl4ai/page/iframes.js';
import { REMOVE_CONSENT_POPUPS } from '../crawl4ai/page/consent.js';
import { REMOVE_OVERLAY_ELEMENTS, cleanerCall } from '../crawl4ai/page/overlays.js';
import { FLATTEN_SHADOW_DOM } from '../crawl4ai/page/shadow-dom.js';
import { VIRTUAL_SCROLL } from '../crawl4ai/page/virtual-scroll.js';

const lit = (s: string) => JSON.stringify(s);

export const PLAYWRIGHT_PAGE_OPTIONS = String.raw`// Crawl4AI's page options, with the page-side code of Crawlwright's engine.
const NAVIGATOR_OVERRIDES = ${lit(NAVIGATOR_OVERRIDES)};
const OPEN_SHADOW_ROOTS = ${lit(OPEN_SHADOW_ROOTS)};
const IMAGES_COMPLETE = ${lit(IMAGES_COMPLETE)};
const INLINE_IFRAME = ${lit(INLINE_IFRAME_TEMPLATE)};
const REMOVE_CONSENT_POPUPS = ${lit(cleanerCall(REMOVE_CONSENT_POPUPS))};
const REMOVE_OVERLAY_ELEMENTS = ${lit(cleanerCall(REMOVE_OVERLAY_ELEMENTS))};
const FLATTEN_SHADOW_DOM = ${lit(FLATTEN_SHADOW_DOM)};
const VIRTUAL_SCROLL = ${lit(VIRTUAL_SCROLL)};

/** Init scripts are added once per context and stay for its later pages, as in Crawl4AI. */
const injected = new WeakMap();
async function addInitScripts(context, config) {
  const done = injected.get(context) ?? new Set();
  injected.set(context, done);
  const wanted = [];
  if (config.override_navigator || config.simulate_user || config.magic) wanted.push(['navigator', NAVIGATOR_OVERRIDES]);
  if (config.flatten_shadow_dom) wanted.push(['shadow-roots', OPEN_SHADOW_ROOTS]);
  for (const [name, source] of wanted) {
    if (done.has(name)) continue;
    done.add(name);
    await context.addInitScript(source);
  }
}

/** wait_for_images / adjust_viewport_to_content: domcontentloaded, 100 ms, img.complete polled for 1 s; then the viewport. */
async function waitForImages(page, config) {
  if (!config.wait_for_images && !config.adjust_viewport_to_content) return;
  await page.waitForLoadState('domcontentloaded');
  await sleep(100);
  if (!(await waitForPredicate(page, IMAGES_COMPLETE, 1000))) console.error('Warning: some images were still loading after 1 s');
  if (!config.adjust_viewport_to_content) return;
  try {
    const size = await page.evaluate('({ width: document.documentElement.scrollWidth, height: document.documentElement.scrollHeight })');
    if (size.height === 0) throw new Error('float division by zero');
    const height = Math.trunc(((VIEWPORT_WIDTH * size.width) / size.height) * 0.95);
    await page.setViewportSize({ width: VIEWPORT_WIDTH, height });
    if (size.width === 0) throw new Error('division by zero');
    const scale = Math.min(VIEWPORT_WIDTH / size.width, height / size.height);
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Emulation.setDeviceMetricsOverride', { width: size.width, height: size.height, deviceScaleFactor: 1, mobile: false, scale });
    await cdp.detach();
  } catch (err) {
    console.error('Warning: failed to adjust viewport to content: ' + String(err));
  }
}

/** simulate_user / magic: two mouse moves and a wheel turn at random points in Crawl4AI's ranges. */
async function simulateUser(page) {
  const randint = (lo, hi) => lo + Math.floor(Math.random() * (hi - lo + 1));
  await page.mouse.move(randint(100, 300), randint(150, 300));
  await page.mouse.move(randint(300, 600), randint(200, 400));
  await page.mouse.wheel(0, randint(200, 400));
}

/** virtual_scroll_config: scroll the container, merge the rows it replaced (errors are only logged). */
async function virtualScroll(page, v) {
  const config = { container_selector: v.container_selector, scroll_count: v.scroll_count ?? 10, scroll_by: v.scroll_by ?? 'container_height', wait_after_scroll: v.wait_after_scroll ?? 0.5 };
  await page.evaluate('(' + VIRTUAL_SCROLL + ')(' + JSON.stringify(config) + ')').catch((err) => console.error('Warning: virtual scroll capture failed: ' + String(err)));
}

/** process_iframes, remove_consent_popups, remove_overlay_elements, in Crawl4AI's order. */
async function cleanUp(page, config) {
  if (config.process_iframes) {
    const iframes = await page.$$('iframe');
    for (const [i, iframe] of iframes.entries()) {
      try {
        await iframe.evaluate((el, id) => void (el.id = id), 'iframe-' + i);
        const frame = await iframe.contentFrame();
        if (!frame) continue;
        await frame.waitForLoadState('load', { timeout: 30000 });
        const html = await frame.evaluate(${lit(FRAME_BODY_HTML)});
        await page.evaluate('(' + INLINE_IFRAME.split('%I%').join(String(i)).replace('%HTML%', () => html.replace(/\x60/g, '\\\x60')) + ')()');
      } catch (err) {
        console.error('Warning: iframe ' + i + ' was not inlined: ' + String(err));
      }
    }
  }
  for (const [on, cleaner] of [[config.remove_consent_popups, REMOVE_CONSENT_POPUPS], [config.remove_overlay_elements, REMOVE_OVERLAY_ELEMENTS]]) {
    if (!on) continue;
    await page.evaluate(cleaner).catch((err) => console.error('Warning: ' + String(err)));
    await sleep(500);
  }
}

/** flatten_shadow_dom's capture (page.content() when the serialiser returns nothing). */
async function captureFlattened(page) {
  const html = await page.evaluate(FLATTEN_SHADOW_DOM);
  return typeof html === 'string' && html ? html : page.content();
}

/** capture_mhtml: network idle (5 s), 1 s, two frames, then Chromium's MHTML snapshot (undefined on failure). */
async function captureMhtml(page) {
  try {
    try {
      await page.waitForLoadState('domcontentloaded', { timeout: 5000 });
      await page.waitForLoadState('networkidle', { timeout: 5000 });
      await sleep(1000);
      await page.evaluate('new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)))');
    } catch {
      // Crawl4AI only logs a timeout here
    }
    const cdp = await page.context().newCDPSession(page);
    const { data } = await cdp.send('Page.captureSnapshot', { format: 'mhtml' });
    await cdp.detach();
    return data;
  } catch (err) {
    console.error('Warning: failed to capture MHTML: ' + String(err));
    return undefined;
  }
}`;
