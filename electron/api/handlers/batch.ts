// inputs.load / batch.*: the app's side of batch runs. The rows are read and checked by the same
// code as `crawlwright run --inputs` (shared/flow/inputs.ts) and run by the same batch runner
// (electron/engine/batch.ts) on the app's Engine; progress goes out as batch.event. A batch's
// results.jsonl lives in the data directory (batches/<id>/), its records also in memory so a
// finished row opens at once. A batch that stopped early (Cancel, the app closed or crashed) is
// listed by batch.list from its run-state.json and resumed by batch.start({resume}) in its own
// folder with the runner's resume (the CLI's: results.jsonl is the state).
import { readdir } from 'node:fs/promises';
import { isAbsolute, join } from 'node:path';
import { ApiError, OK } from '../../../shared/api/define.js';
import {
  BATCH_ID,
  INPUT_PREVIEW_ROWS,
  RowRecordSchema,
  batchCalls,
  type BatchProgress,
  type BatchRow,
  type ResumableBatch,
  type ResumeRefused,
} from '../../../shared/api/domains/batch.js';
import { flowRows, guessFormat, inputColumns, parseInputRows, type InputRow } from '../../../shared/flow/inputs.js';
import { VARIABLE_NAME, type Flow, type Inputs } from '../../../shared/flow/schema.js';
import { NO_GRANT } from '../../../shared/flow/capabilities.js';
import { GrantRequiredError } from '../../engine/engine.js';
import { readBatchState, readResultLines, runBatch, stateChanges, type RowRecord } from '../../engine/batch.js';
import { readTextFileStrict } from '../../files.js';
import type { Services } from '../services.js';
import type { DomainHandlers } from './types.js';
import { needsGrant } from './run.js';

/** A rows file is read whole, like a flow file; bigger ones are for `crawlwright run --inputs`. */
const MAX_INPUTS_BYTES = 50 * 1024 * 1024;

interface Batch {
  abort: AbortController;
  records: Map<string, RowRecord>;
  done: boolean;
}

const rowOf = (record: RowRecord): BatchRow => ({
  row: record.row,
  status: record.status,
  attempts: record.attempts,
  items: record.items.length,
  durationMs: record.durationMs,
  ...(record.error ? { error: record.error } : {}),
});
const message = (e: unknown) => (e instanceof Error ? e.message : String(e));
const newBatchId = () => `batch-${new Date().toISOString().replace(/[-:]/g, '').replace(/\..*/, '')}-${Math.random().toString(36).slice(2, 6)}`;

async function readRows(path: string, inputs: Inputs | undefined): Promise<{ format: 'csv' | 'jsonl'; columns: string[]; rows: InputRow[]; errors: string[] }> {
  if (!isAbsolute(path)) throw new ApiError('bad_args', `the rows file must be an absolute path, got ${JSON.stringify(path)}`);
  let text: string;
  try {
    ({ text } = await readTextFileStrict(path, MAX_INPUTS_BYTES));
  } catch (e) {
    throw new ApiError('failed', message(e).replace('for a flow file', 'for a rows file in the app (crawlwright run --inputs reads any size)'));
  }
  const format = guessFormat(path, text);
  const columns = inputColumns(text, format);
  // A flow without inputs is checked against the file's own (valid) columns: what it would declare.
  const declared = inputs ?? { columns: columns.filter((c) => VARIABLE_NAME.test(c)) };
  const bad = inputs ? [] : columns.filter((c) => !VARIABLE_NAME.test(c)).map((c) => `column "${c}" cannot be a {{variable}} name (letters, digits and _ only)`);
  if (!declared.columns.length) return { format, columns, rows: [], errors: [...bad, 'the file has no columns'] };
  const r = parseInputRows(text, format, declared);
  return { format, columns, rows: r.rows, errors: [...bad, ...r.errors] };
}

/** The finished rows' records in a batch folder's results.jsonl (lines that are not one are skipped). */
async function readRecords(outDir: string): Promise<Map<string, RowRecord>> {
  const records = new Map<string, RowRecord>();
  for (const line of (await readResultLines(join(outDir, 'results.jsonl'))).lines) {
    const r = RowRecordSchema.safeParse(line);
    if (r.success) records.set(r.data.row, r.data as RowRecord);
  }
  return records;
}

const changedText = (changed: Array<'flow' | 'rows'>) =>
  changed.map((c) => (c === 'flow' ? 'the flow was edited' : 'the rows changed')).join(' and ');

export function createBatchHandlers(s: Services): DomainHandlers<typeof batchCalls> {
  const batches = new Map<string, Batch>();
  const batchesDir = join(s.dataDir, 'batches');
  const isRunning = (id: string) => {
    const b = batches.get(id);
    return !!b && !b.done;
  };

  return {
    'inputs.load': async ({ path, flow }) => {
      const r = await readRows(path, (flow as Flow | undefined)?.inputs);
      return { path, format: r.format, columns: r.columns, total: r.rows.length, rows: r.rows.slice(0, INPUT_PREVIEW_ROWS), errors: r.errors };
    },

    'batch.start': async ({ flow, inputsPath, concurrency, retries, grant, flowPath, resume }) => {
      let checked: Flow;
      try {
        ({ flow: checked } = s.engine.checkRun(flow, { grant: grant ?? NO_GRANT }));
      } catch (e) {
        throw e instanceof GrantRequiredError ? await needsGrant(e) : new ApiError('bad_args', message(e));
      }
      if (!checked.inputs) throw new ApiError('bad_args', 'the flow declares no inputs: declare its columns (Inputs tab) first');
      const read = inputsPath ? await readRows(inputsPath, checked.inputs) : flowRows(checked);
      if (read.errors.length) throw new ApiError('bad_args', `${inputsPath ?? "the flow's rows"}:\n  ${read.errors.slice(0, 20).join('\n  ')}${read.errors.length > 20 ? `\n  … and ${read.errors.length - 20} more` : ''}`);
      if (!read.rows.length) throw new ApiError('bad_args', inputsPath ? `${inputsPath} has no rows` : 'the flow keeps no rows: paste rows or load a file');

      const batchId = resume ?? newBatchId();
      const outDir = join(batchesDir, batchId);
      let before = new Map<string, RowRecord>();
      if (resume) {
        if (isRunning(resume)) throw new ApiError('failed', `batch ${resume} is running already`);
        const state = await readBatchState(outDir);
        if (!state) throw new ApiError('not_found', `no batch ${resume} to resume (${join(outDir, 'run-state.json')} is missing or not a batch state)`);
        // The runner refuses this too (one check, stateChanges); asked here to answer before starting.
        const changed = stateChanges(state, checked, read.rows);
        if (changed.length) {
          const details: ResumeRefused = { batchId: resume, changed };
          throw new ApiError('failed', `Batch ${resume} cannot be resumed: since it was started, ${changedText(changed)}. Start it fresh to run every row again.`, details);
        }
        before = await readRecords(outDir);
      }
      const batch: Batch = { abort: new AbortController(), records: before, done: false };
      batches.set(batchId, batch);
      const emitRow = (row: BatchRow, progress: BatchProgress) => s.emit('batch.event', { type: 'row', batchId, row, progress: { ...progress } });
      s.emit('batch.event', { type: 'started', batchId, rows: read.rows.map((r) => r.id), concurrency, outDir });
      const ids = new Set(read.rows.map((r) => r.id));
      const resumed = [...before.values()].filter((r) => ids.has(r.row));
      const resumedProgress: BatchProgress = { total: read.rows.length, done: 0, failed: 0, resumed: resumed.length, running: 0, rate: 0, etaSeconds: null };
      for (const record of resumed) emitRow(rowOf(record), resumedProgress);
      void runBatch(s.engine, checked, {
        rows: read.rows,
        outDir,
        concurrency,
        retries,
        grant: grant ?? NO_GRANT,
        restart: !resume,
        meta: { ...(flowPath ? { flowPath } : {}), ...(inputsPath ? { inputsPath } : {}) },
        signal: batch.abort.signal,
        onRowStart: (row, progress) => emitRow({ row: row.id, status: 'running' }, progress),
        onRow: (record, progress) => {
          batch.records.set(record.row, record);
          emitRow(rowOf(record), progress);
        },
      }).then(
        (summary) => s.emit('batch.event', { type: 'finished', batchId, status: summary.status, progress: { ...summary.progress }, resultsFile: summary.resultsFile }),
        (e) => s.emit('batch.event', { type: 'finished', batchId, status: 'failed', progress: { total: read.rows.length, done: 0, failed: 0, resumed: 0, running: 0, rate: 0, etaSeconds: null }, resultsFile: join(outDir, 'results.jsonl'), error: message(e) }),
      ).finally(() => (batch.done = true));
      return { batchId, total: read.rows.length, outDir, resumed: resumed.length };
    },

    'batch.list': async ({ flowPath }) => {
      let names: string[];
      try {
        names = (await readdir(batchesDir, { withFileTypes: true })).filter((d) => d.isDirectory() && BATCH_ID.test(d.name)).map((d) => d.name);
      } catch {
        return { batches: [] };
      }
      const found: ResumableBatch[] = [];
      for (const batchId of names) {
        if (isRunning(batchId)) continue;
        const outDir = join(batchesDir, batchId);
        const state = await readBatchState(outDir);
        if (!state || state.flowPath !== flowPath) continue;
        const finished = (await readRecords(outDir)).size;
        if (finished >= state.rows) continue;
        found.push({ batchId, outDir, total: state.rows, finished, ...(state.inputsPath ? { inputsPath: state.inputsPath } : {}), ...(state.startedAt ? { startedAt: state.startedAt } : {}) });
      }
      found.sort((a, b) => (b.startedAt ?? '').localeCompare(a.startedAt ?? ''));
      return { batches: found };
    },

    'batch.stop': ({ batchId }) => {
      const b = batches.get(batchId);
      if (!b || b.done) throw new ApiError('not_found', `no running batch ${batchId}`);
      b.abort.abort();
      return OK;
    },

    'batch.row': ({ batchId, row }) => {
      const record = batches.get(batchId)?.records.get(row);
      if (!record) throw new ApiError('not_found', `row ${row} of ${batchId} has not finished (or the batch is unknown)`);
      return record;
    },
  };
}
