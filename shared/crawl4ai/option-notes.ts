// What a step's Crawl4AI page options mean in Crawlwright, where that is not obvious or not the
// same: traps of Crawl4AI's own behaviour, and the parts Crawlwright does not model. lintStep
// shows them in the step editor, `crawlwright validate` and every step result.
import type { BrowserSettings, StepConfig } from '../flow/schema.js';

export interface OptionNote {
  key: keyof StepConfig & string;
  message: string;
}

export function pageOptionNotes(c: StepConfig, browser?: BrowserSettings): OptionNote[] {
  const out: OptionNote[] = [];
  const note = (key: OptionNote['key'], message: string) => out.push({ key, message });
  if (c.target_elements !== undefined) {
    note('target_elements', "Crawl4AI uses target_elements for cleaned_html and markdown only, which Crawlwright does not produce: the captured HTML and the JsonCss extraction are the same with or without it (kept in exports)");
  }
  if (c.magic) {
    note('magic', 'magic: Crawl4AI also switches the crawler to a random User-Agent (and sec-ch-ua) from this arun on; Crawlwright keeps the configured one. The navigator overrides and the user simulation are the same');
  }
  if (c.flatten_shadow_dom && c.css_selector !== undefined) {
    note('css_selector', "flatten_shadow_dom replaces the css_selector capture in Crawl4AI: the whole flattened document is captured and css_selector is ignored (as here)");
  }
  if (c.js_only) {
    const scripts = [c.flatten_shadow_dom && 'flatten_shadow_dom (opening closed shadow roots)', (c.override_navigator || c.simulate_user || c.magic) && 'the navigator overrides'].filter(Boolean);
    if (scripts.length) note('js_only', `${scripts.join(' and ')} ${scripts.length > 1 ? 'are init scripts' : 'is an init script'} of the page's context: it applies to pages loaded after this step started, not to the page this js_only step works on`);
  }
  if (browser?.text_mode && (c.wait_for_images || c.adjust_viewport_to_content)) {
    note(c.wait_for_images ? 'wait_for_images' : 'adjust_viewport_to_content', 'browser.text_mode is on: Crawl4AI skips wait_for_images and adjust_viewport_to_content (as here)');
  }
  if (c.pdf && browser?.headless === false) note('pdf', 'pdf needs headless Chromium (page.pdf fails in a headed browser, and the step fails with it)');
  if (c.screenshot_wait_for !== undefined && !c.screenshot) note('screenshot_wait_for', 'screenshot_wait_for only delays a screenshot: set screenshot too');
  if (c.force_viewport_screenshot && !c.screenshot) note('force_viewport_screenshot', 'force_viewport_screenshot only changes a screenshot: set screenshot too');
  return out;
}
