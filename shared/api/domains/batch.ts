// Inputs and batch runs from the app: read a CSV/JSONL rows file (checked like
// `crawlwright run --inputs`), run the flow once per row on the one batch runner
// (electron/engine/batch.ts), follow the rows, stop, open a finished row's results.
import { z } from 'zod';
import { call, ok } from '../define.js';
import { RunGrantSchema } from './run.js';

/** Rows shown in the app at most (the batch itself runs every row of the file). */
export const INPUT_PREVIEW_ROWS = 500;

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
   * it, the rows kept in the flow. Refused with needs_grant like run.start.
   */
  'batch.start': call(
    z
      .object({
        flow: z.unknown(),
        inputsPath: z.string().min(1).optional(),
        concurrency: z.number().int().min(1).max(32),
        retries: z.number().int().min(0).max(10),
        grant: RunGrantSchema.optional(),
      })
      .strict(),
    z.object({ batchId: z.string(), total: z.number().int(), outDir: z.string() }),
  ),
  'batch.stop': call(z.object({ batchId: z.string() }).strict(), ok),
  /** A finished row's record: its values, items per step and iteration, error. */
  'batch.row': call(z.object({ batchId: z.string(), row: z.string() }).strict(), RowRecordSchema),
};

export const batchEvents = {
  'batch.event': BatchEventSchema,
};
