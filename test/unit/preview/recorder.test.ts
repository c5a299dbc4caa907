// The recorder in real Chromium: trusted mouse and keyboard input on the session page (what the
// preview forwards) becomes steps with stored selectors and automatic waits; the password value
// never leaves the page; the recorded flow then runs in the real engine with the same result.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RecorderEvent } from '../../../shared/api/domains/preview.js';
import type { Flow, Step } from '../../../shared/flow/schema.js';
import { validateFlow } from '../../../shared/flow/validate.js';
import { NEW_DOCUMENT_WAIT } from '../../../shared/flow/recording.js';
import { Engine } from '../../../electron/engine/engine.js';
import { startRig, type Rig } from './helpers.js';
import { BOOKS, BOOKS_PASSWORD, startBooksSite, type BooksSite } from '../../fixtures/sites/books.js';

let rig: Rig;
let books: BooksSite;
beforeAll(async () => {
  rig = await startRig();
  books = await startBooksSite();
});
afterAll(async () => {
  await rig?.close();
  await books?.close();
});

const steps = () => {
  const bySeq = new Map<number, Extract<RecorderEvent, { type: 'step' }>>();
  for (const e of rig.events) if (e.name === 'recorder.event' && e.payload.type === 'step') bySeq.set(e.payload.seq, e.payload);
  return [...bySeq.values()].sort((a, b) => a.seq - b.seq);
};

async function click(selector: string) {
  const b = (await rig.page.locator(selector).first().boundingBox())!;
  await rig.page.mouse.click(b.x + b.width / 2, b.y + b.height / 2);
}

async function type(selector: string, text: string) {
  await click(selector);
  await rig.page.keyboard.type(text, { delay: 10 });
}

async function record(fn: () => Promise<void>, openFirst = true) {
  rig.events.length = 0;
  await rig.preview.startRecording('s1', { openFirst, demoUrl: rig.demo.url });
  await fn();
  await rig.preview.stopRecording('s1');
  return steps();
}

async function runRecorded(recorded: Array<{ step: Omit<Step, 'id'> }>, grantSecrets: string[] = []) {
  const dir = await mkdtemp(join(tmpdir(), 'cw-rec-'));
  const engine = new Engine({ artifactsDir: join(dir, 'runs'), builtinVars: { demo_url: rig.demo.url }, emit: () => undefined });
  const flow: Flow = { format: 'crawlwright.flow', version: 1, name: 'recorded', steps: recorded.map((r, i) => ({ id: `s${i + 1}`, ...r.step })) };
  expect(validateFlow(flow).ok, JSON.stringify(validateFlow(flow))).toBe(true);
  try {
    return await engine.startRun(flow, { grant: { javascript: true, secrets: grantSecrets, local: false } }).done;
  } finally {
    await engine.close();
    await rm(dir, { recursive: true, force: true });
  }
}

describe('recorder', () => {
  it('demo login: type user + password, click → one "Log in" step that waits for the account page; the password is a placeholder', async () => {
    await rig.page.goto(rig.demo.url + '/login');
    const rec = await record(async () => {
      await type('#username', 'demo');
      await type('#password', 'demo');
      await Promise.all([rig.page.waitForURL(/\/account/), click('#login-button')]);
      await rig.page.waitForTimeout(400);
    });
    expect(rec).toHaveLength(1);
    const s = rec[0];
    expect(s.step.name).toBe('Log in');
    expect(s.step.config).toMatchObject({ url: '{{demo_url}}/login', session_id: 's1', wait_for: 'css:#welcome' });
    expect(s.step.config.js_only).toBeUndefined();
    expect(s.step.actions).toEqual([
      { type: 'fill', target: expect.objectContaining({ selector: '#username' }), value: 'demo' },
      { type: 'fill', target: expect.objectContaining({ selector: '#password' }), value: '{{secret:DEMO_PASSWORD}}' },
      { type: 'click', target: expect.objectContaining({ selector: '#login-button' }) },
    ]);
    expect(s.secrets).toEqual(['DEMO_PASSWORD']);
    expect(s.thumbnail).toMatch(/^data:image\/jpeg;base64,/);
    // Every report of the password field carries the placeholder, never what was typed.
    const fills = rig.events.flatMap((e) => (e.name === 'recorder.event' && e.payload.type === 'step' ? (e.payload.step.actions ?? []) : [])).filter((a: { target?: { selector: string } }) => a.target?.selector === '#password');
    expect(fills.length).toBeGreaterThan(0);
    for (const f of fills) expect(f).toMatchObject({ value: '{{secret:DEMO_PASSWORD}}' });

    const r = await runRecorded(rec);
    expect(r.status, r.error).toBe('ok');
    expect(r.results[0].redirected_url).toContain('/account');
  });

  it('a click on a detail link: a js_only step waiting for the detail page landmark', async () => {
    await rig.page.goto(rig.demo.url + '/list');
    const rec = await record(async () => {
      await Promise.all([rig.page.waitForURL(/\/items\/3/), click('ul#items > li:nth-child(3) a.item-link')]);
      await rig.page.waitForTimeout(400);
    }, false);
    expect(rec).toHaveLength(1);
    expect(rec[0].step.config).toMatchObject({ url: '{{demo_url}}/list', js_only: true, wait_for: 'css:#item-detail' });
    const click0 = rec[0].step.actions![0] as { type: string; target: { selector: string; alternates?: string[] } };
    expect(click0.type).toBe('click');
    // The link, not the span inside it; unique, with alternates.
    expect(await rig.page.goBack().then(() => rig.page.evaluate((s) => document.querySelector(s)?.closest('a')?.getAttribute('href'), click0.target.selector))).toMatch(/\/items\/3$/);
    expect(click0.target.alternates!.length).toBeGreaterThanOrEqual(1);
    const r = await runRecorded([{ step: { name: 'open', config: { url: '{{demo_url}}/list', session_id: 's1', wait_for: 'css:#next' } } }, ...rec]);
    expect(r.status, r.error).toBe('ok');
    expect(r.results[1].redirected_url).toMatch(/\/items\/3$/);
  });

  it('books: login (secret named after the site), open the catalogue, Next on a list that empties and re-renders', async () => {
    await rig.page.context().clearCookies();
    await rig.page.goto(books.url + '/login');
    const rec = await record(async () => {
      await type('#user', 'reader');
      await type('#pass', BOOKS_PASSWORD);
      await Promise.all([rig.page.waitForURL(/\/shelf/), rig.page.keyboard.press('Enter')]);
      await rig.page.waitForTimeout(300);
      await Promise.all([rig.page.waitForURL(/\/catalogue/), click('a.browse')]);
      await rig.page.waitForTimeout(300);
      await click('.pager-next');
      await rig.page.waitForFunction(() => document.querySelector('.pager-label')?.textContent === 'Page 2 / 4');
      await rig.page.waitForTimeout(1200); // the change watch settles
    });
    expect(rec.map((s) => s.step.name)).toEqual(['Log in', 'Click "Browse the catalogue"', 'Click "Next ›"']);
    const [login, browse, next] = rec;
    expect(login.step.actions!.map((a) => a.type)).toEqual(['fill', 'fill', 'press']);
    expect((login.step.actions![1] as { value: string }).value).toBe('{{secret:BOOKHOUSE_PASSWORD}}');
    expect(login.step.config.wait_for).toBe('css:h2.greeting');
    expect(browse.step.config.wait_for).toBe('css:h2.catalogue-title');
    const nextAction = next.step.actions![0] as { target: { selector: string }; watch?: string };
    expect(nextAction.target.selector).toMatch(/pager-next/);
    expect(nextAction.watch).toMatch(/li\.book/);
    expect(next.step.config.wait_for).toMatch(/^js:/);
    expect(JSON.stringify(rig.events)).not.toContain(BOOKS_PASSWORD);

    // Run it: the secret is granted and comes from the environment.
    process.env.CRAWLWRIGHT_SECRET_BOOKHOUSE_PASSWORD = BOOKS_PASSWORD;
    const withExtract = rec.map((s, i) =>
      i === 2 ? { step: { ...s.step, config: { ...s.step.config, extraction_strategy: { type: 'JsonCssExtractionStrategy' as const, schema: { name: 'B', baseSelector: 'li.book', fields: [{ name: 'sku', selector: '.sku', type: 'text' as const }] } } } } } : s,
    );
    const r = await runRecorded(withExtract, ['BOOKHOUSE_PASSWORD']);
    delete process.env.CRAWLWRIGHT_SECRET_BOOKHOUSE_PASSWORD;
    expect(r.status, JSON.stringify(r.health) + r.error).toBe('ok');
    expect((r.results[2].items as Array<{ sku: string }>).map((i) => i.sku)).toEqual(BOOKS.slice(6, 12).map((b) => b.sku));
  });

  it('typing into a search field and stopping records the fill; a URL typed in the bar becomes an Open step', async () => {
    await rig.page.goto(rig.demo.url + '/form');
    const rec = await record(async () => {
      await type('#name', 'Ada');
      await rig.page.waitForTimeout(600); // then the user goes to the URL bar
      await rig.page.goto(rig.demo.url + '/table');
      await rig.page.waitForTimeout(400);
    }, false);
    expect(rec.map((s) => [s.step.name, s.step.config.url, s.step.config.js_only ?? false])).toEqual([
      ['Fill "Name"', '{{demo_url}}/form', true],
      ['Open /table', '{{demo_url}}/table', false],
    ]);
    expect(rec[0].step.actions).toEqual([{ type: 'fill', target: expect.objectContaining({ selector: '#name' }), value: 'Ada' }]);
    expect(rec[0].step.config.wait_for === undefined || rec[0].step.config.wait_for.startsWith('css:')).toBe(true);
    expect([NEW_DOCUMENT_WAIT, 'css:#sales-table']).toContain(rec[1].step.config.wait_for);
  });
  it('a form: select change, checkbox toggle and Enter become one step that submits the same values when run', async () => {
    await rig.page.goto(rig.demo.url + '/form');
    const rec = await record(async () => {
      await rig.page.selectOption('#color', 'blue'); // what the native popup does: input + change
      await rig.page.waitForTimeout(200);
      await click('#subscribe');
      await type('#name', 'Ada');
      await Promise.all([rig.page.waitForURL(/\/form\/result$/), rig.page.keyboard.press('Enter')]);
      await rig.page.waitForTimeout(400);
    }, false);
    expect(rec).toHaveLength(1);
    const acts = rec[0].step.actions!.map((a) => ({ type: a.type, selector: 'target' in a ? a.target?.selector : undefined }));
    expect(acts).toEqual([
      { type: 'select', selector: '#color' },
      { type: 'check', selector: '#subscribe' },
      { type: 'fill', selector: '#name' },
      { type: 'press', selector: '#name' },
    ]);
    expect(rec[0].step.actions).toMatchObject([{ value: 'blue' }, { checked: true }, { value: 'Ada' }, { key: 'Enter' }]);
    expect(rec[0].step.config).toMatchObject({ url: '{{demo_url}}/form', js_only: true, wait_for: expect.stringMatching(/^css:/) });
    // What the form sent, read on the result page the recorded step ends on.
    const sent = { type: 'JsonCssExtractionStrategy' as const, schema: { name: 'sent', baseSelector: '#result dd', fields: [{ name: 'field', type: 'attribute' as const, attribute: 'data-field' }, { name: 'value', type: 'text' as const }] } };
    const r = await runRecorded([{ step: { name: 'open', config: { url: '{{demo_url}}/form', session_id: 's1', wait_for: 'css:#demo-form' } } }, { step: { ...rec[0].step, config: { ...rec[0].step.config, extraction_strategy: sent } } }]);
    expect(r.status, r.error).toBe('ok');
    expect(r.results[1].redirected_url).toMatch(/\/form\/result$/);
    expect(r.results[1].items).toEqual(expect.arrayContaining([{ field: 'name', value: 'Ada' }, { field: 'color', value: 'blue' }, { field: 'subscribe', value: 'yes' }]));
  });

  it('a scroll to the end of an infinite feed: a scroll action that waits for more items', async () => {
    await rig.page.goto(rig.demo.url + '/infinite');
    const before = await rig.page.locator('#feed li').count();
    const rec = await record(async () => {
      await rig.page.mouse.move(300, 300);
      await rig.page.mouse.wheel(0, 20_000);
      // The user stops once the feed has grown (the recorder saw the change it will wait for).
      await expect.poll(() => rig.page.locator('#feed li').count(), { timeout: 10_000 }).toBeGreaterThan(before);
      await rig.page.waitForTimeout(1200);
    }, false);
    expect(rec).toHaveLength(1);
    expect(rec[0].step.actions).toMatchObject([{ type: 'scroll', to: 'bottom' }]);
    expect(rec[0].step.config.wait_for).toMatch(/^js:/);
    const feed = { type: 'JsonCssExtractionStrategy' as const, schema: { name: 'feed', baseSelector: '#feed li', fields: [{ name: 'text', type: 'text' as const }] } };
    const r = await runRecorded([{ step: { name: 'open', config: { url: '{{demo_url}}/infinite', session_id: 's1', wait_for: 'css:#feed li' } } }, { step: { ...rec[0].step, config: { ...rec[0].step.config, extraction_strategy: feed } } }]);
    expect(r.status, r.error).toBe('ok');
    expect(r.results[1].items!.length).toBeGreaterThan(before);
  });
});
