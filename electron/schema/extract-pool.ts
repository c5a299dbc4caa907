// One long-lived worker thread for the schema tester's extractions. Jobs are queued; a newer test
// of the same "lane" (the live tester re-runs on every edit) supersedes queued older ones, so a fast
// typist never builds up a backlog. When the compiled worker file is absent (running from .ts
// sources under vitest) the same job runs in-process.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { runExtractJob, type ExtractJob, type ExtractJobResult } from './extract-core.js';

interface Pending {
  id: number;
  job: ExtractJob;
  lane?: string;
  resolve(r: ExtractJobResult): void;
  reject(e: Error): void;
}

export class SupersededError extends Error {
  constructor() {
    super('superseded by a newer run');
    this.name = 'SupersededError';
  }
}

export class ExtractPool {
  private worker: Worker | null = null;
  private queue: Pending[] = [];
  private running: Pending | null = null;
  private seq = 0;
  private readonly workerFile = fileURLToPath(new URL('./extract-worker.js', import.meta.url));
  readonly threaded = existsSync(this.workerFile);

  run(job: ExtractJob, lane?: string): Promise<ExtractJobResult> {
    if (lane) {
      for (const p of this.queue.filter((q) => q.lane === lane)) p.reject(new SupersededError());
      this.queue = this.queue.filter((q) => q.lane !== lane);
    }
    return new Promise((resolve, reject) => {
      this.queue.push({ id: ++this.seq, job, lane, resolve, reject });
      this.pump();
    });
  }

  private pump(): void {
    if (this.running || !this.queue.length) return;
    const p = (this.running = this.queue.shift()!);
    const done = (fn: () => void) => {
      this.running = null;
      fn();
      this.pump();
    };
    if (!this.threaded) {
      runExtractJob(p.job).then(
        (r) => done(() => p.resolve(r)),
        (e: unknown) => done(() => p.reject(e instanceof Error ? e : new Error(String(e)))),
      );
      return;
    }
    const w = this.ensureWorker();
    const onMessage = (msg: { id: number; result?: ExtractJobResult; error?: string }) => {
      if (msg.id !== p.id) return;
      w.off('message', onMessage);
      w.off('error', onError);
      done(() => (msg.result ? p.resolve(msg.result) : p.reject(new Error(msg.error ?? 'extraction failed'))));
    };
    const onError = (e: Error) => {
      w.off('message', onMessage);
      this.worker = null;
      done(() => p.reject(new Error(`extraction worker crashed: ${e.message}`)));
    };
    w.on('message', onMessage);
    w.once('error', onError);
    w.postMessage({ id: p.id, job: p.job });
  }

  private ensureWorker(): Worker {
    if (!this.worker) {
      this.worker = new Worker(this.workerFile);
      this.worker.unref();
      this.worker.on('exit', () => {
        this.worker = null;
      });
    }
    return this.worker;
  }

  async close(): Promise<void> {
    for (const p of this.queue) p.reject(new Error('closed'));
    this.queue = [];
    await this.worker?.terminate();
    this.worker = null;
  }
}
