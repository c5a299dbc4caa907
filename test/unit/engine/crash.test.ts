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

  it('a step running when its page crashes fails with "page crashed"; the next step says the session page crashed', async () => {
    const open = await h.run(flowOf([{ id: 'open', config: { url: `${h.demo.url}/list`, session_id: 'pc3' } }]));
    expect(open.status).toBe('ok');
    const flow = flowOf([
      { id: 'wait', config: { url: 'http://label.invalid/', session_id: 'pc3', js_only: true, wait_for: 'js:() => false', wait_for_timeout: 20_000 } },
      { id: 'after', config: { url: 'http://label.invalid/', session_id: 'pc3', js_only: true, js_code: 'return 1;' } },
    ]);
    const { runId, done } = h.engine.startRun(flow, { continueOnFailure: true });
    for (let i = 0; i < 200 && !h.events.some((e) => e.runId === runId && e.type === 'phase' && e.stepId === 'wait' && e.phase === 'wait_for'); i++) await new Promise((r) => setTimeout(r, 25));
    const s = h.engine.sessions.get('pc3')!;
    const cdp = await s.context.newCDPSession(s.page);
    void cdp.send('Page.crash').catch(() => undefined);
    const r = await done;
    expect(r.results[0].error?.phase).toBe('wait_for');
    expect(r.results[0].error?.message).toMatch(/^the page crashed during wait_for .*session "pc3" is dead/);
    expect(r.results[1].error?.phase).toBe('session');
    expect(r.results[1].error?.message).toMatch(/session "pc3" is dead \(the page crashed\)/);
  });

  it('a page that crashes just before a step starts: the step says the page crashed, never net::ERR_ABORTED', async () => {
    // The step starts before the crash event arrives (the race): its goto fails with whatever
    // Chromium says first, and the engine must still call it a crash.
    for (const sid of ['race1', 'race2', 'race3']) {
      expect((await h.run(flowOf([{ id: 'open', config: { url: `${h.demo.url}/list`, session_id: sid } }]))).status).toBe('ok');
      const s = h.engine.sessions.get(sid)!;
      const cdp = await s.context.newCDPSession(s.page);
      void cdp.send('Page.crash').catch(() => undefined);
      const r = await h.run(
        flowOf([
          { id: 'nav', config: { url: `${h.demo.url}/table`, session_id: sid } },
          { id: 'js', config: { url: 'http://label.invalid/', session_id: sid, js_only: true, js_code: 'return 1;' } },
        ]),
        { continueOnFailure: true },
      );
      const nav = r.results[0];
      const said = nav.error?.message ?? nav.warnings.join('\n');
      expect(said).not.toMatch(/ERR_ABORTED/);
      // Either the crash was known first (re-created, with the reason) or the step saw it.
      if (nav.success) {
        expect(nav.warnings.join('\n')).toMatch(/"race\d" was dead \(the page crashed\); re-created/);
        expect(r.results[1].success).toBe(true);
      } else {
        expect(nav.error?.message).toMatch(/^the page crashed during navigate/);
        expect(r.results[1].error?.message).toMatch(/is dead \(the page crashed\)/);
      }
    }
  });
});
