// Every extraction runs here: the runner's (one job per step with an extraction_strategy) and the
// schema tester's. Jobs run in worker threads with a time limit; a job past its limit (a regex
// with catastrophic backtracking, a pathological page) gets its worker terminated and replaced,
// and fails with an error naming the field it was on: a short traced re-run locates it
// (extract-progress.ts). So one regex can no
// longer freeze the process: IPC, the preview, Stop and the demo site keep running.
//
// The tester's live re-runs use a "lane": a newer job of the same lane supersedes queued older
// ones, so a fast typist never builds up a backlog. When the compiled worker file is absent
// (running from .ts sources under vitest) jobs run in-process, without a time limit; the built app,
// the CLI and the security suite always use workers.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { JsonCssSchema } from '../../shared/extract/schema.js';
import { extractForRun, runExtractJob, type ExtractJob, type ExtractJobResult, type RunExtractResult } from './extract-core.js';
import { newProgress, timeoutMessage, describeProgress, type FieldRef } from './extract-progress.js';
import type { WorkerRequest } from './extract-worker.js';

export class SupersededError extends Error {
  constructor() {
    super('superseded by a newer run');
    this.name = 'SupersededError';
  }
}

/** The job ran past its time limit; its worker was terminated and will be replaced. */
export class ExtractTimeoutError extends Error {
  constructor(
    message: string,
    readonly ms: number,
    readonly field: FieldRef | null,
  ) {
    super(message);
    this.name = 'ExtractTimeoutError';
  }
}

/** The extractor refused the schema or page (Crawl4AI raises in the same place); `message` names the path. */
export class ExtractFailedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ExtractFailedError';
  }
}

export class ExtractAbortedError extends Error {
  constructor() {
    super('extraction stopped by the user');
    this.name = 'ExtractAbortedError';
  }
}

/** Default time limit of one extraction (CRAWLWRIGHT_EXTRACT_TIMEOUT_MS overrides it). */
export function defaultExtractTimeoutMs(env: NodeJS.ProcessEnv = process.env): number {
  const v = Number(env.CRAWLWRIGHT_EXTRACT_TIMEOUT_MS);
  return Number.isFinite(v) && v >= 100 ? v : 30_000;
}

/** How long a locating re-run may take after a timeout. */
const PROBE_MS = 3000;

export interface ExtractPoolOptions {
  /** Worker threads (default 2: a run and the tester never wait for each other). */
  size?: number;
  /** Time limit per job in ms (default defaultExtractTimeoutMs()). */
  timeoutMs?: number;
  /** The compiled worker; null = in-process (tests of the in-process path). */
  workerFile?: string | null;
  /** Heap limit of each worker (a page that explodes in memory kills the worker, not the app). */
  maxHeapMb?: number;
}

type Outcome = { result?: ExtractJobResult; run?: RunExtractResult; error?: string; errorName?: string };

interface Job {
  id: number;
  request: WorkerRequest;
  schema: JsonCssSchema;
  lane?: string;
  timeoutMs: number;
  progress?: Int32Array;
  /** The job reports every finished field (a locating re-run). */
  traced: boolean;
  probe: boolean;
  signal?: AbortSignal;
  onAbort?: () => void;
  resolve(o: Outcome): void;
  reject(e: Error): void;
}

interface Slot {
  worker: Worker | null;
  job: Job | null;
  timer?: ReturnType<typeof setTimeout>;
}

export class ExtractPool {
  private readonly slots: Slot[];
  private queue: Job[] = [];
  private seq = 0;
  private closed = false;
  readonly workerFile: string | null;
  readonly threaded: boolean;
  readonly timeoutMs: number;
  private readonly maxHeapMb: number;
  /** Counters for diagnostics and the fault suite. */
  readonly stats = { jobs: 0, timeouts: 0, probes: 0, replaced: 0, crashed: 0 };

  constructor(opts: ExtractPoolOptions = {}) {
    const file = opts.workerFile === undefined ? fileURLToPath(new URL('./extract-worker.js', import.meta.url)) : opts.workerFile;
    this.workerFile = file && existsSync(file) ? file : null;
    this.threaded = this.workerFile !== null;
    this.timeoutMs = opts.timeoutMs ?? defaultExtractTimeoutMs();
    this.maxHeapMb = opts.maxHeapMb ?? 2048;
    this.slots = Array.from({ length: Math.max(1, opts.size ?? 2) }, () => ({ worker: null, job: null }));
  }

  /** The schema tester's job (extraction + diagnostics + counts). */
  async run(job: ExtractJob, lane?: string, opts: { timeoutMs?: number; signal?: AbortSignal } = {}): Promise<ExtractJobResult> {
    let o: Outcome;
    try {
      o = await this.submit({ kind: 'test', job }, job.schema, { ...opts, lane });
    } catch (e) {
      if (!(e instanceof ExtractTimeoutError)) throw e;
      const located = await this.locate(job.html, job.schema, e, opts.signal);
      throw located instanceof ExtractTimeoutError ? located : e;
    }
    if (o.result) return o.result;
    throw new ExtractFailedError(o.error ?? 'extraction failed');
  }

  /** The runner's extraction of one step: Crawl4AI's extracted_content and the items. */
  async extract(html: string, schema: JsonCssSchema, opts: { timeoutMs?: number; signal?: AbortSignal } = {}): Promise<{ extracted_content: string; items: unknown[] }> {
    const progress = newProgress();
    let o: Outcome;
    try {
      o = await this.submit({ kind: 'run', html, schema, progress: progress.buffer }, schema, { ...opts, progress: progress.view });
    } catch (e) {
      if (!(e instanceof ExtractTimeoutError)) throw e;
      const located = await this.locate(html, schema, e, opts.signal);
      if (located instanceof ExtractTimeoutError) throw located;
      return located; // the re-run finished after all (the first attempt only waited for a core)
    }
    return ExtractPool.items(o);
  }

  private static items(o: Outcome): { extracted_content: string; items: unknown[] } {
    if (!o.run) throw new ExtractFailedError(o.error ?? 'extraction failed');
    return { extracted_content: o.run.extracted_content, items: o.run.items ?? (JSON.parse(o.run.extracted_content) as unknown[]) };
  }

  /**
   * After a timeout: re-run the job for a few seconds with every field traced to name the field it
   * gets stuck on. Returns the located timeout, or the result when the re-run finishes.
   */
  private async locate(html: string, schema: JsonCssSchema, first: ExtractTimeoutError, signal?: AbortSignal): Promise<ExtractTimeoutError | { extracted_content: string; items: unknown[] }> {
    if (!this.threaded || this.closed) return first;
    const progress = newProgress();
    try {
      const o = await this.submit({ kind: 'run', html, schema, progress: progress.buffer, trace: true }, schema, {
        timeoutMs: Math.min(PROBE_MS, first.ms),
        signal,
        progress: progress.view,
        probe: true,
      });
      return o.run ? ExtractPool.items(o) : first;
    } catch (e) {
      if (e instanceof ExtractAbortedError) throw e;
      if (!(e instanceof ExtractTimeoutError)) return first;
      return new ExtractTimeoutError(timeoutMessage(schema, progress.view, first.ms, true), first.ms, describeProgress(schema, progress.view).field);
    }
  }

  /** Start a worker ahead of the first job (a run with extraction steps calls this). */
  warm(): void {
    if (!this.threaded || this.closed) return;
    const slot = this.slots.find((s) => !s.job);
    if (slot && !slot.worker) slot.worker = this.spawn(slot);
  }

  private submit(
    req: Omit<Extract<WorkerRequest, { kind: 'test' }>, 'id'> | Omit<Extract<WorkerRequest, { kind: 'run' }>, 'id'>,
    schema: JsonCssSchema,
    opts: { timeoutMs?: number; signal?: AbortSignal; lane?: string; progress?: Int32Array; probe?: boolean },
  ): Promise<Outcome> {
    if (this.closed) return Promise.reject(new Error('the extraction pool is closed'));
    if (opts.signal?.aborted) return Promise.reject(new ExtractAbortedError());
    if (opts.lane) {
      for (const q of this.queue.filter((j) => j.lane === opts.lane)) this.settle(q, () => q.reject(new SupersededError()));
      this.queue = this.queue.filter((j) => j.lane !== opts.lane);
    }
    return new Promise<Outcome>((resolve, reject) => {
      const id = ++this.seq;
      const job: Job = {
        id,
        request: { ...req, id } as WorkerRequest,
        schema,
        lane: opts.lane,
        timeoutMs: opts.timeoutMs ?? this.timeoutMs,
        progress: opts.progress,
        traced: req.kind === 'run' && Boolean(req.trace),
        probe: Boolean(opts.probe),
        signal: opts.signal,
        resolve,
        reject,
      };
      if (opts.signal) {
        job.onAbort = () => this.abort(job);
        opts.signal.addEventListener('abort', job.onAbort, { once: true });
      }
      this.stats.jobs++;
      this.queue.push(job);
      this.pump();
    });
  }

  /** Resolve/reject a job exactly once and detach its abort listener. */
  private settle(job: Job, fn: () => void): void {
    if (job.onAbort) job.signal?.removeEventListener('abort', job.onAbort);
    job.onAbort = undefined;
    fn();
  }

  private pump(): void {
    while (this.queue.length) {
      // In-process: one job at a time, in the first slot.
      const slot = this.threaded ? (this.slots.find((s) => !s.job && s.worker) ?? this.slots.find((s) => !s.job)) : this.slots[0].job ? undefined : this.slots[0];
      if (!slot) return;
      const job = this.queue.shift()!;
      slot.job = job;
      if (!this.threaded) {
        this.runInline(slot, job);
        continue;
      }
      slot.worker ??= this.spawn(slot);
      slot.worker.ref(); // a job in flight keeps the process alive (the CLI)
      slot.timer = setTimeout(() => this.timeout(slot, job), job.timeoutMs);
      slot.worker.postMessage(job.request);
    }
  }

  /** The in-process fallback (sources under vitest): same jobs, same code, no time limit. */
  private runInline(slot: Slot, job: Job): void {
    setImmediate(() => {
      void (async (): Promise<Outcome> => {
        const req = job.request;
        try {
          return req.kind === 'run' ? { run: extractForRun(req.html, req.schema, job.progress, req.trace) } : { result: await runExtractJob(req.job) };
        } catch (e) {
          return { error: e instanceof Error ? e.message : String(e) };
        }
      })().then((o) => {
        if (slot.job !== job) return;
        this.finish(slot);
        this.settle(job, () => job.resolve(o));
        this.pump();
      });
    });
  }

  private spawn(slot: Slot): Worker {
    const w = new Worker(this.workerFile!, { resourceLimits: { maxOldGenerationSizeMb: this.maxHeapMb } });
    w.unref();
    w.on('message', (msg: { id: number } & Outcome) => {
      const job = slot.job;
      if (slot.worker !== w || !job || msg.id !== job.id) return;
      this.finish(slot);
      this.settle(job, () => job.resolve(msg));
      this.pump();
    });
    w.on('error', (e: Error) => this.lost(slot, w, `the extraction worker crashed: ${e.message}`));
    w.on('exit', (code) => this.lost(slot, w, `the extraction worker exited (code ${code})`));
    return w;
  }

  private finish(slot: Slot): void {
    clearTimeout(slot.timer);
    slot.job = null;
    slot.worker?.unref();
  }

  /** The worker died on its own (out of memory, a crash): fail its job, replace it on demand. */
  private lost(slot: Slot, w: Worker, why: string): void {
    if (slot.worker !== w) return; // already replaced (terminated on purpose)
    slot.worker = null;
    const job = slot.job;
    this.finish(slot);
    if (job) {
      this.stats.crashed++;
      const oom = /ERR_WORKER_OUT_OF_MEMORY|out of memory/i.test(why);
      this.settle(job, () => job.reject(new Error(oom ? `the extraction ran out of memory (worker heap limit ${this.maxHeapMb} MB); narrow the page with css_selector` : why)));
    }
    this.pump();
  }

  /** Kill the slot's worker now (its replacement starts with the next job). */
  private kill(slot: Slot): void {
    const w = slot.worker;
    slot.worker = null;
    if (!w) return;
    this.stats.replaced++;
    void w.terminate().catch(() => undefined);
  }

  private timeout(slot: Slot, job: Job): void {
    if (slot.job !== job) return;
    if (job.probe) this.stats.probes++;
    else this.stats.timeouts++;
    // Read the progress before the thread goes away (the memory stays valid either way).
    const message = timeoutMessage(job.schema, job.progress ?? null, job.timeoutMs, job.traced);
    const field = job.progress && job.traced ? describeProgress(job.schema, job.progress).field : null;
    this.kill(slot);
    this.finish(slot);
    this.settle(job, () => job.reject(new ExtractTimeoutError(message, job.timeoutMs, field)));
    this.pump();
  }

  private abort(job: Job): void {
    const queued = this.queue.indexOf(job);
    if (queued >= 0) {
      this.queue.splice(queued, 1);
    } else {
      const slot = this.slots.find((s) => s.job === job);
      if (!slot) return;
      // A stopped run must not leave its extraction running: kill the thread, replace it later.
      this.kill(slot);
      this.finish(slot);
    }
    this.settle(job, () => job.reject(new ExtractAbortedError()));
    this.pump();
  }

  /** Live workers (for the fault suite: replaced, never leaked). */
  workerCount(): number {
    return this.slots.filter((s) => s.worker).length;
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const j of this.queue) this.settle(j, () => j.reject(new Error('closed')));
    this.queue = [];
    await Promise.all(
      this.slots.map(async (s) => {
        const job = s.job;
        const w = s.worker;
        s.worker = null;
        this.finish(s);
        if (job) this.settle(job, () => job.reject(new Error('closed')));
        await w?.terminate().catch(() => undefined);
      }),
    );
  }
}
