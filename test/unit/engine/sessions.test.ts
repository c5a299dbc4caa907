// Sessions, the pipeline basics and failure handling that need no extractor.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, flowOf, type Harness } from './helpers.js';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(async () => {
  await h?.close();
});

describe('sessions', () => {
  it('keeps the live page across steps (DOM, JS globals) and shares the context by signature', async () => {
    const flow = flowOf([
      { id: 'a', config: { url: `${h.demo.url}/list`, session_id: 's1', js_code: 'window.__mark = 42; return document.title;' } },
      { id: 'b', config: { url: 'http://label.invalid/ignored', session_id: 's1', js_only: true, js_code: ['return window.__mark;', 'return 0;'] } },
      { id: 'c', config: { url: `${h.demo.url}/list`, session_id: 's2', js_code: 'return window.__mark ?? null;' } },
    ]);
    const r = await h.run(flow);
    expect(r.status).toBe('ok');
    expect(r.results[1].js_execution_result).toEqual({ success: true, results: [42, { success: true }] });
    expect(r.results[1].status_code).toBe(200);
    expect(r.results[2].js_execution_result?.results).toEqual([{ success: true }]); // null → {success:true}
    const list = h.engine.sessions.list();
    const s1 = list.find((s) => s.id === 's1')!;
    expect(s1.sharedWith).toContain('s2');
    expect(s1.url).toContain('/list');
    expect(h.sessionEvents).toBeGreaterThan(0);
  });

  it('a step without session_id gets a fresh page that is closed afterwards', async () => {
    const before = h.engine.sessions.list().length;
    const r = await h.run(flowOf([{ id: 'x', config: { url: `${h.demo.url}/list`, js_code: 'return location.pathname;' } }]));
    expect(r.status).toBe('ok');
    expect(r.results[0].js_execution_result?.results).toEqual(['/list']);
    expect(r.results[0].sessionId).toBeNull();
    expect(h.engine.sessions.list().length).toBe(before);
    const ctx = h.engine.sessions.get('s1')!.context;
    expect(ctx.pages().length).toBeLessThanOrEqual(2); // s1 + s2 only
  });

  it('a js_only step on an unknown session runs on about:blank with a warning', async () => {
    const r = await h.run(flowOf([{ id: 'j', config: { url: 'http://label.invalid/', session_id: 'unknown', js_only: true, js_code: 'return location.href;' } }]));
    expect(r.status).toBe('ok');
    expect(r.results[0].js_execution_result?.results).toEqual(['about:blank']);
    expect(r.results[0].url).toBe('http://label.invalid/'); // js_only: the url argument is still result.url (Crawl4AI)
    expect(r.results[0].redirected_url).toBe('about:blank');
    expect(r.results[0].warnings.join('\n')).toMatch(/does not exist/);
    await h.engine.sessions.kill('unknown');
  });

  it('kill closes the page; idle TTL expires sessions on the next get', async () => {
    await h.engine.sessions.getOrCreate('ttl');
    expect(await h.engine.sessions.kill('ttl')).toBe(true);
    expect(h.engine.sessions.get('ttl')).toBeUndefined();
    const s = await h.engine.sessions.getOrCreate('old');
    s.lastUsed = Date.now() - 31 * 60_000;
    await h.engine.sessions.getOrCreate('fresh');
    expect(h.engine.sessions.get('old')).toBeUndefined();
    await h.engine.sessions.kill('fresh');
  });
});

describe('js_code semantics', () => {
  it('records a throwing snippet and still runs the rest; syntax errors too', async () => {
    const r = await h.run(
      flowOf([{ id: 'j', config: { url: `${h.demo.url}/list`, js_code: ['throw new Error("boom")', 'return ;;; {', 'return 1 + 1;', 'return "";'] } }]),
    );
    expect(r.status).toBe('ok');
    const res = r.results[0].js_execution_result!.results as Array<Record<string, unknown>>;
    expect(res[0]).toMatchObject({ success: false, error: 'Error: boom' });
    expect(res[1]).toMatchObject({ success: false });
    expect(res[2]).toBe(2);
    expect(res[3]).toEqual({ success: true });
    expect(r.results[0].warnings.join('\n')).toMatch(/js_code\[0\] failed/);
  });

  it('a snippet that navigates is recorded as Crawl4AI does and the step captures the new page', async () => {
    const r = await h.run(
      flowOf([{ id: 'n', config: { url: `${h.demo.url}/list`, session_id: 'nav', js_code: [`location.href = '${h.demo.url}/pages?page=2'; await new Promise(r => setTimeout(r, 5000));`, 'return location.search;'] } }]),
    );
    expect(r.status).toBe('ok');
    const res = r.results[0].js_execution_result!.results;
    expect(res[0]).toEqual({ success: true, info: 'Navigation triggered, ignoring context destroyed error' });
    expect(res[1]).toBe('?page=2');
    expect(r.results[0].url).toBe(`${h.demo.url}/list`);
    expect(r.results[0].redirected_url).toContain('/pages?page=2');
  });

  it('an endless loop is bounded by page_timeout and the page stays usable', async () => {
    const t0 = Date.now();
    const r = await h.run(
      flowOf([{ id: 'loop', config: { url: `${h.demo.url}/list`, session_id: 'loop', page_timeout: 1500, js_code: ['while (true) {}', 'await new Promise(() => {});', 'return 7;'] } }]),
    );
    expect(Date.now() - t0).toBeLessThan(15_000);
    expect(r.status).toBe('ok');
    const res = r.results[0].js_execution_result!.results as unknown[];
    expect(res[0]).toMatchObject({ success: false });
    expect(res[1]).toMatchObject({ success: false });
    expect(res[2]).toBe(7);
    expect(r.results[0].warnings.join('\n')).toMatch(/page_timeout/);
    // One warning per stopped snippet, not a "stopped" and a near-identical "failed: did not finish" (bug 11).
    const perSnippet = (i: number) => r.results[0].warnings.filter((w) => w.includes(`js_code[${i}]`));
    expect(perSnippet(0)).toHaveLength(1);
    expect(perSnippet(1)).toHaveLength(1);
    expect(perSnippet(2)).toHaveLength(0);
  });
});

describe('repeat', () => {
  it('{until, max} stops when the page-side predicate is true; results per iteration', async () => {
    const step = (until: string, max: number) =>
      flowOf([
        { id: 'open', config: { url: `${h.demo.url}/load-more`, session_id: 'rep' } },
        {
          id: 'more',
          config: {
            url: 'http://label.invalid/',
            session_id: 'rep',
            js_only: true,
            js_code_before_wait: "window.__n = document.querySelectorAll('#items li').length; document.querySelector('#load-more').click();",
            wait_for: "js:() => document.querySelectorAll('#items li').length > window.__n",
            js_code: "return document.querySelectorAll('#items li').length;",
          },
          repeat: { until, max },
        },
      ]);
    const r = await h.run(step("js:() => document.querySelectorAll('#items li').length >= 30", 10));
    expect(r.status).toBe('ok');
    expect(r.results.filter((x) => x.stepId === 'more').map((x) => [x.iteration, x.js_execution_result?.results[0]])).toEqual([
      [0, 20],
      [1, 30],
    ]);
    const capped = await h.run(step('() => false', 2));
    // Exhausting max is a run-health problem: "finished with warnings", the reason on the last iteration.
    expect(capped.status).toBe('warnings');
    expect(capped.results.at(-1)!.health).toEqual([expect.objectContaining({ kind: 'max-exhausted', message: expect.stringMatching(/never became true; the loop stopped after max 2/) })]);
  });

  it('refuses a second run on a session that a running run uses', async () => {
    const flow = flowOf([{ id: 'w', config: { url: '{{demo_url}}/list', session_id: 'busy', wait_for: 'js:() => false', wait_for_timeout: 5000 } }]);
    const first = h.engine.startRun(flow);
    expect(() => h.engine.startRun(flow)).toThrow(/session "busy" is in use/);
    h.engine.stopRun(first.runId);
    expect((await first.done).status).toBe('stopped');
  });
});

describe('wait_for and status codes', () => {
  it('css: that never appears fails the step with phase wait_for and the selector', async () => {
    const r = await h.run(flowOf([{ id: 'w', config: { url: `${h.demo.url}/list`, page_timeout: 800, wait_for: 'css:#does-not-exist' } }]));
    expect(r.status).toBe('failed');
    expect(r.results[0].error).toMatchObject({ phase: 'wait_for', selector: '#does-not-exist' });
    expect(r.error).toMatch(/step "w"/);
  });

  it('js: timeout continues with a warning', async () => {
    const r = await h.run(flowOf([{ id: 'w', config: { url: `${h.demo.url}/list`, wait_for: 'js:() => false', wait_for_timeout: 500 } }]));
    expect(r.status).toBe('warnings'); // the step goes on (Crawl4AI), the run says the wait timed out
    expect(r.health.map((i) => i.kind)).toEqual(['wait-timeout']);
    expect(r.results[0].warnings.join('\n')).toMatch(/continuing anyway/);
  });

  it('js: with a bare expression fails ("userFunction is not a function"); a syntax error continues with a warning', async () => {
    const bare = await h.run(flowOf([{ id: 'w', config: { url: `${h.demo.url}/list`, wait_for: 'js:document.title.length > 0' } }]));
    expect(bare.status).toBe('failed');
    expect(bare.results[0].error?.phase).toBe('wait_for');
    expect(bare.results[0].error?.message).toMatch(/Error evaluating condition: .*not a function/);
    const syntax = await h.run(flowOf([{ id: 'w', config: { url: `${h.demo.url}/list`, wait_for: 'js:() => {{', wait_for_timeout: 5000 } }]));
    expect(syntax.status).toBe('ok');
    expect(syntax.results[0].warnings.join('\n')).toMatch(/continues WITHOUT waiting/);
    expect(syntax.results[0].timings.find((t) => t.phase === 'wait_for')!.ms).toBeLessThan(2000);
  });

  it('a bare invalid selector silently waits the full timeout (with a warning)', async () => {
    const r = await h.run(flowOf([{ id: 'w', config: { url: `${h.demo.url}/list`, wait_for: 'x => x', wait_for_timeout: 400 } }]));
    expect(r.status).toBe('warnings');
    expect(r.health.map((i) => i.kind)).toEqual(['wait-timeout']);
    expect(r.results[0].warnings.join('\n')).toMatch(/waited the full 400 ms/);
  });

  it('a hidden body is waited for (bounded) and then ignored, like Crawl4AI', async () => {
    const r = await h.run(
      flowOf([{ id: 'hb', config: { url: `${h.demo.url}/list`, page_timeout: 600 }, hooks: { after_goto: "document.body.style.display = 'none';" } }]),
    );
    expect(r.status).toBe('ok');
    expect(r.results[0].warnings.join('\n')).toMatch(/body stayed hidden for 600 ms/);
  });

  it('404 and 500 keep going like Crawl4AI but warn', async () => {
    const r = await h.run(
      flowOf([
        { id: 'a', config: { url: `${h.demo.url}/status/404` } },
        { id: 'b', config: { url: `${h.demo.url}/status/500` } },
      ]),
    );
    expect(r.status).toBe('ok');
    expect(r.results.map((x) => x.status_code)).toEqual([404, 500]);
    expect(r.results[0].warnings.join('\n')).toMatch(/HTTP 404/);
  });

  it('a navigation timeout fails in phase navigate', async () => {
    const r = await h.run(flowOf([{ id: 'never', config: { url: `${h.demo.url}/never`, page_timeout: 700 } }]));
    expect(r.status).toBe('failed');
    expect(r.results[0].error?.phase).toBe('navigate');
  });
});

describe('control', () => {
  it('stop cancels a running step within 1 s', async () => {
    const { runId, done } = h.engine.startRun(flowOf([{ id: 'slow', config: { url: `${h.demo.url}/list`, wait_for: 'js:() => false', wait_for_timeout: 20_000 } }]));
    await new Promise((r) => setTimeout(r, 1500));
    const t0 = Date.now();
    expect(h.engine.stopRun(runId)).toBe(true);
    const r = await done;
    expect(Date.now() - t0).toBeLessThan(1000);
    expect(r.status).toBe('stopped');
  });

  it('modes, disabled steps and breakpoints', async () => {
    const flow = flowOf([
      { id: 'a', config: { url: '{{demo_url}}/list', js_code: 'return "a";' } },
      { id: 'b', disabled: true, config: { url: '{{demo_url}}/list', js_code: 'return "b";' } },
      { id: 'c', breakpoint: true, config: { url: '{{demo_url}}/list', js_code: 'return "c";' } },
      { id: 'd', config: { url: '{{demo_url}}/list', js_code: 'return "d";' } },
    ]);
    const ids = async (mode: 'all' | 'to' | 'from' | 'step', stepId?: string) =>
      (await h.run(flow, { mode, stepId })).results.map((r) => r.stepId);
    expect(await ids('all')).toEqual(['a', 'c', 'd']);
    expect(await ids('to', 'c')).toEqual(['a', 'c']);
    expect(await ids('from', 'c')).toEqual(['c', 'd']);
    expect(await ids('step', 'd')).toEqual(['d']);
    const { runId, done } = h.engine.startRun(flow, { breakpoints: true });
    for (let i = 0; i < 100 && !h.events.some((e) => e.type === 'paused' && e.runId === runId); i++) await new Promise((r) => setTimeout(r, 50));
    expect(h.events.some((e) => e.type === 'paused' && e.runId === runId)).toBe(true);
    expect(h.engine.continueRun(runId)).toBe(true);
    expect((await done).results.map((r) => r.stepId)).toEqual(['a', 'c', 'd']);
    const types = h.events.filter((e) => e.runId === runId).map((e) => e.type);
    expect(types[0]).toBe('run-started');
    expect(types).toContain('resumed');
    expect(types.at(-1)).toBe('run-finished');
  });

  it('an invalid flow is refused with path-named issues', () => {
    expect(() => h.engine.startRun({ format: 'crawlwright.flow', version: 1, name: 'x', steps: [{ id: 'a', name: 'a', config: { wait_fro: 'x' } }] })).toThrow(
      /steps\[0\]\.config\.wait_fro/,
    );
  });
});
