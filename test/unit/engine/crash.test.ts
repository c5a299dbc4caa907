// Browser and page crashes: affected sessions die with a reason, the next step gets a clear error,
// one call re-creates the session, nothing hangs.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, flowOf, type Harness } from './helpers.js';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(async () => {
  await h?.close();
});

describe('crash recovery', () => {
  it('browser killed mid-run: the run fails promptly, sessions are dead, recreate recovers', async () => {
    const flow = flowOf([
      { id: 'open', config: { url: `${h.demo.url}/list`, session_id: 'k1' } },
      { id: 'wait', config: { url: 'http://label.invalid/', session_id: 'k1', js_only: true, wait_for: 'js:() => false', wait_for_timeout: 20_000 } },
    ]);
    const { done } = h.engine.startRun(flow);
    await h.engine.sessions.getOrCreate('k2'); // another session in the same browser
    for (let i = 0; i < 100 && !h.events.some((e) => e.type === 'phase' && e.stepId === 'wait' && e.phase === 'wait_for'); i++) await new Promise((r) => setTimeout(r, 50));
    const pid = h.engine.browserPid();
    expect(pid).toBeGreaterThan(0);
    const t0 = Date.now();
    process.kill(pid!, 'SIGKILL');
    const r = await done;
    expect(Date.now() - t0).toBeLessThan(5000);
    expect(r.status).toBe('failed');
    expect(r.error).toMatch(/step "wait"/);
    expect(r.results[1].error?.phase).toBe('wait_for');
    expect(r.results[1].error?.message).toMatch(/went away during wait_for/);
    for (const id of ['k1', 'k2']) {
      const info = h.engine.sessions.list().find((s) => s.id === id)!;
      expect(info.alive).toBe(false);
      expect(info.deadReason).toMatch(/browser disconnected/);
    }
    // A js_only step on the dead session: a clear error naming the session, no hang.
    const js = await h.run(flowOf([{ id: 'j', config: { url: 'http://label.invalid/', session_id: 'k2', js_only: true, js_code: 'return 1;' } }]));
    expect(js.status).toBe('failed');
    expect(js.results[0].error?.phase).toBe('session');
    expect(js.results[0].error?.message).toMatch(/session "k2" is dead/);
    // One call re-creates it (relaunching the browser).
    const s = await h.engine.sessions.recreate('k2');
    expect(s.alive).toBe(true);
    const again = await h.run(flowOf([{ id: 'j', config: { url: `${h.demo.url}/list`, session_id: 'k2', js_code: 'return document.title.length > 0;' } }]));
    expect(again.status).toBe('ok');
    // A navigating step on a dead session re-creates it by itself, with a warning.
    const nav = await h.run(flowOf([{ id: 'n', config: { url: `${h.demo.url}/list`, session_id: 'k1' } }]));
    expect(nav.status).toBe('ok');
    expect(nav.results[0].warnings.join('\n')).toMatch(/was dead .* re-created/);
  });

  it('a crashed page marks only its session dead', async () => {
    const a = await h.engine.sessions.getOrCreate('pc1');
    await h.engine.sessions.getOrCreate('pc2');
    await a.page.goto(`${h.demo.url}/list`);
    const cdp = await a.context.newCDPSession(a.page);
    void cdp.send('Page.crash').catch(() => undefined);
    for (let i = 0; i < 50 && h.engine.sessions.get('pc1')?.alive; i++) await new Promise((r) => setTimeout(r, 50));
    expect(h.engine.sessions.get('pc1')?.deadReason).toMatch(/crashed/);
    expect(h.engine.sessions.get('pc2')?.alive).toBe(true);
    const r = await h.run(flowOf([{ id: 'j', config: { url: 'http://label.invalid/', session_id: 'pc1', js_only: true, js_code: 'return 1;' } }]));
    expect(r.results[0].error?.message).toMatch(/crashed/);
    expect((await h.engine.sessions.recreate('pc1')).alive).toBe(true);
  });
});
