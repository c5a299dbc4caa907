// json export → import.parse gives the same flow back (lossless), for every test flow; and the
// crawl4ai-config export reads back into an equivalent flow (minus what it cannot carry).
import { describe, expect, it } from 'vitest';
import { parseImport, renderExport } from '../../../shared/export/index.js';
import { normalizeFlow, serializeFlow } from '../../../shared/flow/index.js';
import { loadTestFlows } from './flows.js';

const flows = loadTestFlows();

describe('json export round-trip', () => {
  for (const { key, flow } of flows) {
    it(key, () => {
      const { text } = renderExport(flow, 'json');
      const back = parseImport(text);
      expect(back.errors).toEqual([]);
      expect(back.kind).toBe('flow');
      expect(back.flow).toEqual(normalizeFlow(flow));
      expect(serializeFlow(back.flow!)).toBe(text);
    });
  }

  it('keeps secret placeholders as placeholders', () => {
    const flow = flows.find((f) => f.key.endsWith('login-members'))!.flow;
    const { text } = renderExport(flow, 'json');
    expect(text).toContain('{{secret:DEMO_PASSWORD}}');
  });
});

describe('crawl4ai-config export reads back', () => {
  for (const { key, flow } of flows) {
    it(key, () => {
      const back = parseImport(renderExport(flow, 'crawl4ai-config').text);
      expect(back.errors).toEqual([]);
      expect(back.kind).toBe('flow');
      const enabled = flow.steps.filter((s) => !s.disabled);
      expect(back.flow!.steps.map((s) => s.name)).toEqual(enabled.map((s) => s.name));
      back.flow!.steps.forEach((s, i) => {
        const original = enabled[i];
        const { cache_mode: _a, url: _u, ...config } = original.config;
        const { cache_mode: _b, url: _v, ...imported } = s.config;
        // Defaults that dump() omits come back as "unset".
        for (const k of Object.keys(config) as (keyof typeof config)[]) {
          if (JSON.stringify(config[k]) === JSON.stringify({ delay_before_return_html: 0.1, page_timeout: 60000, wait_until: 'domcontentloaded', js_only: false, scan_full_page: false, scroll_delay: 0.2, screenshot: false }[k as string])) delete config[k];
        }
        expect(imported).toEqual(config);
        expect(s.repeat).toEqual(original.repeat);
        expect(s.hooks).toEqual(original.hooks);
        expect(s.actions).toEqual(original.actions);
      });
    });
  }
});
