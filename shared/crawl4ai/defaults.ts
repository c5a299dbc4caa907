// Crawl4AI 0.9.2's BrowserConfig defaults that a page can observe (crawl4ai-notes.md section 2,
// runner-conformance case 071): the fixed desktop User-Agent, the sec-ch-ua header BrowserConfig
// always adds, and the launch flag that keeps navigator.webdriver false.
export const CRAWL4AI_USER_AGENT = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/116.0.0.0 Safari/537.36';
export const CRAWL4AI_SEC_CH_UA = '"Chromium";v="116", "Not_A Brand";v="8", "Google Chrome";v="116"';
export const CRAWL4AI_LAUNCH_FLAGS = ['--disable-blink-features=AutomationControlled'];
export const CRAWL4AI_VIEWPORT = { width: 1080, height: 600 } as const;
