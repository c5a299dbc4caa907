// Which Chromium flags a flow file may ask for (browser.extra_args). A flow file is untrusted
// input, and some Chromium switches run programs (--renderer-cmd-prefix, --gpu-launcher,
// --utility-cmd-prefix …), open an unauthenticated DevTools port (--remote-debugging-port), load
// code (--load-extension) or read the user's own browser profile (--user-data-dir). So the rule is
// an allow-list of switches that only shape how pages look and load; anything else is refused
// with an error naming the flag. The user's own flags go on the command line (`crawlwright run
// --browser-arg`), never through a flow file.

/** Value patterns: `null` = a plain switch without `=value`. */
const WORDS = /^[A-Za-z0-9_,.-]+$/;
const SAFE_TEXT = /^[^\0\r\n]*$/;
const ALLOWED: Readonly<Record<string, RegExp | null>> = {
  // window and rendering
  'window-size': /^\d{2,5},\d{2,5}$/,
  'window-position': /^-?\d{1,5},-?\d{1,5}$/,
  'start-maximized': null,
  'force-device-scale-factor': /^\d+(\.\d+)?$/,
  'force-color-profile': WORDS,
  'font-render-hinting': WORDS,
  'hide-scrollbars': null,
  'mute-audio': null,
  'autoplay-policy': WORDS,
  'blink-settings': /^[A-Za-z0-9_=,.-]+$/,
  'disable-gpu': null,
  'disable-gpu-compositing': null,
  'disable-software-rasterizer': null,
  'disable-dev-shm-usage': null,
  'disable-webgl': null,
  'disable-3d-apis': null,
  'disable-accelerated-2d-canvas': null,
  'disable-images': null,
  // language and identity
  lang: /^[A-Za-z]{2,3}([-_][A-Za-z0-9]{2,8})*$/,
  'accept-lang': /^[A-Za-z0-9_,;=.-]+$/,
  'user-agent': SAFE_TEXT,
  'disable-blink-features': WORDS,
  'disable-features': WORDS,
  // network
  'proxy-server': /^[A-Za-z0-9_.:/@;=[\]-]+$/,
  'proxy-bypass-list': /^[A-Za-z0-9_.:*;<>/,[\]-]+$/,
  'no-proxy-server': null,
  'ignore-certificate-errors': null,
  // quieter, more predictable runs
  'no-first-run': null,
  'no-default-browser-check': null,
  'disable-infobars': null,
  'disable-notifications': null,
  'disable-popup-blocking': null,
  'disable-extensions': null,
  'disable-default-apps': null,
  'disable-sync': null,
  'disable-translate': null,
  'disable-background-networking': null,
  'disable-background-timer-throttling': null,
  'disable-backgrounding-occluded-windows': null,
  'disable-renderer-backgrounding': null,
  'disable-ipc-flooding-protection': null,
  'disable-hang-monitor': null,
  'disable-prompt-on-repost': null,
  'disable-client-side-phishing-detection': null,
  'disable-component-update': null,
  'disable-breakpad': null,
  'disable-domain-reliability': null,
  'metrics-recording-only': null,
  'password-store': WORDS,
  'use-mock-keychain': null,
};

export const ALLOWED_BROWSER_FLAGS: readonly string[] = Object.keys(ALLOWED);

/** Why a flag is refused (a short reason for the well-known dangerous ones). */
const REFUSED_REASON: Readonly<Record<string, string>> = {
  'renderer-cmd-prefix': 'it runs a program',
  'gpu-launcher': 'it runs a program',
  'utility-cmd-prefix': 'it runs a program',
  'zygote-cmd-prefix': 'it runs a program',
  'browser-subprocess-path': 'it runs a program',
  'plugin-launcher': 'it runs a program',
  'ppapi-plugin-launcher': 'it runs a program',
  'remote-debugging-port': 'it opens an unauthenticated DevTools port',
  'remote-debugging-address': 'it opens an unauthenticated DevTools port',
  'remote-debugging-pipe': 'it opens a DevTools channel',
  'user-data-dir': 'it could open your own browser profile (cookies, saved passwords)',
  'profile-directory': 'it could open your own browser profile',
  'load-extension': 'it loads code into the browser',
  'disable-extensions-except': 'it loads code into the browser',
  'disable-web-security': 'it lets pages read other sites and local files',
  'allow-file-access-from-files': 'it lets pages read local files',
  'no-sandbox': 'it turns off the renderer sandbox (Crawlwright adds it itself only when running as root)',
  'disable-site-isolation-trials': 'it turns off site isolation',
  'log-file': 'it writes a file',
  'enable-logging': 'it writes a log file',
  'headless': 'use browser.headless instead',
};

export type BrowserFlagCheck = { ok: true } | { ok: false; message: string };

/**
 * Checks one extra_args entry. Chromium also accepts "-flag" (and "/flag" on Windows) and treats
 * an argument without a leading dash as a URL to open at start-up, so only "--name[=value]" with
 * an allowed name (and a value of the expected shape) passes.
 */
export function checkBrowserFlag(arg: string): BrowserFlagCheck {
  const shown = JSON.stringify(arg.length > 80 ? `${arg.slice(0, 80)}…` : arg);
  if (!arg.startsWith('--') || arg.length === 2) {
    return { ok: false, message: `${shown} is not a browser flag: extra_args entries must look like "--name" or "--name=value" (arguments without "--" would be opened as URLs)` };
  }
  const eq = arg.indexOf('=');
  const name = (eq < 0 ? arg.slice(2) : arg.slice(2, eq)).toLowerCase();
  const value = eq < 0 ? null : arg.slice(eq + 1);
  if (!Object.hasOwn(ALLOWED, name)) {
    const why = REFUSED_REASON[name] ? ` (${REFUSED_REASON[name]})` : '';
    return {
      ok: false,
      message: `browser flag "--${name}" is not allowed in a flow file${why}. Allowed flags include --window-size, --lang, --proxy-server, --user-agent, --disable-features and --disable-blink-features (docs/security.md lists all ${ALLOWED_BROWSER_FLAGS.length}); to pass your own flag, use \`crawlwright run --browser-arg\``,
    };
  }
  const pattern = ALLOWED[name];
  if (pattern === null && value !== null) return { ok: false, message: `browser flag "--${name}" takes no value (got "=${value}")` };
  if (pattern !== null && (value === null || !pattern.test(value))) {
    return { ok: false, message: `browser flag "--${name}" needs a value of the form ${pattern.source} (got ${value === null ? 'none' : JSON.stringify(value)})` };
  }
  return { ok: true };
}
