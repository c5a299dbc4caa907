// Where the Crawl4AI documentation explains each CrawlerRunConfig option Crawlwright edits (the
// docs.crawl4ai.com pages built from docs/md_v2 of unclecode/crawl4ai: their mkdocs nav). The step
// editor links each option's help here; Crawlwright's own fields (repeat, actions, notes) have none.
export const CRAWL4AI_DOCS = 'https://docs.crawl4ai.com/';

const page = (path: string) => `${CRAWL4AI_DOCS}${path}/`;

export const DOCS_PAGES = {
  arun: page('api/arun'),
  parameters: page('api/parameters'),
  pageInteraction: page('core/page-interaction'),
  sessions: page('advanced/session-management'),
  lazyLoading: page('advanced/lazy-loading'),
  contentSelection: page('core/content-selection'),
  cacheModes: page('core/cache-modes'),
  hooks: page('advanced/hooks-auth'),
  jsonCss: page('extraction/no-llm-strategies'),
  virtualScroll: page('advanced/virtual-scroll'),
} as const;

/** The docs page for a Crawl4AI option (CrawlerRunConfig name, `hooks`, or a schema's field types). */
const OPTION_DOCS: Record<string, string> = {
  url: DOCS_PAGES.arun,
  session_id: DOCS_PAGES.sessions,
  js_only: DOCS_PAGES.sessions,
  wait_until: DOCS_PAGES.parameters,
  page_timeout: DOCS_PAGES.parameters,
  delay_before_return_html: DOCS_PAGES.parameters,
  screenshot: DOCS_PAGES.parameters,
  js_code: DOCS_PAGES.pageInteraction,
  js_code_before_wait: DOCS_PAGES.pageInteraction,
  wait_for: DOCS_PAGES.pageInteraction,
  wait_for_timeout: DOCS_PAGES.pageInteraction,
  scan_full_page: DOCS_PAGES.lazyLoading,
  scroll_delay: DOCS_PAGES.lazyLoading,
  max_scroll_steps: DOCS_PAGES.lazyLoading,
  css_selector: DOCS_PAGES.contentSelection,
  extraction_strategy: DOCS_PAGES.jsonCss,
  cache_mode: DOCS_PAGES.cacheModes,
  hooks: DOCS_PAGES.hooks,
  // Page options (#12): the parameters reference lists them under interaction and media handling.
  wait_for_images: DOCS_PAGES.parameters,
  adjust_viewport_to_content: DOCS_PAGES.parameters,
  simulate_user: DOCS_PAGES.parameters,
  override_navigator: DOCS_PAGES.parameters,
  magic: DOCS_PAGES.parameters,
  process_iframes: DOCS_PAGES.parameters,
  remove_consent_popups: DOCS_PAGES.parameters,
  remove_overlay_elements: DOCS_PAGES.parameters,
  flatten_shadow_dom: DOCS_PAGES.parameters,
  screenshot_wait_for: DOCS_PAGES.parameters,
  force_viewport_screenshot: DOCS_PAGES.parameters,
  pdf: DOCS_PAGES.parameters,
  capture_mhtml: DOCS_PAGES.parameters,
  virtual_scroll_config: DOCS_PAGES.virtualScroll,
  target_elements: DOCS_PAGES.contentSelection,
};

export function crawl4aiDocsFor(option: string): string | undefined {
  return Object.hasOwn(OPTION_DOCS, option) ? OPTION_DOCS[option] : undefined;
}

/** Only these open from the app (electron/main.ts lets no other url out of the window). */
export function isCrawl4aiDocsUrl(url: string): boolean {
  return (Object.values(DOCS_PAGES) as string[]).includes(url) || url === CRAWL4AI_DOCS;
}
