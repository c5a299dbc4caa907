// Issue #14 fault suite: the built web-mode server (a child process) and real WebSocket clients,
// through faults a long-running app meets: Chromium killed mid-run, a renderer killed, a page
// crashing mid-step, a runaway regex, a page of 200k elements, a client that never reads, and 20
// clients running and polling for 60 s. After each fault the server must answer and a new run must
// succeed. Prints a figures table; after shutdown no Chromium process of the server may be left.
import { once } from 'node:events';
import { readdir, readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { connect, runOverSocket, startBeacon, startWebApp, type ApiClient, type Beacon, type RunFinished, type WebApp } from './helpers.js';

const JS = { javascript: true, secrets: [], local: false };
const LOAD_MS = 60_000;
const LOAD_CLIENTS = 20;
const REDOS_LIMIT_MS = 3000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

type StepConfig = Record<string, unknown>;
const flowOf = (name: string, steps: Array<[string, StepConfig]>) => ({
  format: 'crawlwright.flow',
  version: 1,
  name,
  steps: steps.map(([id, config]) => ({ id, name: id, config })),
});

// ---- Chromium processes of the server (found by parent chain; remembered for after shutdown)

interface Proc {
  pid: number;
  ppid: number;
  /** Command line (Chromium's zygote children rewrite theirs into one space-joined string). */
  cmd: string;
}

async function processes(): Promise<Map<number, Proc>> {
  const out = new Map<number, Proc>();
  for (const name of await readdir('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = await readFile(`/proc/${name}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      const cmd = (await readFile(`/proc/${name}/cmdline`, 'utf8')).split('\0').filter(Boolean).join(' ');
      out.set(Number(name), { pid: Number(name), ppid, cmd });
    } catch {
      /* gone */
    }
  }
  return out;
}

const isChromium = (p: Proc) => /chrom/i.test(p.cmd.split(' ')[0] ?? '');

/** Chromium processes whose parent chain leads to `root`. */
async function chromiumOf(root: number): Promise<Proc[]> {
  const all = await processes();
  const under = (p: Proc) => {
    for (let cur: number | undefined = p.ppid, depth = 0; cur && depth < 20; depth++, cur = all.get(cur)?.ppid) if (cur === root) return true;
    return false;
  };
  return [...all.values()].filter((p) => isChromium(p) && under(p));
}

/** Every Chromium pid and profile dir the server ever had: checked again after it exits. */
const seenPids = new Set<number>();
const seenProfiles = new Set<string>();
async function track(): Promise<Proc[]> {
  const procs = await chromiumOf(app.child.pid!);
  for (const p of procs) {
    seenPids.add(p.pid);
    const dir = /--user-data-dir=(\S+)/.exec(p.cmd)?.[1];
    if (dir) seenProfiles.add(dir);
  }
  return procs;
}

async function leftovers(): Promise<Proc[]> {
  const all = await processes();
  return [...all.values()].filter((p) => isChromium(p) && (seenPids.has(p.pid) || [...seenProfiles].some((d) => p.cmd.includes(d))));
}

async function browserPid(): Promise<number> {
  const procs = await track();
  const browser = procs.find((p) => p.ppid === app.child.pid && !p.cmd.includes('--type='));
  if (!browser) throw new Error('the server has no running Chromium');
  return browser.pid;
}

async function killRenderers(): Promise<number> {
  const renderers = (await track()).filter((p) => p.cmd.includes(' --type=renderer'));
  for (const r of renderers) process.kill(r.pid, 'SIGKILL');
  return renderers.length;
}

// ---- the app

let app: WebApp;
let beacon: Beacon;
let c: ApiClient;
const figures: Array<[string, string]> = [];
const faults: Array<{ name: string; survived: boolean }> = [];
let rssBefore = 0;

const finished = (client: ApiClient, runId: string, timeoutMs = 60_000) =>
  client.waitEvent<RunFinished>((e, p) => e === 'run.event' && (p as RunFinished).type === 'run-finished' && (p as RunFinished).runId === runId, timeoutMs);

const phaseSeen = (client: ApiClient, runId: string, stepId: string, phase: string) =>
  client.waitEvent((e, p) => e === 'run.event' && (p as { runId: string }).runId === runId && (p as { stepId?: string }).stepId === stepId && (p as { phase?: string }).phase === phase, 30_000);

/** The server answers and a new run on a new session succeeds (a fresh client, a real page). */
async function survived(name: string): Promise<void> {
  faults.push({ name, survived: false });
  const fresh = await connect(app);
  try {
    await fresh.call('app.info', {}, 10_000);
    const flow = flowOf('after a fault', [['check', { url: `${app.demoUrl}/list`, session_id: `after-${faults.length}`, js_code: 'return document.querySelectorAll("#items .item").length;' }]]);
    const r = await runOverSocket(fresh, { flow, grant: JS }, 60_000);
    expect(r.status, r.error).toBe('ok');
    faults[faults.length - 1].survived = true;
  } finally {
    fresh.close();
  }
}

const EVIL = 'a'.repeat(33);
beforeAll(async () => {
  beacon = await startBeacon({ '/redos': `<html><body><div class="row"><p class="t">${EVIL}</p><p class="u">fine</p></div></body></html>` });
  app = await startWebApp({ env: { CRAWLWRIGHT_EXTRACT_TIMEOUT_MS: String(REDOS_LIMIT_MS) } });
  c = await connect(app);
  // Warm up (the browser launches on the first run), then the baseline.
  expect((await runOverSocket(c, { flow: flowOf('warm-up', [['w', { url: `${app.demoUrl}/list` }]]), grant: JS })).status).toBe('ok');
  await track();
  rssBefore = await app.rssMb();
}, 90_000);

afterAll(async () => {
  c?.close();
  if (app) {
    const rssAfter = await app.rssMb().catch(() => NaN);
    await track().catch(() => undefined);
    await app.stop();
    // Chromium gets a moment to notice its parent is gone before we count what is left.
    let left = await leftovers();
    for (let i = 0; i < 40 && left.length; i++) left = (await sleep(100), await leftovers());
    figures.unshift(
      ['faults survived', `${faults.filter((f) => f.survived).length}/${faults.length}`],
      ['server RSS before / after', `${rssBefore.toFixed(0)} MB / ${rssAfter.toFixed(0)} MB`],
      ['Chromium processes seen / left after shutdown', `${seenPids.size} / ${left.length}`],
    );
    const w = Math.max(...figures.map(([k]) => k.length));
    console.log(['', 'Fault suite figures (test/security/faults.test.ts)', ...figures.map(([k, v]) => `  ${k.padEnd(w)}  ${v}`), ''].join('\n'));
    expect(left.map((p) => `${p.pid} ${p.cmd.slice(0, 120)}`)).toEqual([]);
  }
  await beacon?.close();
}, 60_000);

describe('faults against the built web-mode server', () => {
  it('Chromium SIGKILLed mid-run: the run fails promptly naming the browser, a new run relaunches it', async () => {
    const flow = flowOf('browser kill', [
      ['open', { url: `${app.demoUrl}/list`, session_id: 'f-browser' }],
      ['wait', { url: 'http://label.invalid/', session_id: 'f-browser', js_only: true, wait_for: 'js:() => false', wait_for_timeout: 20_000 }],
    ]);
    const { runId } = await c.call<{ runId: string }>('run.start', { flow, grant: JS });
    await phaseSeen(c, runId, 'wait', 'wait_for');
    const pid = await browserPid();
    const t0 = Date.now();
    process.kill(pid, 'SIGKILL');
    const fin = await finished(c, runId, 20_000);
    figures.push(['Chromium SIGKILL → run-finished', `${Date.now() - t0} ms`]);
    expect(fin.status).toBe('failed');
    expect(fin.error).toMatch(/went away during wait_for.*browser disconnected/);
    await survived('Chromium killed mid-run');
    expect(await browserPid()).not.toBe(pid);
  });

  it('a renderer killed between runs: the session is dead with the reason, a navigating step re-creates it', async () => {
    const open = flowOf('renderer', [['open', { url: `${app.demoUrl}/list`, session_id: 'f-renderer' }]]);
    expect((await runOverSocket(c, { flow: open, grant: JS })).status).toBe('ok');
    expect(await killRenderers()).toBeGreaterThan(0);
    const dead = await c.waitEvent<{ sessions: Array<{ id: string; alive: boolean; deadReason?: string }> }>(
      (e, p) => e === 'session.changed' && (p as { sessions: Array<{ id: string; alive: boolean }> }).sessions.some((s) => s.id === 'f-renderer' && !s.alive),
      10_000,
    );
    expect(dead.sessions.find((s) => s.id === 'f-renderer')?.deadReason).toBe('the page crashed');
    const js = await runOverSocket(c, { flow: flowOf('js on dead', [['js', { url: 'http://label.invalid/', session_id: 'f-renderer', js_only: true, js_code: 'return 1;' }]]), grant: JS });
    expect(js.status).toBe('failed');
    expect(js.error).toMatch(/session "f-renderer" is dead \(the page crashed\)/);
    expect((await runOverSocket(c, { flow: open, grant: JS })).status).toBe('ok');
    await survived('renderer killed');
  });

  it('a page crashing mid-step: the step fails with "the page crashed", never net::ERR_ABORTED', async () => {
    const flow = flowOf('page crash', [
      ['open', { url: `${app.demoUrl}/list`, session_id: 'f-crash' }],
      ['wait', { url: 'http://label.invalid/', session_id: 'f-crash', js_only: true, wait_for: 'js:() => false', wait_for_timeout: 20_000 }],
    ]);
    const { runId } = await c.call<{ runId: string }>('run.start', { flow, grant: JS });
    await phaseSeen(c, runId, 'wait', 'wait_for');
    await killRenderers();
    const fin = await finished(c, runId, 20_000);
    expect(fin.status).toBe('failed');
    expect(fin.error).toMatch(/failed in wait_for: the page crashed during wait_for/);
    expect(fin.error).not.toMatch(/ERR_ABORTED/);
    await survived('page crash mid-step');
  });

  it('a runaway regex: the step fails at the limit naming the field, the worker is replaced', async () => {
    const schema = { name: 'ReDoS', baseSelector: 'div.row', fields: [{ name: 'fine', type: 'text', selector: '.u' }, { name: 'evil', type: 'regex', selector: '.t', pattern: '(a+)+b' }] };
    const flow = flowOf('redos', [['x', { url: `${beacon.url}/redos`, session_id: 'f-redos', extraction_strategy: { type: 'JsonCssExtractionStrategy', schema } }]]);
    const t0 = Date.now();
    const r = await runOverSocket(c, { flow, grant: JS }, 60_000);
    figures.push(['ReDoS run (limit 3 s) → run-finished', `${Date.now() - t0} ms`]);
    expect(r.status).toBe('failed');
    expect(r.error).toMatch(/extraction stopped after 3 s while extracting field fields\[1\] \("evil"\)/);
    await survived('ReDoS regex');
  });

  let bigRun = '';
  it('a page with 200k elements: captured and extracted, the server keeps answering', async () => {
    const schema = { name: 'Cards', baseSelector: 'li.card-item', fields: [{ name: 'title', type: 'text', selector: 'h3' }] };
    const flow = flowOf('200k', [['big', { url: `${app.demoUrl}/big?n=200000`, session_id: 'f-big', extraction_strategy: { type: 'JsonCssExtractionStrategy', schema } }]]);
    const t0 = Date.now();
    const { runId } = await c.call<{ runId: string }>('run.start', { flow, grant: JS });
    // While it runs, another client is answered.
    const other = await connect(app);
    const a0 = Date.now();
    await other.call('app.info', {}, 10_000);
    const answerMs = Date.now() - a0;
    other.close();
    const fin = await finished(c, runId, 90_000);
    expect(fin.status, fin.error).toBe('ok');
    const step = await c.call<{ items: unknown[] }>('run.result', { runId, stepId: 'big', iteration: 0 });
    expect(step.items.length).toBeGreaterThan(30_000); // ~200k elements, 6 per card
    figures.push(['200k-element page: run / app.info meanwhile', `${Date.now() - t0} ms (${step.items.length} items) / ${answerMs} ms`]);
    bigRun = runId;
    await survived('200k-element page');
  });

  it('a client that never reads asks for megabytes: it is cut off, the others are served', async () => {
    expect(bigRun).not.toBe('');
    const ws = new WebSocket(`ws://127.0.0.1:${app.port}/ws?token=${app.token}`);
    await once(ws, 'open');
    const closed = once(ws, 'close').then(([code]) => code as number);
    ws.pause();
    for (let i = 0; i < 40; i++) ws.send(JSON.stringify({ id: i + 1, channel: 'run.result', args: { runId: bigRun, stepId: 'big', iteration: 0 } }));
    // The server says so in its log; the client only sees its close once it reads again.
    const t0 = Date.now();
    const dropped = /fell ([\d.]+) MB behind \(it does not read its messages\): disconnected/;
    while (!dropped.test(app.output()) && Date.now() - t0 < 30_000) await sleep(100);
    ws.resume();
    const code = await Promise.race([closed, sleep(15_000).then(() => null)]);
    figures.push(['client that never reads (40 × run.result of 200k page)', dropped.test(app.output()) ? `disconnected after ${Date.now() - t0} ms, ${dropped.exec(app.output())![1]} MB behind (close ${code})` : 'still connected']);
    expect(app.output()).toMatch(dropped);
    expect([4008, 1006]).toContain(code);
    await survived('client that never reads');
  });

  it(`${LOAD_CLIENTS} clients running and polling for ${LOAD_MS / 1000} s: every run succeeds, every call is answered`, async () => {
    const clients = await Promise.all(Array.from({ length: LOAD_CLIENTS }, () => connect(app)));
    const deadline = Date.now() + LOAD_MS;
    let runs = 0;
    let polls = 0;
    let worstCallMs = 0;
    const failures: string[] = [];
    const timed = async <T>(p: Promise<T>): Promise<T> => {
      const t0 = Date.now();
      const v = await p;
      worstCallMs = Math.max(worstCallMs, Date.now() - t0);
      return v;
    };
    const sampler = setInterval(() => void track().catch(() => undefined), 5000);
    await Promise.all(
      clients.map(async (client, i) => {
        const flow = flowOf(`load ${i}`, [
          ['list', { url: `${app.demoUrl}/list`, session_id: `load-${i}`, extraction_strategy: { type: 'JsonCssExtractionStrategy', schema: { name: 'Items', baseSelector: '#items .item', fields: [{ name: 'title', type: 'text', selector: '.title' }] } } }],
          ['js', { url: 'http://label.invalid/', session_id: `load-${i}`, js_only: true, js_code: 'return document.title;' }],
        ]);
        while (Date.now() < deadline) {
          try {
            const { runId } = await timed(client.call<{ runId: string }>('run.start', { flow, grant: JS }, 30_000));
            // Poll the run like a reconnecting UI does, with the session list and app info.
            for (;;) {
              const state = await timed(client.call<{ status: string; finished?: RunFinished }>('run.state', { runId }, 30_000));
              polls++;
              if (state.status === 'done') {
                if (state.finished?.status !== 'ok') failures.push(`client ${i}: ${state.finished?.status} ${state.finished?.error ?? ''}`);
                break;
              }
              await timed(client.call(polls % 2 ? 'session.list' : 'app.info', {}, 30_000));
              await sleep(150);
            }
            runs++;
          } catch (e) {
            failures.push(`client ${i}: ${(e as Error).message}`);
            await sleep(500);
          }
        }
      }),
    );
    clearInterval(sampler);
    for (const client of clients) client.close();
    figures.push([`${LOAD_CLIENTS} clients × ${LOAD_MS / 1000} s`, `${runs} runs, ${polls} polls, ${failures.length} failures, slowest call ${worstCallMs} ms`]);
    expect(failures.slice(0, 5)).toEqual([]);
    expect(runs).toBeGreaterThan(LOAD_CLIENTS);
    await survived(`${LOAD_CLIENTS} clients for ${LOAD_MS / 1000} s`);
  }, LOAD_MS + 60_000);
});
