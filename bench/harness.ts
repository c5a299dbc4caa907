// Shared pieces of `npm run bench`: the row/context types every bench entry uses, statistics and
// timing helpers, and the context setup (demo server + browser discovery). Entries (bench/pN-*.ts)
// export `run(ctx): Promise<BenchRow[]>`; bench/run.ts runs them in one process, one after another.
import { performance } from 'node:perf_hooks';
import { chromium, type Browser } from 'playwright-core';
import { startDemoServer, type DemoServer } from '../electron/demo/server.js';
import { chromiumArgs as engineChromiumArgs, findBrowser } from '../electron/engine/browser.js';

export interface BenchRow {
  /** Entry id, e.g. "P1" (an entry may return several rows: "P3", "P3b"). */
  id: string;
  /** What is measured, in a few words. */
  what: string;
  /** The measurement; null when not measured (placeholder, error, no browser). */
  value: number | null;
  unit: string;
  /** The reference measured in the same run (e.g. raw Playwright), same unit. */
  baseline?: number;
  /** value / baseline (or baseline / value for rates; the entry decides and says so in `target`). */
  ratio?: number;
  /** The goal in words, e.g. "< 100 ms" or "ratio ≤ 1.10". */
  target: string;
  /** true/false against the target; null = not judged. */
  pass: boolean | null;
  note?: string;
  /** Measured only partly: the entry hit its time limit (the note says how far it got). */
  partial?: boolean;
}

export interface BenchContext {
  /** Base URL of the demo site (no trailing slash). */
  demoUrl: string;
  /** Chromium executable; '' when none was found (entries needing one report that). */
  browserPath: string;
  chromiumArgs: string[];
  /** Aborted when the entry exceeds its time budget; long loops should check it. */
  signal?: AbortSignal;
  /**
   * An entry that measures several rows reports each as soon as it is measured: when the entry
   * hits its time limit, the rows reported before are kept (and printed) even if it never returns.
   */
  report?: (row: BenchRow) => void;
}

export function median(xs: readonly number[]): number {
  return percentile(xs, 50);
}

/** Percentile by linear interpolation between closest ranks (p in 0..100). NaN for no samples. */
export function percentile(xs: readonly number[], p: number): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const rank = (Math.min(100, Math.max(0, p)) / 100) * (s.length - 1);
  const lo = Math.floor(rank);
  const hi = Math.ceil(rank);
  return s[lo] + (s[hi] - s[lo]) * (rank - lo);
}

export function mean(xs: readonly number[]): number {
  return xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : NaN;
}

/** Milliseconds taken by fn (sync or async). */
export async function timeMs(fn: () => unknown): Promise<number> {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
}

export interface SampleOptions {
  /** Measured runs (default 7). */
  runs?: number;
  /** Unmeasured runs first (JIT, caches; default 1). */
  warmup?: number;
  /** Stop early when this much wall time (ms) has been spent on measured runs. */
  budgetMs?: number;
  signal?: AbortSignal;
}

/** Time fn repeatedly; returns the samples in ms (at least one measured run). */
export async function sample(fn: () => unknown, opts: SampleOptions = {}): Promise<number[]> {
  const runs = opts.runs ?? 7;
  for (let i = 0; i < (opts.warmup ?? 1); i++) await fn();
  const out: number[] = [];
  const start = performance.now();
  for (let i = 0; i < runs; i++) {
    if (i > 0 && (opts.signal?.aborted || (opts.budgetMs !== undefined && performance.now() - start > opts.budgetMs))) break;
    out.push(await timeMs(fn));
  }
  return out;
}

/** Round for display/JSON: 3 significant decimals for small numbers, 1 for large. */
export function round(x: number): number {
  if (!Number.isFinite(x)) return x;
  return Math.abs(x) >= 100 ? Math.round(x * 10) / 10 : Math.round(x * 1000) / 1000;
}

/** A row for an entry that has not been written yet. */
export function notImplemented(id: string, what: string, target: string): BenchRow[] {
  return [{ id, what, value: null, unit: '', target, pass: null, note: 'not implemented' }];
}

/** Launch Chromium for an entry, with a clear error when none was found. */
export async function launchBrowser(ctx: BenchContext, headless = true): Promise<Browser> {
  if (!ctx.browserPath) throw new Error('no Chromium found: set CRAWLWRIGHT_BROWSER or install chromium');
  return chromium.launch({ executablePath: ctx.browserPath, args: ctx.chromiumArgs, headless });
}

export interface BenchEnv {
  ctx: BenchContext;
  /** Why there is no browser (empty when found). */
  browserHelp: string;
  close(): Promise<void>;
}

/** Start the demo server and find the browser (same discovery as the engine). */
export async function createBenchEnv(): Promise<BenchEnv> {
  const server: DemoServer = await startDemoServer();
  const found = findBrowser();
  return {
    ctx: { demoUrl: server.url, browserPath: found.executablePath ?? '', chromiumArgs: engineChromiumArgs() },
    browserHelp: found.found ? '' : (found.help ?? 'no browser found'),
    close: () => server.close(),
  };
}

/** Per-entry budget (s) unless --budget-s; every entry also shares TOTAL_BUDGET_S. */
export const DEFAULT_ENTRY_BUDGET_S = 90;
/** The whole bench stays under 8 minutes (P6 runs 400 row runs): an entry gets min(its budget, what is left of this). */
export const TOTAL_BUDGET_S = 480;

export interface BenchArgs {
  only?: string[];
  json?: string;
  budgetS: number;
  /** --budget-s was given: it wins over an entry's own budget too. */
  budgetGiven?: boolean;
}

export function parseBenchArgs(argv: string[], knownIds: readonly string[]): BenchArgs {
  const out: BenchArgs = { budgetS: DEFAULT_ENTRY_BUDGET_S };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = (): string => {
      const v = a.includes('=') ? a.slice(a.indexOf('=') + 1) : argv[++i];
      if (v === undefined || v === '') throw new Error(`${a.split('=')[0]} needs a value`);
      return v;
    };
    if (a === '--help' || a === '-h') {
      throw new Error('usage: npm run bench -- [--only P1,P3] [--json out.json] [--budget-s 90]');
    } else if (a.startsWith('--only')) {
      out.only = value().split(',').map((s) => s.trim().toUpperCase()).filter(Boolean);
      const unknown = out.only.filter((id) => !knownIds.includes(id));
      if (unknown.length) throw new Error(`--only: unknown entry ${unknown.join(', ')} (known: ${knownIds.join(', ')})`);
    } else if (a.startsWith('--json')) {
      out.json = value();
    } else if (a.startsWith('--budget-s')) {
      const n = Number(value());
      if (!Number.isFinite(n) || n <= 0 || n > 300) throw new Error('--budget-s must be a number of seconds in (0, 300]');
      out.budgetS = n;
      out.budgetGiven = true;
    } else {
      throw new Error(`unknown argument ${a} (try --help)`);
    }
  }
  return out;
}

function fmt(x: number | null | undefined, unit = ''): string {
  if (x === null || x === undefined || Number.isNaN(x)) return '—';
  return `${round(x)}${unit ? ' ' + unit : ''}`;
}

/** One plain-text table; notes go on lines below it so the columns stay narrow. */
export function formatTable(rows: BenchRow[]): string {
  const header = ['id', 'what', 'measured', 'baseline', 'ratio', 'target', 'result'];
  const body = rows.map((r) => [
    r.id,
    r.what,
    fmt(r.value, r.unit),
    fmt(r.baseline, r.unit),
    r.ratio === undefined ? '—' : `${fmt(r.ratio)}×`,
    r.target || '—',
    r.partial ? 'PARTIAL' : r.pass === null ? (r.note ? 'n/a' : '—') : r.pass ? 'PASS' : 'FAIL',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd();
  const notes = rows.filter((r) => r.note).map((r) => `  ${r.id}: ${r.note}`);
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(line), ...(notes.length ? ['', 'notes:', ...notes] : [])].join('\n');
}

export interface BenchEntry {
  id: string;
  what: string;
  needsBrowser: boolean;
  /** Its own budget in seconds (default: --budget-s). */
  budgetS?: number;
  run(ctx: BenchContext): Promise<BenchRow[]>;
}

/** After the time limit: how long an entry may take to stop and hand back what it measured. */
export const GRACE_MS = 30_000;

/**
 * Run one entry within its budget; errors and timeouts become failing rows, never a crash. At the
 * limit the entry is aborted and gets GRACE_MS to return: rows it returns then, other than those it
 * had reported as finished before the limit, are marked partial; if it does not return, the rows
 * it reported are kept and a failing row says it timed out.
 */
export async function runEntry(e: BenchEntry, ctx: BenchContext, budgetS: number, browserHelp: string, graceMs = GRACE_MS): Promise<BenchRow[]> {
  if (e.needsBrowser && !ctx.browserPath) {
    return [{ id: e.id, what: e.what, value: null, unit: '', target: '', pass: null, note: `skipped: ${browserHelp}` }];
  }
  const abort = new AbortController();
  const reported: BenchRow[] = [];
  let timer: NodeJS.Timeout | undefined;
  const timeUp = new Promise<'time up'>((resolve) => (timer = setTimeout(() => resolve('time up'), budgetS * 1000)));
  const running = e.run({ ...ctx, signal: abort.signal, report: (row) => reported.push(row) });
  const failed = (err: unknown): BenchRow => ({ id: e.id, what: e.what, value: null, unit: '', target: '', pass: false, note: `error: ${(err instanceof Error ? err.message : String(err)).split('\n')[0]}` });
  const timedOut: BenchRow = { id: e.id, what: e.what, value: null, unit: '', target: '', pass: false, note: `timed out after ${budgetS} s` };
  try {
    const first = await Promise.race([running, timeUp]);
    if (first !== 'time up') return first.length ? first : [{ id: e.id, what: e.what, value: null, unit: '', target: '', pass: false, note: 'entry returned no rows' }];
    abort.abort();
    const finished = new Set(reported);
    const late = await Promise.race([running.catch(() => undefined), new Promise<undefined>((r) => void setTimeout(r, graceMs))]);
    if (late?.length) {
      return late.map((row) => (finished.has(row) || row.partial ? row : { ...row, partial: true, note: [row.note, `partial: the entry reached its ${budgetS} s limit`].filter(Boolean).join('; ') }));
    }
    return [...reported, { ...timedOut, note: `timed out after ${budgetS} s${reported.length ? `; the ${reported.length === 1 ? 'row' : `${reported.length} rows`} above ${reported.length === 1 ? 'was' : 'were'} measured before` : ''}` }];
  } catch (err) {
    return [...reported, failed(err)];
  } finally {
    clearTimeout(timer);
  }
}
