// inputs.load / batch.*: the app's side of batch runs. The rows are read and checked by the same
// code as `crawlwright run --inputs` (shared/flow/inputs.ts) and run by the same batch runner
// (electron/engine/batch.ts) on the app's Engine; progress goes out as batch.event. A batch's
// results.jsonl lives in the data directory (batches/<id>/), its records also in memory so a
// finished row opens at once.
import { isAbsolute, join } from 'node:path';
import { ApiError, OK } from '../../../shared/api/define.js';
import { INPUT_PREVIEW_ROWS, batchCalls, type BatchProgress, type BatchRow } from '../../../shared/api/domains/batch.js';
import { flowRows, guessFormat, inputColumns, parseInputRows, type InputRow } from '../../../shared/flow/inputs.js';
import { VARIABLE_NAME, type Flow, type Inputs } from '../../../shared/flow/schema.js';
import { NO_GRANT } from '../../../shared/flow/capabilities.js';
import { GrantRequiredError } from '../../engine/engine.js';
import { runBatch, type RowRecord } from '../../engine/batch.js';
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

export function createBatchHandlers(s: Services): DomainHandlers<typeof batchCalls> {
  const batches = new Map<string, Batch>();

  return {
    'inputs.load': async ({ path, flow }) => {
      const r = await readRows(path, (flow as Flow | undefined)?.inputs);
      return { path, format: r.format, columns: r.columns, total: r.rows.length, rows: r.rows.slice(0, INPUT_PREVIEW_ROWS), errors: r.errors };
    },

    'batch.start': async ({ flow, inputsPath, concurrency, retries, grant }) => {
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

      const batchId = newBatchId();
      const outDir = join(s.dataDir, 'batches', batchId);
      const batch: Batch = { abort: new AbortController(), records: new Map(), done: false };
      batches.set(batchId, batch);
      const emitRow = (row: BatchRow, progress: BatchProgress) => s.emit('batch.event', { type: 'row', batchId, row, progress: { ...progress } });
      s.emit('batch.event', { type: 'started', batchId, rows: read.rows.map((r) => r.id), concurrency, outDir });
      void runBatch(s.engine, checked, {
        rows: read.rows,
        outDir,
        concurrency,
        retries,
        grant: grant ?? NO_GRANT,
        restart: true,
        signal: batch.abort.signal,
        onRowStart: (row, progress) => emitRow({ row: row.id, status: 'running' }, progress),
        onRow: (record, progress) => {
          batch.records.set(record.row, record);
          emitRow({ row: record.row, status: record.status, attempts: record.attempts, items: record.items.length, durationMs: record.durationMs, ...(record.error ? { error: record.error } : {}) }, progress);
        },
      }).then(
        (summary) => s.emit('batch.event', { type: 'finished', batchId, status: summary.status, progress: { ...summary.progress }, resultsFile: summary.resultsFile }),
        (e) => s.emit('batch.event', { type: 'finished', batchId, status: 'failed', progress: { total: read.rows.length, done: 0, failed: 0, resumed: 0, running: 0, rate: 0, etaSeconds: null }, resultsFile: join(outDir, 'results.jsonl'), error: message(e) }),
      ).finally(() => (batch.done = true));
      return { batchId, total: read.rows.length, outDir };
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
