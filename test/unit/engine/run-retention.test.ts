// Finished runs stay fetchable (run.state / run.result) for a while, not just the newest three:
// with many clients running at once, a count alone forgot a run before its client asked for it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, flowOf, type Harness } from './helpers.js';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(async () => {
  await h?.close();
});

describe('finished-run retention', () => {
  it('8 runs finishing at once are all still fetchable; at most 24 are kept', async () => {
    const flow = flowOf([{ id: 'one', config: { url: `${h.demo.url}/list`, js_code: 'return 1;' } }]);
    // In finishing order: the oldest beyond the bound are forgotten first.
    const order: string[] = [];
    const first = await Promise.all(Array.from({ length: 8 }, () => h.engine.startRun(flow).done.then((r) => (order.push(r.runId), r))));
    for (const r of first) {
      expect(r.status, r.error).toBe('ok');
      expect(h.engine.runState(r.runId)?.finished?.status).toBe('ok');
      expect(h.engine.stepResult(r.runId, 'one', 0)?.js_execution_result?.results).toEqual([1]);
    }
    await Promise.all(Array.from({ length: 20 }, () => h.engine.startRun(flow).done.then((r) => order.push(r.runId))));
    expect(order.filter((id) => h.engine.runState(id))).toEqual(order.slice(-24));
  }, 120_000);

  it('beyond the newest three, a run ages out after the retention time, and big results are not kept', async () => {
    const { startDemoServer } = await import('../../../electron/demo/server.js');
    const { Engine } = await import('../../../electron/engine/engine.js');
    const { mkdtemp, rm } = await import('node:fs/promises');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const dir = await mkdtemp(join(tmpdir(), 'cw-keep-'));
    const demo = await startDemoServer();
    // 10 kB of extra results at most: a step weighs ~2 kB plus twice its extracted_content.
    const engine = new Engine({ artifactsDir: join(dir, 'runs'), emit: () => undefined, keepFinished: { ms: 2000, extraBytes: 10_000 } });
    try {
      const small = flowOf([{ id: 's', config: { url: `${demo.url}/list`, js_code: 'return 1;' } }]);
      const schema = { name: 'Cards', baseSelector: 'li.card-item', fields: [{ name: 'title', type: 'text', selector: 'h3' }] };
      const big = flowOf([{ id: 'b', config: { url: `${demo.url}/big?n=2000`, extraction_strategy: { type: 'JsonCssExtractionStrategy', schema } } }]);
      const ids: string[] = [];
      await Promise.all(Array.from({ length: 5 }, () => engine.startRun(small).done.then((r) => ids.push(r.runId))));
      expect(ids.filter((id) => engine.runState(id))).toEqual(ids); // 2 extras of ~2 kB: kept
      // Aged out by the timer (no further run needed), down to the newest three.
      for (let i = 0; i < 400 && engine.runState(ids[1]); i++) await new Promise((r) => setTimeout(r, 25));
      expect(ids.filter((id) => engine.runState(id))).toEqual(ids.slice(-3));
      // Results weighing more than the extra budget are kept only as one of the newest three.
      const bigIds: string[] = [];
      for (let i = 0; i < 4; i++) {
        const r = await engine.startRun(big).done;
        expect(r.results[0].extracted_content!.length).toBeGreaterThan(5_000);
        bigIds.push(r.runId);
      }
      expect(bigIds.filter((id) => engine.runState(id))).toEqual(bigIds.slice(-3));
    } finally {
      await engine.close();
      await demo.close();
      await rm(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
