// Crawl4AI 0.9.2 facts the config exporter and the importers need (crawl4ai-notes.md 1.1, 2, 3):
// constructor signature order (dump() writes params in this order), defaults (dump() leaves out
// values equal to them) and the Docker API trust boundary (3.2).

/** CrawlerRunConfig.__init__ parameters in signature order (async_configs.py, v0.9.2). */
export const RUN_CONFIG_PARAMS = [
  'word_count_threshold', 'extraction_strategy', 'chunking_strategy', 'markdown_generator', 'only_text',
  'css_selector', 'target_elements', 'excluded_tags', 'excluded_selector', 'keep_data_attributes', 'keep_attrs',
  'remove_forms', 'prettiify', 'parser_type', 'scraping_strategy', 'proxy_config', 'proxy_rotation_strategy',
  'proxy_session_id', 'proxy_session_ttl', 'proxy_session_auto_release', 'locale', 'timezone_id', 'geolocation',
  'fetch_ssl_certificate', 'cache_mode', 'session_id', 'bypass_cache', 'disable_cache', 'no_cache_read',
  'no_cache_write', 'shared_data', 'check_cache_freshness', 'cache_validation_timeout', 'wait_until',
  'page_timeout', 'wait_for', 'wait_for_timeout', 'wait_for_images', 'delay_before_return_html', 'mean_delay',
  'max_range', 'semaphore_count', 'js_code', 'js_code_before_wait', 'c4a_script', 'js_only',
  'ignore_body_visibility', 'scan_full_page', 'scroll_delay', 'max_scroll_steps', 'process_iframes',
  'flatten_shadow_dom', 'remove_overlay_elements', 'remove_consent_popups', 'simulate_user', 'override_navigator',
  'magic', 'adjust_viewport_to_content', 'screenshot', 'screenshot_wait_for', 'screenshot_height_threshold',
  'force_viewport_screenshot', 'pdf', 'capture_mhtml', 'image_description_min_word_threshold',
  'image_score_threshold', 'table_score_threshold', 'table_extraction', 'exclude_external_images',
  'exclude_all_images', 'exclude_social_media_domains', 'exclude_external_links', 'exclude_social_media_links',
  'exclude_domains', 'exclude_internal_links', 'score_links', 'preserve_https_for_internal_links', 'verbose',
  'log_console', 'capture_network_requests', 'capture_console_messages', 'method', 'stream', 'prefetch',
  'process_in_browser', 'url', 'base_url', 'check_robots_txt', 'user_agent', 'user_agent_mode',
  'user_agent_generator_config', 'deep_crawl_strategy', 'link_preview_config', 'virtual_scroll_config',
  'url_matcher', 'match_mode', 'experimental', 'max_retries', 'fallback_fetch_function',
] as const;

/** Defaults of the CrawlerRunConfig parameters a flow step can carry (dump() omits equal values). */
export const RUN_CONFIG_DEFAULTS: Record<string, unknown> = {
  cache_mode: 'bypass',
  wait_until: 'domcontentloaded',
  page_timeout: 60000,
  delay_before_return_html: 0.1,
  js_only: false,
  scan_full_page: false,
  scroll_delay: 0.2,
  screenshot: false,
  wait_for_images: false,
  adjust_viewport_to_content: false,
  simulate_user: false,
  override_navigator: false,
  magic: false,
  process_iframes: false,
  remove_consent_popups: false,
  remove_overlay_elements: false,
  flatten_shadow_dom: false,
  target_elements: [],
  force_viewport_screenshot: false,
  pdf: false,
  capture_mhtml: false,
};

/** VirtualScrollConfig.__init__ parameters in signature order, with their defaults. */
export const VIRTUAL_SCROLL_PARAMS: Array<[string, unknown]> = [
  ['container_selector', undefined],
  ['scroll_count', 10],
  ['scroll_by', 'container_height'],
  ['wait_after_scroll', 0.5],
];

/**
 * CrawlerRunConfig parameters that a Crawl4AI-compatible dump may carry and that are harmless to
 * ignore on import because they are what `dump()` always writes for defaults (notes 3.1).
 */
export const RUN_CONFIG_DUMP_NOISE = ['scraping_strategy', 'table_extraction', 'exclude_social_media_domains'];

/** BrowserConfig.__init__ parameters in signature order (notes 2). */
export const BROWSER_CONFIG_PARAMS = [
  'browser_type', 'headless', 'browser_mode', 'use_managed_browser', 'cdp_url', 'browser_context_id', 'target_id',
  'cdp_cleanup_on_close', 'cdp_close_delay', 'cache_cdp_connection', 'create_isolated_context',
  'use_persistent_context', 'user_data_dir', 'chrome_channel', 'channel', 'proxy', 'proxy_config',
  'viewport_width', 'viewport_height', 'viewport', 'device_scale_factor', 'accept_downloads', 'downloads_path',
  'storage_state', 'ignore_https_errors', 'java_script_enabled', 'sleep_on_close', 'verbose', 'cookies', 'headers',
  'user_agent', 'user_agent_mode', 'user_agent_generator_config', 'text_mode', 'light_mode', 'extra_args',
  'debugging_port', 'host', 'enable_stealth', 'avoid_ads', 'avoid_css', 'init_scripts', 'memory_saving_mode',
  'max_pages_before_recycle',
] as const;

export const CRAWL4AI_DEFAULT_USER_AGENT =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/116.0.0.0 Safari/537.36';

export const BROWSER_CONFIG_DEFAULTS: Record<string, unknown> = {
  headless: true,
  viewport_width: 1080,
  viewport_height: 600,
  ignore_https_errors: true,
  java_script_enabled: true,
  user_agent: CRAWL4AI_DEFAULT_USER_AGENT,
  text_mode: false,
  light_mode: false,
};

/** Docker API 0.9+: CrawlerRunConfig fields that make the request fail with HTTP 400 (notes 3.2). */
export const DOCKER_FORBIDDEN_RUN = [
  'js_code', 'js_code_before_wait', 'c4a_script', 'deep_crawl_strategy', 'proxy_config', 'proxy_rotation_strategy',
  'proxy_session_id', 'proxy_session_ttl', 'proxy_session_auto_release', 'fallback_fetch_function', 'experimental',
  'base_url', 'simulate_user', 'override_navigator', 'magic', 'process_in_browser', 'shared_data', 'session_id',
];

/** Docker API 0.9+: CrawlerRunConfig fields known to be on the allowlist (the rest is dropped silently). */
export const DOCKER_ALLOWED_RUN = [
  'css_selector', 'wait_until', 'page_timeout', 'wait_for', 'wait_for_timeout', 'wait_for_images',
  'delay_before_return_html', 'scan_full_page', 'scroll_delay', 'max_scroll_steps', 'screenshot', 'pdf',
  'extraction_strategy', 'cache_mode', 'virtual_scroll_config', 'remove_overlay_elements', 'stream',
];

/** Docker API 0.9+: BrowserConfig fields that make the request fail with HTTP 400. */
export const DOCKER_FORBIDDEN_BROWSER = [
  'proxy', 'proxy_config', 'extra_args', 'user_data_dir', 'channel', 'chrome_channel', 'cdp_url', 'debugging_port',
  'host', 'storage_state', 'cookies', 'headers', 'init_scripts', 'browser_context_id', 'target_id',
];

/** Docker API 0.9+: BrowserConfig fields known to pass (from the documented /crawl example). */
export const DOCKER_ALLOWED_BROWSER = ['headless', 'viewport_width', 'viewport_height'];

/** The Docker server caps these timeouts at 60 s (0 → 60000). */
export const DOCKER_TIMEOUT_CAP_MS = 60000;
