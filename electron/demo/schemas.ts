// Reference JsonCss schemas for the demo pages (Crawl4AI's JsonCssExtractionStrategy format).
// Used by the demo flow (MEMBERS_SCHEMA is the one in assets/demo-flows/demo.flow.json), the P1
// extraction bench (PRODUCTS_SCHEMA on productsHtml(2000)) and tests of the extractor/exporter.
import type { JsonCssSchema } from '../../shared/extract/schema.js';

/** /products: baseFields, text, regex, transform, attribute + default, nested, list, nested_list. */
export const PRODUCTS_SCHEMA: JsonCssSchema = {
  name: 'Products',
  baseSelector: 'div.product',
  baseFields: [{ name: 'id', type: 'attribute', attribute: 'data-id' }],
  fields: [
    { name: 'name', type: 'text', selector: 'h2.name' },
    { name: 'price', type: 'regex', selector: 'span.price', pattern: '\\$([\\d,.]+)' },
    { name: 'category', type: 'text', selector: 'span.category', transform: 'lowercase' },
    { name: 'model', type: 'regex', selector: 'p.description', pattern: 'Model (CW-\\d+)' },
    { name: 'stars', type: 'attribute', selector: 'div.rating', attribute: 'data-stars', default: null },
    { name: 'image', type: 'attribute', selector: 'img.thumb', attribute: 'src' },
    { name: 'link', type: 'attribute', selector: 'a.details-link', attribute: 'href' },
    {
      name: 'brand',
      type: 'nested',
      selector: '.brand',
      fields: [
        { name: 'name', type: 'text', selector: '.brand-name' },
        { name: 'country', type: 'text', selector: '.brand-country' },
      ],
    },
    { name: 'features', type: 'list', selector: 'ul.features > li', fields: [{ name: 'feature', type: 'text' }] },
    {
      name: 'reviews',
      type: 'nested_list',
      selector: '.reviews .rev',
      fields: [
        { name: 'who', type: 'text', selector: '.who' },
        { name: 'stars', type: 'text', selector: '.stars' },
        { name: 'text', type: 'html', selector: '.rev-text' },
      ],
    },
  ],
};

/** /members (login required) — the schema of the demo flow. */
export const MEMBERS_SCHEMA: JsonCssSchema = {
  name: 'Members',
  baseSelector: '#members li.member',
  baseFields: [{ name: 'id', type: 'attribute', attribute: 'data-id' }],
  fields: [
    { name: 'name', type: 'text', selector: '.name' },
    { name: 'email', type: 'text', selector: 'a.email' },
    { name: 'role', type: 'text', selector: '.role' },
    { name: 'joined', type: 'attribute', selector: 'time.joined', attribute: 'datetime' },
  ],
};

/** /commits — as in Crawl4AI's session-management docs (title only there; author/sha added). */
export const COMMITS_SCHEMA: JsonCssSchema = {
  name: 'Commit Extractor',
  baseSelector: 'li.Box-sc-g0xbh4-0',
  fields: [
    { name: 'title', type: 'text', selector: 'h4.markdown-title', transform: 'strip' },
    { name: 'author', type: 'text', selector: 'a.commit-author' },
    { name: 'sha', type: 'attribute', attribute: 'data-commit-sha' },
    { name: 'date', type: 'attribute', selector: 'relative-time', attribute: 'datetime' },
  ],
};

/** /list, /pages, /load-more (#items) and /infinite (#feed). */
export const ITEMS_SCHEMA: JsonCssSchema = {
  name: 'Items',
  baseSelector: 'li.item',
  fields: [
    { name: 'title', type: 'text', selector: '.title' },
    { name: 'price', type: 'text', selector: '.price' },
    { name: 'url', type: 'attribute', selector: 'a.item-link', attribute: 'href' },
  ],
};

/** /table — note: lxml keeps the parser-inserted tbody only when the HTML has one (it does here). */
export const TABLE_SCHEMA: JsonCssSchema = {
  name: 'Sales',
  baseSelector: '#sales-table tbody tr',
  fields: [
    { name: 'quarter', type: 'text', selector: 'td:nth-child(1)' },
    { name: 'region', type: 'text', selector: 'td:nth-child(2)' },
    { name: 'revenue', type: 'text', selector: 'td:nth-child(3)' },
    { name: 'units', type: 'text', selector: 'td:nth-child(4)' },
    { name: 'growth', type: 'text', selector: 'td:nth-child(5)' },
  ],
};
