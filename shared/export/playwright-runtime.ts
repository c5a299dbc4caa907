// The step runner written into every Playwright export: Crawl4AI 0.9's pipeline for one arun()
// (crawl4ai-notes.md 1.2-1.6) on a plain Playwright page. It is source text, not code of this
// module: the export must run standalone, with only `playwright` and the extractor file beside it.
import { PLAYWRIGHT_PAGE_OPTIONS } from './playwright-page-options.js';
const RUNTIME = String.raw`const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const asList = (snippets) => (snippets === undefined ? [] : Array.isArray(snippets) ? snippets : [snippets]);

/**
 * Runs a flow hook (an async function body) in the page. As in Crawlwright's runner, the body
 * sees a "hook" argument {name, url, stepId, iteration, html?, result?}; a navigation it triggers is waited for.
 */
async function runHook(page, body, hook) {
  if (body === undefined) return;
  try {
    await page.evaluate('(async (hook) => {\n' + body + '\n})(' + JSON.stringify({ url: page.url(), ...hook }) + ')');
  } catch (err) {
    if (!String(err).includes('Execution context was destroyed')) throw new Error('hook ' + hook.name + ' failed: ' + String(err));
    await page.waitForLoadState('load', { timeout: 30000 }).catch(() => {});
  }
}

/**
 * Crawl4AI's robust_execute_user_script: each snippet is an async function body run in order; a
 * failing snippet is recorded and the next one still runs; falsy values become {success: true}.
 */
async function runSnippets(page, snippets) {
  const results = [];
  await page.waitForLoadState('domcontentloaded').catch(() => {});
  for (const code of snippets) {
    try {
      const value = await page.evaluate(
        '(async () => { try { return await (async () => {\n' + code + '\n})(); } catch (err) { return { success: false, error: err.toString(), stack: err.stack }; } })()',
      );
      results.push(value || { success: true });
    } catch (err) {
      if (String(err).includes('Execution context was destroyed')) {
        // A snippet that navigates: wait for the new page like Crawl4AI does.
        await page.waitForLoadState('load', { timeout: 30000 }).catch(() => {});
        await page.waitForLoadState('networkidle', { timeout: 30000 }).catch(() => {});
        results.push({ success: true, info: 'Navigation triggered, ignoring context destroyed error' });
      } else results.push({ success: false, error: String(err) });
    }
    await page.waitForLoadState('domcontentloaded', { timeout: 5000 }).catch(() => {});
  }
  return { success: true, results };
}

/** Crawl4AI's csp_compliant_wait: calls the predicate every 100 ms; false (no error) on timeout. */
async function waitForPredicate(page, fn, timeout) {
  try {
    return await page.evaluate(
      '(async () => { const userFunction = ' + fn + '; const start = Date.now(); try { while (true) { if (await userFunction()) return true; if (Date.now() - start > ' + timeout + ') return false; await new Promise((r) => setTimeout(r, 100)); } } catch (error) { throw new Error("Error evaluating condition: " + error.message); } })()',
    );
  } catch (err) {
    if (String(err).includes('Error evaluating condition')) throw new Error('Wait condition failed: ' + String(err));
    return false; // e.g. a navigation destroyed the context: Crawl4AI carries on
  }
}

/** Crawl4AI's smart_wait: "css:" must become visible (fails on timeout), "js:" polls, bare strings guessed. */
async function waitFor(page, condition, timeout) {
  const s = condition.trim();
  if (s.startsWith('js:')) return waitForPredicate(page, s.slice(3).trim(), timeout);
  if (s.startsWith('()') || s.startsWith('function')) return waitForPredicate(page, s, timeout);
  const selector = s.startsWith('css:') ? s.slice(4).trim() : s;
  try {
    await page.waitForSelector(selector, { timeout });
    return true;
  } catch (err) {
    if (err && err.name === 'TimeoutError') throw new Error('Wait condition failed: Timeout after ' + timeout + 'ms waiting for selector ' + JSON.stringify(selector));
    if (s.startsWith('css:')) throw new Error('Invalid CSS selector: ' + JSON.stringify(selector));
    // Crawl4AI's fallback for an invalid bare selector: a function body without return (waits the full timeout).
    return waitForPredicate(page, '() => {' + s + '}', timeout);
  }
}

/**
 * Crawl4AI's _handle_full_page_scan: scroll a viewport at a time, sleep scroll_delay, re-measure;
 * stop after max_scroll_steps (unset = 10) or at the bottom, capped at page_timeout; end at the bottom.
 */
async function scanFullPage(page, config) {
  const deadline = Date.now() + (config.page_timeout ?? 60000);
  try {
    const viewportHeight = await page.evaluate('window.innerHeight');
    let position = 0;
    for (let steps = 0; steps < (config.max_scroll_steps ?? 10) && Date.now() < deadline; steps++) {
      position += viewportHeight;
      await page.evaluate('window.scrollTo(0, ' + position + ')');
      await sleep((config.scroll_delay ?? 0.2) * 1000);
      if (position + viewportHeight >= (await page.evaluate('document.documentElement.scrollHeight'))) break;
    }
    await page.evaluate('window.scrollTo(0, document.documentElement.scrollHeight)');
  } catch {
    // Crawl4AI logs scan errors and carries on.
  }
}

/** The captured HTML: css_selector parts wrapped exactly as Crawl4AI does, else page.content(). */
async function captureHtml(page, cssSelector) {
  if (!cssSelector) return page.content();
  const parts = [];
  for (const selector of cssSelector.split(',').map((s) => s.trim())) {
    try {
      // Same double-quoted expression as Crawl4AI (a selector containing " fails and is skipped).
      parts.push(await page.evaluate('Array.from(document.querySelectorAll("' + selector + '")).map(el => el.outerHTML).join(\'\')'));
    } catch (err) {
      console.error('Warning: Could not get content for selector ' + JSON.stringify(selector) + ': ' + String(err));
    }
  }
  return "<div class='crawl4ai-result'>\n" + parts.join('\n') + '\n</div>';
}

/**
 * @typedef {object} StepSpec
 * @property {string} stepId
 * @property {number} [iteration]
 * @property {string} [url]  the url to load; a js_only step has none (it reports the page's url)
 * @property {Record<string, any>} config  the step's Crawl4AI CrawlerRunConfig options
 * @property {Record<string, string>} [hooks]  page-side hook bodies by Crawl4AI hook name
 * @property {string} [until]  repeat.until predicate (a function expression)
 */

/**
 * One arun(): Crawl4AI 0.9's order (_crawl_web). A step with a session_id reuses that session's
 * page; without one the page is fresh and closed afterwards.
 * @param {import('playwright').BrowserContext} context
 * @param {Map<string, import('playwright').Page>} sessions
 * @param {StepSpec} spec
 */
async function runStep(context, sessions, { stepId, iteration = 0, url, config, hooks = {}, until }) {
  const hook = (name, extra = {}) => runHook(page, hooks[name], { name, stepId, iteration, ...extra });
  let page = config.session_id ? sessions.get(config.session_id) : undefined;
  if (!page) {
    page = await context.newPage();
    if (config.session_id) sessions.set(config.session_id, page);
  }
  try {
    if (config.session_id) await page.evaluate('window.stop()').catch(() => {});@@init@@
    await hook('on_page_context_created');
    const pageTimeout = config.page_timeout ?? 60000;
    if (!config.js_only) {
      await hook('before_goto');
      await page.goto(url, { waitUntil: config.wait_until ?? 'domcontentloaded', timeout: pageTimeout });
      await hook('after_goto');
    }
    await page.waitForSelector('body', { state: 'attached', timeout: 30000 }).catch(() => {});@@images@@
    if (config.scan_full_page) await scanFullPage(page, config);
    if (config.js_code_before_wait !== undefined) await runSnippets(page, asList(config.js_code_before_wait));@@simulate@@
    if (config.wait_for) await waitFor(page, config.wait_for, config.wait_for_timeout ?? pageTimeout);@@vscroll@@
    await hook('before_retrieve_html');
    await sleep((config.delay_before_return_html ?? 0.1) * 1000);
    let jsExecutionResult = null;
    if (config.js_code !== undefined) {
      jsExecutionResult = await runSnippets(page, asList(config.js_code));
      await hook('on_execution_started');
      await hook('on_execution_ended', { result: jsExecutionResult });
    }@@cleanup@@
    const html = @@capture@@;
    await hook('before_return_html', { html });@@media@@
    const screenshot = config.screenshot ? @@screenshot@@ : undefined;
    const items = config.extraction_strategy ? extractItems(html, config.extraction_strategy.schema) : null;
    const done = until === undefined ? undefined : Boolean(await page.evaluate('(async () => await (' + until + ')())()'));
    // Crawl4AI: result.url is the requested url, redirected_url the page's url at the end of the step.
    return { url: url ?? page.url(), redirected_url: page.url(), html, items, jsExecutionResult, screenshot, done@@result@@ };
  } finally {
    if (!config.session_id) await page.close();
  }
}`;

/** Insertions that make the runtime do Crawl4AI's page options (see playwrightRuntime). */
const WITH_OPTIONS: Record<string, string> = {
  init: '\n    await addInitScripts(page.context(), config);',
  images: '\n    await waitForImages(page, config);',
  simulate: '\n    if (config.simulate_user || config.magic) await simulateUser(page);',
  vscroll: '\n    if (config.virtual_scroll_config) await virtualScroll(page, config.virtual_scroll_config);',
  cleanup: '\n    await cleanUp(page, config);',
  capture: "config.flatten_shadow_dom ? await captureFlattened(page) : await captureHtml(page, config.css_selector)",
  media: "\n    const pdf = config.pdf ? await page.pdf({ printBackground: true }) : undefined;\n    const mhtml = config.capture_mhtml ? await captureMhtml(page) : undefined;",
  screenshot:
    "(await sleep((config.screenshot_wait_for ?? 0) * 1000), await page.screenshot({ fullPage: Boolean(config.scan_full_page && !config.force_viewport_screenshot) }))",
  result: ', pdf, mhtml',
};

const WITHOUT_OPTIONS: Record<string, string> = {
  capture: 'await captureHtml(page, config.css_selector)',
  screenshot: 'await page.screenshot({ fullPage: Boolean(config.scan_full_page) })',
};

/**
 * The runtime written into a Playwright export. With `pageOptions` (a step uses one of Crawl4AI's
 * page options), runStep also does them, at their points of Crawl4AI's pipeline, with the same
 * page-side code as Crawlwright's engine (PLAYWRIGHT_PAGE_OPTIONS); without, the text is the
 * plain runtime.
 */
export function playwrightRuntime({ pageOptions, viewportWidth = 1080 }: { pageOptions: boolean; viewportWidth?: number }): string {
  const text = RUNTIME.replace(/@@(\w+)@@/g, (_m, k: string) => (pageOptions ? WITH_OPTIONS[k] : (WITHOUT_OPTIONS[k] ?? '')));
  if (!pageOptions) return text;
  // adjust_viewport_to_content sizes to BrowserConfig's width, not to the page's current viewport.
  return `${text}\n\n/** BrowserConfig.viewport_width (adjust_viewport_to_content). */\nconst VIEWPORT_WIDTH = ${viewportWidth};\n${PLAYWRIGHT_PAGE_OPTIONS}`;
}

/** The plain runtime (flows without page options). */
export const PLAYWRIGHT_RUNTIME = playwrightRuntime({ pageOptions: false });


/**
 * JS-aware placeholder substitution, written into exports whose JavaScript fields hold placeholders:
 * the same escaping as shared/flow/js-placeholders.ts (escapeForJsLiteral, substituteJs), which the
 * runner uses; test/unit/export/js-placeholders.test.ts checks that both agree.
 */
export const FILL_JS = `/** @type {Record<string, string>} */
const JS_QUOTES = { single: "'", double: '"', template: '\`' };

/**
 * Escapes a value so that, pasted inside a JavaScript literal delimited by quote, the literal reads
 * exactly the value (the escaping of Crawlwright's runner).
 * @param {string} value @param {string} quote
 */
function escapeJs(value, quote) {
  const s = value.replace(/\\\\/g, '\\\\\\\\');
  if (quote === '\`') return s.replace(/\`/g, '\\\\\`').replace(/\\$\\{/g, '\\\\\${').replace(/\\r/g, '\\\\r');
  return s
    .replace(quote === "'" ? /'/g : /"/g, '\\\\' + quote)
    .replace(/\\n/g, '\\\\n')
    .replace(/\\r/g, '\\\\r')
    .replace(/\\u2028/g, '\\\\u2028')
    .replace(/\\u2029/g, '\\\\u2029');
}

/**
 * Substitutes placeholders in page-side JavaScript like Crawlwright's runner. quotes[i] names the
 * literal around the i-th placeholder (worked out when the flow was exported): inside a 'single',
 * "double" or \`template\` literal the value is escaped for that quote, so a quote, backslash or
 * newline in it stays part of the string; in code it is pasted as is.
 * @param {string} template @param {string[]} quotes
 */
function fillJs(template, quotes) {
  let i = 0;
  return template.replace(PLACEHOLDER, (raw, _secret, _name, offset) => {
    const value = fill(raw);
    const quote = JS_QUOTES[quotes[i++]];
    if (quote === undefined) return value;
    if (quote === '\`' && template[offset - 1] === '$' && value.startsWith('{')) return '\\\\' + escapeJs(value, quote); // "$" + "{" would open a \${...}
    return escapeJs(value, quote);
  });
}`;
