// Issue #14 "must be closed" 5: every run event went to every client with no cap, so 3 clients that
// never read plus 6 big runs took the server from 248 to 1150 MB. Now step-finished carries a
// summary (items, console and network are fetched with run.result), and a client that stays
// behind is disconnected (close 4008, or cut) instead of being buffered for. Reproduced with the
// built web-mode server and real WebSocket clients whose sockets are paused (they never read).
import { once } from 'node:events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { CLIENT_QUEUE_SOFT_BYTES } from '../../shared/api/limits.js';
import { connect, runOverSocket, startBeacon, startWebApp, type ApiClient, type Beacon, type WebApp } from './helpers.js';

const ITEMS = 3000;
/** ~1.7 MB of extracted_content, the items again, 500 console lines: one full result is ~4.5 MB of JSON. */
function bigPage(url: URL): string {
  const n = url.searchParams.get('n') ?? '';
  const rows = Array.from({ length: ITEMS }, (_, i) => `<div class="p"><h2>Product ${n}-${i}</h2><p>${'lorem ipsum dolor sit amet '.repeat(18)}${i}</p></div>`);
  const logs = `<script>for (let i = 0; i < 500; i++) console.log('line ' + i + ' ' + 'x'.repeat(200));</script>`;
  return `<html><body>${rows.join('')}${logs}</body></html>`;
}
const STEPS = 3;
const schema = { name: 'P', baseSelector: 'div.p', fields: [{ name: 'title', selector: 'h2', type: 'text' }, { name: 'body', selector: 'p', type: 'text' }] };
/** A run of STEPS big extractions on one session (~13 MB of results per run), all items distinct. */
const flowFor = (url: string, session: string) => ({
  format: 'crawlwright.flow',
  version: 1,
  name: 'big',
  steps: Array.from({ length: STEPS }, (_, i) => ({
    id: `big${i}`,
    name: `Big page ${i}`,
    config: { url: `${url}/big?n=${session}-${i}`, session_id: session, extraction_strategy: { type: 'JsonCssExtractionStrategy', schema } },
  })),
});
const NO_GRANT = { javascript: false, secrets: [], local: false };

/** A client that connects and then never reads: its socket is paused, the kernel buffers fill up. */
async function stalledClient(app: WebApp): Promise<{ ws: WebSocket; closed: Promise<number>; ask(channel: string, args: unknown): void }> {
  const ws = new WebSocket(`ws://127.0.0.1:${app.port}/ws?token=${app.token}`);
  await once(ws, 'open');
  const closed = once(ws, 'close').then(([code]) => code as number);
  ws.pause();
  let id = 0;
  return { ws, closed, ask: (channel, args) => ws.send(JSON.stringify({ id: ++id, channel, args })) };
}

let beacon: Beacon;
let app: WebApp;
let reader: ApiClient;
beforeAll(async () => {
  beacon = await startBeacon({ '/big': bigPage });
  app = await startWebApp();
  reader = await connect(app);
});
afterAll(async () => {
  reader?.close();
  await app?.stop();
  await beacon?.close();
});

describe('slow WebSocket clients', () => {
  it('step-finished carries a summary; the items, console and network come with run.result', async () => {
    const fin = await runOverSocket(reader, { flow: flowFor(beacon.url, 'warm'), grant: NO_GRANT });
    expect(fin.status).toBe('ok');
    const pushed = reader.events.find((e) => e.event === 'run.event' && (e.payload as { type: string; runId: string }).type === 'step-finished' && (e.payload as { runId: string }).runId === fin.runId)!.payload as {
      result: { items: unknown; console: unknown[]; extracted_content: unknown; omitted: { items: number; console: number } };
    };
    expect(pushed.result.items).toBeNull();
    expect(pushed.result.extracted_content).toBeNull();
    expect(pushed.result.console).toEqual([]);
    expect(pushed.result.omitted.items).toBe(ITEMS);
    expect(pushed.result.omitted.console).toBeGreaterThanOrEqual(500); // the engine keeps 500 per step
    expect(JSON.stringify(pushed).length).toBeLessThan(20_000);
    const full = await reader.call<{ items: unknown[]; console: unknown[]; extracted_content: string }>('run.result', { runId: fin.runId, stepId: 'big0', iteration: 0 });
    expect(full.items).toHaveLength(ITEMS);
    expect(full.console.length).toBe(pushed.result.omitted.console);
    expect(full.extracted_content.length).toBeGreaterThan(1_500_000);
    const state = await reader.call<{ status: string; stepIds: string[]; results: Array<{ omitted?: unknown }>; finished?: { status: string } }>('run.state', { runId: fin.runId });
    expect(state).toMatchObject({ status: 'done', stepIds: ['big0', 'big1', 'big2'], finished: { status: 'ok' } });
    expect(state.results[0].omitted).toBeDefined();
    await expect(reader.call('run.result', { runId: fin.runId, stepId: 'big0', iteration: 7 })).rejects.toMatchObject({ code: 'not_found' });
  });

  it('3 clients that never read + 6 big runs: they are disconnected, the reader is not, RSS stays bounded', async () => {
    // Steady state first: the server keeps the newest finished runs (run.result), so runs alone
    // grow it until that window is full; measured from there, growth is what the clients cost.
    for (let i = 0; i < 3; i++) expect((await runOverSocket(reader, { flow: flowFor(beacon.url, `warm-${i}`), grant: NO_GRANT })).status).toBe('ok');
    const before = await app.rssMb();
    let peak = before;
    const sampler = setInterval(() => void app.rssMb().then((mb) => (peak = Math.max(peak, mb)), () => undefined), 100);
    const stalled = await Promise.all([0, 1, 2].map(() => stalledClient(app)));
    const other = await connect(app); // a second reader: must keep every event
    const runIds: string[] = [];
    for (let i = 0; i < 6; i++) {
      const fin = await runOverSocket(reader, { flow: flowFor(beacon.url, `big-${i}`), grant: NO_GRANT });
      expect(fin.status).toBe('ok');
      runIds.push(fin.runId);
      // The stalled clients also ask for every big result (~4.5 MB each) and never read the replies.
      for (const s of stalled) for (let k = 0; k < 10; k++) s.ask('run.result', { runId: fin.runId, stepId: 'big0', iteration: 0 });
    }
    // Let the last requests be answered (or refused) before measuring.
    await reader.call('session.list', {});
    await new Promise((r) => setTimeout(r, 2000));
    clearInterval(sampler);
    const after = await app.rssMb();
    peak = Math.max(peak, after);
    // Unbounded, each stalled client would hold 18 pushed results plus 18 replies (~160 MB each).
    // Bounded: at most 2 × the soft bound + 2 messages per client, plus what the six runs cost the
    // heap with no client at all (measured: ~75 MB; more since finished runs stay fetchable for
    // 30 s: peaks of +165..210 MB seen) and slack. Unbounded measured +664 MB: still far above.
    const boundMb = 3 * ((2 * CLIENT_QUEUE_SOFT_BYTES) / 1024 / 1024 + 2 * 5) + 200;
    console.log(`[slow clients] server RSS before ${before.toFixed(0)} MB, peak ${peak.toFixed(0)} MB, after ${after.toFixed(0)} MB (bound +${boundMb.toFixed(0)} MB)`);
    expect(peak - before).toBeLessThan(boundMb);
    expect(app.output().match(/fell [\d.]+ MB behind \(it does not read its messages\): disconnected/g)).toHaveLength(3);
    // A stalled client that reads again finds its socket closed (4008, or 1006 when it was cut).
    for (const s of stalled) s.ws.resume();
    const codes = await Promise.all(stalled.map((s) => Promise.race([s.closed, new Promise<number>((r) => setTimeout(() => r(-1), 15_000))])));
    for (const c of codes) expect([4008, 1006]).toContain(c);
    // Both readers kept every event of the six runs and stay connected.
    for (const c of [reader, other]) {
      expect(c.ws.readyState).toBe(WebSocket.OPEN);
      for (const id of runIds) expect(c.events.some((e) => (e.payload as { type?: string; runId?: string }).type === 'run-finished' && (e.payload as { runId: string }).runId === id)).toBe(true);
    }
    // A reconnecting client resyncs from run.state.
    const back = await connect(app);
    expect(await back.call('run.state', { runId: runIds[5] })).toMatchObject({ status: 'done', finished: { status: 'ok' } });
    back.close();
    other.close();
  }, 240_000);
});
