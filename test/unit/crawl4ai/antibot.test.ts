// Crawl4AI 0.9.2's anti-bot verdict: every tier, every threshold on both sides, and the Python
// semantics (code points, str.isspace(), Unicode \d / \b, IGNORECASE equivalences). Expected
// reasons are Crawl4AI's exact strings (the runner-conformance cases show them for real pages).
import { describe, expect, it } from 'vitest';
import { isBlocked, looksLikeData, pyLen, pyPrefix } from '../../../shared/crawl4ai/antibot.js';

const page = (body: string, head = '') => `<html><head>${head}</head><body>${body}</body></html>`;
const normal = page(`<h1>Title</h1><p>${'A normal lead paragraph with enough words to read. '.repeat(3)}</p>`);
/** A <meta> that makes a page long enough (in code points) without adding visible text. */
const meta = (n: number) => `<meta content="${'m'.repeat(n)}">`;
const v = (status: number | null, html: string) => isBlocked(status, html);
const pad = (n: number, body: string) => {
  // a page of exactly n code points: body + a filler attribute
  const base = page(`<div data-pad="">${body}</div>`);
  return page(`<div data-pad="${'x'.repeat(n - base.length)}">${body}</div>`);
};

describe('anti-bot verdict (crawl4ai/antibot_detector.py is_blocked)', () => {
  it('a normal page passes with every ordinary status', () => {
    for (const s of [200, 201, 301, 404, 500, null]) expect(v(s, normal)).toEqual({ blocked: false, reason: '' });
  });

  it('HTTP 429 is always blocked, whatever the page', () => {
    expect(v(429, normal)).toEqual({ blocked: true, reason: 'HTTP 429 Too Many Requests' });
    expect(v(429, '')).toEqual({ blocked: true, reason: 'HTTP 429 Too Many Requests' });
  });

  it('tier 1 markers block on any status and any size, first pattern in list order wins', () => {
    expect(v(200, normal + 'Reference #18.2d351ab8.1557333295.a4e16ab')).toEqual({ blocked: true, reason: 'Akamai block (Reference #)' });
    expect(v(200, normal + 'pardon   our\ninterruption')).toEqual({ blocked: true, reason: 'Akamai challenge (Pardon Our Interruption)' });
    expect(v(200, 'challenge-form\n\n__cf_chl_f_tk=' + normal)).toEqual({ blocked: true, reason: 'Cloudflare challenge form' }); // DOTALL
    expect(v(200, normal + '<span class="cf-error-code">1020</span>')).toEqual({ blocked: true, reason: 'Cloudflare firewall block' });
    expect(v(200, normal + '<span class="cf-error-code">102</span>').blocked).toBe(false);
    expect(v(200, normal + '/cdn-cgi/challenge-platform/h/g/orchestrate').reason).toBe('Cloudflare JS challenge');
    expect(v(200, normal + 'window._pxAppId = "x"').reason).toBe('PerimeterX block');
    expect(v(200, normal + 'captcha.px-cdn.net').reason).toBe('PerimeterX captcha');
    expect(v(200, normal + 'captcha-delivery.com').reason).toBe('DataDome captcha');
    expect(v(200, normal + '_Incapsula_Resource').reason).toBe('Imperva/Incapsula block');
    expect(v(200, normal + 'Incapsula incident ID').reason).toBe('Imperva/Incapsula incident');
    expect(v(200, normal + 'Sucuri WebSite Firewall').reason).toBe('Sucuri firewall block');
    expect(v(200, normal + 'KPSDK.scriptStart = KPSDK.now()').reason).toBe('Kasada challenge');
    expect(v(200, normal + 'Blocked by network security').reason).toBe('Network security block');
    expect(v(404, 'Pardon Our Interruption Reference #1.a.2.b').reason).toBe('Akamai block (Reference #)');
  });

  it('tier 1 looks at the first 15,000 code points, then (big pages) at 30,000 after stripping scripts/styles', () => {
    const marker = 'Pardon Our Interruption';
    const filler = (n: number) => `<p>${'z'.repeat(n)}</p>`;
    // marker starts at code point 15,000: outside the raw snippet, but the deep scan finds it
    expect(v(200, page(filler(15_000 - 38) + marker)).blocked).toBe(true);
    // buried under a big <script>: the deep scan strips it and finds the marker
    const buried = page(`<script>${'s'.repeat(40_000)}</script>${filler(200)}${marker}`);
    expect(v(200, buried)).toEqual({ blocked: true, reason: 'Akamai challenge (Pardon Our Interruption)' });
    // beyond 30,000 code points of stripped text: not seen
    expect(v(200, page(filler(31_000) + marker)).blocked).toBe(false);
    // a page of exactly 15,000 code points has no deep scan: a marker in its last chars split... still inside the snippet
    const exact = pad(15_000, marker);
    expect(pyLen(exact)).toBe(15_000);
    expect(v(200, exact).blocked).toBe(true);
  });

  it('403/503: near-empty (< 100), tier-2 reason, or "with HTML content"; data responses pass', () => {
    expect(v(403, 'x'.repeat(99))).toEqual({ blocked: true, reason: 'HTTP 403 with near-empty response (99 bytes)' });
    expect(v(403, 'x'.repeat(100))).toEqual({ blocked: true, reason: 'HTTP 403 with HTML content (100 bytes)' });
    expect(v(503, normal)).toEqual({ blocked: true, reason: `HTTP 503 with HTML content (${normal.length} bytes)` });
    const denied = page('<h1>Access Denied</h1>', meta(60));
    expect(v(403, denied)).toEqual({ blocked: true, reason: `Access Denied on short page (HTTP 403, ${denied.length} bytes)` });
    // > 10,000: tier 2 runs on the script/style-stripped text (any size)
    const big = page(`<style>${'c'.repeat(20_000)}</style><p>Checking your browser</p>`);
    expect(v(503, big)).toEqual({ blocked: true, reason: `Cloudflare browser check (HTTP 503, ${big.length} bytes)` });
    expect(v(403, '{"error": "forbidden"}')).toEqual({ blocked: false, reason: '' });
    expect(v(403, '<html><body><pre>{"error": 1}</pre></body></html>')).toEqual({ blocked: false, reason: '' });
  });

  it('tier 2 on other 4xx/5xx only below 10,000 code points', () => {
    const at = (n: number) => pad(n, '<h1>Error</h1><p>Request unsuccessful. ' + 'More text for the reader here. '.repeat(3) + '</p>');
    expect(v(404, at(9_999))).toEqual({ blocked: true, reason: 'Request unsuccessful (Imperva) (HTTP 404, 9999 bytes)' });
    expect(v(404, at(10_000)).blocked).toBe(false);
    expect(v(200, at(9_999)).blocked).toBe(false); // tier 2 never on 200
    for (const [text, reason] of [
      ['Checking your browser', 'Cloudflare browser check'],
      ['<title>  Just a moment...</title>', 'Cloudflare interstitial'],
      ['<div class="g-recaptcha">', 'reCAPTCHA on block page'],
      ["<div class='h-captcha'>", 'hCaptcha on block page'],
      ['Access to this page has been blocked', 'PerimeterX block page'],
      ['blocked by security', 'Blocked by security'],
    ]) {
      const html = page(`<h1>Error</h1><p>${text} ${'words for a normal length paragraph '.repeat(3)}</p>`);
      expect(v(500, html)).toEqual({ blocked: true, reason: `${reason} (HTTP 500, ${html.length} bytes)` });
    }
  });

  it('HTTP 200 with < 100 code points after strip() is near-empty, unless it looks like data', () => {
    expect(v(200, '')).toEqual({ blocked: true, reason: 'Near-empty content (0 bytes) with HTTP 200' });
    expect(v(200, '<html><head></head><body></body></html>')).toEqual({ blocked: true, reason: 'Near-empty content (39 bytes) with HTTP 200' });
    const html99 = page('y'.repeat(99 - 39));
    expect(v(200, `\u3000\n${html99}\u0085 `).reason).toBe('Near-empty content (99 bytes) with HTTP 200'); // Python strip() set
    expect(v(200, page('y'.repeat(100 - 39))).reason).not.toMatch(/^Near-empty/); // 100: falls to the structural check
    expect(v(200, '\ufeff' + page('y'.repeat(98 - 39))).reason).toBe('Near-empty content (99 bytes) with HTTP 200'); // BOM is not whitespace
    expect(v(200, "<div class='crawl4ai-result'>\n\n</div>")).toEqual({ blocked: false, reason: '' }); // '<' but not <html: "data"
    expect(v(200, '[1, 2]')).toEqual({ blocked: false, reason: '' });
    expect(v(201, '').blocked).toBe(true); // not near-empty (only 200), but no <body>
    expect(v(201, '')).toEqual({ blocked: true, reason: 'Structural: no <body> tag (0 bytes)' });
  });

  it('structural: no <body>, minimal_text (< 50), no_content_elements, script_heavy_shell; 2 signals or 1 under 5,000', () => {
    const noBody = '<html><head><title>t</title></head>' + '<div>' + 'q'.repeat(200) + '</div></html>';
    expect(v(200, noBody)).toEqual({ blocked: true, reason: `Structural: no <body> tag (${noBody.length} bytes)` });
    expect(v(200, '<html><bodyx>' + 'q'.repeat(200) + '</bodyx></html>').reason).toMatch(/^Structural: no <body> tag/); // \b
    expect(v(200, '<html><body-x>' + 'q'.repeat(200) + '</body-x></html>').reason).toMatch(/^Structural: no_content_elements/); // "-" is a boundary
    const tiny = page('<div id="t">ok</div>', meta(80));
    expect(v(200, tiny)).toEqual({ blocked: true, reason: `Structural: minimal_text, no_content_elements (${tiny.length} bytes, 2 chars visible)` });
    // visible text 49 vs 50 with a content element: one signal on a small page / none
    const p49 = page(`<p>${'v'.repeat(49)}</p>`, meta(60));
    expect(v(200, p49).reason).toBe(`Structural: minimal_text on small page (${p49.length} bytes, 49 chars visible)`);
    expect(v(200, page(`<p>${'v'.repeat(50)}</p>`, meta(60))).blocked).toBe(false);
    // one signal at 4,999 vs 5,000 code points
    expect(v(200, pad(4_999, '<p>short</p>'))).toEqual({ blocked: true, reason: 'Structural: minimal_text on small page (4999 bytes, 5 chars visible)' });
    expect(v(200, pad(5_000, '<p>short</p>'))).toEqual({ blocked: false, reason: '' });
    // script_heavy_shell: scripts, no content elements, < 100 visible
    const shell = page('<div>' + 'w'.repeat(70) + '</div><script>boot()</script>');
    expect(v(200, shell)).toEqual({ blocked: true, reason: `Structural: no_content_elements, script_heavy_shell (${shell.length} bytes, 70 chars visible)` });
    const shell100 = pad(6_000, 'w'.repeat(100) + '<script>boot()</script>');
    expect(v(200, shell100)).toEqual({ blocked: false, reason: '' }); // 1 signal (no_content_elements) on a page >= 5,000
    // scripts and styles do not count as visible text
    const scripted = page(`<p>hi</p><script>${'t'.repeat(300)}</script><style>${'u'.repeat(300)}</style>`);
    expect(v(200, scripted).reason).toBe(`Structural: minimal_text on small page (${scripted.length} bytes, 2 chars visible)`);
    // above 50,000 code points: never structural
    expect(v(200, pad(50_001, '<div>x</div>')).blocked).toBe(false);
    expect(v(200, pad(50_000, '<div>x</div>')).reason).toBe('Structural: minimal_text, no_content_elements (50000 bytes, 1 chars visible)');
  });

  it('the structural check applies to error statuses too (a tiny 404 page)', () => {
    const html = page('<div>404</div>', meta(64));
    expect(v(404, html)).toEqual({ blocked: true, reason: `Structural: minimal_text, no_content_elements (${html.length} bytes, 3 chars visible)` });
  });

  it('Python semantics: code points, Unicode digits and \\s, \\b on Unicode words, IGNORECASE equivalences', () => {
    const astral = '😀'.repeat(49); // 49 code points, 98 UTF-16 units
    expect(pyLen(astral)).toBe(49);
    expect(pyPrefix(astral + 'abc', 50)).toBe(astral + 'a');
    expect(pyLen('\ud800x')).toBe(2); // a lone surrogate is one code point
    const emoji = page(`<p>${astral}</p>`, meta(80));
    expect(v(200, emoji)).toEqual({ blocked: true, reason: `Structural: minimal_text on small page (${pyLen(emoji)} bytes, 49 chars visible)` });
    expect(v(200, normal + 'Reference #١٢.ab.٣.cd').reason).toBe('Akamai block (Reference #)'); // \d is Unicode
    const accented = page(`<pé>${'v'.repeat(60)}</pé>`);
    expect(v(200, accented).reason).toBe(`Structural: no_content_elements on small page (${accented.length} bytes, 60 chars visible)`); // é is \w
    expect(v(200, page(`<p\u0301>${'v'.repeat(60)}</p>`)).blocked).toBe(false); // a combining mark is not \w
    const denied = (t: string) => page(`<h1>${t}</h1>`, meta(60));
    expect(v(403, denied('Acceſs Denıed')).reason).toMatch(/^Access Denied on short page/); // ſ~s, ı~i
    expect(v(403, denied('ACCESS DENİED')).reason).toMatch(/^Access Denied on short page/); // İ~i
    expect(v(403, denied('Access\u00a0\u0085Denied')).reason).toMatch(/^Access Denied on short page/); // \s = str.isspace()
    expect(v(403, denied('Access\u200bDenied')).reason).toMatch(/^HTTP 403 with HTML content/); // U+200B is not
    expect(v(403, denied('Access\ufeffDenied')).reason).toMatch(/^HTTP 403 with HTML content/); // nor U+FEFF (JS \s is)
  });

  it('looksLikeData: JSON, browser-wrapped JSON, other XML-like text', () => {
    expect(looksLikeData('  {"a": 1}')).toBe(true);
    expect(looksLikeData('<?xml version="1.0"?><a/>')).toBe(true);
    expect(looksLikeData('<!DOCTYPE html><html><body>hi</body></html>')).toBe(false);
    expect(looksLikeData('<HTML><BODY class=x>\n<PRE>[1]</PRE></BODY></HTML>')).toBe(true);
    expect(looksLikeData('plain text')).toBe(false);
    expect(looksLikeData(' \u3000 ')).toBe(false);
  });
});
