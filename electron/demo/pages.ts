// Server-rendered demo pages with generated content: index, product grid, big page, table, item
// and product detail pages, status pages. Pure functions of their inputs (no I/O), so benches can
// build the same HTML without HTTP (productsHtml) and tests can check them directly.
import { esc, layout } from './html.js';
import { product, item, type Product } from './data.js';

export const PRODUCTS_DEFAULT = 24;
export const PRODUCTS_MAX = 5000;
export const BIG_DEFAULT = 10000;
export const BIG_MAX = 200000;

/** Clamp a query number into [min, max], falling back to `def` when missing or not a number. */
export function clampInt(raw: string | null, def: number, min: number, max: number): number {
  if (raw === null || raw.trim() === '') return def;
  const n = Number(raw);
  if (!Number.isFinite(n)) return def;
  return Math.min(max, Math.max(min, Math.floor(n)));
}

const ROUTES: Array<[string, string]> = [
  ['/login', 'Login form (demo / demo) → session cookie → /account'],
  ['/members', 'Members list behind the login, paginated client-side ("Next" button)'],
  ['/list', 'List paginated by a "Next" button that swaps content client-side'],
  ['/pages?page=1', 'List paginated by full page loads (rel="next" link)'],
  ['/load-more', '"Load more" button appending items'],
  ['/infinite', 'Infinite scroll'],
  ['/commits', 'Commit list modelled on the GitHub commits page (Crawl4AI session docs)'],
  ['/products', 'Product grid with nested fields (?n= up to 5000)'],
  ['/table', 'Data table'],
  ['/frames', 'Same-origin iframe with a list'],
  ['/shadow', 'Content inside an open shadow root'],
  ['/delayed', 'Content that appears after 1.5 s'],
  ['/form', 'Form posting to an echo page'],
  ['/big?n=10000', 'Large page for the picker benchmark'],
  ['/console', 'Console messages and an uncaught error'],
  ['/headers', 'Shows the request User-Agent and cookie names'],
  ['/new-tab', 'Links opening new pages (target=_blank, window.open)'],
  ['/redirect?n=2&to=/list', 'Redirect chain (302)'],
  ['/status/404', 'HTTP 404 page'],
  ['/status/500', 'HTTP 500 page'],
  ['/slow?ms=2000', 'Responds after a delay'],
];

export function indexHtml(): string {
  const rows = ROUTES.map(
    ([href, what]) => `<li class="route"><a class="route-link" href="${esc(href)}">${esc(href)}</a> <span class="route-desc">${esc(what)}</span></li>`,
  ).join('\n');
  return layout({
    title: 'Home',
    body: `<h1 id="title">Crawlwright demo site</h1>
<p class="lead">A local site with the patterns multi-step crawls have to handle. Everything is generated
deterministically, so flows and tests see the same content on every run.</p>
<ul id="routes" class="route-list">
${rows}
</ul>`,
  });
}

function starsText(stars: number): string {
  const full = Math.floor(stars);
  return '★'.repeat(full) + (stars - full >= 0.5 ? '½' : '');
}

function productCard(p: Product): string {
  const parts: string[] = [];
  parts.push(`<img class="thumb" src="/img/product/${p.id}.svg" alt="${esc(p.name)}" width="160" height="120" loading="lazy">`);
  parts.push(`<h2 class="name">${esc(p.name)}</h2>`);
  parts.push(p.price ? `<span class="price">${esc(p.price)}</span>` : `<span class="on-request">Price on request</span>`);
  parts.push(`<span class="category">${esc(p.category)}</span>`);
  parts.push(`<p class="description">${esc(p.description)}</p>`);
  if (p.stars !== undefined) {
    parts.push(`<div class="rating" data-stars="${p.stars}" title="${p.stars} out of 5"><span class="stars-visual" aria-hidden="true">${starsText(p.stars)}</span> <span class="rating-value">${p.stars}</span></div>`);
  }
  if (p.brand) {
    parts.push(`<div class="brand"><span class="brand-name">${esc(p.brand.name)}</span> <span class="brand-country">${esc(p.brand.country)}</span></div>`);
  }
  if (p.features.length) {
    parts.push(`<ul class="features">${p.features.map((f) => `<li>${esc(f)}</li>`).join('')}</ul>`);
  }
  if (p.reviews.length) {
    // Review text contains markup on purpose (text joining / html type cases).
    const revs = p.reviews
      .map((r) => `<div class="rev"><span class="who">${esc(r.who)}</span> <span class="stars">${r.stars}</span><p class="rev-text">${r.text}</p></div>`)
      .join('');
    parts.push(`<div class="reviews"><h3 class="reviews-title">Reviews</h3>${revs}</div>`);
  }
  parts.push(`<a class="details-link" href="/products/${p.id}">Details</a>`);
  // A generated-looking class (css-…) alongside the stable `product` class, as CSS-in-JS emits.
  return `<div class="product css-1f2a9xk" data-id="${p.id}" data-category="${esc(p.category)}">\n  ${parts.join('\n  ')}\n</div>`;
}

/** The /products page for n products (1..n). Deterministic; used by the P1 extraction bench. */
export function productsHtml(n: number): string {
  const count = Math.min(PRODUCTS_MAX, Math.max(0, Math.floor(n)));
  const cards: string[] = [];
  for (let i = 1; i <= count; i++) cards.push(productCard(product(i)));
  return layout({
    title: 'Products',
    body: `<h1 id="title">Products</h1>
<p class="summary">Showing <span id="product-count">${count}</span> products.</p>
<section id="products" class="product-grid sc-fzXfNl">
${cards.join('\n')}
</section>`,
  });
}

export function productDetailHtml(id: number): string {
  const p = product(id);
  return layout({
    title: p.name,
    body: `<article id="product-detail" class="product-detail" data-id="${p.id}">
${productCard(p)}
<p><a href="/products">Back to products</a></p>
</article>`,
  });
}

export function itemDetailHtml(id: number): string {
  const it = item(id);
  return layout({
    title: it.title,
    body: `<article id="item-detail" class="item-detail" data-id="${it.id}">
<h1 class="title">${esc(it.title)}</h1>
<p class="price">${esc(it.price)}</p>
<p><a href="/list">Back to the list</a></p>
</article>`,
  });
}

/** A deterministic product thumbnail (no external images). */
export function productSvg(id: number): string {
  const hue = (id * 47) % 360;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="160" height="120" viewBox="0 0 160 120"><rect width="160" height="120" fill="hsl(${hue},60%,80%)"/><text x="80" y="66" font-family="sans-serif" font-size="20" text-anchor="middle" fill="hsl(${hue},40%,30%)">#${id}</text></svg>`;
}

/**
 * A page with roughly n elements: sections → card lists → cards (h3, p, a, span, small), with
 * generated-looking classes mixed in. For the picker benchmark (hit-test and match on a big DOM).
 */
export function bigHtml(n: number): string {
  const target = Math.min(BIG_MAX, Math.max(10, Math.floor(n)));
  const out: string[] = [];
  let count = 0;
  let section = 0;
  while (count < target) {
    section++;
    out.push(`<section class="big-section s-${section} css-${(section * 7919).toString(36)}" id="section-${section}"><h2 class="section-title">Section ${section}</h2><ul class="card-list">`);
    count += 3;
    for (let c = 1; c <= 20 && count < target; c++) {
      const k = (section - 1) * 20 + c;
      out.push(
        `<li class="card-item"><div class="card sc-${(k * 31).toString(36)}" data-k="${k}"><h3 class="card-title">Card ${k}</h3><p class="card-text">Text of card ${k} in section ${section}.</p><a class="card-link" href="/items/${k}">Open</a> <span class="badge">${k % 3 === 0 ? 'new' : 'old'}</span></div></li>`,
      );
      count += 6;
    }
    out.push('</ul></section>');
  }
  return layout({
    title: `Big page (${target})`,
    body: `<h1 id="title">Big page</h1><p class="summary">About <span id="element-count">${target}</span> elements.</p>\n<div id="big" class="big-root">${out.join('\n')}</div>`,
  });
}

const QUARTERS = ['Q1', 'Q2', 'Q3', 'Q4'];
const REGIONS = ['North', 'South', 'East'];

export function tableHtml(): string {
  const rows: string[] = [];
  let total = 0;
  let units = 0;
  QUARTERS.forEach((q, qi) => {
    REGIONS.forEach((r, ri) => {
      const revenue = 100000 + qi * 25000 + ri * 13750 + ((qi * 3 + ri) % 5) * 1234;
      const u = Math.round(revenue / 47);
      const growth = (((qi * 3 + ri) * 37) % 250) / 10 - 5;
      total += revenue;
      units += u;
      rows.push(
        `<tr class="row" data-quarter="${q}"><td class="quarter">${q} 2025</td><td class="region">${r}</td><td class="revenue num">$${revenue.toLocaleString('en-US')}</td><td class="units num">${u}</td><td class="growth num">${growth.toFixed(1)}%</td></tr>`,
      );
    });
  });
  return layout({
    title: 'Table',
    body: `<h1 id="title">Quarterly sales</h1>
<table id="sales-table" class="data-table css-1k8ixzs">
<caption>Sales by quarter and region, 2025</caption>
<thead><tr><th scope="col">Quarter</th><th scope="col">Region</th><th scope="col">Revenue</th><th scope="col">Units</th><th scope="col">Growth</th></tr></thead>
<tbody>
${rows.join('\n')}
</tbody>
<tfoot><tr><th scope="row" colspan="2">Total</th><td class="revenue num">$${total.toLocaleString('en-US')}</td><td class="units num">${units}</td><td></td></tr></tfoot>
</table>`,
  });
}

export function statusHtml(code: number, message: string): string {
  return layout({
    title: `${code}`,
    body: `<h1 id="title" class="status-code">${code}</h1><p id="status-message" class="status-message">${esc(message)}</p><p><a href="/">Back home</a></p>`,
  });
}
