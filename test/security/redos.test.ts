// Issue #14 "must be closed" 3: an extraction regex `(a+)+b` on 33 characters blocked the whole
// process for 203 s (every client, the demo site, Stop). Now every extraction runs in a worker
// with a time limit: the step fails naming the field, the worker is replaced, and the app keeps
// answering meanwhile. Reproduced with the built CLI, the built web-mode server and the built pool.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExtractPool as ExtractPoolType } from '../../electron/schema/extract-pool.js';
import { connect, ROOT, runCli, runOverSocket, startBeacon, startWebApp, tempDir, writeFlow, type ApiClient, type Beacon, type WebApp } from './helpers.js';

const EVIL = 'a'.repeat(33);
const PAGE = `<html><body><div class="row"><p class="t">${EVIL}</p><p class="u">fine</p></div></body></html>`;
const SCHEMA = {
  name: 'ReDoS',
  baseSelector: 'div.row',
  fields: [
    { name: 'fine', type: 'text', selector: '.u' },
    { name: 'evil', type: 'regex', selector: '.t', pattern: '(a+)+b' },
  ],
};
const LIMIT_MS = 3000;

let beacon: Beacon;
beforeAll(async () => {
  beacon = await startBeacon({ '/redos': PAGE });
});
afterAll(async () => {
  await beacon.close();
});

describe('the extraction pool (built workers)', () => {
  let pool: ExtractPoolType;
  beforeAll(async () => {
    const distPool = join(ROOT, 'dist', 'electron', 'schema', 'extract-pool.js');
    const mod = (await import(distPool)) as typeof import('../../electron/schema/extract-pool.js');
    pool = new mod.ExtractPool({ timeoutMs: LIMIT_MS });
    expect(pool.threaded).toBe(true);
  });
  afterAll(() => pool.close());

  it('kills a runaway regex at the limit, names the field, replaces the worker; the main loop never stalls', async () => {
    let worstLag = 0;
    let last = performance.now();
    const tick = setInterval(() => {
      const now = performance.now();
      worstLag = Math.max(worstLag, now - last - 20);
      last = now;
    }, 20);
    const t0 = performance.now();
    const err = await pool.extract(PAGE, SCHEMA).then(
      () => null,
      (e: Error) => e,
    );
    const took = performance.now() - t0;
    clearInterval(tick);
    expect(err?.name).toBe('ExtractTimeoutError');
    expect(err?.message).toMatch(/extraction stopped after 3 s while extracting field fields\[1\] \("evil"\), after 1 field value\(s\): the extraction worker was killed and replaced\. The regex "\(a\+\)\+b" may backtrack catastrophically/);
    expect(took).toBeGreaterThanOrEqual(LIMIT_MS - 50);
    expect(took).toBeLessThan(LIMIT_MS + 5000);
    expect(worstLag).toBeLessThan(1000); // the old in-process extraction blocked for minutes
    expect(pool.stats).toMatchObject({ timeouts: 1, probes: 1, replaced: 2 }); // the job and its locating re-run
    // The next job gets a fresh worker and works.
    const ok = await pool.extract(PAGE, { ...SCHEMA, fields: [SCHEMA.fields[0]] });
    expect(ok.items).toEqual([{ fine: 'fine' }]);
    expect(ok.extracted_content).toBe('[\n    {\n        "fine": "fine"\n    }\n]');
  });

  it('the schema tester job is limited too', async () => {
    await expect(pool.run({ html: PAGE, schema: SCHEMA, diagnose: true })).rejects.toThrow(/extraction stopped after 3 s.*"\(a\+\)\+b"/);
    expect((await pool.run({ html: PAGE, schema: { ...SCHEMA, fields: [SCHEMA.fields[0]] }, diagnose: true })).items).toEqual([{ fine: 'fine' }]);
  });

  it('stopping the caller stops the job (its worker is replaced, not left spinning)', async () => {
    const ac = new AbortController();
    const before = pool.stats.replaced;
    const p = pool.extract(PAGE, SCHEMA, { signal: ac.signal });
    setTimeout(() => ac.abort(), 300);
    const t0 = performance.now();
    await expect(p).rejects.toThrow(/stopped by the user/);
    expect(performance.now() - t0).toBeLessThan(1500);
    expect(pool.stats.replaced).toBe(before + 1);
  });
});

describe('crawlwright run', () => {
  it('fails the step in phase extraction naming the field, within the limit (was: 203 s frozen)', async () => {
    const { dir, cleanup } = await tempDir();
    try {
      const flow = await writeFlow(dir, 'redos.flow.json', [{ id: 'x', name: 'Extract', config: { url: `${beacon.url}/redos`, extraction_strategy: { type: 'JsonCssExtractionStrategy', schema: SCHEMA } } }]);
      const r = await runCli(['run', flow, '--out', join(dir, 'out')], { env: { CRAWLWRIGHT_EXTRACT_TIMEOUT_MS: String(LIMIT_MS), CRAWLWRIGHT_DATA_DIR: join(dir, 'data') } });
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/step "Extract" \(x\) failed in extraction \(div\.row\): extraction failed: extraction stopped after 3 s while extracting field fields\[1\] \("evil"\)/);
      expect(r.ms).toBeLessThan(60_000);
    } finally {
      await cleanup();
    }
  });
});

describe('web mode while a runaway regex runs', () => {
  let app: WebApp;
  let a: ApiClient;
  let b: ApiClient;
  beforeAll(async () => {
    app = await startWebApp({ env: { CRAWLWRIGHT_EXTRACT_TIMEOUT_MS: '8000' } });
    a = await connect(app);
    b = await connect(app);
  });
  afterAll(async () => {
    a?.close();
    b?.close();
    await app?.stop();
  });

  const flow = { format: 'crawlwright.flow', version: 1, name: 'redos', steps: [{ id: 'x', name: 'Extract', config: { url: `PLACEHOLDER/redos`, session_id: 'redos', extraction_strategy: { type: 'JsonCssExtractionStrategy', schema: SCHEMA } } }] };

  it('other clients, the demo site and Stop keep working; the run fails naming the field', async () => {
    const f = JSON.parse(JSON.stringify(flow).replace('PLACEHOLDER', beacon.url));
    const { runId } = await a.call<{ runId: string }>('run.start', { flow: f, grant: { javascript: false, secrets: [], local: false } });
    await a.waitEvent((e, p) => e === 'run.event' && (p as { runId: string; phase?: string }).runId === runId && (p as { phase?: string }).phase === 'extraction');
    await new Promise((r) => setTimeout(r, 500)); // the worker is now deep in the regex
    const rt: number[] = [];
    for (let i = 0; i < 5; i++) {
      const t0 = performance.now();
      await b.call('app.info');
      rt.push(performance.now() - t0);
    }
    const t1 = performance.now();
    const demo = await fetch(`${app.demoUrl}/list`);
    const demoMs = performance.now() - t1;
    expect(demo.status).toBe(200);
    expect(Math.max(...rt)).toBeLessThan(1000);
    expect(demoMs).toBeLessThan(2000);
    const fin = await a.waitEvent<{ status: string; error: string }>((e, p) => e === 'run.event' && (p as { type: string; runId: string }).type === 'run-finished' && (p as { runId: string }).runId === runId, 30_000);
    expect(fin.status).toBe('failed');
    expect(fin.error).toMatch(/failed in extraction.*extraction stopped after 8 s while extracting field fields\[1\] \("evil"\)/);

    // Stop during the runaway extraction: stopped within a second or two.
    const again = await a.call<{ runId: string }>('run.start', { flow: f, grant: { javascript: false, secrets: [], local: false } });
    await a.waitEvent((e, p) => e === 'run.event' && (p as { runId: string; phase?: string }).runId === again.runId && (p as { phase?: string }).phase === 'extraction');
    const t2 = performance.now();
    await b.call('run.stop', { runId: again.runId });
    const stopped = await a.waitEvent<{ status: string }>((e, p) => e === 'run.event' && (p as { type: string; runId: string }).type === 'run-finished' && (p as { runId: string }).runId === again.runId);
    expect(stopped.status).toBe('stopped');
    expect(performance.now() - t2).toBeLessThan(2000);
    // And the app still extracts afterwards (the worker was replaced).
    const fine = JSON.parse(JSON.stringify(f));
    fine.steps[0].config.extraction_strategy.schema.fields = [SCHEMA.fields[0]];
    expect((await runOverSocket(a, { flow: fine, grant: { javascript: false, secrets: [], local: false } })).status).toBe('ok');
  });

  it('the schema tester on that page answers with the timeout instead of hanging', async () => {
    const r = await a.call<{ ok: boolean; error?: string }>('schema.test', { sessionId: 'redos', schema: SCHEMA }, 30_000);
    expect(r.ok).toBe(false);
    expect(r.error).toMatch(/extraction stopped after 8 s.*"\(a\+\)\+b"/);
  });
});
