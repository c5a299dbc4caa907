// P3 (placeholder, owned by the preview work): preview frame rate vs a bare CDP screencast of the
// same page (target ≥ 0.9×) and input→frame latency p95 < 150 ms on the demo site.
import { notImplemented, type BenchContext, type BenchRow } from './harness.js';

export async function run(_ctx: BenchContext): Promise<BenchRow[]> {
  return notImplemented('P3', 'Preview fps vs bare screencast; input→frame p95', 'fps ratio ≥ 0.90; p95 < 150 ms');
}
