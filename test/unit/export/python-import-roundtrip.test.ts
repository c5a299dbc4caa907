// crawl4ai-python export → Python import gives the same flow, for every test and demo flow.
// "Same" (docs/export.md, "Python import"): the normalised flow (serializeFlow order) is equal
// after these documented, export-side losses are applied to the original:
//  - disabled steps are not exported, breakpoints are dropped;
//  - cache_mode "bypass" and unset are one thing (Crawl4AI 0.9's default), import leaves it unset;
//  - step ids: the export names them only when the flow has hooks; otherwise the import assigns new
//    ids (compared by position);
//  - a step without url gets the url the export passes to arun() (its session's previous url);
//  - variables: only those with a default are declared (others are environment-only in the script);
//  - the flow name passes through one line (whitespace collapsed).
import { describe, expect, it } from 'vitest';
import { parseImport, renderExport } from '../../../shared/export/index.js';
import { normalizeFlow, type Flow } from '../../../shared/flow/index.js';
import { resolveUrls, planExport, oneLine } from '../../../shared/export/common.js';
import { loadTestFlows } from './flows.js';

/** The original flow with the export's documented losses applied. */
function expectedAfterRoundTrip(flow: Flow, keepIds: boolean): Flow {
  const plan = planExport(flow);
  const { urls } = resolveUrls(plan);
  const steps = plan.steps.map(({ step }, i) => {
    const { breakpoint: _b, disabled: _d, ...rest } = step;
    const config = { ...rest.config };
    if (config.cache_mode === 'bypass') delete config.cache_mode;
    if (urls[i] !== undefined) config.url = urls[i];
    return { ...rest, id: keepIds ? rest.id : 'ID', config };
  });
  const variables = Object.fromEntries(Object.entries(flow.variables ?? {}).filter(([name]) => plan.variables.some((v) => v.name === name)));
  return normalizeFlow({ ...flow, name: oneLine(flow.name), variables, steps } as Flow);
}

describe('crawl4ai-python export → Python import', () => {
  for (const { key, flow } of loadTestFlows()) {
    it(key, () => {
      const { text } = renderExport(flow, 'crawl4ai-python');
      const back = parseImport(text);
      expect(back.errors).toEqual([]);
      expect(back.kind).toBe('python-script');
      // Nothing of the export's own scaffolding is reported: every statement was understood.
      expect(back.notes.filter((n) => /^lines? \d/.test(n))).toEqual([]);
      const keepIds = flow.steps.some((s) => s.hooks && Object.keys(s.hooks).length > 0);
      const got = normalizeFlow({ ...back.flow!, steps: back.flow!.steps.map((s) => ({ ...s, id: keepIds ? s.id : 'ID' })) });
      expect(got).toEqual(expectedAfterRoundTrip(flow, keepIds));
    });
  }
});
