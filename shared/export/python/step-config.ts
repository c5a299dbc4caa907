// Evaluated CrawlerRunConfig(...) / BrowserConfig(...) / JsonCssExtractionStrategy(...) calls →
// the flow's step config and browser settings. Every keyword that cannot be carried over becomes
// a note naming its line; a value the flow schema refuses is left out with the schema's message.
import { BrowserSettingsSchema, StepConfigSchema, type BrowserSettings, type StepConfig } from '../../flow/schema.js';
import { JsonCssSchemaSchema } from '../../extract/schema.js';
import { suggest } from '../../flow/issues.js';
import { BROWSER_CONFIG_PARAMS, RUN_CONFIG_PARAMS } from '../crawl4ai-params.js';
import type { Arg, Source, Value } from './values.js';

export interface Noter {
  (node: Arg['node'], message: string): void;
}

const STEP_KEYS = Object.keys(StepConfigSchema.shape);

function describeValue(v: Value, _src: Source): string {
  if (v.k === 'unknown') return v.why;
  if (v.k === 'obj') return `${v.cls}(...)`;
  if (v.k === 'enum') return `${v.cls}.${v.member}`;
  if (v.k === 'func') return `the function ${v.name}`;
  if (v.k === 'loopvar') return `the loop variable ${v.name}`;
  if (v.k === 'iter') return 'a value that differs between loop iterations in a way Crawlwright cannot split';
  return `the value ${JSON.stringify(v.v).slice(0, 60)}`;
}

function firstIssue(error: { issues: { message: string }[] }): string {
  return error.issues[0]?.message ?? 'invalid value';
}

/** `JsonCssExtractionStrategy(schema, ...)` → the extraction strategy of a step. */
function extraction(arg: Arg, note: Noter, src: Source): StepConfig['extraction_strategy'] | undefined {
  const v = arg.value;
  if (v.k === 'lit' && v.v === null) return undefined;
  if (v.k !== 'obj') {
    note(arg.node, `extraction_strategy: ${describeValue(v, src)} is not a JsonCssExtractionStrategy(...) call; left out`);
    return undefined;
  }
  if (v.cls !== 'JsonCssExtractionStrategy') {
    note(arg.node, `extraction_strategy: ${v.cls} is not supported (Crawlwright extracts with JsonCssExtractionStrategy only); left out`);
    return undefined;
  }
  const schemaArg = v.args.find((a) => a.name === 'schema') ?? v.args.find((a) => !a.name);
  for (const a of v.args) {
    if (a !== schemaArg) note(a.node, `JsonCssExtractionStrategy(${a.name ?? '…'}=…): only the schema is carried over; left out`);
  }
  if (!schemaArg) {
    note(arg.node, 'JsonCssExtractionStrategy() without a schema; left out');
    return undefined;
  }
  if (schemaArg.value.k !== 'lit') {
    note(schemaArg.node, `the schema is ${describeValue(schemaArg.value, src)}, not a dict literal; left out`);
    return undefined;
  }
  const parsed = JsonCssSchemaSchema.safeParse(schemaArg.value.v);
  if (!parsed.success) {
    note(schemaArg.node, `the schema is not a valid JsonCss schema (${firstIssue(parsed.error)}); left out`);
    return undefined;
  }
  return { type: 'JsonCssExtractionStrategy', schema: parsed.data };
}

/** One keyword of a CrawlerRunConfig (or of a pre-0.5 style arun() call) into `config`. */
export function addRunConfigArg(config: Record<string, unknown>, arg: Arg, note: Noter, src: Source): void {
  const key = arg.name;
  const v = arg.value;
  if (!key) {
    note(arg.node, 'a positional CrawlerRunConfig argument; left out');
    return;
  }
  if (v.k === 'lit' && v.v === null) return; // None: the parameter's default
  if (key === 'extraction_strategy') {
    const es = extraction(arg, note, src);
    if (es) config.extraction_strategy = es;
    return;
  }
  if (key === 'cache_mode') {
    if (v.k !== 'enum' || v.cls !== 'CacheMode') {
      note(arg.node, `cache_mode: ${describeValue(v, src)} is not a CacheMode member; left out`);
      return;
    }
    const mode = v.member.toLowerCase();
    // BYPASS is Crawl4AI 0.9's default and what Crawlwright always does: unset means the same.
    if (mode === 'bypass') return;
    const parsed = StepConfigSchema.shape.cache_mode.safeParse(mode);
    if (parsed.success) config.cache_mode = parsed.data;
    else note(arg.node, `cache_mode: CacheMode.${v.member} is not a CacheMode member; left out`);
    return;
  }
  if (key === 'virtual_scroll_config' && v.k === 'obj' && v.cls === 'VirtualScrollConfig') {
    // VirtualScrollConfig(container_selector, scroll_count=…, …): its keywords (or the selector as first argument).
    const fields: Record<string, unknown> = {};
    for (const [i, a] of v.args.entries()) {
      const name = a.name ?? (i === 0 ? 'container_selector' : undefined);
      if (name && a.value.k === 'lit') fields[name] = a.value.v;
      else note(a.node, `VirtualScrollConfig(${a.name ?? '…'}=…): ${describeValue(a.value, src)}; left out`);
    }
    const parsed = StepConfigSchema.shape.virtual_scroll_config.safeParse(fields);
    if (parsed.success) config.virtual_scroll_config = parsed.data;
    else note(arg.node, `virtual_scroll_config: ${firstIssue(parsed.error)}; left out`);
    return;
  }
  if (STEP_KEYS.includes(key)) {
    if (v.k !== 'lit') {
      note(arg.node, `${key}: ${describeValue(v, src)}; left out`);
      return;
    }
    const parsed = (StepConfigSchema.shape as Record<string, { safeParse(x: unknown): { success: boolean; data?: unknown; error?: { issues: { message: string }[] } } }>)[key].safeParse(v.v);
    if (parsed.success) config[key] = parsed.data;
    else note(arg.node, `${key}=${src.of(arg.node).split('\n')[0]}: ${firstIssue(parsed.error!)}; left out`);
    return;
  }
  if ((RUN_CONFIG_PARAMS as readonly string[]).includes(key)) {
    note(arg.node, `${key}: CrawlerRunConfig parameter not supported by Crawlwright flows; left out`);
  } else {
    const hint = suggest(key, RUN_CONFIG_PARAMS);
    note(arg.node, `${key}: not a CrawlerRunConfig parameter${hint ? ` (did you mean "${hint}"?)` : ''}; left out`);
  }
}

/** A CrawlerRunConfig(...) value → step config keywords (url included). */
export function runConfigFrom(v: Value, node: Arg['node'], note: Noter, src: Source): Record<string, unknown> {
  const config: Record<string, unknown> = {};
  if (v.k !== 'obj' || v.cls !== 'CrawlerRunConfig') {
    note(node, `config: ${describeValue(v, src)} is not a CrawlerRunConfig(...) call; the step keeps only its url`);
    return config;
  }
  for (const a of v.args) addRunConfigArg(config, a, note, src);
  return config;
}

/** BrowserConfig(...) (or AsyncWebCrawler's legacy keywords) → browser settings. */
export function browserFrom(args: Arg[], note: Noter, src: Source): BrowserSettings {
  const out: Record<string, unknown> = {};
  for (const a of args) {
    const key = a.name;
    if (!key) {
      note(a.node, 'a positional BrowserConfig argument; left out');
      continue;
    }
    if (a.value.k === 'lit' && a.value.v === null) continue;
    if (key in BrowserSettingsSchema.shape) {
      const schema = (BrowserSettingsSchema.shape as Record<string, { safeParse(x: unknown): { success: boolean; data?: unknown; error?: { issues: { message: string }[] } } }>)[key];
      const parsed = a.value.k === 'lit' ? schema.safeParse(a.value.v) : undefined;
      if (parsed?.success) out[key] = parsed.data;
      else note(a.node, `BrowserConfig ${key}: ${parsed ? firstIssue(parsed.error!) : describeValue(a.value, src)}; left out`);
    } else if ((BROWSER_CONFIG_PARAMS as readonly string[]).includes(key)) {
      note(a.node, `BrowserConfig ${key}: not supported by Crawlwright flows; left out`);
    } else note(a.node, `BrowserConfig ${key}: not a BrowserConfig parameter; left out`);
  }
  return out as BrowserSettings;
}
