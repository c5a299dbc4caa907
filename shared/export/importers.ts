// Import: text → a flow or a step. Accepts a Crawl4AI Python script (python/), our flow JSON, the crawl4ai-config export, a Docker
// API /crawl request body, a Crawl4AI
// JsonCss schema (bare or {type:"JsonCssExtractionStrategy", schema|params}), and a Crawl4AI
// CrawlerRunConfig (dump() form {type, params} with {"type":"dict","value"} wrappers, or a bare
// kwargs dict). Whatever cannot be carried over becomes a note; errors name the JSON path.
import { collapseActions } from '../flow/actions.js';
import { StepConfigSchema, StepSchema, BrowserSettingsSchema, type Flow, type Step, type StepConfig } from '../flow/schema.js';
import { JsonCssSchemaSchema, type JsonCssSchema } from '../extract/schema.js';
import { fromZodIssues, suggest, type ValidationIssue } from '../flow/issues.js';
import { parseFlowText, validateFlow } from '../flow/validate.js';
import { newStepId } from '../flow/ids.js';
import { BROWSER_CONFIG_PARAMS, RUN_CONFIG_DUMP_NOISE, RUN_CONFIG_PARAMS } from './crawl4ai-params.js';
import { importPythonScript } from './python/import-python.js';

export type ImportKind = 'flow' | 'schema' | 'crawler-config' | 'python-script' | 'unknown';

export interface ImportResult {
  kind: ImportKind;
  flow?: Flow;
  step?: Step;
  notes: string[];
  errors: ValidationIssue[];
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const err = (path: string, message: string): ValidationIssue => ({ path, message, severity: 'error' });

/**
 * from_serializable_dict for data: {"type":"dict","value":…} → its value and {"type":"CacheMode",
 * "params":"bypass"} → "bypass", recursively. Other typed objects are left for the caller.
 */
export function unwrapDump(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(unwrapDump);
  if (!isObj(v)) return v;
  if (v.type === 'dict' && 'value' in v && isObj(v.value)) {
    return Object.fromEntries(Object.entries(v.value).map(([k, x]) => [k, unwrapDump(x)]));
  }
  if (typeof v.type === 'string' && /Mode$/.test(v.type) && typeof v.params === 'string') return v.params;
  return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, unwrapDump(x)]));
}

const STEP_KEYS = Object.keys(StepConfigSchema.shape) as (keyof StepConfig)[];

function schemaFrom(value: unknown, path: string, errors: ValidationIssue[]): JsonCssSchema | undefined {
  const schema = unwrapDump(value);
  const parsed = JsonCssSchemaSchema.safeParse(schema);
  if (parsed.success) return parsed.data;
  errors.push(...fromZodIssues(parsed.error.issues, JsonCssSchemaSchema, schema).map((i) => ({ ...i, path: i.path ? `${path}.${i.path}` : path })));
  return undefined;
}

/** The schema inside {type:"JsonCssExtractionStrategy", schema} or its dump form {type, params:{schema}}. */
function strategySchema(v: Record<string, unknown>, path: string, errors: ValidationIssue[]): JsonCssSchema | undefined {
  if (isObj(v.params) && 'schema' in v.params) return schemaFrom(v.params.schema, `${path}.params.schema`, errors);
  if ('schema' in v) return schemaFrom(v.schema, `${path}.schema`, errors);
  errors.push(err(path, 'a JsonCssExtractionStrategy needs a "schema"'));
  return undefined;
}

function looksLikeSchema(v: Record<string, unknown>): boolean {
  const u = unwrapDump(v) as Record<string, unknown>;
  return isObj(u) && 'baseSelector' in u && 'fields' in u;
}

/** A CrawlerRunConfig (params already located) → a step config; every param not carried over is a note. */
function stepConfigFrom(params: Record<string, unknown>, base: string, notes: string[], errors: ValidationIssue[]): StepConfig | undefined {
  const config: Record<string, unknown> = {};
  const at = (k: string) => (base ? `${base}.${k}` : k);
  for (const [key, raw] of Object.entries(params)) {
    if (key === 'extraction_strategy') {
      if (raw === null || raw === undefined) continue;
      if (!isObj(raw) || raw.type !== 'JsonCssExtractionStrategy') {
        const t = isObj(raw) ? String(raw.type) : typeof raw;
        notes.push(`${at(key)}: ${t} is not supported (Crawlwright extracts with JsonCssExtractionStrategy only); left out`);
        continue;
      }
      const schema = strategySchema(raw, at(key), errors);
      if (schema) config.extraction_strategy = { type: 'JsonCssExtractionStrategy', schema };
      continue;
    }
    if (key === 'virtual_scroll_config' && isObj(raw) && raw.type === 'VirtualScrollConfig' && isObj(raw.params)) {
      config[key] = unwrapDump(raw.params); // the dump form; a plain dict is taken as is below
      continue;
    }
    if ((STEP_KEYS as string[]).includes(key)) {
      config[key] = unwrapDump(raw);
      continue;
    }
    if (RUN_CONFIG_DUMP_NOISE.includes(key)) {
      notes.push(`${at(key)}: written by every CrawlerRunConfig.dump() for its default; ignored`);
    } else if ((RUN_CONFIG_PARAMS as readonly string[]).includes(key)) {
      notes.push(`${at(key)}: CrawlerRunConfig parameter not supported by Crawlwright flows; left out`);
    } else {
      const hint = suggest(key, RUN_CONFIG_PARAMS);
      notes.push(`${at(key)}: not a CrawlerRunConfig parameter${hint ? ` (did you mean "${hint}"?)` : ''}; Crawl4AI would drop it too; left out`);
    }
  }
  const parsed = StepConfigSchema.safeParse(config);
  if (!parsed.success) {
    errors.push(...fromZodIssues(parsed.error.issues, StepConfigSchema, config).map((i) => ({ ...i, path: i.path ? at(i.path) : base })));
    return undefined;
  }
  return parsed.data;
}

function newStep(name: string, config: StepConfig): Step {
  return StepSchema.parse({ id: newStepId(), name, config });
}

function importRunConfig(doc: Record<string, unknown>, typed: boolean): ImportResult {
  const notes: string[] = [];
  const errors: ValidationIssue[] = [];
  if (typed && !isObj(doc.params)) return { kind: 'crawler-config', notes, errors: [err('params', 'expected an object of CrawlerRunConfig parameters')] };
  const params = typed ? (doc.params as Record<string, unknown>) : doc;
  const config = stepConfigFrom(params, typed ? 'params' : '', notes, errors);
  if (!config) return { kind: 'crawler-config', notes, errors };
  const name = config.extraction_strategy?.schema.name ?? (config.url ? `Open ${config.url}` : 'Imported step');
  return { kind: 'crawler-config', step: newStep(name, config), notes, errors };
}

/** The crawl4ai-config export read back: browser_config + steps[] → a flow. */
function importConfigDocument(doc: Record<string, unknown>): ImportResult {
  const notes: string[] = [];
  const errors: ValidationIssue[] = [];
  const steps: Step[] = [];
  const ids: string[] = [];
  (doc.steps as unknown[]).forEach((s, i) => {
    const path = `steps[${i}]`;
    if (!isObj(s) || !isObj(s.crawler_config) || !isObj(s.crawler_config.params)) {
      errors.push(err(`${path}.crawler_config`, 'expected {"type": "CrawlerRunConfig", "params": {…}}'));
      return;
    }
    const config = stepConfigFrom(s.crawler_config.params, `${path}.crawler_config.params`, notes, errors);
    if (!config) return;
    if (typeof s.url === 'string' && config.url === undefined) config.url = s.url;
    // Recorded actions were exported as their generated snippet: read them back as actions.
    const step: Step = collapseActions({ id: newStepId(ids), name: typeof s.name === 'string' ? s.name : `Step ${i + 1}`, config });
    ids.push(step.id);
    for (const extra of ['repeat', 'hooks'] as const) {
      if (s[extra] === undefined) continue;
      const checked = StepSchema.shape[extra].safeParse(s[extra]);
      if (checked.success) (step as Record<string, unknown>)[extra] = checked.data;
      else errors.push(...fromZodIssues(checked.error.issues, StepSchema.shape[extra], s[extra]).map((x) => ({ ...x, path: `${path}.${extra}${x.path ? '.' + x.path : ''}` })));
    }
    steps.push(step);
  });
  let browser: Flow['browser'];
  const bc = doc.browser_config;
  if (isObj(bc) && isObj(bc.params)) {
    const b: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(bc.params)) {
      if (k in BrowserSettingsSchema.shape) b[k] = unwrapDump(v);
      else if ((BROWSER_CONFIG_PARAMS as readonly string[]).includes(k)) notes.push(`browser_config.params.${k}: BrowserConfig parameter not supported by Crawlwright flows; left out`);
      else notes.push(`browser_config.params.${k}: not a BrowserConfig parameter; left out`);
    }
    const parsed = BrowserSettingsSchema.safeParse(b);
    if (parsed.success) browser = Object.keys(parsed.data).length ? parsed.data : undefined;
    else errors.push(...fromZodIssues(parsed.error.issues, BrowserSettingsSchema, b, ['browser_config', 'params']));
  }
  const variables = isObj(doc.variables)
    ? Object.fromEntries(Object.entries(doc.variables).filter((e): e is [string, string] => typeof e[1] === 'string'))
    : undefined;
  if (errors.length) return { kind: 'flow', notes, errors };
  const candidate = {
    format: 'crawlwright.flow',
    version: 1,
    name: typeof doc.flow === 'string' ? doc.flow : 'Imported Crawl4AI configs',
    ...(browser ? { browser } : {}),
    ...(variables ? { variables } : {}),
    steps,
  };
  const checked = validateFlow(candidate);
  if (!checked.ok) return { kind: 'flow', notes, errors: checked.errors };
  return { kind: 'flow', flow: checked.flow, notes: [...notes, ...checked.warnings.map((w) => `${w.path}: ${w.message}`)], errors: [] };
}

/**
 * A Docker API /crawl request body {urls, browser_config?, crawler_config?, crawler_configs?}: one
 * step per URL, each with the config that applies to it, as a flow (no session: each URL is a page).
 */
function importDockerRequest(doc: Record<string, unknown>): ImportResult {
  const notes: string[] = [];
  const errors: ValidationIssue[] = [];
  const urls = doc.urls as unknown[];
  const perUrl = Array.isArray(doc.crawler_configs) ? doc.crawler_configs : undefined;
  if (perUrl) notes.push('crawler_configs: each URL gets the first config of the list (url_matcher rules are not evaluated)');
  const chosen = perUrl ? perUrl[0] : doc.crawler_config;
  const chosenPath = perUrl ? 'crawler_configs[0]' : 'crawler_config';
  let params: Record<string, unknown> = {};
  if (isObj(chosen)) params = chosen.type === 'CrawlerRunConfig' && isObj(chosen.params) ? chosen.params : chosen.type === undefined ? chosen : {};
  const base = isObj(chosen) && chosen.type === 'CrawlerRunConfig' ? `${chosenPath}.params` : chosenPath;
  const config = stepConfigFrom(params, base, notes, errors);
  if (isObj(doc.hooks)) notes.push('hooks: the Docker API\'s declarative hooks are not imported');
  if (!config) return { kind: 'flow', notes, errors };
  const ids: string[] = [];
  const steps: Step[] = [];
  urls.forEach((u, i) => {
    if (typeof u !== 'string') {
      errors.push(err(`urls[${i}]`, 'expected a URL string'));
      return;
    }
    const id = newStepId(ids);
    ids.push(id);
    steps.push({ id, name: `Open ${u}`, config: { ...config, url: u } });
  });
  const browserDoc = isObj(doc.browser_config) ? { browser_config: doc.browser_config.type === 'BrowserConfig' ? doc.browser_config : { type: 'BrowserConfig', params: doc.browser_config } } : {};
  const flowDoc = importConfigDocument({ flow: 'Imported Crawl4AI request', ...browserDoc, steps: [] });
  if (errors.length || flowDoc.errors.length) return { kind: 'flow', notes: [...notes, ...flowDoc.notes], errors: [...errors, ...flowDoc.errors] };
  const checked = validateFlow({ ...flowDoc.flow!, steps });
  if (!checked.ok) return { kind: 'flow', notes, errors: checked.errors };
  return { kind: 'flow', flow: checked.flow, notes: [...notes, ...flowDoc.notes, ...checked.warnings.map((w) => `${w.path}: ${w.message}`)], errors: [] };
}

function parseJson(text: string): { value?: unknown; error?: ValidationIssue } {
  try {
    return { value: JSON.parse(text) };
  } catch {
    // parseFlowText words JSON syntax errors with line/column; reuse its message.
    const r = parseFlowText(text);
    return { error: r.ok ? err('', 'not valid JSON') : r.errors[0] };
  }
}

/** JSON starts with { or [; anything else that fails JSON.parse is read as a Python script. */
const looksLikeJson = (text: string) => /^\s*[[{"]/.test(text);

/** Parse any importable text (JSON of the kinds above, or a Crawl4AI Python script). Never throws. */
export function parseImport(text: string): ImportResult {
  if (!looksLikeJson(text) && text.trim()) return importPythonScript(text);
  const { value, error } = parseJson(text);
  if (error) return { kind: 'unknown', notes: [], errors: [error] };
  if (!isObj(value)) {
    return { kind: 'unknown', notes: [], errors: [err('', 'expected a JSON object: a Crawlwright flow, a Crawl4AI JsonCss schema or a CrawlerRunConfig')] };
  }
  if ('format' in value) {
    const r = validateFlow(value);
    return r.ok
      ? { kind: 'flow', flow: r.flow, notes: r.warnings.map((w) => `${w.path}: ${w.message}`), errors: [] }
      : { kind: 'flow', notes: [], errors: r.errors };
  }
  if (Array.isArray(value.steps) && 'browser_config' in value) return importConfigDocument(value);
  if (Array.isArray(value.urls) && ('crawler_config' in value || 'crawler_configs' in value)) return importDockerRequest(value);
  if (value.type === 'CrawlerRunConfig') return importRunConfig(value, true);
  if (value.type === 'JsonCssExtractionStrategy' || looksLikeSchema(value)) {
    const errors: ValidationIssue[] = [];
    const schema = value.type === 'JsonCssExtractionStrategy' ? strategySchema(value, '', errors) : schemaFrom(value, '', errors);
    if (!schema) return { kind: 'schema', notes: [], errors: errors.map((e) => ({ ...e, path: e.path.replace(/^\./, '') })) };
    const step = newStep(schema.name ?? 'Extract', { extraction_strategy: { type: 'JsonCssExtractionStrategy', schema } });
    return {
      kind: 'schema',
      step,
      notes: ['the step has no url: set one, or js_only + session_id to extract from the page an earlier step left open'],
      errors: [],
    };
  }
  if (typeof value.type === 'string' && isObj(value.params)) {
    return { kind: 'unknown', notes: [], errors: [err('type', `"${value.type}" cannot be imported: expected CrawlerRunConfig or JsonCssExtractionStrategy`)] };
  }
  const known = Object.keys(value).filter((k) => (RUN_CONFIG_PARAMS as readonly string[]).includes(k));
  if (known.length) return importRunConfig(value, false);
  return {
    kind: 'unknown',
    notes: [],
    errors: [err('', 'not recognised: expected a Crawlwright flow ("format": "crawlwright.flow"), a JsonCss schema ("baseSelector" + "fields"), or a CrawlerRunConfig ({"type": "CrawlerRunConfig", "params": …} or its keyword arguments)')],
  };
}
