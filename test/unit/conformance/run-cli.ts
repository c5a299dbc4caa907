// Runs a flow file with the real `crawlwright run` CLI (--trust --continue-on-failure, as the
// conformance cases need every step's result) and returns its results.json, the CLI's output muted.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { vi } from 'vitest';
import { main } from '../../../electron/cli/run.js';

export async function runFlowFile<T>(flowFile: string, out: string): Promise<T> {
  const o = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
  const e = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  try {
    await main([flowFile, '--out', out, '--trust', '--continue-on-failure']);
  } finally {
    o.mockRestore();
    e.mockRestore();
  }
  return JSON.parse(await readFile(join(out, 'results.json'), 'utf8')) as T;
}
