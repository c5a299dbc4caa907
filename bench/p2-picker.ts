// P2: hover → highlight + ranked candidates on /big?n=10000, measured end-to-end through the
// preview service's picker.hitTest (CDP round trip, isolated-world script, candidate counts,
// Crawl4AI validity). Also picker.match of a typed selector (live highlight), reported as P2b.
import { percentile, round, type BenchContext, type BenchRow } from './harness.js';
import { startPreviewRig, SESSION } from './preview-rig.js';
import * as picker from '../electron/preview/picker.js';

const SAMPLES = 300;

export async function run(ctx: BenchContext): Promise<BenchRow[]> {
  const rig = await startPreviewRig(ctx);
  try {
    await rig.page.goto(`${ctx.demoUrl}/big?n=10000`, { waitUntil: 'load' });
    const elements = await rig.page.evaluate(() => document.querySelectorAll('*').length);
    await picker.hitTest(rig.preview, SESSION, 10, 10, {}); // install the picker world (not measured)
    const times: number[] = [];
    let withCandidates = 0;
    for (let i = 0; i < SAMPLES && !ctx.signal?.aborted; i++) {
      // Scroll through the page every 30 hovers so different sections are under the pointer.
      if (i % 30 === 0) await rig.page.evaluate((y) => window.scrollTo(0, y), (i / 30) * 2400);
      const x = 20 + ((i * 97) % 1200);
      const y = 20 + ((i * 61) % 760);
      const t0 = performance.now();
      const el = await picker.hitTest(rig.preview, SESSION, x, y, {});
      times.push(performance.now() - t0);
      if (el && el.candidates.length) withCandidates++;
    }
    const matchTimes: number[] = [];
    for (const sel of ['.card-title', 'li.card-item > div.card > a.card-link', '#section-40 .badge', '.card[data-k]', 'h3']) {
      for (let i = 0; i < 10; i++) {
        const t0 = performance.now();
        await picker.match(rig.preview, SESSION, sel, {});
        matchTimes.push(performance.now() - t0);
      }
    }
    const p95 = percentile(times, 95);
    const m95 = percentile(matchTimes, 95);
    return [
      {
        id: 'P2',
        what: `Picker hover: hit-test + candidates, ${elements} elements`,
        value: round(p95),
        unit: 'ms p95',
        target: 'p95 < 30 ms',
        pass: p95 < 30,
        note: `${times.length} hovers, median ${round(percentile(times, 50))} ms, max ${round(Math.max(...times))} ms; ${withCandidates} with candidates`,
      },
      {
        id: 'P2b',
        what: 'Live highlight: picker.match (all boxes, ≤500)',
        value: round(m95),
        unit: 'ms p95',
        target: 'p95 < 30 ms',
        pass: m95 < 30,
        note: `${matchTimes.length} matches over 5 selectors, median ${round(percentile(matchTimes, 50))} ms`,
      },
    ];
  } finally {
    await rig.close();
  }
}
