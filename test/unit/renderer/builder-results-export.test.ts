// Results export formats of the builder (JSON / JSONL / CSV) and the step-list summary.
import { describe, expect, it } from 'vitest';
import { columnsOf, formatResults } from '../../../renderer/components/results/exportResults.js';
import { stepSummary } from '../../../renderer/components/steps/summary.js';
import type { Step } from '../../../shared/flow/schema.js';

const items = [
  { title: 'A, "quoted"', price: 3, tags: ['x', 'y'] },
  { title: 'line\nbreak', extra: null },
];

describe('formatResults', () => {
  it('CSV: union of columns in first-seen order, RFC 4180 quoting, nested values as JSON', () => {
    expect(columnsOf(items)).toEqual(['title', 'price', 'tags', 'extra']);
    const csv = formatResults(items, 'csv');
    expect(csv).toBe('title,price,tags,extra\r\n"A, ""quoted""",3,"[""x"",""y""]",\r\n"line\nbreak",,,\r\n');
  });
  it('JSONL: one compact item per line', () => {
    expect(formatResults(items, 'jsonl')).toBe(`${JSON.stringify(items[0])}\n${JSON.stringify(items[1])}\n`);
    expect(formatResults([], 'jsonl')).toBe('');
  });
  it('JSON: a pretty array', () => {
    expect(JSON.parse(formatResults(items, 'json'))).toEqual(items);
  });
});

describe('stepSummary', () => {
  it('names js_only, snippets, wait kind, field count and repeat', () => {
    const step: Step = {
      id: 's1',
      name: 'Next',
      config: {
        session_id: 'main',
        js_only: true,
        js_code_before_wait: ['a()', 'b()'],
        wait_for: 'js:() => true',
        extraction_strategy: { type: 'JsonCssExtractionStrategy', schema: { baseSelector: '.x', baseFields: [{ name: 'id', type: 'attribute', attribute: 'data-id' }], fields: [{ name: 't', type: 'text' }] } },
      },
      repeat: { until: 'js:() => true', max: 5 },
    };
    expect(stepSummary(step)).toEqual(['js_only', '2 js', 'wait js', '2 fields', 'loop ≤5']);
    expect(stepSummary({ id: 's2', name: 'Open', config: { url: '{{demo_url}}/list', wait_for: 'css:.item' } })).toEqual(['demo/list', 'wait css']);
  });
});
