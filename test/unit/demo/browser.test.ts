// The demo pages in real Chromium: client-side pagination, GitHub-like commits, shadow DOM,
// iframe, delayed content, load more, infinite scroll, and the demo flow's steps driven the way
// Crawl4AI runs them (js_code_before_wait as function bodies, then wait_for).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startDemoServer, type DemoServer } from '../../../electron/demo/server.js';
import { parseFlowText } from '../../../shared/flow/validate.js';
import { substituteDeep } from '../../../shared/flow/variables.js';

const executablePath = process.env.CRAWLWRIGHT_BROWSER ?? '/usr/bin/chromium';
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--no-first-run'];

let server: DemoServer;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  if (!existsSync(executablePath)) throw new Error(`no Chromium at ${executablePath} (set CRAWLWRIGHT_BROWSER)`);
  server = await startDemoServer();
  browser = await chromium.launch({ executablePath, args: ARGS });
}, 30000);
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function fresh(): Promise<Page> {
  await page?.context().close();
  const ctx = await browser.newContext();
  page = await ctx.newPage();
  page.setDefaultTimeout(10000);
  return page;
}

const texts = (p: Page, sel: string) => p.$$eval(sel, (els) => els.map((e) => (e.textContent ?? '').trim()));

describe('demo site in Chromium', () => {
  it('/list swaps pages client-side without navigation, Next disabled on the last page', async () => {
    const p = await fresh();
    let navigations = 0;
    await p.goto(server.url + '/list');
    p.on('framenavigated', (f) => f === p.mainFrame() && navigations++);
    expect(await texts(p, '#items .item .title')).toHaveLength(10);
    for (let n = 2; n <= 5; n++) {
      await p.click('#next');
      await p.waitForFunction((want) => document.querySelector('#items')?.getAttribute('data-page') === String(want), n);
      const first = await p.textContent('#items .item .title');
      expect(first).toContain(`Item ${(n - 1) * 10 + 1}:`);
      expect(await p.textContent('#page-indicator')).toBe(`Page ${n} of 5`);
    }
    expect(await p.isDisabled('#next')).toBe(true);
    expect(navigations).toBe(0);
  });

  it('?delay= sets the API delay the page scripts ask for', async () => {
    const p = await fresh();
    const apiUrls: string[] = [];
    p.on('request', (r) => r.url().includes('/api/') && apiUrls.push(r.url().slice(server.url.length)));
    await p.goto(server.url + '/commits?delay=0');
    await p.click('a[data-testid="pagination-next-button"]');
    await p.waitForFunction(() => document.querySelector('#commit-list')?.getAttribute('data-page') === '2');
    await p.goto(server.url + '/list?delay=5');
    await p.click('#next');
    await p.waitForFunction(() => document.querySelector('#items')?.getAttribute('data-page') === '2');
    expect(apiUrls).toEqual(['/api/commits?page=2&delay=0', '/api/items?page=2&delay=5']);
  });

  it('/commits: the docs\' Next link swaps to distinct commits client-side', async () => {
    const p = await fresh();
    await p.goto(server.url + '/commits');
    const seen: string[] = [];
    for (let i = 0; i < 3; i++) {
      const titles = await texts(p, 'li.Box-sc-g0xbh4-0 h4.markdown-title');
      expect(titles).toHaveLength(10);
      seen.push(...titles);
      // Exactly the Crawl4AI session-management docs' snippet and predicate.
      await p.evaluate(() => {
        const commits = document.querySelectorAll('li.Box-sc-g0xbh4-0 h4');
        (window as unknown as { lastCommit: string }).lastCommit = commits[0].textContent!.trim();
        (document.querySelector('a[data-testid="pagination-next-button"]') as HTMLElement).click();
      });
      await p.waitForFunction(() => {
        const commits = document.querySelectorAll('li.Box-sc-g0xbh4-0 h4');
        return commits.length > 0 && commits[0].textContent!.trim() !== (window as unknown as { lastCommit: string }).lastCommit;
      });
    }
    expect(new Set(seen).size).toBe(30);
    expect(p.url()).toContain('/commits?page=4');
  });

  it('/shadow: open shadow root content next to light DOM', async () => {
    const p = await fresh();
    await p.goto(server.url + '/shadow');
    await p.waitForSelector('demo-widget .shadow-item'); // Playwright CSS pierces open roots
    expect(await p.$$eval('.shadow-item', (els) => els.length)).toBe(3);
    expect(await p.evaluate(() => document.querySelectorAll('.shadow-item').length)).toBe(0);
    expect(await p.evaluate(() => document.querySelector('demo-widget')!.shadowRoot!.querySelectorAll('.shadow-item').length)).toBe(3);
    expect(await texts(p, '#light-list .light-item')).toEqual(['Light item A', 'Light item B']);
    expect(await p.evaluate(() => document.querySelector('#dsd-host')!.shadowRoot!.querySelectorAll('.dsd-item').length)).toBe(2);
    await p.click('.shadow-button');
    expect(await p.textContent('.shadow-button')).toBe('Clicked 1 times');
  });

  it('/frames: the same-origin iframe has its own list', async () => {
    const p = await fresh();
    await p.goto(server.url + '/frames');
    const frame = p.frameLocator('#content-frame');
    await frame.locator('#frame-list .frame-item').first().waitFor();
    expect(await frame.locator('#frame-list .frame-item').count()).toBe(8);
    expect(await p.evaluate(() => document.querySelectorAll('.frame-item').length)).toBe(0);
  });

  it('/delayed: #late appears after the delay, #later-visible becomes visible', async () => {
    const p = await fresh();
    await p.goto(server.url + '/delayed?ms=300');
    expect(await p.$('#late')).toBeNull();
    expect(await p.isVisible('#later-visible')).toBe(false);
    await p.waitForSelector('#late', { timeout: 5000 });
    await p.waitForSelector('#later-visible', { state: 'visible', timeout: 5000 });
  });

  it('/load-more appends to 50 then removes the button; /infinite grows to 100 on scroll', async () => {
    const p = await fresh();
    await p.goto(server.url + '/load-more');
    for (let n = 20; n <= 50; n += 10) {
      await p.click('#load-more');
      await p.waitForFunction((want) => document.querySelectorAll('#items .item').length === want, n);
    }
    expect(await p.$('#load-more')).toBeNull();
    await p.goto(server.url + '/infinite');
    for (let i = 0; i < 40 && (await p.$('#end-of-feed')) === null; i++) {
      await p.mouse.wheel(0, 4000);
      await p.waitForTimeout(100);
    }
    await p.waitForSelector('#end-of-feed');
    expect(await p.$$eval('#feed .item', (els) => els.length)).toBe(100);
  });

  it('/console logs three levels and throws; /new-tab opens a page', async () => {
    const p = await fresh();
    const messages: string[] = [];
    const errors: string[] = [];
    p.on('console', (m) => messages.push(`${m.type()}:${m.text()}`));
    p.on('pageerror', (e) => errors.push(e.message));
    await p.goto(server.url + '/console');
    await p.waitForSelector('#console-status[data-done="true"]');
    await p.waitForTimeout(50);
    expect(messages).toEqual(['log:demo log', 'warning:demo warn', 'error:demo error']);
    expect(errors).toEqual(['demo uncaught error']);
    await p.goto(server.url + '/new-tab');
    const [popup] = await Promise.all([p.context().waitForEvent('page'), p.click('#open-tab-link')]);
    await popup.waitForSelector('#items .item');
    expect(popup.url()).toBe(server.url + '/list');
  });

  it('runs the demo flow\'s steps: login, 3 member pages, 30 distinct members', async () => {
    const text = readFileSync(new URL('../../../assets/demo-flows/demo.flow.json', import.meta.url), 'utf8');
    const parsed = parseFlowText(text);
    if (!parsed.ok) throw new Error('demo flow invalid');
    const flow = substituteDeep(parsed.flow, { vars: { ...parsed.flow.variables, demo_url: server.url }, secrets: { DEMO_PASSWORD: 'demo' } });
    const p = await fresh();
    const extracted: string[][] = [];
    for (const step of flow.steps) {
      const times = step.repeat && 'times' in step.repeat ? step.repeat.times : 1;
      for (let i = 0; i < times; i++) {
        const c = step.config;
        if (!c.js_only) await p.goto(c.url!, { waitUntil: 'domcontentloaded' });
        const before = c.js_code_before_wait === undefined ? [] : Array.isArray(c.js_code_before_wait) ? c.js_code_before_wait : [c.js_code_before_wait];
        for (const s of before) {
          // Crawl4AI: each snippet is an async function body; a navigation it triggers is not an error.
          await p.evaluate(`(async () => { ${s} })()`).catch((e: Error) => {
            if (!/context was destroyed|navigation/i.test(e.message)) throw e;
          });
          await p.waitForLoadState('domcontentloaded');
        }
        const w = c.wait_for!;
        if (w.startsWith('css:')) await p.waitForSelector(w.slice(4));
        else await p.waitForFunction(`(${w.slice(3)})()`, undefined, { polling: 100 });
        if (c.extraction_strategy) extracted.push(await texts(p, `${c.extraction_strategy.schema.baseSelector} .name`));
      }
    }
    expect(extracted).toHaveLength(3);
    expect(extracted.every((page) => page.length === 10)).toBe(true);
    expect(new Set(extracted.flat()).size).toBe(30);
    expect(await p.textContent('#page-indicator')).toBe('Page 3 of 5');
  });
});
