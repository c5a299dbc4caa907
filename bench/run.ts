// `npm run bench` (= node dist/bench/run.js): runs the benchmark entries P1–P6 (and P1W) in one process, one
// after another (the machine is small and shared; parallel entries would measure each other), and
// prints one table. Each entry has a time budget so the whole run stays under 5 minutes.
//   --only P1,P3     run only these entries
//   --json out.json  also write the rows (plus environment) as JSON
//   --budget-s N     per-entry budget in seconds, for every entry (default 90; P6 360; all entries share 480 s in total)
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import { TOTAL_BUDGET_S, createBenchEnv, formatTable, parseBenchArgs, round, runEntry, type BenchArgs, type BenchEntry as Entry, type BenchRow } from './harness.js';
import { run as p1 } from './p1-extract.js';
import { run as p1cli } from './p1-cli.js';
import { run as p1w } from './p1-worker.js';
import { run as p2 } from './p2-picker.js';
import { run as p3 } from './p3-preview.js';
import { run as p4 } from './p4-runner.js';
import { run as p5 } from './p5-schema-tester.js';
import { run as p6 } from './p6-batch.js';

const ENTRIES: Entry[] = [
  { id: 'P1', what: 'JsonCss extract, 2,000 products', needsBrowser: false, run: p1 },
  { id: 'P1CLI', what: '`crawlwright extract` whole process', needsBrowser: false, run: p1cli },
  { id: 'P1W', what: 'Runner extraction in a worker vs in-process', needsBrowser: false, run: p1w },
  { id: 'P2', what: 'Picker hit-test + candidates, 10k elements', needsBrowser: true, run: p2 },
  { id: 'P3', what: 'Preview fps and input→frame latency', needsBrowser: true, run: p3 },
  { id: 'P4', what: 'Runner vs raw Playwright, 20 js_only steps', needsBrowser: true, run: p4 },
  { id: 'P5', what: 'Schema tester on 2,000 products (worker)', needsBrowser: false, run: p5 },
  { id: 'P6', what: 'Batch: 100 rows at concurrency 1/2/4 vs one session', needsBrowser: true, budgetS: 360, run: p6 },
];

async function main(): Promise<number> {
  let args: BenchArgs;
  try {
    args = parseBenchArgs(process.argv.slice(2), ENTRIES.map((e) => e.id));
  } catch (e) {
    console.error((e as Error).message);
    return 2;
  }
  const entries = ENTRIES.filter((e) => !args.only || args.only.includes(e.id));
  const env = await createBenchEnv();
  const rows: BenchRow[] = [];
  const started = Date.now();
  console.log(`crawlwright bench: ${entries.map((e) => e.id).join(', ')} · demo ${env.ctx.demoUrl} · browser ${env.ctx.browserPath || 'none'} · ${os.cpus().length} CPUs`);
  try {
    for (const e of entries) {
      const t0 = Date.now();
      process.stdout.write(`  ${e.id} ${e.what} … `);
      const left = TOTAL_BUDGET_S - (Date.now() - started) / 1000;
      const budget = Math.max(1, Math.min(args.budgetGiven ? args.budgetS : (e.budgetS ?? args.budgetS), Math.floor(left)));
      const r = await runEntry(e, env.ctx, budget, env.browserHelp);
      rows.push(...r);
      console.log(`${((Date.now() - t0) / 1000).toFixed(1)} s`);
    }
  } finally {
    await env.close();
  }
  console.log('\n' + formatTable(rows));
  console.log(`\ntotal ${((Date.now() - started) / 1000).toFixed(1)} s`);
  if (args.json) {
    const payload = {
      date: new Date().toISOString(),
      node: process.version,
      platform: `${process.platform} ${os.arch()}`,
      cpus: os.cpus().length,
      browser: env.ctx.browserPath,
      rows: rows.map((r) => ({ ...r, value: r.value === null ? null : round(r.value) })),
    };
    writeFileSync(args.json, JSON.stringify(payload, null, 2) + '\n');
    console.log(`wrote ${args.json}`);
  }
  return rows.some((r) => r.pass === false || r.partial) ? 1 : 0;
}

// Exit explicitly: a timed-out entry may still hold a browser or timers open.
main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(e instanceof Error ? e.stack : e);
    process.exit(1);
  },
);
