// P4: runner overhead. A 20-step js_only flow on one session (GitHub-style commits pagination on
// the demo site: click Next — or Previous at the last page — then wait_for the first commit to
// change, then capture the HTML) vs a hand-written Playwright script doing the same actions on
// one page (evaluate the click, waitForFunction with the same 100 ms polling, page.content()).
// Median of ≥5 runs each, interleaved; ratio = runner / Playwright. Target ≤ 1.10×.
// delay_before_return_html is set to 0 (Crawl4AI's default 0.1 s would add 2 s of sleeping that
// the hand-written script does not do); no extraction (that is P1's subject).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Flow } from '../shared/flow/schema.js';
import { Engine } from '../electron/engine/engine.js';
import { launchBrowser, median, round, timeMs, type BenchContext, type BenchRow } from './harness.js';

const STEPS = 20;
const RUNS = 5;

const CLICK = `const first = document.querySelector('li.Box-sc-g0xbh4-0 h4');
window.__first = first ? first.textContent : '';
const next = document.querySelector('a[data-testid="pagination-next-button"]');
const prev = document.querySelector('a[data-testid="pagination-prev-button"]');
window.__dir = window.__dir || 'next';
if (window.__dir === 'next' && !next) window.__dir = 'prev';
if (window.__dir === 'prev' && !prev) window.__dir = 'next';
(window.__dir === 'next' ? next : prev).click();`;
const CHANGED = `() => { const h = document.querySelector('li.Box-sc-g0xbh4-0 h4'); return h !== null && h.textContent !== window.__first; }`;

function benchFlow(demoUrl: string): Flow {
  const steps: Flow['steps'] = [
    { id: 'open', name: 'open', config: { url: `${demoUrl}/commits`, session_id: 'p4', delay_before_return_html: 0 } },
  ];
  for (let i = 1; i <= STEPS; i++) {
    steps.push({
      id: `s${i}`,
      name: `page ${i}`,
      config: { url: `${demoUrl}/commits`, session_id: 'p4', js_only: true, js_code_before_wait: CLICK, wait_for: `js:${CHANGED}`, delay_before_return_html: 0 },
    });
  }
  return { format: 'crawlwright.flow', version: 1, name: 'P4', steps };
}

export async function run(ctx: BenchContext): Promise<BenchRow[]> {
  const what = `Runner, ${STEPS} js_only steps vs raw Playwright`;
  if (!ctx.browserPath) return [{ id: 'P4', what, value: null, unit: 'ms', target: 'ratio ≤ 1.10', pass: null, note: 'no browser found' }];
  const dir = await mkdtemp(join(tmpdir(), 'cw-p4-'));
  const engine = new Engine({ browserPath: ctx.browserPath, artifactsDir: dir, emit: () => undefined });
  const browser = await launchBrowser(ctx);
  const flow = benchFlow(ctx.demoUrl);
  // `warm`: one step only (JIT/caches warm-up, kept short so P4 fits its bench budget).
  const runner = async (warm = false) => {
    // Only the js_only steps are timed; opening the page is setup.
    await engine.sessions.kill('p4');
    const open = await engine.startRun(flow, { mode: 'step', stepId: 'open' }).done;
    if (open.status !== 'ok') throw new Error(`P4 setup failed: ${open.error}`);
    const ms = await timeMs(async () => {
      const r = await engine.startRun(flow, warm ? { mode: 'step', stepId: 's1' } : { mode: 'from', stepId: 's1' }).done;
      if (r.status !== 'ok') throw new Error(`P4 runner failed: ${r.error}`);
    });
    return ms;
  };
  const playwright = async (warm = false) => {
    const context = await browser.newContext({ viewport: { width: 1080, height: 600 } });
    const page = await context.newPage();
    await page.goto(`${ctx.demoUrl}/commits`, { waitUntil: 'domcontentloaded' });
    const ms = await timeMs(async () => {
      for (let i = 0; i < (warm ? 1 : STEPS); i++) {
        await page.evaluate(`(async () => { ${CLICK} })()`);
        // As an expression that *calls* the predicate (a bare function string would be truthy at once).
        await page.waitForFunction(`(${CHANGED})()`, undefined, { polling: 100, timeout: 60_000 });
        await page.content();
      }
    });
    await context.close();
    return ms;
  };
  try {
    await runner(true); // warm-up
    await playwright(true);
    const a: number[] = [];
    const b: number[] = [];
    for (let i = 0; i < RUNS && !ctx.signal?.aborted; i++) {
      a.push(await runner());
      b.push(await playwright());
    }
    const ma = median(a);
    const mb = median(b);
    const ratio = ma / mb;
    return [
      {
        id: 'P4',
        what,
        value: round(ma),
        unit: 'ms',
        baseline: round(mb),
        ratio: round(ratio),
        target: 'ratio ≤ 1.10',
        pass: ratio <= 1.1,
        note: `median of ${a.length} runs; per step ${round(ma / STEPS)} ms vs ${round(mb / STEPS)} ms (runner includes HTML snapshot artifacts, console/network capture, window.stop, load-state checks)`,
      },
    ];
  } finally {
    await engine.close();
    await browser.close().catch(() => undefined);
    await rm(dir, { recursive: true, force: true });
  }
}
