// The Python importer on the five examples of Crawl4AI's session-management guide (copied byte
// for byte into test/fixtures/python-import/crawl4ai-docs, see SOURCE.md there), and on
// malformed / unsupported scripts. The importer parses; it never runs the script.
import { describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseImport } from '../../../shared/export/index.js';
import { validateFlow } from '../../../shared/flow/index.js';
import { ROOT } from './flows.js';

const DOCS = path.join(ROOT, 'test/fixtures/python-import/crawl4ai-docs');
const load = (name: string) => parseImport(readFileSync(path.join(DOCS, name), 'utf8'));

function flowOf(r: ReturnType<typeof parseImport>) {
  expect(r.errors).toEqual([]);
  expect(r.kind).toBe('python-script');
  // The one flow validator accepts what the importer returns.
  expect(validateFlow(r.flow).ok).toBe(true);
  return r.flow!;
}

describe('the five session-management examples', () => {
  it('1 basic session usage: two steps in one session, named after their comments', () => {
    const flow = flowOf(load('1-basic-session-usage.py'));
    expect(flow.steps.map((s) => [s.name, s.config])).toEqual([
      ['First request', { url: 'https://example.com/page1', session_id: 'my_session' }],
      ['Subsequent request using the same session', { url: 'https://example.com/page2', session_id: 'my_session' }],
    ]);
    expect(flow.notes).toBeUndefined();
  });

  it('2 commits pagination: first page + repeated js_only step, wait_for kept as written, unsupported options by line', () => {
    const r = load('2-dynamic-content-commits.py');
    const flow = flowOf(r);
    expect(flow.browser).toEqual({ headless: false });
    const [first, next] = flow.steps;
    expect(first.config).toMatchObject({ url: 'https://github.com/microsoft/TypeScript/commits/main', session_id: 'wait_for_session', js_only: false, css_selector: "li[data-testid='commit-row-item']" });
    expect(first.config.js_code).toBeUndefined();
    expect(first.config.wait_for).toBeUndefined();
    expect(first.config.extraction_strategy?.schema).toEqual({
      name: 'Commit Extractor',
      baseSelector: "li[data-testid='commit-row-item']",
      fields: [{ name: 'title', selector: 'h4 a', type: 'text', transform: 'strip' }],
    });
    expect(next.repeat).toEqual({ times: 2 });
    expect(next.config.js_only).toBe(true);
    expect(next.config.js_code).toContain("window.lastCommit = commits[0].textContent.trim();");
    expect(next.config.wait_for).toMatch(/^\(\) => \{\n {8}const commits/);
    expect(r.notes).toEqual(
      expect.arrayContaining([
        'line 42: BrowserConfig verbose: not supported by Crawlwright flows; left out',
        'line 38: JsonCssExtractionStrategy(verbose=…): only the schema is carried over; left out',
        'line 56: capture_console_messages: CrawlerRunConfig parameter not supported by Crawlwright flows; left out',
        'lines 61–62: result handling (if result.console_messages:) is not part of a flow; kept as a note',
        'lines 64–70: result handling (if result.extracted_content:) is not part of a flow; kept as a note',
        'line 72: print(...): output of the script; Crawlwright shows results in its Results panel',
      ]),
    );
    // The 0.8.5 ordering trap of this doc example is pointed out (js_code now runs after wait_for).
    expect(r.notes.some((n) => n.includes('js_code runs AFTER wait_for'))).toBe(true);
    // Each note once, even though the loop's config became two steps.
    expect(new Set(r.notes).size).toBe(r.notes.length);
    expect(flow.notes).toContain('\n                commits = json.loads(result.extracted_content)\n');
  });

  it('3 load more: repeated step, and the page reload it does (no js_only) is pointed out', () => {
    const r = load('3-basic-session-load-more.py');
    const flow = flowOf(r);
    expect(flow.steps.map((s) => s.name)).toEqual(['Page 1', 'Pages 2–3']);
    expect(flow.steps[1]).toMatchObject({ repeat: { times: 2 }, config: { js_code: "document.querySelector('.load-more-button').click();", css_selector: '.content-item', session_id: 'dynamic_content_session' } });
    expect(flow.steps[0].config.js_code).toBeUndefined();
    expect(r.notes.some((n) => n.startsWith('step 2 "Pages 2–3".config.js_only: this step loads its url again'))).toBe(true);
  });

  it('4 custom execution hooks: Python hook kept verbatim, page-side equivalent proposed on every step after set_hook', () => {
    const r = load('4-custom-execution-hooks.py');
    const flow = flowOf(r);
    const src = readFileSync(path.join(DOCS, '4-custom-execution-hooks.py'), 'utf8');
    const hookSource = src.split('\n').slice(3, 16).join('\n');
    expect(hookSource).toMatch(/^ {4}async def on_execution_started\(page\):/);
    expect(flow.notes).toContain(hookSource);
    expect(flow.steps).toHaveLength(2);
    for (const s of flow.steps) {
      expect(s.hooks?.on_execution_started).toContain('document.querySelector("li.commit-item h4")');
      expect(s.notes).toContain('Python hook on_execution_started (script lines 4–16');
    }
    expect(r.notes.find((n) => n.startsWith('line 21: set_hook("on_execution_started", on_execution_started)'))).toContain('polls every 500 ms');
  });

  it('5 integrated js and wait: the unawaited async IIFE is pointed out', () => {
    const r = load('5-integrated-js-and-wait.py');
    const flow = flowOf(r);
    expect(flow.steps[1].config.js_code).toContain('(async () => {');
    expect(r.notes.some((n) => n.includes('the async IIFE is neither awaited nor returned'))).toBe(true);
  });
});

describe('the proposed hook equivalent runs in a page', () => {
  it('waits until the first item changes (checked with a real function body)', async () => {
    const flow = flowOf(load('4-custom-execution-hooks.py'));
    const body = flow.steps[0].hooks!.on_execution_started!;
    // A tiny DOM stand-in: the text changes after three polls.
    let reads = 0;
    const el = { get textContent() { return ++reads < 3 ? '' : ' commit A '; } };
    const win: Record<string, unknown> = {};
    const fn = new Function('document', 'window', 'setTimeout', `return (async () => {\n${body}\n})();`);
    await fn({ querySelector: () => el }, win, (r: () => void) => r());
    expect(win.__crawlwright_on_execution_started_last).toBe('commit A');
  });
});

describe('variables, constants and f-strings', () => {
  it('module constants are inlined, f-string names become {{var}} with their value as default, os.environ becomes a variable', () => {
    const r = parseImport(`import os
from crawl4ai import AsyncWebCrawler, CrawlerRunConfig, CacheMode
BASE = "https://shop.test"
TIMEOUT = 30_000
async def main():
    user = os.environ.get("SHOP_USER", "demo")
    token = os.environ["SHOP_TOKEN"]
    async with AsyncWebCrawler() as crawler:
        await crawler.arun(url=f"{BASE}/login?u={user}&t={token}", config=CrawlerRunConfig(page_timeout=TIMEOUT, cache_mode=CacheMode.ENABLED, wait_for="css:.ok"))
`);
    const flow = flowOf(r);
    expect(flow.steps[0].config).toEqual({ url: '{{BASE}}/login?u={{SHOP_USER}}&t={{SHOP_TOKEN}}', page_timeout: 30000, wait_for: 'css:.ok', cache_mode: 'enabled' });
    expect(flow.variables).toEqual({ BASE: 'https://shop.test', SHOP_USER: 'demo' });
    expect(flow.name).toBe('Main');
  });
});

describe('malformed and unsupported scripts', () => {
  it('a script without a crawl is an error, not an empty flow', () => {
    const r = parseImport('import asyncio\nprint("hello")\n');
    expect(r.kind).toBe('python-script');
    expect(r.flow).toBeUndefined();
    expect(r.errors[0].message).toMatch(/no crawl found/);
  });

  it('syntax errors are reported by line and the rest is imported', () => {
    const r = parseImport('from crawl4ai import *\nasync def main():\n    async with AsyncWebCrawler() as crawler:\n        await crawler.arun(url="https://a.test")\n        x = = 3\nasyncio.run(main())\n');
    const flow = flowOf(r);
    expect(flow.steps).toHaveLength(1);
    expect(r.notes.some((n) => /^line 5: Python syntax error/.test(n))).toBe(true);
  });

  it('every construct not understood is a note with its line, kept in the flow', () => {
    const text = `import asyncio
from crawl4ai import *

async def main():
    async with AsyncWebCrawler() as crawler:
        while True:
            break
        for u in ["https://a.test", "https://b.test"]:
            await crawler.arun(url=u)
        results = await crawler.arun_many(["https://a.test"], config=CrawlerRunConfig())
        await crawler.arun(url="https://c.test", config=CrawlerRunConfig(
            extraction_strategy=JsonXPathExtractionStrategy({"baseSelector": "//li", "fields": []}),
            js_code=lambda: "x",
            page_timeout=-5,
            word_count_threshold=5,
            wiat_for="css:.x",
        ))
        for page in range(2):
            for again in range(2):
                await crawler.arun(url="https://d.test")
        data = open("/etc/passwd").read()

asyncio.run(main())
`;
    const r = parseImport(text);
    const flow = flowOf(r);
    expect(flow.steps.map((s) => s.config.url)).toEqual(['https://c.test']);
    const expected = [
      /^lines 6–7: a while statement Crawlwright cannot represent/,
      /^lines 8–9: a for loop that is not `for x in range\(N\)`/,
      /^line 10: arun_many\(\): many URLs in one call/,
      /^line 12: extraction_strategy: JsonXPathExtractionStrategy is not supported/,
      /^line 13: js_code: the expression lambda/,
      /^line 14: page_timeout=-5: .*left out$/,
      /^line 15: word_count_threshold: CrawlerRunConfig parameter not supported/,
      /^line 16: wiat_for: not a CrawlerRunConfig parameter \(did you mean "wait_for"\?\)/,
      /^lines 19–20: a loop inside a loop/,
      /^line 21: data = …: the call .*kept as a note$/,
    ];
    for (const re of expected) expect(r.notes.some((n) => re.test(n)), String(re)).toBe(true);
    expect(flow.notes).toContain('        data = open("/etc/passwd").read()');
  });

  it('importing runs no code: a script that would write a file leaves nothing behind', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'cw-pyimport-'));
    const marker = path.join(dir, 'ran');
    const r = parseImport(`import os\nos.system("touch ${marker}")\nopen("${marker}", "w").write("x")\n__import__("os").system("touch ${marker}")\nasync def main():\n    async with AsyncWebCrawler() as c:\n        await c.arun(url="https://a.test")\nasyncio.run(main())\n`);
    expect(existsSync(marker)).toBe(false);
    expect(r.flow?.steps).toHaveLength(1);
    expect(r.notes.filter((n) => /^line [234]: .*a Python call Crawlwright cannot represent/.test(n))).toHaveLength(3);
  });

  it('bytes literals and f-strings with expressions are refused with the reason', () => {
    const r = parseImport('async def main():\n    async with AsyncWebCrawler() as c:\n        for page in range(2):\n            await c.arun(url=f"https://a.test/?p={page + 1}", config=CrawlerRunConfig(css_selector=b".x"))\nasyncio.run(main())\n');
    expect(r.notes).toEqual(expect.arrayContaining([expect.stringMatching(/^line 4: css_selector: a bytes literal/), expect.stringMatching(/^line 4: url: the f-string replacement \{page \+ 1\} is not a plain variable name/)]));
  });

  it('JSON still goes to the JSON importers', () => {
    expect(parseImport('{"baseSelector": ".x", "fields": []}').kind).toBe('schema');
  });
});
