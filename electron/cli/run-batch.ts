// `crawlwright run FLOW.json --inputs ROWS.csv|.jsonl [--concurrency N] [--retries N] [--restart]`:
// the batch half of `run` (electron/engine/batch.ts does the work on the one Engine). Prints one
// line per finished row with the progress (done/failed, rows/s, ETA).
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Flow } from '../../shared/flow/schema.js';
import { flowRows, guessFormat, parseInputRows, type InputRow } from '../../shared/flow/inputs.js';
import type { Engine } from '../engine/engine.js';
import { batchProgressText } from '../../shared/api/domains/batch.js';
import { BatchStateError, runBatch } from '../engine/batch.js';
import type { RunGrant } from '../../shared/flow/capabilities.js';
import { UsageError } from './args.js';

const out = (s: string) => process.stdout.write(s + '\n');
const err = (s: string) => process.stderr.write(s + '\n');

export interface BatchCliOptions {
  inputs?: string;
  concurrency?: string;
  retries?: string;
  restart?: boolean;
}

function intOption(v: string | undefined, name: string, min: number, max: number): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < min || n > max) throw new UsageError(`--${name} must be an integer from ${min} to ${max}, got ${JSON.stringify(v)}`);
  return n;
}

/** The rows to run, or an error message; undefined when this is not a batch run. */
export async function loadRows(flow: Flow, opts: BatchCliOptions): Promise<{ rows: InputRow[] } | { error: string } | undefined> {
  if (!opts.inputs) {
    if (!flow.inputs) return undefined;
    if (!flow.inputs.rows?.length) return { error: `this flow takes inputs (columns ${flow.inputs.columns.join(', ')}): pass --inputs FILE.csv|FILE.jsonl` };
    const r = flowRows(flow);
    return r.errors.length ? { error: `the flow's inputs.rows:\n  ${r.errors.join('\n  ')}` } : { rows: r.rows };
  }
  if (!flow.inputs) return { error: 'the flow declares no inputs: add "inputs": {"columns": [...]} naming the {{variables}} each row sets' };
  let text: string;
  try {
    text = await readFile(opts.inputs, 'utf8');
  } catch (e) {
    return { error: `cannot read ${opts.inputs}: ${(e as Error).message}` };
  }
  const r = parseInputRows(text, guessFormat(opts.inputs, text), flow.inputs);
  if (r.errors.length) return { error: `${opts.inputs}:\n  ${r.errors.slice(0, 20).join('\n  ')}${r.errors.length > 20 ? `\n  … and ${r.errors.length - 20} more` : ''}` };
  if (!r.rows.length) return { error: `${opts.inputs} has no rows` };
  return { rows: r.rows };
}

export const progressText = batchProgressText;

export async function runBatchCli(
  engine: Engine,
  flow: Flow,
  rows: InputRow[],
  opts: BatchCliOptions & { outDir: string; vars: Record<string, string>; grant: RunGrant },
): Promise<number> {
  const concurrency = intOption(opts.concurrency, 'concurrency', 1, 32) ?? flow.inputs?.concurrency ?? 1;
  const retries = intOption(opts.retries, 'retries', 0, 10) ?? flow.inputs?.retries ?? 2;
  const abort = new AbortController();
  const onSigint = () => abort.abort();
  process.once('SIGINT', onSigint);
  try {
    out(`${rows.length} rows · concurrency ${concurrency} · ${retries} retries per row`);
    const summary = await runBatch(engine, flow, {
      rows,
      outDir: opts.outDir,
      concurrency,
      retries,
      vars: opts.vars,
      grant: opts.grant,
      restart: opts.restart,
      signal: abort.signal,
      onRow: (r, p) => {
        const head = r.status === 'ok' ? `✓ row ${r.row}  ${r.items.length} items` : `✗ row ${r.row}  ${r.error}`;
        out(`${head} · ${(r.durationMs / 1000).toFixed(1)} s${r.attempts > 1 ? ` · ${r.attempts} attempts` : ''}   [${progressText(p)}]`);
      },
    });
    if (summary.progress.resumed && !summary.progress.done && !summary.progress.failed && summary.status !== 'stopped') out('every row was already finished');
    const file = resolve(summary.resultsFile);
    if (summary.status === 'stopped') {
      err(`stopped: ${progressText(summary.progress)}; run the same command again to continue → ${file}`);
      return 130;
    }
    if (summary.status === 'failed') {
      err(`finished with failures: ${progressText(summary.progress)} → ${file}`);
      return 1;
    }
    out(`done: ${progressText(summary.progress)} → ${file}`);
    return 0;
  } catch (e) {
    if (e instanceof BatchStateError) {
      err(`error: ${e.message}`);
      return 1;
    }
    throw e;
  } finally {
    process.off('SIGINT', onSigint);
  }
}
