// P2 (placeholder, owned by the preview/picker work): hover → highlight + ranked candidates on
// /big?n=10000. Target p95 < 30 ms.
import { notImplemented, type BenchContext, type BenchRow } from './harness.js';

export async function run(_ctx: BenchContext): Promise<BenchRow[]> {
  return notImplemented('P2', 'Picker hit-test + candidates, 10k elements', 'p95 < 30 ms');
}
