// Worker thread entry: runs extraction jobs off the main process's event loop, so a 2,000-item
// page never stalls IPC, the preview stream or the runner.
import { parentPort } from 'node:worker_threads';
import { runExtractJob, type ExtractJob } from './extract-core.js';

parentPort?.on('message', (msg: { id: number; job: ExtractJob }) => {
  void runExtractJob(msg.job)
    .then((result) => parentPort!.postMessage({ id: msg.id, result }))
    .catch((e: unknown) => parentPort!.postMessage({ id: msg.id, error: e instanceof Error ? e.message : String(e) }));
});
