import { describe, expect, it } from 'vitest';
import { parseImport } from '../../../shared/export/index.js';

// The dump() example of crawl4ai-notes.md 3.1 (typed params, dict wrappers, enum cache_mode).
const DUMP = {
  type: 'CrawlerRunConfig',
  params: {
    extraction_strategy: {
      type: 'JsonCssExtractionStrategy',
      params: {
        schema: {
          type: 'dict',
          value: {
            name: 'Items',
            baseSelector: '.item',
            fields: [
              { type: 'dict', value: { name: 'title', selector: 'h2', type: 'text' } },
              { type: 'dict', value: { name: 'url', selector: 'a', type: 'attribute', attribute: 'href' } },
            ],
          },
        },
      },
    },
    scraping_strategy: { type: 'LXMLWebScrapingStrategy', params: {} },
    cache_mode: { type: 'CacheMode', params: 'enabled' },
    session_id: 's1',
    wait_for: 'css:.item',
    js_code: ["document.querySelector('a.next').click();"],
    js_only: true,
    table_extraction: { type: 'DefaultTableExtraction', params: {} },
    exclude_social_media_domains: ['facebook.com', 'twitter.com'],
  },
};

describe('import.parse', () => {
  it('imports a CrawlerRunConfig dump as a step, unwrapping dict and enum forms', () => {
    const r = parseImport(JSON.stringify(DUMP));
    expect(r.errors).toEqual([]);
    expect(r.kind).toBe('crawler-config');
    expect(r.step!.name).toBe('Items');
    expect(r.step!.config).toEqual({
      extraction_strategy: {
        type: 'JsonCssExtractionStrategy',
        schema: {
          name: 'Items',
          baseSelector: '.item',
          fields: [
            { name: 'title', selector: 'h2', type: 'text' },
            { name: 'url', selector: 'a', type: 'attribute', attribute: 'href' },
          ],
        },
      },
      cache_mode: 'enabled',
      session_id: 's1',
      wait_for: 'css:.item',
      js_code: ["document.querySelector('a.next').click();"],
      js_only: true,
    });
    // dump() noise is reported, not silently dropped
    expect(r.notes.filter((n) => n.includes('written by every CrawlerRunConfig.dump()'))).toHaveLength(3);
  });

  it('imports a bare kwargs dict and reports unsupported and unknown parameters', () => {
    const r = parseImport(JSON.stringify({ url: 'https://example.com', wait_for: 'css:.x', magic: true, wait_fro: 'x', css_selector: '.main', word_count_threshold: 5 }));
    expect(r.errors).toEqual([]);
    // magic is a supported page option now; word_count_threshold (markdown only) is not.
    expect(r.step!.config).toEqual({ url: 'https://example.com', wait_for: 'css:.x', css_selector: '.main', magic: true });
    expect(r.notes).toContain('word_count_threshold: CrawlerRunConfig parameter not supported by Crawlwright flows; left out');
    expect(r.notes.some((n) => n.startsWith('wait_fro: not a CrawlerRunConfig parameter (did you mean "wait_for"?)'))).toBe(true);
  });

  it('names the path of a bad parameter value', () => {
    const r = parseImport(JSON.stringify({ type: 'CrawlerRunConfig', params: { page_timeout: 'slow' } }));
    expect(r.step).toBeUndefined();
    expect(r.errors[0].path).toBe('params.page_timeout');
  });

  it('reports other extraction strategies instead of dropping them', () => {
    const r = parseImport(JSON.stringify({ type: 'CrawlerRunConfig', params: { extraction_strategy: { type: 'LLMExtractionStrategy', params: {} }, wait_for: 'css:a' } }));
    expect(r.step!.config.extraction_strategy).toBeUndefined();
    expect(r.notes[0]).toMatch(/params\.extraction_strategy: LLMExtractionStrategy is not supported/);
  });

  it('imports a bare schema and a wrapped schema as an extraction step', () => {
    const schema = { name: 'Quotes', baseSelector: 'div.quote', fields: [{ name: 'text', selector: 'span.text', type: 'text' }] };
    for (const text of [schema, { type: 'JsonCssExtractionStrategy', schema }, { type: 'JsonCssExtractionStrategy', params: { schema: { type: 'dict', value: schema } } }]) {
      const r = parseImport(JSON.stringify(text));
      expect(r.errors).toEqual([]);
      expect(r.kind).toBe('schema');
      expect(r.step!.name).toBe('Quotes');
      expect(r.step!.config.extraction_strategy).toEqual({ type: 'JsonCssExtractionStrategy', schema });
      expect(r.notes.length).toBe(1);
    }
  });

  it('names the path inside a bad schema', () => {
    const r = parseImport(JSON.stringify({ type: 'JsonCssExtractionStrategy', schema: { baseSelector: 'li', fields: [{ name: 'a', type: 'text', selectr: 'b' }] } }));
    expect(r.kind).toBe('schema');
    expect(r.errors[0].path).toBe('schema.fields[0].selectr');
    expect(r.errors[0].message).toMatch(/selector/);
  });

  it('validates flows with path-named errors', () => {
    const r = parseImport(JSON.stringify({ format: 'crawlwright.flow', version: 1, name: 'x', steps: [{ id: 'a', name: 'a', config: { wait_for: 3 } }] }));
    expect(r.kind).toBe('flow');
    expect(r.errors[0].path).toBe('steps[0].config.wait_for');
  });

  it('imports a Docker /crawl request body as a flow (notes 3.2 example)', () => {
    const body = {
      urls: ['https://quotes.toscrape.com/js/'],
      browser_config: { type: 'BrowserConfig', params: { headless: true, viewport_width: 1280 } },
      crawler_config: {
        type: 'CrawlerRunConfig',
        params: {
          cache_mode: { type: 'CacheMode', params: 'bypass' },
          wait_for: 'css:.quote',
          wait_for_timeout: 15000,
          css_selector: '.col-md-8',
          extraction_strategy: {
            type: 'JsonCssExtractionStrategy',
            params: { schema: { type: 'dict', value: { name: 'Quotes', baseSelector: 'div.quote', fields: [{ name: 'text', selector: 'span.text', type: 'text' }] } } },
          },
        },
      },
    };
    const r = parseImport(JSON.stringify(body));
    expect(r.errors).toEqual([]);
    expect(r.flow!.browser).toEqual({ headless: true, viewport_width: 1280 });
    expect(r.flow!.steps).toHaveLength(1);
    expect(r.flow!.steps[0].config).toMatchObject({ url: 'https://quotes.toscrape.com/js/', wait_for: 'css:.quote', css_selector: '.col-md-8', cache_mode: 'bypass' });
    expect(r.flow!.steps[0].config.extraction_strategy!.schema.baseSelector).toBe('div.quote');
  });

  it('explains JSON syntax errors and unrecognised documents', () => {
    expect(parseImport('{"a": ').errors[0].message).toMatch(/not valid JSON/);
    expect(parseImport('[1]').errors[0].message).toMatch(/JSON object/);
    expect(parseImport('{"hello": 1}').errors[0].message).toMatch(/not recognised/);
    expect(parseImport('{"type": "BrowserConfig", "params": {}}').errors[0].path).toBe('type');
  });
});
