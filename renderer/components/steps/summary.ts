// One-line summary of a step for the step list: what a Crawl4AI user scans for.
import type { Step } from '../../../shared/flow/schema.js';
import { classifyWaitFor } from '../../../shared/flow/lint.js';

function countFields(step: Step): number {
  const s = step.config.extraction_strategy?.schema;
  return s ? (s.fields?.length ?? 0) + (s.baseFields?.length ?? 0) : 0;
}

export function stepSummary(step: Step): string[] {
  const c = step.config;
  const parts: string[] = [];
  if (c.js_only) parts.push('js_only');
  else if (c.url) parts.push(c.url.replace(/^https?:\/\//, '').replace('{{demo_url}}', 'demo'));
  if (step.actions?.length) parts.push(`${step.actions.length} action${step.actions.length === 1 ? '' : 's'}`);
  const js = [c.js_code_before_wait, c.js_code].flat().filter((x) => x !== undefined).length;
  if (js) parts.push(`${js} js`);
  if (c.wait_for) {
    const k = classifyWaitFor(c.wait_for);
    parts.push(k === 'css' || k === 'bare-css' ? 'wait css' : 'wait js');
  }
  if (c.scan_full_page) parts.push('scroll');
  const n = countFields(step);
  if (c.extraction_strategy) parts.push(`${n} field${n === 1 ? '' : 's'}`);
  if (step.repeat) parts.push('times' in step.repeat ? `×${step.repeat.times}` : `loop ≤${step.repeat.max}`);
  if (c.screenshot) parts.push('screenshot');
  return parts;
}
