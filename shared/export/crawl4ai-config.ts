// Flow → Crawl4AI config JSON: one CrawlerRunConfig.dump()-format object per step plus the
// BrowserConfig, ready for `CrawlerRunConfig.load()` / `BrowserConfig.load()` (crawl4ai-notes.md 3.1),
// with what the Docker API (0.9+) would reject or drop listed per step (3.2).
import type { Flow, Inputs, Step, StepConfig } from '../flow/schema.js';
import { resolveExactDefaults, stringifyExact } from '../extract/exact-defaults.js';
import { isPyFloat } from '../extract/pyjson.js';
import { inputsRunOnceNote, planExport, resolveUrls, slug, stepLabel, type ExportResult } from './common.js';
import {
  BROWSER_CONFIG_DEFAULTS,
  BROWSER_CONFIG_PARAMS,
  DOCKER_ALLOWED_BROWSER,
  DOCKER_ALLOWED_RUN,
  DOCKER_FORBIDDEN_BROWSER,
  DOCKER_FORBIDDEN_RUN,
  DOCKER_TIMEOUT_CAP_MS,
  RUN_CONFIG_DEFAULTS,
  RUN_CONFIG_PARAMS,
  VIRTUAL_SCROLL_PARAMS,
} from './crawl4ai-params.js';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** to_serializable_dict for plain data: every dict becomes {"type":"dict","value":…}, recursively. */
export function wrapDicts(value: unknown): Json {
  if (Array.isArray(value)) return value.map(wrapDicts);
  if (isPyFloat(value)) return value as unknown as Json; // written exactly by stringifyExact
  if (typeof value === 'bigint') return value as unknown as Json;
  // a Map (an exact default whose integer-like keys a JS object would reorder) stays a Map
  if (value instanceof Map) return { type: 'dict', value: new Map([...value].map(([k, v]) => [k, wrapDicts(v)])) as unknown as Json };
  if (value !== null && typeof value === 'object') {
    const inner: Record<string, Json> = {};
    for (const [k, v] of Object.entries(value)) if (v !== undefined) inner[k] = wrapDicts(v);
    return { type: 'dict', value: inner };
  }
  return (value ?? null) as Json;
}

const equal = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** dump() of the CrawlerRunConfig for one step: non-default params in signature order. */
export function dumpRunConfig(config: StepConfig): { type: 'CrawlerRunConfig'; params: Record<string, Json> } {
  const values: Record<string, unknown> = { ...config };
  delete values.url; // passed to arun(url, config), kept next to the config (see the step entry)
  const params: Record<string, Json> = {};
  for (const name of RUN_CONFIG_PARAMS) {
    const v = values[name];
    if (name === 'cache_mode') {
      // Always written, although BYPASS is 0.9's default: older servers/SDKs default to ENABLED,
      // and a cached answer would skip the step's JS. Enum form, not a bare string (notes 1.1).
      params.cache_mode = { type: 'CacheMode', params: (v as string | undefined) ?? 'bypass' };
      continue;
    }
    if (v === undefined || (name in RUN_CONFIG_DEFAULTS && equal(v, RUN_CONFIG_DEFAULTS[name]))) continue;
    if (name === 'extraction_strategy') {
      const es = v as NonNullable<StepConfig['extraction_strategy']>;
      params.extraction_strategy = { type: es.type, params: { schema: wrapDicts(resolveExactDefaults(es.schema)) } };
    } else if (name === 'virtual_scroll_config') {
      params.virtual_scroll_config = dumpVirtualScroll(v as NonNullable<StepConfig['virtual_scroll_config']>);
    } else params[name] = v as Json;
  }
  return { type: 'CrawlerRunConfig', params };
}

/** VirtualScrollConfig.dump(): an allow-listed type; its non-default params in signature order. */
export function dumpVirtualScroll(v: NonNullable<StepConfig['virtual_scroll_config']>): { type: 'VirtualScrollConfig'; params: Record<string, Json> } {
  const params: Record<string, Json> = {};
  for (const [name, def] of VIRTUAL_SCROLL_PARAMS) {
    const x = (v as Record<string, unknown>)[name];
    if (x !== undefined && !equal(x, def)) params[name] = x as Json;
  }
  return { type: 'VirtualScrollConfig', params };
}

export function dumpBrowserConfig(flow: Flow): { type: 'BrowserConfig'; params: Record<string, Json> } {
  const b = (flow.browser ?? {}) as Record<string, unknown>;
  const params: Record<string, Json> = {};
  for (const name of BROWSER_CONFIG_PARAMS) {
    const v = b[name];
    if (v === undefined || (name in BROWSER_CONFIG_DEFAULTS && equal(v, BROWSER_CONFIG_DEFAULTS[name]))) continue;
    params[name] = (v !== null && typeof v === 'object' && !Array.isArray(v) ? wrapDicts(v) : v) as Json;
  }
  return { type: 'BrowserConfig', params };
}

interface DockerReport {
  rejected: string[];
  dropped: string[];
  capped: string[];
}

function dockerRunReport(params: Record<string, Json>): DockerReport {
  const names = Object.keys(params);
  return {
    rejected: names.filter((n) => DOCKER_FORBIDDEN_RUN.includes(n)),
    dropped: names.filter((n) => !DOCKER_FORBIDDEN_RUN.includes(n) && !DOCKER_ALLOWED_RUN.includes(n)),
    capped: ['page_timeout', 'wait_for_timeout'].filter((n) => typeof params[n] === 'number' && ((params[n] as number) > DOCKER_TIMEOUT_CAP_MS || params[n] === 0)),
  };
}

function stepNotes(step: Step): string[] {
  const out: string[] = [];
  const r = step.repeat;
  if (r) {
    out.push(
      'times' in r
        ? `repeat: a config has no loop; call arun() with this config ${r.times} times in the same session (the crawl4ai-python export writes the loop)`
        : `repeat: a config has no loop; call arun() with this config until ${JSON.stringify(r.until)} is true in the page, at most ${r.max} times (the crawl4ai-python export writes the loop)`,
    );
  }
  const hooks = Object.keys(step.hooks ?? {});
  if (hooks.length) {
    out.push(
      `hooks (${hooks.join(', ')}) cannot be expressed in a config: register them with crawler.crawler_strategy.set_hook() (the crawl4ai-python export does); the Docker API only offers declarative hooks`,
    );
  }
  return out;
}

/** What a config document cannot say about a flow's inputs (the Python export runs them). */
function inputsNote(inputs: Inputs): string {
  const kept = inputs.rows?.length ? `, ${inputs.rows.length} rows kept in the flow` : '';
  return (
    `inputs (columns ${inputs.columns.join(', ')}${kept}${inputs.concurrency ? `, concurrency ${inputs.concurrency}` : ''}) cannot be expressed in configs: ` +
    `this document describes one run with ${inputs.columns.map((c) => `{{${c}}}`).join(', ')} left as placeholders. The rows themselves, a session per row, ` +
    `arun_many()'s per-row configs (url_matcher functions) and its dispatcher, retries and resuming are code: the crawl4ai-python export writes them. ` +
    `The Docker API's crawler_configs list matches urls by pattern only and /crawl rejects session_id, so a multi-step row cannot run there`
  );
}

export function exportCrawl4aiConfig(flow: Flow): ExportResult {
  const plan = planExport(flow);
  const notes = flow.inputs ? plan.notes.map((n) => (n === inputsRunOnceNote(flow.inputs!) ? inputsNote(flow.inputs!) : n)) : [...plan.notes];
  const { urls, notes: urlNotes } = resolveUrls(plan);
  notes.push(...urlNotes);

  const steps = plan.steps.map(({ step, index }, i) => {
    const crawler_config = dumpRunConfig(step.config);
    const docker = dockerRunReport(crawler_config.params);
    const entry: Record<string, Json> = { name: step.name, url: urls[i] ?? null, crawler_config };
    const extra = stepNotes(step);
    if (step.repeat) entry.repeat = step.repeat as Json;
    if (step.hooks && Object.keys(step.hooks).length) entry.hooks = step.hooks as Json;
    extra.forEach((n) => notes.push(`${stepLabel(index, step)}: ${n}`));
    entry.docker_api = docker as unknown as Json;
    if (extra.length) entry.notes = extra;
    return entry;
  });

  const browser_config = dumpBrowserConfig(flow);
  const browserParams = Object.keys(browser_config.params);
  const browserDocker = {
    rejected: browserParams.filter((n) => DOCKER_FORBIDDEN_BROWSER.includes(n)),
    unverified: browserParams.filter((n) => !DOCKER_FORBIDDEN_BROWSER.includes(n) && !DOCKER_ALLOWED_BROWSER.includes(n)),
  };

  const rejected = [...new Set(steps.flatMap((s) => (s.docker_api as unknown as DockerReport).rejected))];
  const dropped = [...new Set(steps.flatMap((s) => (s.docker_api as unknown as DockerReport).dropped))];
  const dockerWarning =
    `Crawl4AI's Docker API (0.9+) treats these configs as untrusted: ${rejected.length ? `${rejected.join(', ')} make /crawl fail with HTTP 400` : 'no field here is rejected'}` +
    `${dropped.length ? `, and ${dropped.join(', ')} ${dropped.length === 1 ? 'is' : 'are'} dropped without a message` : ''}` +
    `${browserDocker.rejected.length ? `; the BrowserConfig's ${browserDocker.rejected.join(', ')} ${browserDocker.rejected.length === 1 ? 'is' : 'are'} rejected too` : ''}. ` +
    'Each /crawl request is also a separate page, so a multi-step session flow only runs through the Python SDK: use the crawl4ai-python export for it.';
  notes.unshift(dockerWarning);
  notes.push(
    'the BrowserConfig carries no "headers": BrowserConfig.dump() always adds a sec-ch-ua header, which a 0.9 Docker server rejects (HTTP 400); BrowserConfig.load() adds it back for the SDK',
    "scraping_strategy, table_extraction and exclude_social_media_domains, which a real dump() always writes, are left out: load() recreates the same defaults",
  );
  if (plan.variables.length || plan.secrets.length) {
    const names = [...plan.variables.map((v) => `{{${v.name}}}`), ...plan.secrets.map((s) => `{{secret:${s}}}`)];
    notes.push(
      `placeholders (${names.join(', ')}) are kept as text: substitute them before CrawlerRunConfig.load() ("variables" lists the flow's defaults; null = no default, e.g. Crawlwright's built-in {{demo_url}}); secret values are never exported`,
    );
  }

  const doc: Record<string, Json> = {
    _comment: [
      `Crawl4AI 0.9 configs for the flow "${flow.name}", exported from Crawlwright.`,
      'Python SDK: BrowserConfig.load(doc["browser_config"]); for each step: await crawler.arun(url=step["url"], config=CrawlerRunConfig.load(step["crawler_config"])).',
      'Steps sharing a session_id share one live page; kill it at the end with await crawler.crawler_strategy.kill_session(session_id).',
      `WARNING: ${dockerWarning}`,
    ],
    flow: flow.name,
    crawl4ai: '>=0.9,<0.10',
  };
  if (plan.variables.length) {
    doc.variables = Object.fromEntries(plan.variables.map((v) => [v.name, v.defaultValue ?? null]));
  }
  if (plan.secrets.length) doc.secrets = plan.secrets;
  doc.notes = notes;
  doc.browser_config = browser_config;
  doc.browser_docker_api = browserDocker;
  doc.steps = steps;
  return { text: stringifyExact(doc, 2) + '\n', fileName: `${slug(flow.name)}.crawl4ai.json`, notes };
}
