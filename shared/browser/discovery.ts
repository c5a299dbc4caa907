// Where Crawlwright looks for a Chromium and the flags it launches it with: one definition for the
// app's engine (electron/engine/browser.ts) and for the Playwright export, whose script must find a
// browser the same way on the machine it runs on (so it is data here, written into the script).
import { CRAWL4AI_LAUNCH_FLAGS } from '../crawl4ai/defaults.js';

/** Installed Chrome/Chromium/Edge, in the order they are tried, per platform. */
export const SYSTEM_BROWSERS = {
  darwin: [
    '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
    '/Applications/Chromium.app/Contents/MacOS/Chromium',
    '/Applications/Google Chrome Canary.app/Contents/MacOS/Google Chrome Canary',
    '/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge',
  ],
  /** Windows: each path below each of these folders (environment variables). */
  win32: {
    roots: ['PROGRAMFILES', 'PROGRAMFILES(X86)', 'LOCALAPPDATA'],
    paths: [
      ['Google', 'Chrome', 'Application', 'chrome.exe'],
      ['Chromium', 'Application', 'chrome.exe'],
      ['Microsoft', 'Edge', 'Application', 'msedge.exe'],
    ],
  },
  /** Linux and the rest. */
  other: [
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/usr/bin/google-chrome',
    '/usr/bin/google-chrome-stable',
    '/usr/bin/microsoft-edge',
    '/snap/bin/chromium',
    '/usr/local/bin/chromium',
    '/opt/google/chrome/chrome',
  ],
};

/** SYSTEM_BROWSERS for one platform, Windows roots resolved from `env`. */
export function systemBrowserCandidates(platform: string, env: Record<string, string | undefined>, join: (...parts: string[]) => string): string[] {
  if (platform === 'darwin') return SYSTEM_BROWSERS.darwin;
  if (platform === 'win32') {
    return SYSTEM_BROWSERS.win32.roots.flatMap((name) => {
      const root = env[name];
      return root ? SYSTEM_BROWSERS.win32.paths.map((p) => join(root, ...p)) : [];
    });
  }
  return SYSTEM_BROWSERS.other;
}

/** How to get a browser, said when none is found. */
export const BROWSER_INSTALL_HELP = 'Install one (Debian/Ubuntu: `apt-get install -y chromium`; macOS/Windows: install Google Chrome)';

/**
 * Chromium flags: offline-friendly, plus Crawl4AI's own launch flags (navigator.webdriver stays
 * false). `--no-sandbox` is added only when running as root (Chromium refuses to start otherwise).
 */
export const CHROMIUM_ARGS = ['--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--no-first-run', ...CRAWL4AI_LAUNCH_FLAGS];
