// P1e/P1f: `crawlwright extract` as a whole process (node start-up + loading the single-file
// extractor + reading + extracting + printing), the way a shell script or Crawl4AI user runs it.
// P1e: a 1-line page (start-up cost); P1f: a 1 MB products page, target ≤ 200 ms = 1/5 of
// Crawl4AI's ~1 s for the same page (≈ 0.2 s of it Python start-up). `node -e 0` is measured in
// the same run, alternating, as the floor no Node CLI can go under.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { median, round, type BenchContext, type BenchRow } from './harness.js';
import { productsHtml } from '../electron/demo/pages.js';
import { PRODUCTS_SCHEMA } from '../electron/demo/schemas.js';

const BIN = fileURLToPath(new URL('../../bin/crawlwright.js', import.meta.url));

/** The smallest products page of at least 1 MB. */
export function oneMbPage(): string {
  let n = 1000;
  let html = productsHtml(n);
  while (Buffer.byteLength(html, 'utf8') < 1_000_000) html = productsHtml((n += 50));
  return html;
}

function timeProcess(args: string[]): number {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(`${args.join(' ')} exited ${r.status}: ${String(r.stderr).slice(0, 200)}`);
  return ms;
}

export async function run(ctx: BenchContext): Promise<BenchRow[]> {
  const dir = mkdtempSync(join(tmpdir(), 'cw-bench-cli-'));
  try {
    const schema = join(dir, 'schema.json');
    const line = join(dir, 'line.html');
    const mb = join(dir, 'page.html');
    writeFileSync(schema, JSON.stringify(PRODUCTS_SCHEMA));
    writeFileSync(line, '<div class="product"><h2 class="name">x</h2></div>\n');
    writeFileSync(mb, oneMbPage());
    const cmds = {
      node: ['-e', '0'],
      line: [BIN, 'extract', '--schema', schema, line],
      mb: [BIN, 'extract', '--schema', schema, mb],
    };
    const t: Record<keyof typeof cmds, number[]> = { node: [], line: [], mb: [] };
    for (const k of Object.keys(cmds) as Array<keyof typeof cmds>) timeProcess(cmds[k]); // warm the file cache
    const start = performance.now();
    for (let i = 0; i < 15 && !ctx.signal?.aborted && performance.now() - start < 30_000; i++) {
      for (const k of Object.keys(cmds) as Array<keyof typeof cmds>) t[k].push(timeProcess(cmds[k]));
    }
    const node = median(t.node);
    const lineMs = median(t.line);
    const mbMs = median(t.mb);
    const note = (xs: number[]) => `median of ${xs.length} runs alternating with the others, min ${round(Math.min(...xs))} ms; \`node -e 0\` ${round(node)} ms`;
    return [
      { id: 'P1e', what: '`crawlwright extract` start-up, 1-line page (whole process)', value: round(lineMs), unit: 'ms', baseline: round(node), ratio: round(lineMs / node), target: 'informational (was 213 ms)', pass: null, note: note(t.line) },
      { id: 'P1f', what: '`crawlwright extract`, 1 MB page (whole process)', value: round(mbMs), unit: 'ms', target: '≤ 200 ms (Crawl4AI ~1 s / 5)', pass: mbMs <= 200, note: note(t.mb) },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
