// Inputs and batch runs from the app: read a CSV/JSONL rows file (checked like
// `crawlwright run --inputs`), run the flow once per row on the one batch runner
// (electron/engine/batch.ts), follow the rows, stop, open a finished row's results.
import { z } from 'zod';
import { call, ok } from '../define.js';
import { RunGrantSchema } from './run.js';

/** Rows shown in the app at most (the batch itself runs every row of the file). */
export const INPUT_PREVIEW_ROWS = 500;

/** A batch's id, also its folder's name under the data dir's batches/: a safe file name. */
export const BATCH_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,99}$/;
export const BatchIdSchema = z.string().regex(BATCH_ID, 'a batch id is letters, digits, _ and - (a folder name under batches/)');

/** A batch of this flow that stopped before every row finished (cancelled, or the app closed). */
export const ResumableBatchSchema = z.object({
  batchId: BatchIdSchema,
  outDir: z.string(),
  /** The rows file it ran; absent: the rows kept in the flow. */
  inputsPath: z.string().optional(),
  total: z.number().int(),
  /** Rows with a line in results.jsonl (ok or failed): they are not run again. */
  finished: z.number().int(),
  startedAt: z.string().optional(),
});
export type ResumableBatch = z.infer<typeof ResumableBatchSchema>;

/** details of batch.start's refusal to resume: what changed since the batch was started. */
export const ResumeRefusedSchema = z.object({ batchId: BatchIdSchema, changed: z.array(z.enum(['flow', 'rows'])) });
export type ResumeRefused = z.infer<typeof ResumeRefusedSchema>;

export const InputRowSchema = z.object({ id: z.string(), values: z.record(z.string(), z.string()) });

export const BatchProgressSchema = z.object({
  total: z.number().int(),
  done: z.number().int(),
  failed: z.number().int(),
  resumed: z.number().int(),
  running: z.number().int(),
  /** Rows finished per second since the batch started. */
  rate: z.number(),
  /** Seconds left at that rate; null before the first row ends. */
  etaSeconds: z.number().nullable(),
});
export type BatchProgress = z.infer<typeof BatchProgressSchema>;

/** One line of progress, as crawlwright run --inputs prints it and the Batch tab shows it. */
export function batchProgressText(p: BatchProgress): string {
  const eta = p.etaSeconds === null ? '' : ` · ETA ${p.etaSeconds < 90 ? `${Math.ceil(p.etaSeconds)} s` : `${Math.ceil(p.etaSeconds / 60)} min`}`;
  const resumed = p.resumed ? ` (+${p.resumed} from before)` : '';
  return `${p.done + p.failed + p.resumed}/${p.total} rows${resumed} · ${p.done} done · ${p.failed} failed · ${p.rate.toFixed(2)} rows/s${eta}`;
}

/** One row as the batch view lists it (its items are fetched with batch.row). */
export const BatchRowSchema = z.object({
  row: z.string(),
  status: z.enum(['queued', 'running', 'ok', 'failed']),
  attempts: z.number().int().optional(),
  items: z.number().int().optional(),
  error: z.string().optional(),
  durationMs: z.number().optional(),
});
export type BatchRow = z.infer<typeof BatchRowSchema>;

/** A finished row as results.jsonl holds it. */
export const RowRecordSchema = z.object({
  row: z.string(),
  status: z.enum(['ok', 'failed']),
  attempts: z.number().int(),
  values: z.record(z.string(), z.string()),
  error: z.string().optional(),
  durationMs: z.number(),
  items: z.array(z.object({ step: z.string(), stepName: z.string(), iteration: z.number().int(), url: z.string().nullable(), item: z.unknown() })),
});
export type RowRecordShape = z.infer<typeof RowRecordSchema>;

export const BatchEventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('started'), batchId: z.string(), rows: z.array(z.string()), concurrency: z.number().int(), outDir: z.string() }),
  z.object({ type: z.literal('row'), batchId: z.string(), row: BatchRowSchema, progress: BatchProgressSchema }),
  z.object({
    type: z.literal('finished'),
    batchId: z.string(),
    status: z.enum(['ok', 'failed', 'stopped']),
    progress: BatchProgressSchema,
    resultsFile: z.string(),
    error: z.string().optional(),
  }),
]);
export type BatchEvent = z.infer<typeof BatchEventSchema>;

export const batchCalls = {
  /**
   * Read a rows file (CSV with a header row, or JSONL) against the flow's inputs declaration. A
   * flow without one gets the file's columns proposed (`columns`). Never throws for a bad file:
   * the problems come back by line.
   */
  'inputs.load': call(
    z.object({ path: z.string().min(1), flow: z.unknown() }).strict(),
    z.object({
      path: z.string(),
      format: z.enum(['csv', 'jsonl']),
      /** The columns the file has (CSV header, JSONL keys in order of appearance). */
      columns: z.array(z.string()),
      total: z.number().int(),
      /** The first INPUT_PREVIEW_ROWS rows. */
      rows: z.array(InputRowSchema),
      errors: z.array(z.string()),
    }),
  ),
  /**
   * Run the flow once per row: the rows of `inputsPath` (checked as inputs.load does) or, without
   * it, the rows kept in the flow. Refused with needs_grant like run.start. `resume`: continue that
   * batch in its folder exactly as `crawlwright run --inputs` resumes (rows finished in
   * results.jsonl are not run again); refused (code failed, details ResumeRefused) when the flow or
   * the rows are not the ones it was started with.
   */
  'batch.start': call(
    z
      .object({
        flow: z.unknown(),
        inputsPath: z.string().min(1).optional(),
        concurrency: z.number().int().min(1).max(32),
        retries: z.number().int().min(0).max(10),
        grant: RunGrantSchema.optional(),
        /** The open flow's file: kept with the batch so batch.list finds it again. */
        flowPath: z.string().min(1).max(4096).optional(),
        resume: BatchIdSchema.optional(),
      })
      .strict(),
    z.object({ batchId: z.string(), total: z.number().int(), outDir: z.string(), resumed: z.number().int() }),
  ),
  /** The unfinished batches started from this flow file (newest first); running ones are not listed. */
  'batch.list': call(z.object({ flowPath: z.string().min(1).max(4096) }).strict(), z.object({ batches: z.array(ResumableBatchSchema) })),
  'batch.stop': call(z.object({ batchId: z.string() }).strict(), ok),
  /** A finished row's record: its values, items per step and iteration, error. */
  'batch.row': call(z.object({ batchId: z.string(), row: z.string() }).strict(), RowRecordSchema),
};

export const batchEvents = {
  'batch.event': BatchEventSchema,
};
