// Batch runs on the one Engine against the demo site: one session and browser context per row,
// bounded concurrency, retries with backoff, refusal of rows that smuggle other URL schemes, and
// resume from results.jsonl (the kill -9 case runs the real CLI in cli-batch.test.ts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Flow } from '../../../shared/flow/schema.js';
import { parseFlowText, validateFlow } from '../../../shared/flow/validate.js';
import { serializeFlow } from '../../../shared/flow/serialize.js';
import { flowRows, parseInputRows } from '../../../shared/flow/inputs.js';
import { runBatch, type RowRecord } from '../../../electron/engine/batch.js';
import { createHarness, type Harness } from './helpers.js';

const FLOW_FILE = fileURLToPath(new URL('../../fixtures/batch/product-details.flow.json', import.meta.url));
let h: Harness;
let flow: Flow;

beforeAll(async () => {
  h = await createHarness();
  const parsed = parseFlowText(await readFile(FLOW_FILE, 'utf8'));
  if (!parsed.ok) throw new Error('fixture invalid');
  flow = parsed.flow;
});
afterAll(() => h.close());

const records = async (dir: string) => (await readFile(join(dir, 'results.jsonl'), 'utf8')).trim().split('\n').map((l) => JSON.parse(l) as RowRecord);

describe('runBatch', () => {
  it('runs every row in its own session and context, at most `concurrency` at once', async () => {
    const { rows, errors } = parseInputRows('product\n5\n6\n7\n8\n9\n', 'csv', flow.inputs!);
    expect(errors).toEqual([]);
    let maxRunning = 0;
    const outDir = join(h.dir, 'b1');
    const summary = await runBatch(h.engine, flow, { rows, outDir, concurrency: 2, retries: 0, onProgress: (p) => (maxRunning = Math.max(maxRunning, p.running)) });
    expect(summary.status).toBe('ok');
    expect(summary.progress).toMatchObject({ total: 5, done: 5, failed: 0, resumed: 0, running: 0 });
    expect(maxRunning).toBe(2);
    const got = await records(outDir);
    expect(got.map((r) => r.row).sort()).toEqual(['5', '6', '7', '8', '9']);
    for (const r of got) {
      expect(r.status).toBe('ok');
      expect(r.items).toHaveLength(1);
      const item = r.items[0].item as Record<string, string>;
      expect(item.id).toBe(r.row);
      // Own browser context per row: no row sees the localStorage another row wrote.
      expect(item.seen_before).toBe('none');
    }
    // Every row's sessions and contexts are gone afterwards.
    expect(h.engine.sessions.list().filter((s) => s.id.includes('~row-'))).toEqual([]);
  });

  it('refuses a row whose value would turn the url into another scheme, without retrying it', async () => {
    const urlFlow: Flow = { ...flow, inputs: { columns: ['url'] }, steps: [{ ...flow.steps[0], config: { ...flow.steps[0].config, url: '{{url}}', js_code: undefined } }] };
    const { rows } = parseInputRows('{"url": "file:///etc/passwd"}\n{"url": "' + h.demo.url + '/products/4"}\n', 'jsonl', urlFlow.inputs!);
    const outDir = join(h.dir, 'b2');
    const summary = await runBatch(h.engine, urlFlow, { rows, outDir, concurrency: 2, retries: 3, backoffMs: 10 });
    expect(summary.status).toBe('failed');
    const got = await records(outDir);
    const bad = got.find((r) => r.row === '1')!;
    expect(bad).toMatchObject({ status: 'failed', attempts: 1 });
    expect(bad.error).toMatch(/uses file:; only http\(s\) URLs may come from input rows/);
    expect(got.find((r) => r.row === '2')?.status).toBe('ok');
  });

  it('retries a failing row with backoff, then records it as failed once', async () => {
    const { rows } = parseInputRows('product\n999999\n', 'csv', flow.inputs!);
    const failing: Flow = { ...flow, steps: [{ ...flow.steps[0], config: { ...flow.steps[0].config, url: '{{demo_url}}/no-such-page', wait_for_timeout: 300 } }] };
    const outDir = join(h.dir, 'b3');
    const t0 = Date.now();
    const summary = await runBatch(h.engine, failing, { rows, outDir, concurrency: 1, retries: 2, backoffMs: 200 });
    expect(summary.progress).toMatchObject({ done: 0, failed: 1 });
    const [r] = await records(outDir);
    expect(r).toMatchObject({ row: '999999', status: 'failed', attempts: 3 });
    expect(r.error).toMatch(/wait_for|css:#product-detail/);
    // Backoff 200 ms then 400 ms (±25 %) between the three attempts.
    expect(Date.now() - t0).toBeGreaterThanOrEqual(450);
  });

  it('resumes: rows already in results.jsonl are skipped, a torn last line runs again', async () => {
    const outDir = join(h.dir, 'b4');
    const { rows } = flowRows(flow);
    const first = await runBatch(h.engine, flow, { rows: rows.slice(0, 2), outDir, concurrency: 1, retries: 0, restart: true });
    expect(first.progress.done).toBe(2);
    // Different rows than the state was started with: refused.
    await expect(runBatch(h.engine, flow, { rows, outDir, concurrency: 1, retries: 0 })).rejects.toThrow(/different input file/);
    // Same rows as a fresh state, with one finished line and a torn second one.
    await runBatch(h.engine, flow, { rows, outDir, concurrency: 1, retries: 0, restart: true });
    const lines = (await readFile(join(outDir, 'results.jsonl'), 'utf8')).trim().split('\n');
    const { writeFile } = await import('node:fs/promises');
    await writeFile(join(outDir, 'results.jsonl'), lines[0] + '\n' + lines[1].slice(0, 20));
    const resumed = await runBatch(h.engine, flow, { rows, outDir, concurrency: 2, retries: 0 });
    expect(resumed.progress).toMatchObject({ total: 3, resumed: 1, done: 2 });
    const got = await records(outDir);
    expect(got.map((r) => r.row).sort()).toEqual(['1', '2', '3']);
  });
});

describe('input rows', () => {
  it('the inputs declaration survives the json export; flows without it stay valid; bad declarations name the path', () => {
    const back = parseFlowText(serializeFlow(flow));
    expect(back.ok && back.flow.inputs).toEqual(flow.inputs);
    const { inputs: _i, ...old } = flow;
    expect(validateFlow(old).ok).toBe(true);
    const bad = validateFlow({ ...flow, inputs: { columns: ['product'], id: 'sku', rows: [{ product: '1', extra: 'x' }] } });
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.errors.map((e) => e.path)).toEqual(expect.arrayContaining(['inputs.id', 'inputs.rows[0].extra']));
  });

  it('refuses undeclared columns, placeholder values and duplicate ids, by line', () => {
    const r = parseInputRows('product,api\n1,x\n{{secret:AWS_KEY}},\n1,\n', 'csv', flow.inputs!);
    expect(r.errors).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^line 2: column "api" is not one of the flow's inputs.columns/),
        expect.stringMatching(/^line 3: "product" contains \{\{ \}\}; input values are data/),
        expect.stringMatching(/^line 4: row id "1" \(column product\) repeats line 2/),
      ]),
    );
  });
});
