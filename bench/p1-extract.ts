// P1 (placeholder, owned by the extractor work): time to extract the generated 2,000-product page
// (electron/demo/pages.ts productsHtml(2000)) with the JsonCss extractor, and MB/s. Target < 100 ms.
import { notImplemented, type BenchContext, type BenchRow } from './harness.js';

export async function run(_ctx: BenchContext): Promise<BenchRow[]> {
  return notImplemented('P1', 'JsonCss extract, 2,000 products', '< 100 ms');
}
