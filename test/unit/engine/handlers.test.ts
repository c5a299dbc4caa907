// run.* / session.* / snippet.eval / artifact.read through the real dispatcher and services.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServices, type AppServices } from '../../../electron/app.js';
import { createDispatcher, type Dispatch } from '../../../electron/api/dispatch.js';
import { createHandlers } from '../../../electron/api/handlers/index.js';
import type { RunEvent } from '../../../shared/api/domains/run.js';

let s: AppServices;
let dispatch: Dispatch;
let dir: string;
const events: Array<{ name: string; payload: unknown }> = [];
const call = async (name: string, args: unknown) => {
  const r = await dispatch(name, args, { transport: 'web' });
  if (!r.ok) throw Object.assign(new Error(r.error.message), { code: r.error.code, details: r.error.details });
  return r.result as Record<string, unknown>;
};

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cw-handlers-'));
  s = await createServices({ mode: 'web', dataDir: dir });
  s.bus.subscribe((name, payload) => events.push({ name, payload }));
  dispatch = createDispatcher(createHandlers(s), s, { checkResults: true });
});
afterAll(async () => {
  await s?.close();
  await rm(dir, { recursive: true, force: true });
});

async function finished(runId: string): Promise<Extract<RunEvent, { type: 'run-finished' }>> {
  for (let i = 0; i < 200; i++) {
    const ev = events.find((e) => e.name === 'run.event' && (e.payload as RunEvent).type === 'run-finished' && (e.payload as RunEvent).runId === runId);
    if (ev) return ev.payload as Extract<RunEvent, { type: 'run-finished' }>;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('run did not finish');
}

describe('run and session handlers', () => {
  it('session.create / list / snippet.eval / kill', async () => {
    const info = await call('session.create', { id: 'h1', url: `${s.demoUrl}/list` });
    expect(info).toMatchObject({ id: 'h1', alive: true });
    expect(info.url).toContain('/list');
    expect(((await call('session.list', {})).sessions as unknown[]).length).toBe(1);
    expect(await call('snippet.eval', { sessionId: 'h1', code: 'return document.querySelectorAll("li.item").length;' })).toMatchObject({ ok: true, value: 10 });
    expect(await call('snippet.eval', { sessionId: 'h1', code: '() => location.pathname', kind: 'predicate' })).toMatchObject({ ok: true, value: '/list' });
    expect(await call('snippet.eval', { sessionId: 'h1', code: 'throw new Error("x")' })).toMatchObject({ ok: false, error: 'Error: x' });
    await expect(call('snippet.eval', { sessionId: 'nope', code: '1' })).rejects.toMatchObject({ code: 'not_found' });
    expect(events.some((e) => e.name === 'session.changed')).toBe(true);
    await call('session.kill', { id: 'h1' });
    await expect(call('session.kill', { id: 'h1' })).rejects.toMatchObject({ code: 'not_found' });
  });

  it('run.start streams events and artifact.read serves the snapshot (only inside artifactsDir)', async () => {
    const flow = {
      format: 'crawlwright.flow',
      version: 1,
      name: 'h',
      steps: [{ id: 'a', name: 'A', config: { url: '{{demo_url}}/list', session_id: 'h2', css_selector: '#title' } }],
    };
    const { runId } = (await call('run.start', { flow })) as { runId: string };
    const fin = await finished(runId);
    expect(fin.status).toBe('ok');
    const stepDone = events.find((e) => (e.payload as RunEvent).type === 'step-finished' && (e.payload as RunEvent).runId === runId)!.payload as Extract<RunEvent, { type: 'step-finished' }>;
    const art = await call('artifact.read', { path: stepDone.result.artifacts.html! });
    expect(art).toMatchObject({ mime: 'text/html', encoding: 'utf8' });
    expect(art.data).toMatch(/^<div class='crawl4ai-result'>/);
    await expect(call('artifact.read', { path: join(dir, 'recent.json') })).rejects.toMatchObject({ code: expect.stringMatching(/forbidden|not_found/) });
    await expect(call('run.start', { flow: { ...flow, steps: [{ id: 'a' }] } })).rejects.toMatchObject({ code: 'bad_args' });
    await expect(call('run.start', { flow, mode: 'step', stepId: 'zzz' })).rejects.toMatchObject({ code: 'bad_args' });
    await expect(call('run.stop', { runId })).rejects.toMatchObject({ code: 'not_found' });
  });

  it('run.stop and run.continue', async () => {
    const flow = {
      format: 'crawlwright.flow',
      version: 1,
      name: 'h',
      steps: [
        { id: 'a', name: 'A', config: { url: '{{demo_url}}/list' } },
        { id: 'b', name: 'B', breakpoint: true, config: { url: '{{demo_url}}/list', wait_for: 'js:() => false', wait_for_timeout: 30000 } },
      ],
    };
    // Without a grant the JavaScript is listed, not run.
    await expect(call('run.start', { flow })).rejects.toMatchObject({ code: 'needs_grant', details: { missing: { javascript: [{ stepId: 'b', where: ['wait_for (js)'] }] } } });
    const { runId } = (await call('run.start', { flow, grant: { javascript: true, secrets: [], local: false } })) as { runId: string };
    for (let i = 0; i < 100 && !events.some((e) => (e.payload as RunEvent).type === 'paused' && (e.payload as RunEvent).runId === runId); i++) await new Promise((r) => setTimeout(r, 50));
    await call('run.continue', { runId });
    await new Promise((r) => setTimeout(r, 500));
    const t0 = Date.now();
    await call('run.stop', { runId });
    expect((await finished(runId)).status).toBe('stopped');
    expect(Date.now() - t0).toBeLessThan(1000);
  });
});
