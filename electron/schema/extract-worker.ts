// Worker thread entry: runs extraction jobs off the main process's event loop, so a 2,000-item
// page never stalls IPC, the preview stream or the runner, and a runaway regex can be stopped by
// terminating the thread (extract-pool.ts).
import { parentPort } from 'node:worker_threads';
import { extractForRun, runExtractJob, type ExtractJob } from './extract-core.js';
import type { JsonCssSchema } from '../../shared/extract/schema.js';

export type WorkerRequest =
  | { id: number; kind: 'test'; job: ExtractJob }
  | { id: number; kind: 'run'; html: string; schema: JsonCssSchema; progress?: SharedArrayBuffer; trace?: boolean };

parentPort?.on('message', (msg: WorkerRequest) => {
  if (msg.kind === 'run') {
    try {
      const r = extractForRun(msg.html, msg.schema, msg.progress ? new Int32Array(msg.progress) : undefined, msg.trace);
      parentPort!.postMessage({ id: msg.id, run: r });
    } catch (e) {
      parentPort!.postMessage({ id: msg.id, error: e instanceof Error ? e.message : String(e), errorName: e instanceof Error ? e.name : 'Error' });
    }
    return;
  }
  void runExtractJob(msg.job)
    .then((result) => parentPort!.postMessage({ id: msg.id, result }))
    .catch((e: unknown) => parentPort!.postMessage({ id: msg.id, error: e instanceof Error ? e.message : String(e) }));
});
