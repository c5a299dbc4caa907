// Batch runs: one flow over many input rows, each row a full run of the one Engine/runner in
// sessions of its own (session ids suffixed with the row, browser contexts partitioned by row, so
// rows share no cookies or page state), at most `concurrency` rows at once.
//
// Pool: p-queue (sindresorhus; bounded concurrency, pause/clear/onIdle, no dependencies beyond
// eventemitter3). Crawlee's AutoscaledPool was the alternative: it scales concurrency from CPU/
// memory snapshots and brings @crawlee/core's storage, configuration and event system with it,
// none of which a fixed user-chosen --concurrency over our own Engine needs.
//
// Resume: results.jsonl is the state. Exactly one line per finished row (ok or failed after its
// retries), appended with a single write once the row is over, so after a kill -9 a re-run skips
// every row that has a line and runs again only the rows that were in flight (at-least-once for
// those: their page side effects may repeat). A torn last line is cut off. run-state.json pins
// the flow and the inputs: resuming with a different flow or different rows is refused.
import { createHash } from 'node:crypto';
import { appendFile, mkdir, readFile, truncate, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import PQueue from 'p-queue';
import { z } from 'zod';
import type { Flow } from '../../shared/flow/schema.js';
import { checkRowUrls, type InputRow } from '../../shared/flow/inputs.js';
import { serializeFlow } from '../../shared/flow/serialize.js';
import type { StepResult } from '../../shared/api/domains/run.js';
import type { Engine } from './engine.js';
import type { RunGrant } from '../../shared/flow/capabilities.js';
import { firstLine } from './timeouts.js';

export interface BatchProgress {
  total: number;
  done: number;
  failed: number;
  /** Rows skipped because results.jsonl already has them (a resumed run). */
  resumed: number;
  running: number;
  /** Rows finished per second in this process (done + failed since start). */
  rate: number;
  /** Seconds until the remaining rows are done at that rate; null before the first row ends. */
  etaSeconds: number | null;
}

export interface RowRecord {
  row: string;
  status: 'ok' | 'failed';
  attempts: number;
  values: Record<string, string>;
  error?: string;
  durationMs: number;
  items: { step: string; stepName: string; iteration: number; url: string | null; item: unknown }[];
}

export interface BatchOptions {
  rows: InputRow[];
  outDir: string;
  concurrency: number;
  /** Extra attempts for a failed row (exponential backoff between attempts). */
  retries: number;
  /** First backoff in ms (doubled per attempt, ±25 % jitter); default 500. */
  backoffMs?: number;
  /** --var values (rows override them for their columns). */
  vars?: Record<string, string>;
  /** What the user allowed the flow (every row's run gets the same grant). */
  grant?: RunGrant;
  /** Ignore (overwrite) an earlier state in outDir instead of resuming it. */
  restart?: boolean;
  /** Where the flow and rows came from, kept in run-state.json (the app lists resumable batches by it). */
  meta?: BatchStateMeta;
  /** A row starts (its first attempt). */
  onRowStart?: (row: InputRow, progress: BatchProgress) => void;
  onRow?: (record: RowRecord, progress: BatchProgress) => void;
  onProgress?: (progress: BatchProgress) => void;
  signal?: AbortSignal;
}

export interface BatchSummary {
  status: 'ok' | 'failed' | 'stopped';
  progress: BatchProgress;
  resultsFile: string;
}

export class BatchStateError extends Error {}

const hash = (s: string) => createHash('sha256').update(s).digest('hex').slice(0, 16);

/** The row's copy of the flow: every session id gets the row suffix (its own live pages). */
export function rowFlow(flow: Flow, row: InputRow): Flow {
  const suffix = `~row-${row.id}`;
  return {
    ...flow,
    steps: flow.steps.map((s) => (s.config.session_id ? { ...s, config: { ...s.config, session_id: s.config.session_id + suffix } } : s)),
  };
}

/** The lines of results.jsonl up to the first torn one, and how many bytes they take. */
export async function readResultLines(file: string): Promise<{ lines: unknown[]; goodBytes: number; totalBytes: number }> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    return { lines: [], goodBytes: 0, totalBytes: 0 };
  }
  const lines: unknown[] = [];
  let good = 0;
  for (const line of text.split('\n')) {
    if (!line) break;
    try {
      lines.push(JSON.parse(line));
      good += Buffer.byteLength(line) + 1;
    } catch {
      break; // a line cut by a kill: this row runs again
    }
  }
  return { lines, goodBytes: good, totalBytes: Buffer.byteLength(text) };
}

const lineRow = (line: unknown): string | null => (line && typeof line === 'object' && typeof (line as RowRecord).row === 'string' ? (line as RowRecord).row : null);

/** Rows already finished according to results.jsonl (a torn last line is removed). */
async function finishedRows(file: string): Promise<Set<string>> {
  const { lines, goodBytes, totalBytes } = await readResultLines(file);
  if (goodBytes < totalBytes) await truncate(file, goodBytes);
  return new Set(lines.map(lineRow).filter((id): id is string => id !== null));
}

/**
 * run-state.json: what a batch run pins (hashes of the flow and of the rows) and, from the app,
 * where they came from. Checked strictly when read: it is local, but any file could be there.
 */
export const BatchStateSchema = z
  .object({
    flow: z.string().regex(/^[0-9a-f]{16}$/),
    inputs: z.string().regex(/^[0-9a-f]{16}$/),
    rows: z.number().int().min(0),
    /** The flow file the batch was started from (the app's open flow), if it had one. */
    flowPath: z.string().max(4096).optional(),
    /** The rows file, if the rows did not come from the flow. */
    inputsPath: z.string().max(4096).optional(),
    startedAt: z.string().max(64).optional(),
  })
  .strict();
export type BatchState = z.infer<typeof BatchStateSchema>;
export type BatchStateMeta = Pick<BatchState, 'flowPath' | 'inputsPath'>;

const MAX_STATE_BYTES = 64 * 1024;

/** The run-state.json of outDir; null when there is none, it cannot be read or it is not one. */
export async function readBatchState(outDir: string): Promise<BatchState | null> {
  try {
    const text = await readFile(join(outDir, 'run-state.json'), 'utf8');
    if (text.length > MAX_STATE_BYTES) return null;
    const r = BatchStateSchema.safeParse(JSON.parse(text));
    return r.success ? r.data : null;
  } catch {
    return null;
  }
}

/** What differs between a batch's pinned state and this flow and these rows (empty: it may resume). */
export function stateChanges(state: Pick<BatchState, 'flow' | 'inputs'>, flow: Flow, rows: InputRow[]): Array<'flow' | 'rows'> {
  const changed: Array<'flow' | 'rows'> = [];
  if (state.flow !== hash(serializeFlow(flow))) changed.push('flow');
  if (state.inputs !== hash(JSON.stringify(rows))) changed.push('rows');
  return changed;
}

async function checkState(outDir: string, flow: Flow, rows: InputRow[], restart: boolean, meta: BatchStateMeta): Promise<void> {
  const old = await readBatchState(outDir);
  if (!restart && old) {
    const changed = stateChanges(old, flow, rows);
    if (changed.length) {
      throw new BatchStateError(
        `${outDir} holds a batch run of a different ${changed[0] === 'flow' ? 'flow' : 'input file'}; pass --restart to start over there, or use another --out`,
      );
    }
  }
  const state: BatchState = {
    flow: hash(serializeFlow(flow)),
    inputs: hash(JSON.stringify(rows)),
    rows: rows.length,
    ...meta,
    startedAt: (!restart && old?.startedAt) || new Date().toISOString(),
  };
  await writeFile(join(outDir, 'run-state.json'), JSON.stringify(state, null, 2) + '\n');
}

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    const t = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => (clearTimeout(t), resolve()), { once: true });
  });

export async function runBatch(engine: Engine, flow: Flow, opts: BatchOptions): Promise<BatchSummary> {
  await mkdir(opts.outDir, { recursive: true });
  const resultsFile = join(opts.outDir, 'results.jsonl');
  await checkState(opts.outDir, flow, opts.rows, Boolean(opts.restart), opts.meta ?? {});
  if (opts.restart) await writeFile(resultsFile, '');
  const finished = await finishedRows(resultsFile);
  const todo = opts.rows.filter((r) => !finished.has(r.id));
  const progress: BatchProgress = { total: opts.rows.length, done: 0, failed: 0, resumed: opts.rows.length - todo.length, running: 0, rate: 0, etaSeconds: null };
  const t0 = Date.now();
  const update = () => {
    const ended = progress.done + progress.failed;
    const secs = (Date.now() - t0) / 1000;
    progress.rate = secs > 0 ? ended / secs : 0;
    const left = progress.total - progress.resumed - ended;
    progress.etaSeconds = progress.rate > 0 ? left / progress.rate : null;
  };
  // The engine closing (the app quits mid-batch) stops the batch like Cancel: rows in flight are
  // not recorded (as failed), so a resume runs them again.
  const signal = opts.signal ? AbortSignal.any([opts.signal, engine.closing]) : engine.closing;
  const running = new Set<string>();
  const queue = new PQueue({ concurrency: Math.max(1, opts.concurrency) });
  signal?.addEventListener('abort', () => {
    queue.clear();
    for (const runId of running) engine.stopRun(runId);
  });

  const attempt = async (row: InputRow): Promise<Omit<RowRecord, 'attempts' | 'durationMs'> & { retryable: boolean }> => {
    const refused = checkRowUrls(flow, row, { ...engine.options.builtinVars, ...(flow.variables ?? {}), ...opts.vars });
    if (refused) return { row: row.id, status: 'failed', values: row.values, error: refused, items: [], retryable: false };
    const partition = `row-${row.id}`;
    // What an earlier, stopped run of this row in this process left (a session its teardown
    // recreated after the partition closed) must not be reused: a resumed row starts clean.
    await engine.sessions.closePartition(partition);
    try {
      const started = engine.startRun(rowFlow(flow, row), {
        mode: 'all',
        vars: { ...opts.vars, ...row.values },
        breakpoints: false,
        outDir: join(opts.outDir, 'artifacts', `row-${row.id.replace(/[^\w.-]+/g, '_')}`),
        grant: opts.grant,
        partition,
        silent: true, // rows report through onRow, never as the app's run

      });
      running.add(started.runId);
      const summary = await started.done.finally(() => running.delete(started.runId));
      const items = summary.results.flatMap((r: StepResult) => (r.items ?? []).map((item) => ({ step: r.stepId, stepName: r.stepName, iteration: r.iteration, url: r.url, item })));
      if (summary.status === 'ok') return { row: row.id, status: 'ok', values: row.values, items, retryable: false };
      return { row: row.id, status: 'failed', values: row.values, error: summary.error ?? summary.status, items, retryable: summary.status === 'failed' };
    } catch (e) {
      return { row: row.id, status: 'failed', values: row.values, error: firstLine(e), items: [], retryable: false };
    } finally {
      await engine.sessions.closePartition(partition);
    }
  };

  for (const row of todo) {
    void queue.add(async () => {
      if (signal?.aborted) return;
      progress.running++;
      opts.onRowStart?.(row, progress);
      opts.onProgress?.(progress);
      const start = Date.now();
      let attempts = 0;
      let last: Awaited<ReturnType<typeof attempt>>;
      for (;;) {
        attempts++;
        last = await attempt(row);
        if (last.status === 'ok' || !last.retryable || attempts > opts.retries || signal?.aborted) break;
        const base = (opts.backoffMs ?? 500) * 2 ** (attempts - 1);
        await sleep(base * (0.75 + Math.random() * 0.5), signal);
        if (signal?.aborted) break;
      }
      progress.running--;
      if (signal?.aborted) return; // an interrupted row is not finished: it runs again on resume
      const { retryable: _r, ...rest } = last;
      const record: RowRecord = { ...rest, attempts, durationMs: Date.now() - start };
      // One write per row: the line is the row's commit (see the header).
      await appendFile(resultsFile, JSON.stringify(record) + '\n');
      if (record.status === 'ok') progress.done++;
      else progress.failed++;
      update();
      opts.onRow?.(record, progress);
      opts.onProgress?.(progress);
    });
  }
  await queue.onIdle();
  update();
  const status = signal?.aborted ? 'stopped' : progress.failed ? 'failed' : 'ok';
  return { status, progress, resultsFile };
}
