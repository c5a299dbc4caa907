import { describe, expect, it } from 'vitest';
import { serializeFlow } from '../../../shared/flow/serialize.js';
import { parseFlowText } from '../../../shared/flow/validate.js';
import type { Flow } from '../../../shared/flow/schema.js';

describe('canonical serialization', () => {
  it('orders keys by the schema and round-trips', () => {
    const messy = {
      steps: [
        {
          config: {
            extraction_strategy: { schema: { fields: [{ type: 'text', name: 't', selector: 'h2' }], baseSelector: '.i' }, type: 'JsonCssExtractionStrategy' },
            wait_for: 'css:.i',
            url: 'http://x/',
          },
          name: 'Open',
          id: 'a',
        },
      ],
      name: 'f',
      version: 1,
      format: 'crawlwright.flow',
    } as unknown as Flow;
    const text = serializeFlow(messy);
    expect(text.indexOf('"format"')).toBeLessThan(text.indexOf('"version"'));
    expect(text.indexOf('"url"')).toBeLessThan(text.indexOf('"wait_for"'));
    expect(text.indexOf('"name": "t"')).toBeLessThan(text.indexOf('"type": "text"'));
    const r = parseFlowText(text);
    expect(r.ok).toBe(true);
    if (r.ok) expect(serializeFlow(r.flow)).toBe(text);
  });
});
