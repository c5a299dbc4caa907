// P5: the schema tester on a 2,000-product page. The tester extracts in a worker thread
// (electron/schema/extract-pool.ts) so the main process — IPC, preview frames, the runner — keeps
// running: we measure the worker round trip of one tester job (extraction + diagnostics + lint +
// Crawl4AI counts, result transferred back) and the main event loop's worst timer lag while it
// runs, against the lag of the same loop idling just before (the machine may be loaded).
// Target: the lag during a run stays within idle lag + 50 ms.
import { median, round, type BenchContext, type BenchRow } from './harness.js';
import { productsHtml } from '../electron/demo/pages.js';
import { ExtractPool } from '../electron/schema/extract-pool.js';
import { fieldChains } from '../electron/schema/tester.js';
import type { JsonCssSchema } from '../shared/extract/schema.js';

const SCHEMA: JsonCssSchema = {
  name: 'Products',
  baseSelector: '.product',
  fields: [
    { name: 'name', type: 'text', selector: '.name' },
    { name: 'link', type: 'attribute', selector: '.details-link', attribute: 'href' },
    { name: 'price', type: 'text', selector: '.price', default: 'n/a' },
    { name: 'brand', type: 'nested', selector: '.brand', fields: [{ name: 'name', type: 'text', selector: '.brand-name' }] },
    { name: 'features', type: 'list', selector: '.features li', fields: [{ name: 'text', type: 'text' }] },
  ],
};

/** Worst lag of a 5 ms interval timer while `work` runs. */
async function maxLag(work: Promise<unknown>): Promise<number> {
  let worst = 0;
  let last = performance.now();
  const iv = setInterval(() => {
    const now = performance.now();
    worst = Math.max(worst, now - last - 5);
    last = now;
  }, 5);
  try {
    await work;
  } finally {
    clearInterval(iv);
  }
  return Math.max(0, worst);
}

export async function run(ctx: BenchContext): Promise<BenchRow[]> {
  const html = productsHtml(2000);
  const pool = new ExtractPool();
  const chains = fieldChains(SCHEMA);
  try {
    await pool.run({ html, schema: SCHEMA, diagnose: true, chains }); // warm-up (worker start, JIT)
    const idle = await maxLag(new Promise((r) => setTimeout(r, 1000)));
    const times: number[] = [];
    const lags: number[] = [];
    for (let i = 0; i < 3 && !ctx.signal?.aborted; i++) {
      const t0 = performance.now();
      const job = pool.run({ html, schema: SCHEMA, diagnose: true, chains });
      lags.push(await maxLag(job));
      const r = await job;
      if (!r.ok || r.items?.length !== 2000) throw new Error(`tester job failed: ${r.error ?? `${r.items?.length} items`}`);
      times.push(performance.now() - t0);
    }
    const lag = Math.max(...lags);
    return [
      {
        id: 'P5',
        what: 'Schema tester job, 2,000 products (worker round trip)',
        value: round(median(times)),
        unit: 'ms',
        target: 'informational',
        pass: null,
        note: `${pool.threaded ? 'worker thread' : 'in-process (no compiled worker)'}; ${(html.length / 1e6).toFixed(2)} MB HTML`,
      },
      {
        id: 'P5b',
        what: 'Main event-loop lag during a tester job',
        value: round(lag),
        unit: 'ms',
        baseline: round(idle),
        target: '≤ idle lag + 50 ms',
        pass: lag <= idle + 50,
        note: 'baseline = worst lag of the same loop idling for 1 s',
      },
    ];
  } finally {
    await pool.close();
  }
}
