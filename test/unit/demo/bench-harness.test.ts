// The bench harness helpers: statistics, argument parsing, table formatting, context setup, and
// an entry's time limit (what it measured before the limit is kept).
import { describe, expect, it } from 'vitest';
import { createBenchEnv, formatTable, median, parseBenchArgs, percentile, runEntry, sample, type BenchContext, type BenchRow } from '../../../bench/harness.js';

describe('bench harness', () => {
  it('median and percentile interpolate between ranks', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 2, 3])).toBe(2.5);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 95)).toBeCloseTo(9.55);
    expect(percentile([5], 95)).toBe(5);
    expect(percentile([], 50)).toBeNaN();
  });

  it('sample runs warmup + runs and respects the budget', async () => {
    let calls = 0;
    const xs = await sample(() => void calls++, { runs: 5, warmup: 2 });
    expect(xs).toHaveLength(5);
    expect(calls).toBe(7);
    const slow = await sample(() => new Promise((r) => setTimeout(r, 30)), { runs: 50, warmup: 0, budgetMs: 50 });
    expect(slow.length).toBeLessThan(5);
  });

  it('parses --only/--json/--budget-s and rejects unknown input', () => {
    const ids = ['P1', 'P2', 'P3', 'P4'];
    expect(parseBenchArgs(['--only', 'p1,P3', '--json=out.json'], ids)).toEqual({ budgetS: 90, only: ['P1', 'P3'], json: 'out.json' });
    expect(parseBenchArgs(['--budget-s', '20'], ids).budgetS).toBe(20);
    expect(() => parseBenchArgs(['--only', 'P9'], ids)).toThrow(/unknown entry P9/);
    expect(() => parseBenchArgs(['--json'], ids)).toThrow(/needs a value/);
    expect(() => parseBenchArgs(['--fast'], ids)).toThrow(/unknown argument/);
  });

  it('formats one aligned table with results and notes', () => {
    const t = formatTable([
      { id: 'P1', what: 'extract', value: 42.1234, unit: 'ms', target: '< 100 ms', pass: true },
      { id: 'P4', what: 'runner', value: 1200, unit: 'ms', baseline: 1000, ratio: 1.2, target: 'ratio ≤ 1.10', pass: false, note: 'slow' },
      { id: 'P2', what: 'picker', value: null, unit: '', target: 'p95 < 30 ms', pass: null, note: 'not implemented' },
    ]);
    const lines = t.split('\n');
    expect(lines[0]).toMatch(/^id\s+what\s+measured\s+baseline\s+ratio\s+target\s+result$/);
    expect(lines[2]).toMatch(/P1\s+extract\s+42\.123 ms\s+—\s+—\s+< 100 ms\s+PASS/);
    expect(lines[3]).toMatch(/P4\s+runner\s+1200 ms\s+1000 ms\s+1\.2×\s+ratio ≤ 1\.10\s+FAIL/);
    expect(lines[4]).toMatch(/P2 .* n\/a$/);
    expect(t).toContain('P2: not implemented');
  });

  describe('an entry that reaches its time limit', () => {
    const ctx: BenchContext = { demoUrl: '', browserPath: '', chromiumArgs: [] };
    const row = (id: string, extra: Partial<BenchRow> = {}): BenchRow => ({ id, what: id, value: 1, unit: 'rows/s', target: 'info', pass: null, ...extra });
    const untilAborted = (c: BenchContext) => new Promise<void>((r) => c.signal!.addEventListener('abort', () => r(), { once: true }));

    it('keeps what it returns after the abort: rows reported before unchanged, the others partial', async () => {
      const rows = await runEntry(
        {
          id: 'PX',
          what: 'x',
          needsBrowser: false,
          run: async (c) => {
            const done = row('PXa');
            c.report!(done);
            await untilAborted(c);
            return [done, row('PXb', { note: 'peak RSS 1 MB' }), row('PXc', { partial: true, note: 'partial: 3 of 10 rows' })];
          },
        },
        ctx,
        0.05,
        '',
        2000,
      );
      expect(rows.map((r) => [r.id, r.partial, r.note])).toEqual([
        ['PXa', undefined, undefined],
        ['PXb', true, 'peak RSS 1 MB; partial: the entry reached its 0.05 s limit'],
        ['PXc', true, 'partial: 3 of 10 rows'],
      ]);
      expect(formatTable(rows).split('\n')[3]).toMatch(/PXb .* PARTIAL$/);
    });

    it('an entry that does not stop keeps its reported rows and a failing row says it timed out', async () => {
      const rows = await runEntry(
        {
          id: 'PY',
          what: 'y',
          needsBrowser: false,
          run: async (c) => {
            c.report!(row('PYa'));
            return new Promise<BenchRow[]>(() => undefined);
          },
        },
        ctx,
        0.05,
        '',
        50,
      );
      expect(rows.map((r) => [r.id, r.pass, r.note])).toEqual([
        ['PYa', null, undefined],
        ['PY', false, 'timed out after 0.05 s; the row above was measured before'],
      ]);
    });
  });

  it('creates a context with the demo server and the browser', async () => {
    const env = await createBenchEnv();
    try {
      expect(env.ctx.demoUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect((await fetch(env.ctx.demoUrl + '/products?n=3')).status).toBe(200);
      expect(env.ctx.browserPath === '' ? env.browserHelp : env.ctx.browserPath).not.toBe('');
    } finally {
      await env.close();
    }
  });
});
