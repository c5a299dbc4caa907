// The Python export of a flow with inputs (the batch script): valid Python, its notes in the
// docstring, and executed against the recording stand-in for crawl4ai (its arun_many() and
// dispatchers copy Crawl4AI's behaviour, see the stand-in's docstring) to check which aruns run in
// which session: a round's first steps through one arun_many(), each row's later steps with
// arun() in the row's own session, hooks per step although they are global in Crawl4AI, retries,
// duplicate start urls, resuming, and rows refused like `crawlwright run --inputs` refuses them.
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { renderExport } from '../../../shared/export/index.js';
import { normalizeFlow, parseFlowText, type Flow } from '../../../shared/flow/index.js';
import { parseImport } from '../../../shared/export/index.js';
import { planExport, resolveUrls } from '../../../shared/export/common.js';
import { ROOT } from './flows.js';
import { notesInFile } from './notes.js';
import { hasPython } from '../support/python.js';

const FAKE = path.join(ROOT, 'test/fixtures/export/fake-crawl4ai');

function fixture(name: string): Flow {
  const parsed = parseFlowText(readFileSync(path.join(ROOT, 'test/fixtures/batch', name), 'utf8'));
  if (!parsed.ok) throw new Error(`invalid fixture ${name}`);
  return parsed.flow;
}

type Evaluated = { script: string; arg: { name: string; stepId: string; iteration: number } | null };
type Entry = {
  arun?: string;
  config?: Record<string, unknown> & { session_id?: string; shared_data?: { crawlwright: { step: string; iteration: number } } };
  kwargs?: string[];
  hooks?: string[];
  evaluated?: Evaluated[];
  success?: boolean;
  arun_many?: string[];
  stream?: boolean;
  dispatch?: string;
  args?: Record<string, unknown>;
  urls?: string[];
  configs?: number;
  rate_limiter?: unknown;
  kill_session?: string;
  set_hook?: string;
  max_concurrent_aruns?: number;
};
type Row = { row: string; status: string; attempts: number; values: Record<string, string>; items: { step: string; stepName: string; iteration: number; url: string; item: unknown }[]; error?: string; durationMs: number };

interface Run {
  status: number | null;
  stderr: string;
  log: Entry[];
  rows: Row[];
  aruns: Entry[];
}

describe.skipIf(!hasPython)('crawl4ai-python export of a flow with inputs', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'cw-pybatch-'));
  let n = 0;

  function run(flow: Flow, args: string[] = [], env: Record<string, string> = {}, cwd?: string): Run {
    const sub = cwd ?? mkdtempSync(path.join(dir, `run${n++}-`));
    const file = path.join(sub, 'batch.py');
    writeFileSync(file, renderExport(flow, 'crawl4ai-python').text);
    const log = path.join(sub, 'log.json');
    rmSync(log, { force: true });
    const r = spawnSync('python3', [file, '--out', 'results.jsonl', ...args], {
      cwd: sub,
      encoding: 'utf8',
      env: { ...process.env, PYTHONPATH: FAKE, PYTHONDONTWRITEBYTECODE: '1', FAKE_CRAWL4AI_LOG: log, FAKE_CRAWL4AI_DELAY: '0.05', demo_url: 'http://demo', ...env },
    });
    let entries: Entry[] = [];
    try {
      entries = JSON.parse(readFileSync(log, 'utf8')) as Entry[];
    } catch {
      /* the script stopped before the crawler started */
    }
    let rows: Row[] = [];
    try {
      rows = readFileSync(path.join(sub, 'results.jsonl'), 'utf8').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as Row);
    } catch {
      /* no results file */
    }
    return { status: r.status, stderr: r.stderr, log: entries, rows, aruns: entries.filter((e) => e.arun !== undefined) };
  }

  const bySession = (aruns: Entry[], session: string) => aruns.filter((e) => e.config!.session_id === session);

  it('compiles, and the docstring carries the notes the dialog shows', () => {
    const flows = [fixture('two-step.flow.json'), fixture('product-details.flow.json')];
    const files = flows.map((flow, i) => {
      const { text, notes } = renderExport(flow, 'crawl4ai-python');
      expect(notesInFile('crawl4ai-python', text)).toEqual(notes);
      expect(text).toContain('arun_many(');
      const file = path.join(dir, `compile${i}.py`);
      writeFileSync(file, text);
      return file;
    });
    const r = spawnSync('python3', ['-m', 'py_compile', ...files], { encoding: 'utf8', env: { ...process.env, PYTHONPYCACHEPREFIX: path.join(dir, 'pycache') } });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  it('3 rows × 2 steps at a pinned concurrency 2: first steps through arun_many with SemaphoreDispatcher, later steps in each row’s own session', () => {
    const r = run(fixture('two-step.flow.json'));
    expect(r.stderr).toContain('3/3 rows · 3 done · 0 failed');
    expect(r.status).toBe(0);

    // Two rounds of at most 2 rows; batch mode (SemaphoreDispatcher has no stream mode).
    const many = r.log.filter((e) => e.arun_many);
    expect(many.map((e) => e.arun_many)).toEqual([['http://demo/products/1', 'http://demo/products/2'], ['http://demo/products/3']]);
    expect(many.every((e) => e.stream === false)).toBe(true);
    const dispatched = r.log.filter((e) => e.dispatch);
    expect(dispatched.map((e) => [e.dispatch, e.args, e.configs, e.rate_limiter])).toEqual([
      ['SemaphoreDispatcher', { semaphore_count: 2, max_session_permit: 20 }, 2, null],
      ['SemaphoreDispatcher', { semaphore_count: 2, max_session_permit: 20 }, 1, null],
    ]);
    expect(r.log.find((e) => e.max_concurrent_aruns !== undefined)!.max_concurrent_aruns).toBeLessThanOrEqual(2);

    // Hooks are set once, before any crawl, and never per step.
    const setHooks = r.log.filter((e) => e.set_hook);
    expect(setHooks.map((e) => e.set_hook)).toEqual(['before_retrieve_html']);
    expect(r.log.indexOf(setHooks[0])).toBeLessThan(r.log.indexOf(many[0]));

    expect(r.aruns).toHaveLength(9);
    for (const row of ['1', '2', '3']) {
      const session = `detail~row-${row}`;
      const runs = bySession(r.aruns, session);
      // Step 1 once (the dispatcher passes its own session_id keyword; the config's session wins),
      // then step 2 twice (repeat.times) with arun() itself.
      expect(runs.map((e) => [e.arun, e.kwargs, e.config!.js_only ?? false, e.config!.shared_data?.crawlwright.step, e.config!.shared_data?.crawlwright.iteration])).toEqual([
        [`http://demo/products/${row}`, ['session_id'], false, 'detail', 0],
        [`http://demo/products/${row}`, [], true, 'again', 0],
        [`http://demo/products/${row}`, [], true, 'again', 1],
      ]);
      expect(runs[0].config!.js_code).toBe(`window.__row = '${row}';`);
      expect(runs[0].config!.url_matcher).toBe('<function>');
      // The hook body runs in step 2's aruns only, with the row's value and the runner's argument.
      expect(runs[0].evaluated).toEqual([]);
      for (const [i, e] of runs.slice(1).entries()) {
        expect(e.evaluated).toEqual([{ script: `async (hook) => {\nwindow.__seen = '${row}';\n}`, arg: { name: 'before_retrieve_html', url: 'about:blank', stepId: 'again', iteration: i } }]);
      }
    }
    expect(r.log.filter((e) => e.kill_session).map((e) => e.kill_session).sort()).toEqual(['detail~row-1', 'detail~row-2', 'detail~row-3']);

    const rows = [...r.rows].sort((a, b) => a.row.localeCompare(b.row));
    expect(rows.map((row) => [row.row, row.status, row.attempts, row.values])).toEqual([
      ['1', 'ok', 1, { product: '1' }],
      ['2', 'ok', 1, { product: '2' }],
      ['3', 'ok', 1, { product: '3' }],
    ]);
    for (const row of r.rows) {
      expect(row.items.map((i) => [i.step, i.stepName, i.iteration, i.url])).toEqual([
        ['detail', 'Product page', 0, `http://demo/products/${row.row}`],
        ['again', 'Read again', 0, `http://demo/products/${row.row}`],
        ['again', 'Read again', 1, `http://demo/products/${row.row}`],
      ]);
      expect(row.durationMs).toBeGreaterThan(0);
    }

  });

  it('without a pinned concurrency: MemoryAdaptiveDispatcher with --concurrency as its ceiling, no rate limiter', () => {
    const flow = fixture('two-step.flow.json');
    delete flow.inputs!.concurrency;
    const r = run(flow, ['--concurrency', '3']);
    expect(r.status).toBe(0);
    expect(r.log.filter((e) => e.dispatch).map((e) => [e.dispatch, e.args, e.urls, e.rate_limiter])).toEqual([
      ['MemoryAdaptiveDispatcher', { memory_threshold_percent: 90, max_session_permit: 3 }, ['http://demo/products/1', 'http://demo/products/2', 'http://demo/products/3'], null],
    ]);
    expect(renderExport(flow, 'crawl4ai-python').text).toContain('CONCURRENCY = 5\n');
  });

  it('a repeated start url runs its first step with arun(); a failed row is retried with fresh sessions; a requeued placeholder is not a result', () => {
    const flow = fixture('two-step.flow.json');
    delete flow.inputs!.id; // rows are numbered, so two rows may open the same product
    delete flow.inputs!.concurrency;
    flow.inputs!.rows = [{ product: '1' }, { product: '2' }, { product: '2' }];
    const r = run(flow, ['--concurrency', '3'], { FAKE_CRAWL4AI_FAIL_URLS: JSON.stringify({ 'http://demo/products/1': 1 }), FAKE_CRAWL4AI_REQUEUE_ONCE: 'http://demo/products/2' });
    expect(r.status).toBe(0);
    expect(r.log.filter((e) => e.arun_many).map((e) => e.arun_many)).toEqual([['http://demo/products/1', 'http://demo/products/2']]);
    // Row 3 repeats row 2's start url: arun_many() could not tell them apart.
    expect(bySession(r.aruns, 'detail~row-3').map((e) => e.kwargs)).toEqual([[], [], []]);
    expect(bySession(r.aruns, 'detail~row-2').map((e) => e.kwargs)).toEqual([['session_id'], [], []]);
    // Row 1: its first step failed inside arun_many(); the retry runs the whole row with arun().
    const row1 = bySession(r.aruns, 'detail~row-1');
    expect(row1.map((e) => [e.kwargs, e.success, e.config!.shared_data!.crawlwright.step])).toEqual([
      [['session_id'], false, 'detail'],
      [[], true, 'detail'],
      [[], true, 'again'],
      [[], true, 'again'],
    ]);
    expect(r.log.filter((e) => e.kill_session === 'detail~row-1')).toHaveLength(2);
    const byRow = Object.fromEntries(r.rows.map((row) => [row.row, row]));
    expect([byRow['1'].attempts, byRow['2'].attempts, byRow['3'].attempts]).toEqual([2, 1, 1]);
    expect(r.rows.every((row) => row.status === 'ok' && row.items.length === 3)).toBe(true);
  });

  it('a row that still fails after its retries is a failed line; the exit code says so', () => {
    const r = run(fixture('two-step.flow.json'), [], { FAKE_CRAWL4AI_FAIL_URLS: JSON.stringify({ 'http://demo/products/2': 9 }) });
    expect(r.status).toBe(1);
    const row2 = r.rows.find((row) => row.row === '2')!;
    expect(row2).toMatchObject({ status: 'failed', attempts: 2, items: [] });
    expect(row2.error).toBe(`step 'Product page' failed: Wait condition failed: Timeout after 100ms`);
    expect(r.stderr).toContain('finished with failures: 3/3 rows · 2 done · 1 failed');
  });

  it('a page Crawl4AI reports as blocked by anti-bot protection is reported and the row goes on, as in the runner', () => {
    const r = run(fixture('two-step.flow.json'), [], { FAKE_CRAWL4AI_BLOCKED_URLS: JSON.stringify(['http://demo/products/2']) });
    expect(r.status).toBe(0);
    expect(r.rows.every((row) => row.status === 'ok' && row.items.length === 3 && row.attempts === 1)).toBe(true);
    expect(r.stderr).toContain(`row 2: step 'Product page': Crawl4AI reports it as failed (Blocked by anti-bot protection: Akamai block); continuing, as Crawlwright does`);
  });

  it('resumes: rows with a line are skipped, a torn last line runs again', () => {
    const flow = fixture('two-step.flow.json');
    const sub = mkdtempSync(path.join(dir, 'resume-'));
    const first = run(flow, [], {}, sub);
    expect(first.rows).toHaveLength(3);
    const lines = readFileSync(path.join(sub, 'results.jsonl'), 'utf8').split('\n').filter(Boolean);
    writeFileSync(path.join(sub, 'results.jsonl'), lines.slice(0, 2).join('\n') + '\n');
    appendFileSync(path.join(sub, 'results.jsonl'), lines[2].slice(0, 20));
    const second = run(flow, [], {}, sub);
    expect(second.status).toBe(0);
    const missing = JSON.parse(lines[2]) as Row;
    expect(second.log.filter((e) => e.arun_many).map((e) => e.arun_many)).toEqual([[`http://demo/products/${missing.row}`]]);
    expect(second.rows.map((row) => row.row).sort()).toEqual(['1', '2', '3']);
    const third = run(flow, [], {}, sub);
    expect(third.aruns).toHaveLength(0);
    expect(third.stderr).toContain('every row was already finished');
    const restarted = run(flow, ['--restart'], {}, sub);
    expect(restarted.aruns).toHaveLength(9);
  });

  it('rows from --inputs are checked like crawlwright run --inputs: a bad file is refused by line, a row url must stay http(s)', () => {
    const flow = fixture('two-step.flow.json');
    const sub = mkdtempSync(path.join(dir, 'inputs-'));
    writeFileSync(path.join(sub, 'bad.csv'), 'product,extra\n1,x\n{{secret:TOKEN}},\n');
    const bad = run(flow, ['--inputs', 'bad.csv'], {}, sub);
    expect(bad.status).not.toBe(0);
    expect(bad.aruns).toHaveLength(0);
    expect(bad.stderr).toContain(`line 2: column "extra" is not one of the flow's inputs.columns (product); a row may only set those`);
    expect(bad.stderr).toContain('line 3: "product" contains {{ }}; input values are data, never placeholders');

    writeFileSync(path.join(sub, 'rows.jsonl'), '{"product": 7}\n\n{"product": true}\n');
    const good = run(flow, ['--inputs', 'rows.jsonl'], {}, sub);
    expect(good.status).toBe(0);
    expect(good.rows.map((row) => row.row).sort()).toEqual(['7', 'true']);

    const urls: Flow = { ...flow, inputs: { columns: ['start'], rows: [{ start: 'file:///etc/passwd' }, { start: 'http://demo/products/4' }] } };
    urls.steps = [{ ...flow.steps[0], config: { ...flow.steps[0].config, url: '{{start}}', js_code: undefined } }];
    const refused = run(urls);
    expect(refused.status).toBe(1);
    expect(refused.aruns.map((e) => e.arun)).toEqual(['http://demo/products/4']);
    expect(refused.rows.find((row) => row.row === '1')).toMatchObject({
      status: 'failed',
      attempts: 1,
      error: 'step "Product page": url "file:///etc/passwd" (from the row) uses file:; only http(s) URLs may come from input rows',
    });
  });

  it('cleans up', () => rmSync(dir, { recursive: true, force: true }));
});

describe('the batch export in the other directions', () => {
  for (const name of ['two-step.flow.json', 'product-details.flow.json']) {
    it(`${name}: export → Python import gives the flow back, inputs included`, () => {
      const flow = fixture(name);
      const back = parseImport(renderExport(flow, 'crawl4ai-python').text);
      expect(back.errors).toEqual([]);
      // Only the flow's lint, nothing of the batch runtime, is reported.
      expect(back.notes.filter((n) => /^lines? \d/.test(n))).toEqual([]);
      // The documented loss: a url-less step gets the url the export passes to arun().
      const { urls } = resolveUrls(planExport(flow));
      const expected = { ...flow, variables: flow.variables ?? {}, steps: flow.steps.map((s, i) => ({ ...s, config: { ...s.config, url: urls[i] } })) };
      expect(normalizeFlow(back.flow!)).toEqual(normalizeFlow(expected));
    });
  }

  it('the config export says what it cannot express about inputs; the Playwright export runs the flow once', () => {
    const flow = fixture('two-step.flow.json');
    const config = renderExport(flow, 'crawl4ai-config');
    expect(config.notes.filter((n) => n.startsWith('inputs ('))).toEqual([
      expect.stringMatching(/^inputs \(columns product, 3 rows kept in the flow, concurrency 2\) cannot be expressed in configs: .*a session per row, arun_many\(\)'s per-row configs/),
    ]);
    expect((JSON.parse(config.text) as { notes: string[] }).notes).toEqual(config.notes);
    expect(renderExport(flow, 'playwright').notes).toContain(
      'inputs (product) are not exported: this file runs the flow once, with {{product}} taken like any other variable; `crawlwright run --inputs` runs it per row',
    );
  });
});
