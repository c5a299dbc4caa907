// Pipeline order, hooks, capture wrapper, artifacts, variables and secret masking.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { captureHtml } from '../../../electron/engine/capture.js';
import { pruneRuns, readArtifact } from '../../../electron/engine/artifacts.js';
import { createHarness, flowOf, type Harness } from './helpers.js';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(async () => {
  await h?.close();
});

describe('pipeline', () => {
  it("runs hooks, js_code_before_wait, wait_for and js_code in Crawl4AI 0.9.2's order", async () => {
    const push = (tag: string) => `(window.__order = window.__order || []).push('${tag}');`;
    const flow = flowOf([
      {
        id: 'o',
        config: {
          url: `${h.demo.url}/list`,
          session_id: 'order',
          js_code_before_wait: push('js_code_before_wait'),
          wait_for: `js:() => { ${push('wait_for')} return true; }`,
          js_code: [push('js_code'), 'return window.__order.slice();'],
        },
        hooks: {
          on_page_context_created: 'window.__preGoto = 1;',
          before_goto: 'window.__preGoto = 2;',
          after_goto: push('after_goto'),
          before_retrieve_html: push('before_retrieve_html'),
          on_execution_started: push('on_execution_started'),
          on_execution_ended: `${push('on_execution_ended')} window.__ended = hook.result;`,
          before_return_html: `${push('before_return_html')} window.__htmlLen = hook.html.length;`,
        },
      },
      { id: 'check', config: { url: 'http://label.invalid/', session_id: 'order', js_only: true, js_code: ['return window.__order;', 'return window.__htmlLen > 100;', 'return window.__ended.success;'] } },
    ]);
    const r = await h.run(flow);
    expect(r.status).toBe('ok');
    expect(r.results[0].js_execution_result?.results[1]).toEqual(['after_goto', 'js_code_before_wait', 'wait_for', 'before_retrieve_html', 'js_code']);
    expect(r.results[1].js_execution_result?.results).toEqual([
      ['after_goto', 'js_code_before_wait', 'wait_for', 'before_retrieve_html', 'js_code', 'on_execution_started', 'on_execution_ended', 'before_return_html'],
      true,
      true,
    ]);
    const phases = h.events.filter((e) => e.type === 'phase' && e.runId === r.runId && e.stepId === 'o').map((e) => (e as { phase: string }).phase);
    expect(phases.filter((p) => p.startsWith('hook:'))).toEqual(['hook:on_page_context_created', 'hook:before_goto', 'hook:after_goto', 'hook:before_retrieve_html', 'hook:on_execution_started', 'hook:on_execution_ended', 'hook:before_return_html']);
    expect(r.results[0].timings.map((t) => t.phase)).toContain('hook:before_goto');
    expect(phases.filter((p) => !p.startsWith('hook'))).toEqual(['session', 'navigate', 'js_code_before_wait', 'wait_for', 'delay', 'js_code', 'capture']);
    expect(r.results[0].timings.map((t) => t.phase)).toContain('wait_for');
  });

  it('scan_full_page scrolls to the bottom in max_scroll_steps steps (lazy content loads)', async () => {
    const r = await h.run(
      flowOf([
        {
          id: 'scan',
          config: {
            url: `${h.demo.url}/infinite`,
            scan_full_page: true,
            scroll_delay: 0.3,
            max_scroll_steps: 6,
            js_code: ['return document.querySelectorAll("#feed li").length;', 'return Math.round(window.scrollY + window.innerHeight) >= document.documentElement.scrollHeight - 1;'],
          },
        },
      ]),
    );
    expect(r.status).toBe('ok');
    expect(r.results[0].js_execution_result?.results[0]).toBeGreaterThan(20);
    expect(r.results[0].timings.find((t) => t.phase === 'scan_full_page')!.ms).toBeGreaterThan(300);
  });

  it('a throwing hook fails the step in phase hook, naming the hook', async () => {
    const r = await h.run(flowOf([{ id: 'hk', config: { url: `${h.demo.url}/list` }, hooks: { after_goto: 'throw new Error("nope")' } }]));
    expect(r.status).toBe('failed');
    expect(r.results[0].error).toMatchObject({ phase: 'hook', hook: 'after_goto' });
    expect(r.results[0].error?.message).toMatch(/nope/);
  });

  it('css_selector capture is byte-identical to Crawl4AI\'s wrapper', async () => {
    const s = await h.engine.sessions.getOrCreate('cap');
    await s.page.setContent('<p class="a">one</p><div><p class="a">two</p></div><span id="b">three</span>');
    expect(await captureHtml(s.page, '.a, #b')).toBe(`<div class='crawl4ai-result'>\n<p class="a">one</p><p class="a">two</p>\n<span id="b">three</span>\n</div>`);
    expect(await captureHtml(s.page, '.none')).toBe(`<div class='crawl4ai-result'>\n\n</div>`);
    const warnings: { selectorPart: string; message: string }[] = [];
    expect(await captureHtml(s.page, 'p[class="a"], #b', warnings)).toBe(`<div class='crawl4ai-result'>\n<span id="b">three</span>\n</div>`);
    expect(warnings[0].selectorPart).toBe('p[class="a"]');
    expect(await captureHtml(s.page)).toBe(await s.page.content());
  });

  it('writes an HTML snapshot and a screenshot as artifacts readable only inside artifactsDir', async () => {
    const r = await h.run(flowOf([{ id: 'shot', config: { url: `${h.demo.url}/list`, screenshot: true, css_selector: '#title' } }]));
    expect(r.status).toBe('ok');
    const a = r.results[0].artifacts;
    expect(await readFile(a.html!, 'utf8')).toMatch(/^<div class='crawl4ai-result'>\n<h1 id="title">/);
    const png = await readArtifact(h.engine.options.artifactsDir, a.screenshot!);
    expect(png.mime).toBe('image/png');
    expect(Buffer.from(png.data, 'base64').subarray(1, 4).toString()).toBe('PNG');
    await expect(readArtifact(h.engine.options.artifactsDir, '/etc/passwd')).rejects.toThrow(/not a run artifact/);
    await expect(readArtifact(h.engine.options.artifactsDir, join('..', '..', 'x'))).rejects.toThrow();
  });

  it('prunes old run folders, keeping the newest', async () => {
    const { mkdir, readdir } = await import('node:fs/promises');
    const root = join(h.dir, 'prune');
    for (const n of ['run-20260101-000000-aaaa', 'run-20260102-000000-bbbb', 'run-20260103-000000-cccc', 'other']) await mkdir(join(root, n), { recursive: true });
    expect(await pruneRuns(root, 1, new Set(['run-20260101-000000-aaaa']))).toEqual(['run-20260102-000000-bbbb']);
    expect((await readdir(root)).sort()).toEqual(['other', 'run-20260101-000000-aaaa', 'run-20260103-000000-cccc']);
  });

  it('url is the requested url (after substitution) and redirected_url the final page url, as Crawl4AI', async () => {
    const r = await h.run(
      flowOf([
        { id: 'redir', config: { url: '{{demo_url}}/redirect?n=2&to=/list', session_id: 'urls' } },
        // js_only without url (allowed in our flow): url falls back to the page url
        { id: 'nourl', config: { session_id: 'urls', js_only: true, js_code: 'return 1;' } },
        // a failing step: Crawl4AI reports redirected_url and status_code None; page_url says where the page is
        { id: 'fail', config: { url: `${h.demo.url}/list`, session_id: 'urls', page_timeout: 500, wait_for: 'css:#nope' } },
      ]),
    );
    expect(r.results.map((x) => [x.url, x.redirected_url, x.page_url])).toEqual([
      [`${h.demo.url}/redirect?n=2&to=/list`, `${h.demo.url}/list`, `${h.demo.url}/list`],
      [`${h.demo.url}/list`, `${h.demo.url}/list`, `${h.demo.url}/list`],
      [`${h.demo.url}/list`, null, `${h.demo.url}/list`],
    ]);
    expect(r.results[0].status_code).toBe(302); // the first hop of the redirect chain, as Crawl4AI
    expect(r.results[2]).toMatchObject({ success: false, status_code: null, crawl4ai: { success: false } });
    await h.engine.sessions.kill('urls');
  });

  it('records console messages and network requests', async () => {
    const r = await h.run(flowOf([{ id: 'log', config: { url: `${h.demo.url}/list`, js_code: 'console.log("hello", 1); await fetch("/api/health"); return 1;' } }]));
    expect(r.results[0].console.some((c) => c.type === 'log' && c.text === 'hello 1')).toBe(true);
    expect(r.results[0].network.some((n) => n.url.endsWith('/api/health') && n.status === 200)).toBe(true);
    expect(r.results[0].network[0]).toMatchObject({ method: 'GET', resourceType: 'document', status: 200 });
  });
});

describe('variables and secrets', () => {
  it('a secret with quotes, a backslash and a newline arrives intact inside JS string literals', async () => {
    const value = `it's "q" \\ \n\`x\` \${y}`;
    process.env.CW_TEST_QUOTED = value;
    try {
      const r = await h.run(
        flowOf([
          {
            id: 'q',
            config: {
              url: '{{demo_url}}/list',
              js_code: [
                "return '{{secret:CW_TEST_QUOTED}}' === window.__v;",
                // the demo flow's pattern: a field value set from a secret in single quotes
                "document.querySelector('#title').dataset.v = '{{secret:CW_TEST_QUOTED}}'; return document.querySelector('#title').dataset.v.length;",
                'return `{{secret:CW_TEST_QUOTED}}` === "{{secret:CW_TEST_QUOTED}}";',
              ],
              js_code_before_wait: 'window.__v = "{{secret:CW_TEST_QUOTED}}";',
            },
          },
        ]),
        { grant: { javascript: true, secrets: ['CW_TEST_QUOTED'], local: false } },
      );
      expect(r.status, r.error).toBe('ok');
      expect(r.results[0].js_execution_result?.results).toEqual([true, value.length, true]);
    } finally {
      delete process.env.CW_TEST_QUOTED;
    }
  });

  it('substitutes {{vars}} (flow < builtin < run vars) and masks secrets everywhere', async () => {
    process.env.CW_TEST_TOKEN = 's3cr3t-value';
    try {
      const flow = flowOf(
        [
          {
            id: 'v',
            config: {
              url: '{{demo_url}}/list?q={{secret:CW_TEST_TOKEN}}',
              js_code: ['console.log("token={{secret:CW_TEST_TOKEN}}"); return "{{who}}:{{secret:CW_TEST_TOKEN}}";', 'document.title = "{{secret:CW_TEST_TOKEN}}"; return 0;'],
            },
          },
        ],
        { variables: { who: 'flow' } },
      );
      const r = await h.run(flow, { vars: { who: 'cli' }, grant: { javascript: true, secrets: ['CW_TEST_TOKEN'], local: false } });
      expect(r.status).toBe('ok');
      const res = r.results[0];
      expect(res.js_execution_result?.results[0]).toBe('cli:***');
      const all = JSON.stringify(res);
      expect(all).not.toContain('s3cr3t-value');
      expect(res.console.some((c) => c.text === 'token=***')).toBe(true);
      expect(res.url).toBe(`${h.demo.url}/list?q=***`);
      expect(res.redirected_url).toBe(`${h.demo.url}/list?q=***`);
      expect(await readFile(res.artifacts.html!, 'utf8')).not.toContain('s3cr3t-value');
      expect(JSON.stringify(flow)).toContain('{{secret:CW_TEST_TOKEN}}'); // never written back
    } finally {
      delete process.env.CW_TEST_TOKEN;
    }
  });

  it('a missing secret or variable fails the run before any page work, naming the step', async () => {
    const r = await h.run(flowOf([{ id: 'm', name: 'Needs secret', config: { url: '{{demo_url}}/x?k={{secret:CW_NOT_SET_ANYWHERE}}' } }]), {
      grant: { javascript: true, secrets: ['CW_NOT_SET_ANYWHERE'], local: false },
    });
    expect(r.status).toBe('failed');
    expect(r.results).toEqual([]);
    expect(r.error).toMatch(/Needs secret.*CW_NOT_SET_ANYWHERE/);
    const v = await h.run(flowOf([{ id: 'm', config: { url: '{{nope}}' } }]));
    expect(v.error).toMatch(/\{\{nope\}\}.*--var nope=/);
  });
});
