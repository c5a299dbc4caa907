// Recorded actions (step.actions) run through the real runner on the demo site: they become the
// first js_code_before_wait snippet, try alternates in order, report which selector matched, and
// the generated change wait cannot race a list that empties and re-renders.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changeWaitFor, compileActions, expandActions } from '../../../shared/flow/actions.js';
import { validateFlow } from '../../../shared/flow/validate.js';
import type { Action } from '../../../shared/flow/schema.js';
import { createHarness, flowOf, titles, type Harness } from './helpers.js';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(async () => {
  await h?.close();
});

const ITEMS = { type: 'JsonCssExtractionStrategy' as const, schema: { name: 'Items', baseSelector: 'ul#items > li.item', fields: [{ name: 'title', selector: '.title', type: 'text' as const }] } };

describe('step.actions', () => {
  it('an old flow without actions stays valid and unchanged by expansion', () => {
    const f = flowOf([{ id: 'a', config: { url: 'https://example.com' } }]);
    expect(validateFlow(f).ok).toBe(true);
    expect(expandActions(f.steps[0])).toBe(f.steps[0]);
  });

  it('validates actions with path-named errors', () => {
    const f = flowOf([{ id: 'a', config: { url: 'x' }, actions: [{ type: 'fill', target: { selector: '#u', alternates: ['a', 'b', 'c', 'd'] } } as unknown as Action] }]);
    const v = validateFlow(f);
    expect(v.ok).toBe(false);
    const paths = v.ok ? [] : v.errors.map((e) => e.path);
    expect(paths).toContain('steps[0].actions[0].target.alternates');
    expect(paths).toContain('steps[0].actions[0].value');
  });

  it('logs in with fill + fill + click, the password from a secret placeholder', async () => {
    const login: Action[] = [
      { type: 'fill', target: { selector: '#username' }, value: 'demo' },
      { type: 'fill', target: { selector: '#password', alternates: ['input[name="password"]'] }, value: '{{secret:DEMO_PASSWORD}}' },
      { type: 'click', target: { selector: '#login-button' } },
    ];
    const r = await h.run(flowOf([{ id: 'login', config: { url: '{{demo_url}}/login', session_id: 'act-login', wait_for: 'css:#welcome' }, actions: login }]));
    expect(r.status, r.error).toBe('ok');
    expect(r.results[0].redirected_url).toContain('/account');
    expect(r.results[0].actions?.map((a) => [a.type, a.selector, a.alternate])).toEqual([
      ['fill', '#username', 0],
      ['fill', '#password', 0],
      ['click', '#login-button', 0],
    ]);
    await h.engine.sessions.kill('act-login');
  });

  it('tries alternates in order and reports the one that matched (with a warning)', async () => {
    const r = await h.run(
      flowOf([
        {
          id: 'open',
          config: { url: '{{demo_url}}/list', session_id: 'act-alt', wait_for: 'css:#next' },
          actions: [{ type: 'click', target: { selector: '#renamed-next', alternates: ['button.gone', 'button.next-button'] }, watch: 'ul#items > li.item' }],
        },
      ]),
    );
    expect(r.status, r.error).toBe('ok');
    expect(r.results[0].actions).toEqual([{ index: 0, type: 'click', selector: 'button.next-button', alternate: 2 }]);
    expect(r.results[0].warnings.join('\n')).toMatch(/alternate 2 "button.next-button"/);
    await h.engine.sessions.kill('act-alt');
  });

  it("an alternate counts only with the recorded text: on the last page a structural fallback does not click \"Previous\" for \"Next\"", async () => {
    // /pages?page=5 has only the Previous link; "#main > nav > a" selected Next on page 1.
    const next = { selector: 'a[rel="next"]', alternates: ['#main > nav > a'], text: 'Next' };
    const last = await h.run(flowOf([{ id: 'p5', config: { url: '{{demo_url}}/pages?page=5', session_id: 'act-text', wait_for: 'css:#items' }, actions: [{ type: 'click', target: next }] }]));
    expect(last.results[0].actions![0].error).toMatch(/no element matches/);
    expect(last.results[0].redirected_url).toMatch(/page=5$/);
    // With both links, the fallback finds the one whose text is "Next", not the first match.
    const mid = await h.run(flowOf([{ id: 'p3', config: { url: '{{demo_url}}/pages?page=3', session_id: 'act-text', wait_for: 'css:#items' }, actions: [{ type: 'click', target: { ...next, selector: '#renamed' } }] }]));
    expect(mid.results[0].actions).toEqual([{ index: 0, type: 'click', selector: '#main > nav > a', alternate: 1 }]);
    expect(mid.results[0].redirected_url).toMatch(/page=4$/);
    await h.engine.sessions.kill('act-text');
  });

  it('a missing element stops the actions, is reported, and the step goes on as in Crawl4AI', async () => {
    const r = await h.run(flowOf([{ id: 'open', config: { url: '{{demo_url}}/list', session_id: 'act-miss' }, actions: [{ type: 'click', target: { selector: '#nope' } }, { type: 'click', target: { selector: '#next' } }] }]));
    expect(r.status, r.error).toBe('warnings');
    expect(r.health.map((i) => i.kind)).toEqual(['action-failed']);
    expect(r.results[0].actions).toHaveLength(1);
    expect(r.results[0].actions![0].error).toMatch(/action 1 \(click\): no element matches "#nope"/);
    expect(r.results[0].warnings.join('\n')).toMatch(/js_code_before_wait\[0\] failed: action 1 \(click\)/);
    await h.engine.sessions.kill('act-miss');
  });

  it('click + changeWaitFor pages through a list swapped 600 ms after the click, without duplicates', async () => {
    // /list?delay=600: the list is swapped 600 ms after the click; a naive "items present" wait races.
    const next: Action = { type: 'click', target: { selector: '#next' }, watch: 'ul#items > li.item' };
    const r = await h.run(
      flowOf([
        { id: 'open', config: { url: '{{demo_url}}/list?delay=600', session_id: 'act-pages', extraction_strategy: ITEMS } },
        { id: 'next', config: { url: '{{demo_url}}/list?delay=600', session_id: 'act-pages', js_only: true, wait_for: changeWaitFor('ul#items > li.item'), wait_for_timeout: 10_000, extraction_strategy: ITEMS }, actions: [next], repeat: { times: 4 } },
      ]),
    );
    expect(r.status, r.error).toBe('ok');
    const pages = r.results.map((x) => titles(x.items));
    expect(pages.map((p) => p.length)).toEqual([10, 10, 10, 10, 10]);
    const all = pages.flat();
    expect(new Set(all).size).toBe(50);
    expect(r.results.flatMap((x) => x.warnings)).toEqual([]);
    await h.engine.sessions.kill('act-pages');
  });

  it('fill dispatches input and change, select and check reach the form', async () => {
    const actions: Action[] = [
      { type: 'fill', target: { selector: '#name' }, value: 'Ada "the first" O\'Neil' },
      { type: 'select', target: { selector: 'select#color' }, value: 'green' },
      { type: 'check', target: { selector: '#subscribe' }, checked: true },
      { type: 'fill', target: { selector: '#message' }, value: 'line 1\nline 2' },
      { type: 'click', target: { selector: '#submit' } },
    ];
    const r = await h.run(
      flowOf([
        {
          id: 'form',
          config: {
            url: '{{demo_url}}/form',
            session_id: 'act-form',
            wait_for: 'css:#result',
            extraction_strategy: {
              type: 'JsonCssExtractionStrategy',
              schema: {
                name: 'R',
                baseSelector: 'dl#result',
                fields: ['name', 'color', 'subscribe', 'message'].map((n) => ({ name: n, selector: `dd[data-field=${n}]`, type: 'text' as const })),
              },
            },
          },
          actions,
        },
      ]),
    );
    expect(r.status, r.error).toBe('ok');
    expect(r.results[0].items).toEqual([{ name: 'Ada "the first" O\'Neil', color: 'green', subscribe: 'yes', message: 'line 1\nline 2' }]);
    await h.engine.sessions.kill('act-form');
  });

  it('compiles to one deterministic snippet that starts with the marker', () => {
    const a: Action[] = [{ type: 'press', target: { selector: '#q' }, key: 'Enter' }];
    expect(compileActions(a)).toBe(compileActions(structuredClone(a)));
    expect(compileActions(a).split('\n')[0]).toMatch(/^\/\/ crawlwright:actions/);
  });
});
