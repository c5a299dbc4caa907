// Idle TTL vs active runs: a session used by a run that is running or paused at a breakpoint is
// pinned and skipped by the TTL cleanup; once the run ends it idles (and expires) as usual. Expiry
// needs no request: the manager's timer kills an idle session at its TTL.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunEvent } from '../../../shared/api/domains/run.js';
import { startDemoServer, type DemoServer } from '../../../electron/demo/server.js';
import { Engine } from '../../../electron/engine/engine.js';
import { PreviewService } from '../../../electron/preview/service.js';
import { flowOf } from './helpers.js';

const TTL = 300;
let demo: DemoServer;
let engine: Engine;
let dir: string;
const events: RunEvent[] = [];
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until(pred: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (pred()) return;
    await sleep(50);
  }
  throw new Error(`timed out waiting for ${what}`);
}

beforeAll(async () => {
  demo = await startDemoServer();
  dir = await mkdtemp(join(tmpdir(), 'cw-ttl-'));
  engine = new Engine({
    artifactsDir: join(dir, 'runs'),
    builtinVars: { demo_url: demo.url },
    sessionTtlMs: TTL,
    emit: (name, payload) => name === 'run.event' && events.push(payload as RunEvent),
  });
});
afterAll(async () => {
  await engine?.close();
  await demo?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('session idle TTL and active runs', () => {
  it('a run paused at a breakpoint keeps its session past the TTL; after the run it expires', async () => {
    const flow = flowOf([
      { id: 'open', config: { url: '{{demo_url}}/list', session_id: 'ttl-pause', js_code: 'window.__mark = 7; return 1;' } },
      { id: 'read', breakpoint: true, config: { url: '{{demo_url}}/list', session_id: 'ttl-pause', js_only: true, js_code: 'return window.__mark;' } },
    ]);
    const { runId, done } = engine.startRun(flow, { breakpoints: true });
    await until(() => events.some((e) => e.type === 'paused' && e.runId === runId), 'the breakpoint');
    const page = engine.sessions.get('ttl-pause')!.page;
    await sleep(TTL * 3);
    // Any other get runs the cleanup (as in Crawl4AI); here directly and through another session.
    expect(await engine.sessions.cleanupExpired()).not.toContain('ttl-pause');
    await engine.sessions.getOrCreate('ttl-other');
    expect(engine.sessions.get('ttl-pause')?.page).toBe(page);
    const resumedAt = Date.now();
    expect(engine.continueRun(runId)).toBe(true);
    const r = await done;
    expect(r.status, r.error).toBe('ok');
    expect(r.results[1].js_execution_result?.results).toEqual([7]); // same live page
    // Unpinned: the idle clock restarted at the end of the run, then the session expires.
    expect(engine.sessions.isPinned('ttl-pause')).toBe(false);
    expect(engine.sessions.get('ttl-pause')!.lastUsed).toBeGreaterThanOrEqual(resumedAt);
    // The expiry timer kills it with no further request.
    await until(() => engine.sessions.get('ttl-pause') === undefined, 'the idle session to expire');
    expect(Date.now() - resumedAt).toBeGreaterThanOrEqual(TTL);
  });

  it('an idle session is killed at its TTL with no further request; a pinned one is kept', async () => {
    const release = engine.sessions.pin('ttl-held');
    const held = await engine.sessions.getOrCreate('ttl-held');
    const idle = await engine.sessions.getOrCreate('ttl-idle');
    const t0 = idle.lastUsed;
    // No get, no run: only the timer can do it. Its page is closed, not just forgotten.
    await until(() => engine.sessions.get('ttl-idle') === undefined && idle.page.isClosed(), 'the timer to kill the idle session');
    expect(Date.now() - t0).toBeGreaterThanOrEqual(TTL);
    await sleep(TTL * 2);
    expect(engine.sessions.get('ttl-held')?.alive).toBe(true);
    expect(held.page.isClosed()).toBe(false);
    // Unpinned, it idles one TTL from the release and then goes too.
    const releasedAt = Date.now();
    release();
    await until(() => engine.sessions.get('ttl-held') === undefined, 'the released session to expire');
    expect(Date.now() - releasedAt).toBeGreaterThanOrEqual(TTL);
  });

  it('a step that runs longer than the TTL keeps its session', async () => {
    const flow = flowOf([
      { id: 'wait', config: { url: '{{demo_url}}/list', session_id: 'ttl-run', wait_for: 'js:() => window.__go === true', wait_for_timeout: 15_000, js_code: 'return window.__go;' } },
    ]);
    const { done } = engine.startRun(flow);
    await until(() => engine.sessions.get('ttl-run') !== undefined, 'the session');
    await sleep(TTL * 3);
    expect(await engine.sessions.cleanupExpired()).not.toContain('ttl-run');
    await engine.sessions.get('ttl-run')!.page.evaluate('window.__go = true');
    const r = await done;
    expect(r.status, r.error).toBe('ok');
    expect(r.results[0].js_execution_result?.results).toEqual([true]);
  });

  it('pins are refcounted and release is idempotent', () => {
    const a = engine.sessions.pin('ttl-ref');
    const b = engine.sessions.pin('ttl-ref');
    a();
    a();
    expect(engine.sessions.isPinned('ttl-ref')).toBe(true);
    b();
    expect(engine.sessions.isPinned('ttl-ref')).toBe(false);
  });

  it('a session watched in the live preview does not expire; after the viewer leaves it does', async () => {
    const preview = new PreviewService(engine, () => undefined);
    try {
      const s = await engine.sessions.getOrCreate('ttl-watched');
      await preview.attach('ttl-watched', {});
      await sleep(TTL * 3);
      expect(engine.sessions.get('ttl-watched')).toBe(s);
      const leftAt = Date.now();
      await preview.detach('ttl-watched');
      await until(() => engine.sessions.get('ttl-watched') === undefined, 'the unwatched session to expire');
      expect(Date.now() - leftAt).toBeGreaterThanOrEqual(TTL);
    } finally {
      await preview.close();
    }
  });
});
