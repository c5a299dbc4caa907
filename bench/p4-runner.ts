// P4 (placeholder, owned by the engine work): a 20-step js_only flow on one session vs a
// hand-written Playwright script doing the same actions, median of several runs. Target ≤ 1.10×.
import { notImplemented, type BenchContext, type BenchRow } from './harness.js';

export async function run(_ctx: BenchContext): Promise<BenchRow[]> {
  return notImplemented('P4', 'Runner, 20 js_only steps vs raw Playwright', 'ratio ≤ 1.10');
}
