// inputs.load / batch.* through the real dispatcher and services (the app's Engine on the demo
// site): a rows file checked by line, a batch of 5 rows at concurrency 2 with its events, a
// finished row's record, needs_grant like run.start, stop, and no run.event from the rows.
import { readFileSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServices, type AppServices } from '../../../electron/app.js';
import { createDispatcher, type Dispatch } from '../../../electron/api/dispatch.js';
import { createHandlers } from '../../../electron/api/handlers/index.js';
import type { BatchEvent } from '../../../shared/api/domains/batch.js';

let s: AppServices;
let dispatch: Dispatch;
let dir: string;
const events: Array<{ name: string; payload: unknown }> = [];
const call = async (name: string, args: unknown) => {
  const r = await dispatch(name, args, { transport: 'web' });
  if (!r.ok) throw Object.assign(new Error(r.error.message), { code: r.error.code, details: r.error.details });
  return r.result as Record<string, unknown>;
};
const batchEvents = (batchId: string, from = 0) => events.slice(from).filter((e) => e.name === 'batch.event' && (e.payload as BatchEvent).batchId === batchId).map((e) => e.payload as BatchEvent);

/** The batch's first finished event after events[from] (a resumed batch keeps its id). */
async function finished(batchId: string, from = 0): Promise<Extract<BatchEvent, { type: 'finished' }>> {
  for (let i = 0; i < 1200; i++) {
    const ev = batchEvents(batchId, from).find((e) => e.type === 'finished');
    if (ev) return ev as Extract<BatchEvent, { type: 'finished' }>;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('batch did not finish');
}

const flow = JSON.parse(readFileSync(new URL('../../fixtures/batch/detail-rows.flow.json', import.meta.url), 'utf8')) as {
  inputs?: { columns: string[]; id?: string; rows?: Array<Record<string, string>> };
  steps: Array<{ config: Record<string, unknown> }>;
};

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cw-batch-handlers-'));
  s = await createServices({ mode: 'web', dataDir: dir });
  s.bus.subscribe((name, payload) => events.push({ name, payload }));
  dispatch = createDispatcher(createHandlers(s), s, { checkResults: true });
});
afterAll(async () => {
  await s?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('batch handlers', () => {
  it('inputs.load checks a rows file by line and proposes columns for a flow without inputs', async () => {
    await writeFile(join(dir, 'bad.csv'), 'product,sku\n1,a\n{{secret:X}},b\n');
    const bad = await call('inputs.load', { path: join(dir, 'bad.csv'), flow });
    expect(bad).toMatchObject({ format: 'csv', columns: ['product', 'sku'], total: 2 });
    expect(bad.errors).toEqual(
      expect.arrayContaining([expect.stringMatching(/^line 2: column "sku" is not one of the flow's inputs.columns/), expect.stringMatching(/^line 3: "product" contains \{\{ \}\}/)]),
    );
    await writeFile(join(dir, 'rows.jsonl'), '{"product": 1, "sku": "a"}\n{"product": 2}\n');
    const fresh = await call('inputs.load', { path: join(dir, 'rows.jsonl'), flow: { ...flow, inputs: undefined } });
    expect(fresh).toMatchObject({ format: 'jsonl', columns: ['product', 'sku'], total: 2, errors: ['line 2: no value for column "sku"'] });
    await expect(call('inputs.load', { path: 'rows.csv', flow })).rejects.toMatchObject({ code: 'bad_args' });
  });

  it('batch.start runs every row of a file at the given concurrency; rows arrive as batch.event, their records with batch.row', async () => {
    await writeFile(join(dir, 'five.csv'), 'product\n1\n2\n3\n4\n5\n');
    const runEventsBefore = events.filter((e) => e.name === 'run.event').length;
    const { batchId, total } = (await call('batch.start', { flow, inputsPath: join(dir, 'five.csv'), concurrency: 2, retries: 0 })) as { batchId: string; total: number };
    expect(total).toBe(5);
    const end = await finished(batchId);
    expect(end).toMatchObject({ status: 'ok', progress: { total: 5, done: 5, failed: 0 } });
    const evs = batchEvents(batchId);
    expect(evs[0]).toMatchObject({ type: 'started', rows: ['1', '2', '3', '4', '5'], concurrency: 2 });
    const rows = evs.filter((e): e is Extract<BatchEvent, { type: 'row' }> => e.type === 'row');
    expect(rows.filter((e) => e.row.status === 'running').map((e) => e.row.row).sort()).toEqual(['1', '2', '3', '4', '5']);
    expect(rows.filter((e) => e.row.status === 'ok').map((e) => [e.row.row, e.row.items])).toHaveLength(5);
    expect(Math.max(...rows.map((e) => e.progress.running))).toBeLessThanOrEqual(2);
    // The rows' own runs are not the app's run: no run.event for them.
    expect(events.filter((e) => e.name === 'run.event').length).toBe(runEventsBefore);
    const record = await call('batch.row', { batchId, row: '3' });
    expect(record).toMatchObject({ row: '3', status: 'ok', values: { product: '3' }, items: [{ step: 'detail', stepName: 'Product page', iteration: 0, item: { id: '3' } }] });
    await expect(call('batch.row', { batchId, row: '9' })).rejects.toMatchObject({ code: 'not_found' });
  });

  it('refuses like run.start: needs_grant for a secret, clear errors for no inputs or bad rows; stop ends a batch', async () => {
    const secret = { ...flow, inputs: { ...flow.inputs, rows: [{ product: '1' }] }, steps: [{ ...flow.steps[0], config: { ...flow.steps[0].config, js_code: "window.k = '{{secret:BATCH_TOKEN}}';" } }] };
    await expect(call('batch.start', { flow: secret, concurrency: 1, retries: 0 })).rejects.toMatchObject({ code: 'needs_grant', details: { missing: { secrets: ['BATCH_TOKEN'] } } });
    await expect(call('batch.start', { flow: { ...flow, inputs: undefined }, concurrency: 1, retries: 0 })).rejects.toMatchObject({ code: 'bad_args', message: expect.stringMatching(/declares no inputs/) });
    await expect(call('batch.start', { flow, concurrency: 1, retries: 0 })).rejects.toMatchObject({ code: 'bad_args', message: expect.stringMatching(/keeps no rows/) });
    await expect(call('batch.start', { flow, concurrency: 99, retries: 0 })).rejects.toMatchObject({ code: 'bad_args' });

    const many = { ...flow, inputs: { ...flow.inputs, rows: Array.from({ length: 40 }, (_, i) => ({ product: String(i + 1) })) } };
    const { batchId } = (await call('batch.start', { flow: many, concurrency: 1, retries: 0 })) as { batchId: string };
    for (let i = 0; i < 400 && !batchEvents(batchId).some((e) => e.type === 'row' && e.row.status === 'ok'); i++) await new Promise((r) => setTimeout(r, 50));
    await call('batch.stop', { batchId });
    const end = await finished(batchId);
    expect(end.status).toBe('stopped');
    expect(end.progress.done).toBeLessThan(40);
    await expect(call('batch.stop', { batchId })).rejects.toMatchObject({ code: 'not_found' });
  });

  it('a cancelled batch is listed and resumed in its folder: finished rows are not run again; a changed flow or rows is refused', async () => {
    const flowPath = join(dir, 'details.flow.json');
    await writeFile(join(dir, 'six.csv'), 'product\n1\n2\n3\n4\n5\n6\n');
    const start = { flow, inputsPath: join(dir, 'six.csv'), concurrency: 1, retries: 0, flowPath };
    const { batchId, outDir } = (await call('batch.start', start)) as { batchId: string; outDir: string };
    const okRows = () => batchEvents(batchId).filter((e) => e.type === 'row' && e.row.status === 'ok').length;
    for (let i = 0; i < 600 && okRows() < 2; i++) await new Promise((r) => setTimeout(r, 50));
    // Running batches are not offered for resume.
    expect(((await call('batch.list', { flowPath })).batches as unknown[]).length).toBe(0);
    await call('batch.stop', { batchId });
    const stopped = await finished(batchId);
    expect(stopped.status).toBe('stopped');
    const doneBefore = stopped.progress.done;
    expect(doneBefore).toBeGreaterThanOrEqual(2);
    expect(doneBefore).toBeLessThan(6);

    // Listed for its flow path only; a folder with a run-state.json that is not one is skipped.
    await mkdir(join(dir, 'batches', 'junk'), { recursive: true });
    await writeFile(join(dir, 'batches', 'junk', 'run-state.json'), JSON.stringify({ flow: '../../x', inputs: 1, rows: 6, flowPath }));
    const listed = (await call('batch.list', { flowPath })).batches;
    expect(listed).toEqual([expect.objectContaining({ batchId, outDir, total: 6, finished: doneBefore, inputsPath: join(dir, 'six.csv') })]);
    expect((await call('batch.list', { flowPath: join(dir, 'other.flow.json') })).batches).toEqual([]);

    // Refused when the flow or the rows changed, saying what changed; an unsafe id never reaches the disk.
    const edited = { ...flow, name: 'Edited' };
    await expect(call('batch.start', { ...start, flow: edited, resume: batchId })).rejects.toMatchObject({ code: 'failed', message: `Batch ${batchId} cannot be resumed: since it was started, the flow was edited. Start it fresh to run every row again.`, details: { batchId, changed: ['flow'] } });
    await writeFile(join(dir, 'six-b.csv'), 'product\n1\n2\n3\n4\n5\n7\n');
    await expect(call('batch.start', { ...start, inputsPath: join(dir, 'six-b.csv'), resume: batchId })).rejects.toMatchObject({ code: 'failed', message: expect.stringContaining('since it was started, the rows changed.'), details: { changed: ['rows'] } });
    await expect(call('batch.start', { ...start, resume: '../batches' })).rejects.toMatchObject({ code: 'bad_args' });
    await expect(call('batch.start', { ...start, resume: 'nope' })).rejects.toMatchObject({ code: 'not_found' });

    // Resumed: the finished rows come back as they were, only the others run.
    const resumedFrom = events.length;
    const again = (await call('batch.start', { ...start, resume: batchId })) as { batchId: string; outDir: string; resumed: number };
    expect(again).toMatchObject({ batchId, outDir, resumed: doneBefore });
    const end = await finished(batchId, resumedFrom);
    const failedRows = batchEvents(batchId, resumedFrom).filter((e) => e.type === 'row' && e.row.status === 'failed');
    expect(end, JSON.stringify(failedRows)).toMatchObject({ status: 'ok', progress: { total: 6, done: 6 - doneBefore, resumed: doneBefore, failed: 0 } });
    const after = batchEvents(batchId, resumedFrom);
    const ran = after.filter((e): e is Extract<BatchEvent, { type: 'row' }> => e.type === 'row' && e.row.status === 'running').map((e) => e.row.row);
    expect(ran).toHaveLength(6 - doneBefore);
    const lines = (await readFile(join(outDir, 'results.jsonl'), 'utf8')).trim().split('\n').map((l) => JSON.parse(l) as { row: string; items: Array<{ item: { id: string } }> });
    expect(lines.map((l) => l.row).sort()).toEqual(['1', '2', '3', '4', '5', '6']);
    for (const l of lines) expect(l.items.map((i) => i.item.id)).toEqual([l.row]);
    expect(lines.filter((l) => ran.includes(l.row))).toHaveLength(6 - doneBefore);
    // Every row's record opens, the earlier ones too; a finished batch is no longer listed.
    expect(await call('batch.row', { batchId, row: '1' })).toMatchObject({ row: '1', status: 'ok' });
    expect((await call('batch.list', { flowPath })).batches).toEqual([]);
  });

  it('an app closed mid-batch: the next app on the same data dir lists the batch and resumes it', async () => {
    const appDir = await mkdtemp(join(tmpdir(), 'cw-batch-reopen-'));
    const flowPath = join(appDir, 'details.flow.json');
    await writeFile(join(appDir, 'four.csv'), 'product\n1\n2\n3\n4\n');
    const start = { flow, inputsPath: join(appDir, 'four.csv'), concurrency: 1, retries: 0, flowPath };
    const open = async () => {
      const app = await createServices({ mode: 'web', dataDir: appDir });
      const seen: BatchEvent[] = [];
      app.bus.subscribe((name, payload) => name === 'batch.event' && seen.push(payload as BatchEvent));
      const d = createDispatcher(createHandlers(app), app, { checkResults: true });
      const c = async (name: string, args: unknown) => {
        const r = await d(name, args, { transport: 'web' });
        if (!r.ok) throw Object.assign(new Error(r.error.message), { code: r.error.code });
        return r.result as Record<string, unknown>;
      };
      return { app, seen, c };
    };
    try {
      const first = await open();
      const { batchId } = (await first.c('batch.start', start)) as { batchId: string };
      for (let i = 0; i < 600 && !first.seen.some((e) => e.type === 'row' && e.row.status === 'ok'); i++) await new Promise((r) => setTimeout(r, 50));
      await first.app.close(); // the app goes away with the batch running
      const second = await open();
      try {
        const [listed] = (await second.c('batch.list', { flowPath })).batches as Array<{ batchId: string; finished: number; total: number }>;
        expect(listed).toMatchObject({ batchId, total: 4 });
        expect(listed.finished).toBeGreaterThanOrEqual(1);
        expect(listed.finished).toBeLessThan(4);
        expect(await second.c('batch.start', { ...start, resume: batchId })).toMatchObject({ batchId, resumed: listed.finished });
        for (let i = 0; i < 1200 && !second.seen.some((e) => e.type === 'finished'); i++) await new Promise((r) => setTimeout(r, 50));
        expect(second.seen.find((e) => e.type === 'finished')).toMatchObject({ status: 'ok', progress: { done: 4 - listed.finished, resumed: listed.finished } });
        const rows = (await readFile(join(appDir, 'batches', batchId, 'results.jsonl'), 'utf8')).trim().split('\n').map((l) => (JSON.parse(l) as { row: string }).row);
        expect(rows.sort()).toEqual(['1', '2', '3', '4']);
      } finally {
        await second.app.close();
      }
    } finally {
      await rm(appDir, { recursive: true, force: true });
    }
  });
});
