// The CrawlerRunConfig options that make Crawl4AI change the page or add artifacts beyond the
// basic pipeline (electron/engine/page-options.ts runs them; the Playwright export includes its
// page-options runtime only for flows that use one).
import type { StepConfig } from '../flow/schema.js';

export const PAGE_OPTION_KEYS = [
  'wait_for_images',
  'adjust_viewport_to_content',
  'simulate_user',
  'override_navigator',
  'magic',
  'virtual_scroll_config',
  'process_iframes',
  'remove_consent_popups',
  'remove_overlay_elements',
  'flatten_shadow_dom',
  'screenshot_wait_for',
  'force_viewport_screenshot',
  'pdf',
  'capture_mhtml',
] as const satisfies ReadonlyArray<keyof StepConfig>;

/** True when the step sets one of them to something other than its default. */
export const usesPageOptions = (c: StepConfig): boolean => PAGE_OPTION_KEYS.some((k) => c[k] !== undefined && c[k] !== false);
