// P1: time to extract the generated 2,000-product page (electron/demo/pages.ts productsHtml(2000))
// with the JsonCss extractor (shared/extract) — parse + select + all fields + json.dumps, i.e.
// exactly what the schema tester and `crawlwright extract` do — median of several runs, and MB/s.
// P1 uses the demo's PRODUCTS_SCHEMA (baseFields, text, regex, transform, attribute + default,
// nested, list, nested_list, html). P1c adds every other kind of work (multi-valued class, named
// groups, type pipelines, a sibling `source`, more transforms/defaults). Target: < 100 ms.
import { median, percentile, round, sample, type BenchContext, type BenchRow, type SampleOptions } from './harness.js';
import { productsHtml } from '../electron/demo/pages.js';
import { PRODUCTS_SCHEMA } from '../electron/demo/schemas.js';
import { extractJsonCss } from '../shared/extract/index.js';
import type { JsonCssSchema } from '../shared/extract/schema.js';

export const P1_SCHEMA: JsonCssSchema = {
  name: 'Products',
  baseSelector: 'div.product',
  baseFields: [
    { name: 'id', type: 'attribute', attribute: 'data-id' },
    { name: 'classes', type: 'attribute', attribute: 'class' },
  ],
  fields: [
    { name: 'name', type: 'text', selector: 'h2.name' },
    { name: 'name_upper', type: 'text', selector: 'h2.name', transform: 'uppercase' },
    { name: 'price', type: 'regex', selector: '.price', pattern: '(?P<amount>[\\d,.]+)', group: 'amount', default: null },
    { name: 'category', type: 'text', selector: 'span.category' },
    { name: 'description', type: 'text', selector: 'p.description' },
    { name: 'stars', type: ['attribute', 'regex'], selector: '.rating', attribute: 'data-stars', pattern: '^(\\d+(?:\\.\\d+)?)$', default: 'n/a' },
    { name: 'thumb', type: 'attribute', selector: 'img.thumb', attribute: 'src' },
    { name: 'link_id', type: ['attribute', 'regex'], selector: 'a.details-link', attribute: 'href', pattern: '/products/(\\d+)' },
    { name: 'brand', type: 'nested', selector: 'div.brand', fields: [
      { name: 'name', type: 'text', selector: '.brand-name' },
      { name: 'country', type: 'text', selector: '.brand-country', transform: 'lowercase' },
    ] },
    { name: 'features', type: 'list', selector: 'ul.features > li', fields: [{ name: 'f', type: 'text' }] },
    { name: 'reviews', type: 'nested_list', selector: '.reviews .rev', fields: [
      { name: 'who', type: 'text', selector: '.who' },
      { name: 'stars', type: 'text', selector: '.stars' },
      { name: 'text_html', type: 'html', selector: '.rev-text' },
    ] },
    { name: 'next_category', type: 'attribute', attribute: 'data-category', source: '+ div.product', default: null },
    { name: 'sku', type: 'text', selector: '.sku', default: 'N/A' },
  ],
};

const N = 2000;

interface Measured {
  med: number;
  p90: number;
  min: number;
  cpu: number;
  runs: number;
  items: number;
  bytes: number;
}

/** Extract repeatedly: wall-time samples, and the process CPU time of every run (warm-up runs
 *  first). On a shared, loaded machine wall time mostly measures waiting for a core (and GC helper
 *  threads); CPU time is closer to the cost of the work. */
async function sampleExtract(html: string, schema: JsonCssSchema, opts: SampleOptions): Promise<{ times: number[]; cpu: number[] }> {
  const cpu: number[] = [];
  const times = await sample(() => {
    const c0 = process.cpuUsage();
    void extractJsonCss(html, schema).extracted_content;
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
  }, opts);
  return { times, cpu: cpu.slice(-times.length) };
}

async function measure(html: string, schema: JsonCssSchema, ctx: BenchContext): Promise<Measured> {
  // what the tester/CLI need is the string; `items` (plain objects) is converted lazily, once, outside the timing
  const check = extractJsonCss(html, schema);
  const items = check.items.length;
  const bytes = check.extracted_content.length;
  const { times, cpu } = await sampleExtract(html, schema, { runs: 11, warmup: 4, budgetMs: 20_000, signal: ctx.signal });
  return {
    med: median(times),
    p90: percentile(times, 90),
    min: Math.min(...times),
    cpu: median(cpu),
    runs: times.length,
    items,
    bytes,
  };
}

const describe = (m: Measured, mb: number) =>
  `${m.items} items, page ${round(mb)} MB, output ${round(m.bytes / 1e6)} MB, p90 ${round(m.p90)} ms, min ${round(m.min)} ms, process CPU ${round(m.cpu)} ms/run (incl. GC threads), ${m.runs} runs`;

/** n nested divs, text at the bottom, and a schema asking for the text of every level (the output
 *  is n × "x": linear; each level holding text of its own would make the output itself quadratic). */
function deepCase(n: number): { html: string; schema: JsonCssSchema } {
  return {
    html: '<div>'.repeat(n) + 'x' + '</div>'.repeat(n),
    schema: { baseSelector: 'div', fields: [{ name: 't', type: 'text' }] },
  };
}

/** P1d: text of every level of 16k nested divs, and how the time grows to 4× the depth (linear:
 *  4×, quadratic: 16×). */
async function deepNesting(ctx: BenchContext): Promise<BenchRow[]> {
  // process CPU time, best of the runs: a growth ratio must not measure waiting for a core
  const time = async (n: number) => {
    const { html, schema } = deepCase(n);
    const { cpu } = await sampleExtract(html, schema, { runs: 5, warmup: 1, budgetMs: 10_000, signal: ctx.signal });
    return Math.min(...cpu);
  };
  const t16 = await time(16000);
  const t64 = await time(64000);
  const growth = t64 / t16;
  return [
    { id: 'P1d', what: 'text of every level, 16k nested divs (process CPU)', value: round(t16), unit: 'ms', ratio: round(growth), target: '64k/16k ≤ 6 (linear: 4, quadratic: 16; 16k was 8.6 s)', pass: growth <= 6, note: `64k levels ${round(t64)} ms; ratio = 64k / 16k` },
  ];
}

export async function run(ctx: BenchContext): Promise<BenchRow[]> {
  const html = productsHtml(N);
  const mb = Buffer.byteLength(html, 'utf8') / 1e6;
  const a = await measure(html, PRODUCTS_SCHEMA, ctx);
  const b = await measure(html, P1_SCHEMA, ctx);
  return [
    { id: 'P1', what: `JsonCss extract, ${N.toLocaleString('en')} products (parse+select+fields+json)`, value: round(a.med), unit: 'ms', target: '< 100 ms', pass: a.med < 100 && a.items === N, note: describe(a, mb) },
    { id: 'P1b', what: 'JsonCss extract throughput (P1)', value: round(mb / (a.med / 1000)), unit: 'MB/s', target: 'informational', pass: null },
    { id: 'P1c', what: 'P1 with every field kind (source, pipelines, class lists, …)', value: round(b.med), unit: 'ms', target: 'informational', pass: null, note: describe(b, mb) },
    ...(await deepNesting(ctx)),
  ];
}
