// P1W: what moving the runner's extraction into a worker with a time limit costs (issue #14).
// The same 2,000-product page and schema as P1, through ExtractPool.extract (html to the worker,
// extraction with the progress tracer, extracted_content back, JSON.parse into items) against
// extractJsonCss + .items in-process (what the runner did before). Interleaved, median of several
// runs each; ratio = worker / in-process. P1Wb: the worst main-loop lag during one extraction
// (the in-process one blocks the loop for its whole duration; the worker one only for the parse
// of the result).
import { median, round, type BenchContext, type BenchRow } from './harness.js';
import { productsHtml } from '../electron/demo/pages.js';
import { extractJsonCss } from '../shared/extract/index.js';
import { ExtractPool } from '../electron/schema/extract-pool.js';
import { P1_SCHEMA } from './p1-extract.js';

/** Worst lag of a 5 ms interval timer while `work` runs. */
async function maxLag(work: () => Promise<unknown> | unknown): Promise<number> {
  let worst = 0;
  let last = performance.now();
  const iv = setInterval(() => {
    const now = performance.now();
    worst = Math.max(worst, now - last - 5);
    last = now;
  }, 5);
  try {
    await new Promise((r) => setTimeout(r, 10));
    last = performance.now();
    await work();
    await new Promise((r) => setTimeout(r, 10)); // let the timer see a blocked loop
  } finally {
    clearInterval(iv);
  }
  return Math.max(0, worst);
}

export async function run(ctx: BenchContext): Promise<BenchRow[]> {
  const html = productsHtml(2000);
  const pool = new ExtractPool({ size: 1 });
  if (!pool.threaded) return [{ id: 'P1W', what: 'runner extraction in a worker', value: null, unit: 'ms', target: '', pass: null, note: 'no compiled worker (run from dist)' }];
  const inProcess = () => {
    const r = extractJsonCss(html, P1_SCHEMA);
    return { extracted_content: r.extracted_content, items: r.items };
  };
  try {
    const a = await pool.extract(html, P1_SCHEMA); // warm-up: worker start, JIT on both sides
    const b = inProcess();
    if (a.extracted_content !== b.extracted_content || JSON.stringify(a.items) !== JSON.stringify(b.items)) throw new Error('worker and in-process extraction differ');
    const w: number[] = [];
    const p: number[] = [];
    // Process CPU (all threads) per run too: on a loaded machine wall time mostly measures waiting.
    const wc: number[] = [];
    const pc: number[] = [];
    const cpu = (c0: NodeJS.CpuUsage) => {
      const c = process.cpuUsage(c0);
      return (c.user + c.system) / 1000;
    };
    const started = performance.now();
    for (let i = 0; i < 9 && !ctx.signal?.aborted && performance.now() - started < 40_000; i++) {
      let t = performance.now();
      let c0 = process.cpuUsage();
      await pool.extract(html, P1_SCHEMA);
      wc.push(cpu(c0));
      w.push(performance.now() - t);
      t = performance.now();
      c0 = process.cpuUsage();
      inProcess();
      pc.push(cpu(c0));
      p.push(performance.now() - t);
    }
    const lagWorker = await maxLag(() => pool.extract(html, P1_SCHEMA));
    const lagInline = await maxLag(() => inProcess());
    const ratio = median(w) / median(p);
    return [
      {
        id: 'P1W',
        what: 'runner extraction, 2,000 products: worker vs in-process',
        value: round(median(w)),
        unit: 'ms',
        baseline: round(median(p)),
        ratio: round(ratio),
        target: 'ratio ≤ 1.25',
        pass: ratio <= 1.25,
        note: `${a.items.length} items; ${w.length} interleaved runs each; includes transfer to the worker and JSON.parse of the result; process CPU ${round(median(wc))} vs ${round(median(pc))} ms/run (${round(median(wc) / median(pc))}×)`,
      },
      {
        id: 'P1Wb',
        what: 'main-loop lag during one extraction',
        value: round(lagWorker),
        unit: 'ms',
        baseline: round(lagInline),
        target: 'worker ≤ in-process / 2',
        pass: lagWorker <= lagInline / 2,
        note: 'baseline = the same extraction in-process (blocks the loop)',
      },
    ];
  } finally {
    await pool.close();
  }
}
