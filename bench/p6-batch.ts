// P6: one flow over 100 input rows (the demo's product detail pages) with the batch runner at
// concurrency 1, 2 and 4 (each row its own session and browser context), and the same rows
// through one session sequentially (Crawl4AI's session model: one page, one navigation after the
// other). Rows/s, and peak RSS of this process plus its Chromium processes (sampled every 100 ms
// from /proc). The ratio column is rows/s relative to the one-session run. Info rows: the
// numbers depend on the machine's cores and load.
import { mkdtemp, readFileSync, readdirSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { promisify } from 'node:util';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Flow } from '../shared/flow/schema.js';
import { Engine } from '../electron/engine/engine.js';
import { runBatch } from '../electron/engine/batch.js';
import type { InputRow } from '../shared/flow/inputs.js';
import { round, type BenchContext, type BenchRow } from './harness.js';

const ROWS = 100;

function detailFlow(session: string): Flow {
  return {
    format: 'crawlwright.flow',
    version: 1,
    name: 'P6 product details',
    inputs: { columns: ['product'], id: 'product' },
    steps: [
      {
        id: 'detail',
        name: 'Product page',
        config: {
          url: '{{demo_url}}/products/{{product}}',
          session_id: session,
          wait_for: 'css:#product-detail',
          extraction_strategy: {
            type: 'JsonCssExtractionStrategy',
            schema: { name: 'Product', baseSelector: '#product-detail', fields: [{ name: 'name', selector: 'h2.name', type: 'text' }, { name: 'price', selector: 'span.price', type: 'text' }] },
          },
        },
      },
    ],
  };
}

/** RSS (bytes) of this process and all its descendants (Chromium's processes). */
function treeRss(): number {
  const children = new Map<number, number[]>();
  const rss = new Map<number, number>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      const status = readFileSync(`/proc/${name}/status`, 'utf8');
      const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
      rss.set(Number(name), kb * 1024);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(name)]);
    } catch {
      /* gone */
    }
  }
  let total = 0;
  const stack = [process.pid];
  while (stack.length) {
    const pid = stack.pop()!;
    total += rss.get(pid) ?? 0;
    stack.push(...(children.get(pid) ?? []));
  }
  return total;
}

async function measure(body: () => Promise<void>): Promise<{ seconds: number; peakMb: number }> {
  let peak = treeRss();
  const timer = setInterval(() => (peak = Math.max(peak, treeRss())), 100);
  const t0 = performance.now();
  try {
    await body();
  } finally {
    clearInterval(timer);
  }
  peak = Math.max(peak, treeRss());
  return { seconds: (performance.now() - t0) / 1000, peakMb: peak / 2 ** 20 };
}

export async function run(ctx: BenchContext): Promise<BenchRow[]> {
  if (!ctx.browserPath) return [{ id: 'P6', what: 'batch rows', value: null, unit: 'rows/s', target: '', pass: null, note: 'no browser found' }];
  const dir = await promisify(mkdtemp)(join(tmpdir(), 'cw-p6-'));
  const rows: InputRow[] = Array.from({ length: ROWS }, (_, i) => ({ id: String(i + 1), values: { product: String(i + 1) } }));
  const out: BenchRow[] = [];
  const engine = new Engine({ browserPath: ctx.browserPath, artifactsDir: join(dir, 'runs'), builtinVars: { demo_url: ctx.demoUrl }, emit: () => undefined });
  try {
    // Warm up the browser, the demo server and the JIT with a few rows.
    await runBatch(engine, detailFlow('warm'), { rows: rows.slice(0, 4), outDir: join(dir, 'warm'), concurrency: 2, retries: 0, signal: ctx.signal });

    // Each measurement ends early when the time limit aborts it: its row then says how many rows
    // it got through (rows/s of those) and is marked partial; finished rows are reported at once.
    const finish = (row: BenchRow, done: number) => {
      if (done < ROWS) {
        row.partial = true;
        row.note = `${row.note}; partial: ${done} of ${ROWS} rows before the time limit`;
      } else ctx.report?.(row);
      out.push(row);
    };

    // The same rows through one session, one after another.
    const seqFlow = detailFlow('one-session');
    let seqDone = 0;
    const seq = await measure(async () => {
      for (const row of rows) {
        if (ctx.signal?.aborted) break;
        const r = await engine.startRun(seqFlow, { mode: 'all', vars: row.values, outDir: join(dir, 'seq') }).done;
        if (r.status === 'stopped') break;
        if (r.status !== 'ok') throw new Error(`one-session row ${row.id}: ${r.error}`);
        seqDone++;
      }
    });
    await engine.sessions.kill('one-session');
    const seqRate = seqDone / seq.seconds;
    finish({ id: 'P6s', what: `one session, same ${ROWS} rows sequentially`, value: round(seqRate), unit: 'rows/s', target: 'info', pass: null, note: `peak RSS ${Math.round(seq.peakMb)} MB` }, seqDone);
    for (const concurrency of [1, 2, 4]) {
      if (ctx.signal?.aborted) break;
      let failed = 0;
      let done = 0;
      const m = await measure(async () => {
        const s = await runBatch(engine, detailFlow('detail'), { rows, outDir: join(dir, `c${concurrency}`), concurrency, retries: 0, restart: true, signal: ctx.signal });
        failed = s.progress.failed;
        done = s.progress.done + s.progress.failed;
      });
      const rate = done / m.seconds;
      finish(
        {
          id: `P6c${concurrency}`,
          what: `batch, ${ROWS} detail rows, concurrency ${concurrency}`,
          value: round(rate),
          unit: 'rows/s',
          baseline: round(seqRate),
          ratio: round(rate / seqRate),
          target: 'info (ratio = rows/s vs one session)',
          pass: failed ? false : null,
          note: `peak RSS ${Math.round(m.peakMb)} MB${failed ? `, ${failed} rows failed` : ''}`,
        },
        done,
      );
    }
    return out;
  } finally {
    await engine.close();
    await rm(dir, { recursive: true, force: true });
  }
}
