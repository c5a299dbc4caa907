// Crawl4AI 0.9.2's anti-bot verdict (`crawl4ai/antibot_detector.py` `is_blocked`), ported so the
// runner, the UI and the tests say exactly what a Crawl4AI user will see. `arun` applies it to
// every crawl that returned (not `raw:`, no download): `success=False` and
// `error_message = "Blocked by anti-bot protection: <reason>"`, with html, status, js and
// extraction results still filled (runner-conformance cases 002-013, 022).
//
// Python semantics kept on purpose:
// - every length, slice and threshold counts code points (Python `len`, `html[:15000]`), not
//   UTF-16 units; the byte counts in the reasons are those code-point counts too (Crawl4AI's words);
// - the patterns are Python `re` patterns with re.IGNORECASE (and DOTALL where the source has it),
//   translated by the extractor's Python-regex translator: `\s` is the str.isspace() set, `\d` is
//   any Unicode decimal digit, `\b` uses Python's Unicode \w, `i` also matches `ı`/`İ`;
// - `.strip()` strips the str.isspace() set.
// Pure TypeScript: used by the engine, the renderer and the tests alike.
import { compilePyRegex } from '../extract/pyregex.js';
import { pyStrip } from '../extract/pystr.js';

export const BLOCKED_PREFIX = 'Blocked by anti-bot protection: ';

export interface AntibotVerdict {
  blocked: boolean;
  /** Crawl4AI's reason ("" when not blocked). */
  reason: string;
}

const rx = (pattern: string, dotall = false): RegExp => compilePyRegex(`(?i${dotall ? 's' : ''})${pattern}`).regex;
const globalRx = (pattern: string): RegExp => new RegExp(rx(pattern).source, rx(pattern).flags + 'g');

// Tier 1: markers unique to block pages; one is enough, whatever the page size.
const TIER1: Array<[RegExp, string]> = [
  [rx(String.raw`Reference\s*#\s*[\d]+\.[0-9a-f]+\.\d+\.[0-9a-f]+`), 'Akamai block (Reference #)'],
  [rx(String.raw`Pardon\s+Our\s+Interruption`), 'Akamai challenge (Pardon Our Interruption)'],
  [rx(String.raw`challenge-form.*?__cf_chl_f_tk=`, true), 'Cloudflare challenge form'],
  [rx(String.raw`<span\s+class="cf-error-code">\d{4}</span>`), 'Cloudflare firewall block'],
  [rx(String.raw`/cdn-cgi/challenge-platform/\S+orchestrate`), 'Cloudflare JS challenge'],
  [rx(String.raw`window\._pxAppId\s*=`), 'PerimeterX block'],
  [rx(String.raw`captcha\.px-cdn\.net`), 'PerimeterX captcha'],
  [rx(String.raw`captcha-delivery\.com`), 'DataDome captcha'],
  [rx(String.raw`_Incapsula_Resource`), 'Imperva/Incapsula block'],
  [rx(String.raw`Incapsula\s+incident\s+ID`), 'Imperva/Incapsula incident'],
  [rx(String.raw`Sucuri\s+WebSite\s+Firewall`), 'Sucuri firewall block'],
  [rx(String.raw`KPSDK\.scriptStart\s*=\s*KPSDK\.now\(\)`), 'Kasada challenge'],
  [rx(String.raw`blocked\s+by\s+network\s+security`), 'Network security block'],
];

// Tier 2: generic phrases; only on error statuses with short pages (or any 403/503).
const TIER2: Array<[RegExp, string]> = [
  [rx(String.raw`Access\s+Denied`), 'Access Denied on short page'],
  [rx(String.raw`Checking\s+your\s+browser`), 'Cloudflare browser check'],
  [rx(String.raw`<title>\s*Just\s+a\s+moment`), 'Cloudflare interstitial'],
  [rx(String.raw`class=["']g-recaptcha["']`), 'reCAPTCHA on block page'],
  [rx(String.raw`class=["']h-captcha["']`), 'hCaptcha on block page'],
  [rx(String.raw`Access\s+to\s+This\s+Page\s+Has\s+Been\s+Blocked`), 'PerimeterX block page'],
  [rx(String.raw`blocked\s+by\s+security`), 'Blocked by security'],
  [rx(String.raw`Request\s+unsuccessful`), 'Request unsuccessful (Imperva)'],
];

export const TIER1_SNIPPET = 15_000;
export const TIER2_MAX_SIZE = 10_000;
export const STRUCTURAL_MAX_SIZE = 50_000;
export const BLOCK_PAGE_MAX_SIZE = 5_000;
export const EMPTY_CONTENT_THRESHOLD = 100;
const DEEP_SCAN_INPUT = 500_000;
const DEEP_SCAN_SNIPPET = 30_000;

const CONTENT_ELEMENTS = globalRx(String.raw`<(?:p|h[1-6]|article|section|li|td|a|pre)\b`);
const SCRIPT_TAG = globalRx(String.raw`<script\b`);
const STYLE_BLOCK = globalRx(String.raw`<style\b[\s\S]*?</style>`);
const SCRIPT_BLOCK = globalRx(String.raw`<script\b[\s\S]*?</script>`);
const TAG = new RegExp(compilePyRegex('<[^>]+>').regex.source, 'gv');
const BODY_TAG = rx(String.raw`<body\b`);
const BODY_CONTENT = rx(String.raw`<body\b[^>]*>([\s\S]*)</body>`);
const BROWSER_JSON = rx(String.raw`<body[^>]*>\s*<pre[^>]*>\s*[{\[]`);

/** Python `len(s)`: code points (a surrogate pair is one; a lone surrogate is one too). */
export function pyLen(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length - 1; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        n--;
        i++;
      }
    }
  }
  return n;
}

/** Python `s[:n]` (n code points). */
export function pyPrefix(s: string, n: number): string {
  if (n >= s.length) return s;
  let units = 0;
  for (let cps = 0; cps < n && units < s.length; cps++) {
    const c = s.charCodeAt(units);
    const d = s.charCodeAt(units + 1);
    units += c >= 0xd800 && c <= 0xdbff && d >= 0xdc00 && d <= 0xdfff ? 2 : 1;
  }
  return s.slice(0, units);
}

const count = (re: RegExp, s: string): number => {
  re.lastIndex = 0;
  let n = 0;
  while (re.exec(s)) n++;
  return n;
};
const strip = (re: RegExp, s: string): string => s.replace(re, '');
const stripScriptsAndStyles = (s: string): string => strip(STYLE_BLOCK, strip(SCRIPT_BLOCK, s));

/** A JSON/XML answer rather than an HTML page (never judged as a block page). */
export function looksLikeData(html: string): boolean {
  const s = pyStrip(html);
  if (!s) return false;
  if (s[0] === '{' || s[0] === '[') return true;
  const head = pyPrefix(s, 10).toLowerCase();
  if (head.startsWith('<html') || head.startsWith('<!')) return BROWSER_JSON.test(pyPrefix(s, 500));
  return s[0] === '<';
}

/** Tier 3: pages under 50,000 code points that are structurally empty shells. */
export function structuralCheck(html: string): AntibotVerdict {
  const len = pyLen(html);
  if (len > STRUCTURAL_MAX_SIZE || looksLikeData(html)) return { blocked: false, reason: '' };
  if (!BODY_TAG.test(html)) return { blocked: true, reason: `Structural: no <body> tag (${len} bytes)` };
  const body = BODY_CONTENT.exec(html);
  const visible = pyStrip(strip(TAG, stripScriptsAndStyles(body ? body[1] : html)));
  const visibleLen = pyLen(visible);
  const signals: string[] = [];
  if (visibleLen < 50) signals.push('minimal_text');
  const contentElements = count(CONTENT_ELEMENTS, html);
  if (contentElements === 0) signals.push('no_content_elements');
  if (count(SCRIPT_TAG, html) > 0 && contentElements === 0 && visibleLen < 100) signals.push('script_heavy_shell');
  if (signals.length >= 2) return { blocked: true, reason: `Structural: ${signals.join(', ')} (${len} bytes, ${visibleLen} chars visible)` };
  if (signals.length === 1 && len < BLOCK_PAGE_MAX_SIZE) {
    return { blocked: true, reason: `Structural: ${signals[0]} on small page (${len} bytes, ${visibleLen} chars visible)` };
  }
  return { blocked: false, reason: '' };
}

const firstMatch = (patterns: Array<[RegExp, string]>, s: string): string | undefined => patterns.find(([re]) => re.test(s))?.[1];

/** is_blocked(status_code, html): the same decision, in the same order, with the same reason text. */
export function isBlocked(statusCode: number | null | undefined, html: string | null | undefined): AntibotVerdict {
  const h = html ?? '';
  const len = pyLen(h);
  const yes = (reason: string): AntibotVerdict => ({ blocked: true, reason });
  if (statusCode === 429) return yes('HTTP 429 Too Many Requests');

  const snippet = pyPrefix(h, TIER1_SNIPPET);
  const t1 = snippet ? firstMatch(TIER1, snippet) : undefined;
  if (t1) return yes(t1);
  // Big pages bury block text under CSS/JS: strip scripts and styles, then look again.
  if (len > TIER1_SNIPPET) {
    const deep = firstMatch(TIER1, pyPrefix(stripScriptsAndStyles(pyPrefix(h, DEEP_SCAN_INPUT)), DEEP_SCAN_SNIPPET));
    if (deep) return yes(deep);
  }

  if ((statusCode === 403 || statusCode === 503) && !looksLikeData(h)) {
    if (len < EMPTY_CONTENT_THRESHOLD) return yes(`HTTP ${statusCode} with near-empty response (${len} bytes)`);
    const check = len > TIER2_MAX_SIZE ? pyPrefix(stripScriptsAndStyles(pyPrefix(h, DEEP_SCAN_INPUT)), DEEP_SCAN_SNIPPET) : snippet;
    const t2 = firstMatch(TIER2, check);
    if (t2) return yes(`${t2} (HTTP ${statusCode}, ${len} bytes)`);
    return yes(`HTTP ${statusCode} with HTML content (${len} bytes)`);
  }

  if (statusCode && statusCode >= 400 && len < TIER2_MAX_SIZE) {
    const t2 = firstMatch(TIER2, snippet);
    if (t2) return yes(`${t2} (HTTP ${statusCode}, ${len} bytes)`);
  }

  if (statusCode === 200) {
    const strippedLen = pyLen(pyStrip(h));
    if (strippedLen < EMPTY_CONTENT_THRESHOLD && !looksLikeData(h)) return yes(`Near-empty content (${strippedLen} bytes) with HTTP 200`);
  }

  return structuralCheck(h);
}

/** Crawl4AI's error_message for a blocked page. */
export const blockedMessage = (reason: string): string => BLOCKED_PREFIX + reason;
