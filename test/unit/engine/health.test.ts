// Run health: the issue's racing "Next page loop" on the unseen books site used to end "ok" with
// 0 / repeated pages; now the run finishes with warnings and says why, per iteration. The same
// loop with the generated change wait is clean. Real Chromium, real sites.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StepResult } from '../../../shared/api/domains/run.js';
import type { Flow, Step } from '../../../shared/flow/schema.js';
import { changeWaitFor } from '../../../shared/flow/actions.js';
import { RunHealth } from '../../../electron/engine/health.js';
import { BOOKS, BOOKS_PAGES, startBooksSite, type BooksSite } from '../../fixtures/sites/books.js';
import { createHarness, flowOf, type Harness } from './helpers.js';

const SCHEMA = { name: 'Books', baseSelector: 'li.book', fields: [{ name: 'title', selector: '.book-title', type: 'text' as const }, { name: 'sku', selector: '.sku', type: 'text' as const }] };
const EXTRACT = { type: 'JsonCssExtractionStrategy' as const, schema: SCHEMA };

function result(over: Partial<StepResult>): StepResult {
  return {
    runId: 'r', stepId: 's', stepName: 'Next', iteration: 0, success: true, sessionId: 'x', url: '', redirected_url: null, status_code: 200,
    warnings: [], js_execution_result: null, extracted_content: null, items: [], timings: [], console: [], network: [], artifacts: {}, startedAt: 0, durationMs: 0,
    ...over,
  };
}
const step = { id: 's', name: 'Next', config: { extraction_strategy: EXTRACT } } as Step;

describe('RunHealth (bookkeeping)', () => {
  it('counts repeated items across iterations and across steps with the same schema, ignoring key order', () => {
    const h = new RunHealth();
    const open = { ...step, id: 'open', name: 'Open' } as Step;
    h.check(open, result({ stepId: 'open', stepName: 'Open', items: [{ title: 'A', sku: '1' }, { title: 'B', sku: '2' }] }), false);
    h.check(step, result({ iteration: 0, items: [{ sku: '1', title: 'A' }, { title: 'B', sku: '2' }] }), true);
    h.check(step, result({ iteration: 1, items: [{ title: 'C', sku: '3' }, { title: 'A', sku: '1' }] }), true);
    h.check(step, result({ iteration: 2, items: [] }), true);
    expect(h.issues.map((i) => [i.stepId, i.iteration, i.kind, i.duplicates])).toEqual([
      ['s', 0, 'duplicates', 2],
      ['s', 1, 'duplicates', 1],
      ['s', 2, 'empty', undefined],
    ]);
    expect(h.issues[0].message).toMatch(/2 of 2 items were already extracted \(2 from step "Open"\): the same page again/);
    expect(h.duplicates).toBe(3);
  });

  it('ignores steps without extraction and failed iterations', () => {
    const h = new RunHealth();
    h.check({ ...step, config: {} } as Step, result({ items: null }), true);
    h.check(step, result({ success: false, items: null }), true);
    expect(h.issues).toEqual([]);
  });
});

let h: Harness;
let books: BooksSite;
beforeAll(async () => {
  h = await createHarness();
  books = await startBooksSite();
});
afterAll(async () => {
  await h?.close();
  await books?.close();
});

/** Log in to the books site and open the catalogue (page 1 extracted), then `next` pages. */
function booksFlow(next: Partial<Step> & { config: Step['config'] }, sid: string): Flow {
  return flowOf([
    {
      id: 'login',
      config: { url: `${books.url}/login`, session_id: sid, wait_for: 'css:.greeting' },
      actions: [
        { type: 'fill', target: { selector: '#user' }, value: 'reader' },
        { type: 'fill', target: { selector: '#pass' }, value: 'open sesame' },
        { type: 'click', target: { selector: '#login' } },
      ],
    },
    { id: 'open', config: { url: `${books.url}/catalogue`, session_id: sid, wait_for: 'css:li.book', extraction_strategy: EXTRACT } },
    { id: 'next', ...next, config: { session_id: sid, js_only: true, extraction_strategy: EXTRACT, ...next.config } },
  ]);
}

describe('run health on the books site (list empties, re-renders 250 ms later)', () => {
  it('the old "Next page loop" template races: the run finishes with warnings, with the reasons', async () => {
    const r = await h.run(
      booksFlow(
        {
          config: {
            js_code_before_wait: "window.__cwFirst = document.querySelector('li.book')?.textContent;\ndocument.querySelector('.pager-next')?.click();",
            wait_for: "js:() => document.querySelector('li.book')?.textContent !== window.__cwFirst",
            wait_for_timeout: 3000,
          },
          repeat: { until: "js:() => !document.querySelector('.pager-next:not([disabled])')", max: 4 },
        },
        'health-race',
      ),
    );
    expect(r.status).toBe('warnings');
    const kinds = r.health.map((i) => i.kind);
    expect(kinds).toContain('empty');
    expect(r.results.filter((x) => x.stepId === 'next').some((x) => x.health?.some((i) => i.kind === 'empty'))).toBe(true);
    const got = r.results.flatMap((x) => (x.items ?? []) as Array<{ sku: string }>).map((i) => i.sku);
    expect(new Set(got).size).toBeLessThan(BOOKS.length); // books were lost — and the run says so
    await h.engine.sessions.kill('health-race');
  });

  it('the generated change wait gets all 23 books in order, exactly once: ok', async () => {
    const r = await h.run(
      booksFlow(
        {
          config: { wait_for: changeWaitFor('li.book'), wait_for_timeout: 10_000 },
          actions: [{ type: 'click', target: { selector: '.pager-next' }, watch: 'li.book' }],
          repeat: { until: "js:() => !document.querySelector('.pager-next:not([disabled])')", max: BOOKS_PAGES + 2 },
        },
        'health-ok',
      ),
    );
    expect(r.status, JSON.stringify(r.health)).toBe('ok');
    const got = r.results.flatMap((x) => (x.items ?? []) as Array<{ sku: string }>).map((i) => i.sku);
    expect(got).toEqual(BOOKS.map((b) => b.sku));
    await h.engine.sessions.kill('health-ok');
  });

  it('max exhausted and a js: wait timeout are warnings too', async () => {
    const r = await h.run(
      flowOf([
        { id: 'open', config: { url: '{{demo_url}}/list', session_id: 'health-max', wait_for: 'css:#next' } },
        {
          id: 'spin',
          config: { session_id: 'health-max', js_only: true, wait_for: 'js:() => false', wait_for_timeout: 300 },
          repeat: { until: 'js:() => false', max: 2 },
        },
      ]),
    );
    expect(r.status).toBe('warnings');
    expect(r.health.map((i) => [i.stepId, i.iteration, i.kind])).toEqual([
      ['spin', 0, 'wait-timeout'],
      ['spin', 1, 'wait-timeout'],
      ['spin', 1, 'max-exhausted'],
    ]);
    const fin = h.events.filter((e) => e.type === 'run-finished').at(-1)!;
    expect(fin).toMatchObject({ status: 'warnings' });
    await h.engine.sessions.kill('health-max');
  });
});
