// The seed's examples (test/fixtures/flows) against the demo site in real Chromium.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateFlow } from '../../../shared/flow/validate.js';
import { createHarness, loadFixture, titles, type Harness } from './helpers.js';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(async () => {
  await h?.close();
});

describe('seed example flows', () => {
  it('every fixture is a valid flow', async () => {
    for (const f of ['load-more', 'commits', 'commits-hook', 'commits-integrated', 'login', 'form']) {
      const v = validateFlow(await loadFixture(`${f}.flow.json`));
      expect(v.ok, f).toBe(true);
    }
  });

  it('load more ×3 on one session', async () => {
    const r = await h.run(await loadFixture('load-more.flow.json'));
    // Each iteration extracts the whole growing list, so items repeat: the run says so (10 + 20 + 30).
    expect(r.status, r.error).toBe('warnings');
    expect(r.health.map((i) => [i.iteration, i.kind, i.duplicates])).toEqual([
      [0, 'duplicates', 10],
      [1, 'duplicates', 20],
      [2, 'duplicates', 30],
    ]);
    expect(r.results.map((x) => [x.stepId, x.iteration, x.items?.length])).toEqual([
      ['open', 0, 10],
      ['more', 0, 20],
      ['more', 1, 30],
      ['more', 2, 40],
    ]);
    const last = r.results[3].items as Array<{ id: string }>;
    expect(last.map((i) => i.id)).toEqual(Array.from({ length: 40 }, (_, i) => String(i + 1)));
    expect(JSON.parse(r.results[3].extracted_content!)).toEqual(r.results[3].items);
  });

  async function commitsInOrder(fixture: string) {
    const r = await h.run(await loadFixture(fixture));
    expect(r.status, r.error).toBe('ok');
    expect(r.results.map((x) => [x.stepId, x.iteration])).toEqual([
      ['page1', 0],
      ['next', 0],
      ['next', 1],
    ]);
    const pages = r.results.map((x) => titles(x.items));
    for (const p of pages) expect(p.length).toBeGreaterThan(0);
    const all = pages.flat();
    expect(new Set(all).size).toBe(all.length); // three different pages
    const shas = r.results.flatMap((x) => (x.items as Array<{ sha: string }>).map((i) => i.sha));
    // Page order: the demo's commit list is newest first, so each page starts after the previous one.
    const { commitsHtml } = await import('../../../electron/demo/pages-lists.js');
    const expected = [1, 2, 3].flatMap((p) => [...commitsHtml(p).matchAll(/data-commit-sha="([^"]+)"/g)].map((m) => m[1]));
    expect(shas).toEqual(expected);
    return r;
  }

  it('commits pagination: js_only + js_code_before_wait click + wait_for, 3 pages in order', async () => {
    const r = await commitsInOrder('commits.flow.json');
    // Crawl4AI: result.url is the url the js_only step asked for; redirected_url is where the page is.
    expect(r.results[1].url).toBe(`${h.demo.url}/commits`);
    expect(r.results[1].redirected_url).toContain('/commits?page=2');
  });

  it('commits pagination, hook variant (on_execution_started waits for new content)', async () => {
    await commitsInOrder('commits-hook.flow.json');
  });

  it('commits pagination, integrated variant (click and wait inside js_code)', async () => {
    const r = await commitsInOrder('commits-integrated.flow.json');
    expect(r.results[1].js_execution_result).toEqual({ success: true, results: [true] });
  });

  it('login: later steps (and a session sharing the context) see the cookie', async () => {
    const r = await h.run(await loadFixture('login.flow.json'));
    expect(r.status, r.error).toBe('ok');
    expect(r.results[0].url).toBe(`${h.demo.url}/login`); // the requested url, as Crawl4AI's result.url
    expect(r.results[0].redirected_url).toContain('/account'); // the form submit navigated
    expect(r.results[1].items).toEqual([{ username: 'demo', plan: 'Team' }]);
    expect(r.results[2].items!.length).toBeGreaterThan(0);
    const members = h.engine.sessions.list().find((s) => s.id === 'members')!;
    expect(members.sharedWith).toContain('auth');
  });

  it('form submission', async () => {
    const r = await h.run(await loadFixture('form.flow.json'));
    expect(r.status, r.error).toBe('ok');
    const fields = Object.fromEntries((r.results[0].items as Array<{ field: string; value: string }>).map((i) => [i.field, i.value]));
    expect(fields).toMatchObject({ name: 'Ada Lovelace', color: 'blue', size: 'L', subscribe: 'yes', message: 'Hello from Crawlwright' });
  });
});
