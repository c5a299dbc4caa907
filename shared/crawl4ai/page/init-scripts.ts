// Context init scripts Crawl4AI 0.9.2 adds in `_crawl_web` (and in setup_context for a new
// context), once per browser context and then for every later page of that context:
// - with override_navigator, simulate_user or magic: its navigator overrides (js_snippet
//   navigator_overrider.js): notifications permission answered from Notification.permission,
//   navigator.webdriver undefined, a navigator.chrome object, five fake plugins, languages
//   en-US/en, and a page that always reports itself visible;
// - with flatten_shadow_dom: attachShadow forced to mode "open", so closed roots made by page
//   scripts can be serialised (declarative closed roots are not made by attachShadow and stay closed).
// Browser-side source text: evaluated by Chromium (engine) or written into Playwright exports.

export const NAVIGATOR_OVERRIDES = String.raw`(() => {
  const query = window.navigator.permissions.query;
  // Called unbound, as Crawl4AI's is: any other permission query rejects with "Illegal invocation".
  window.navigator.permissions.query = (parameters) =>
    parameters.name === 'notifications' ? Promise.resolve({ state: Notification.permission }) : query(parameters);
  const fixed = (target, name, value) => Object.defineProperty(target, name, { get: () => value });
  fixed(navigator, 'webdriver', undefined);
  window.navigator.chrome = { runtime: {} };
  fixed(navigator, 'plugins', [1, 2, 3, 4, 5]);
  fixed(navigator, 'languages', ['en-US', 'en']);
  fixed(document, 'hidden', false);
  fixed(document, 'visibilityState', 'visible');
})();`;

export const OPEN_SHADOW_ROOTS = String.raw`(() => {
  const attach = Element.prototype.attachShadow;
  Element.prototype.attachShadow = function (init) {
    return attach.call(this, { ...init, mode: 'open' });
  };
})();`;

/** Which init scripts a step's options add to its context (in Crawl4AI's order). */
export function initScriptsFor(c: { override_navigator?: boolean; simulate_user?: boolean; magic?: boolean; flatten_shadow_dom?: boolean }): Array<{ name: 'navigator' | 'shadow-roots'; source: string }> {
  const out: Array<{ name: 'navigator' | 'shadow-roots'; source: string }> = [];
  if (c.override_navigator || c.simulate_user || c.magic) out.push({ name: 'navigator', source: NAVIGATOR_OVERRIDES });
  if (c.flatten_shadow_dom) out.push({ name: 'shadow-roots', source: OPEN_SHADOW_ROOTS });
  return out;
}
