// Flow → a runnable Crawl4AI 0.9 Python script (AsyncWebCrawler, one CrawlerRunConfig per step,
// the flow's sessions, page-side hooks, repeat loops). Every user-written string enters the script
// through python-literal.ts, so nothing can break out of its literal.
import { HOOK_NAMES, type Flow, type HookName, type Step } from '../flow/schema.js';
import {
  environmentNotes,
  hasJsWaitFor,
  hasPlaceholder,
  jsPlaceholderQuotes,
  oneLine,
  planExport,
  resolveUrls,
  slug,
  stepLabel,
  stepIdentifiers,
  untilFunction,
  type ExportPlan,
  type ExportResult,
} from './common.js';
import { pyCode, pyComment, pyDocstring, pyLiteral, pyString } from './python-literal.js';
import { HELPERS } from './crawl4ai-python-helpers.js';
import { resolveExactDefaults } from '../extract/exact-defaults.js';

export const INDENT = '    ';

interface StepCode {
  /** Module-level constants (JS snippets, schema). */
  constants: string[];
  /** Statements inside main() (in the try block when the flow has sessions), indented for it. */
  body: string[];
}

export interface Needs {
  fill: boolean;
  fillJs: boolean;
  hooks: boolean;
  until: boolean;
  collect: boolean;
  screenshot: boolean;
  /** A step has virtual_scroll_config (import VirtualScrollConfig). */
  virtualScroll?: boolean;
  /** Steps save result.pdf / result.mhtml. */
  pdf?: boolean;
  mhtml?: boolean;
}

/** CrawlerRunConfig booleans of the page options, in Crawl4AI's signature order (crawl4ai-params.ts). */
const PAGE_FLAGS = [
  'process_iframes', 'flatten_shadow_dom', 'remove_overlay_elements', 'remove_consent_popups', 'simulate_user',
  'override_navigator', 'magic', 'adjust_viewport_to_content',
] as const;
const py = (b: boolean) => (b ? 'True' : 'False');

/** A string literal, wrapped in fill(...) when it holds {{placeholders}}. */
export function makeStr(needs: Needs, code = false) {
  return (s: string): string => {
    const lit = code ? pyCode(s) : pyString(s);
    if (!hasPlaceholder(s)) return lit;
    needs.fill = true;
    return `fill(${lit})`;
  };
}

/**
 * A JavaScript snippet literal, wrapped in fill_js(..., quotes) when it holds {{placeholders}}:
 * quotes names the literal around each placeholder, so the script escapes values exactly where
 * the runner does. `quotesOf` is the field as written when the snippet is a trimmed form of it.
 */
export function makeJs(needs: Needs) {
  return (s: string, quotesOf = s): string => {
    const lit = pyCode(s);
    if (!hasPlaceholder(s)) return lit;
    needs.fill = needs.fillJs = true;
    return `fill_js(${lit}, [${jsPlaceholderQuotes(quotesOf).map(pyString).join(', ')}])`;
  };
}

function jsValue(v: string | string[], needs: Needs): string {
  const str = makeJs(needs);
  if (!Array.isArray(v)) return str(v);
  // Only the first line of each item is indented: continuation lines of a triple-quoted literal
  // belong to the string.
  return `[\n${v.map((s) => `${INDENT}${str(s)},`).join('\n')}\n]`;
}

/** Identical schemas (pagination steps) share one constant. */
export type SchemaNames = Map<string, string>;

/** keyword=value lines of a CrawlerRunConfig(...) call, in Crawl4AI's signature order. */
export function configArgs(step: Step, id: string, needs: Needs, constants: string[], notes: string[], n: number, schemas: SchemaNames): string[] {
  const c = step.config;
  const str = makeStr(needs);
  const constName = (kind: string) => `${id.toUpperCase()}_${kind}`;
  const args: string[] = [];
  const add = (k: string, v: string) => args.push(`${k}=${v}`);
  if (c.extraction_strategy) {
    const key = JSON.stringify(c.extraction_strategy.schema);
    let name = schemas.get(key);
    if (!name) {
      name = constName('SCHEMA');
      schemas.set(key, name);
      constants.push(`${name} = ${pyLiteral(resolveExactDefaults(c.extraction_strategy.schema), { str })}`);
    }
    add('extraction_strategy', `JsonCssExtractionStrategy(${name})`);
  }
  if (c.css_selector !== undefined) add('css_selector', str(c.css_selector));
  if (c.target_elements !== undefined) add('target_elements', pyLiteral(c.target_elements, { str }));
  const cache = c.cache_mode ?? 'bypass';
  add('cache_mode', `CacheMode.${cache.toUpperCase()}`);
  if (cache !== 'bypass' && cache !== 'disabled') {
    notes.push(`${stepLabel(n - 1, step)}: cache_mode "${cache}" is exported as written; Crawlwright always loads the page live, Crawl4AI may answer this step from its cache without running the step's JS`);
  }
  if (c.session_id !== undefined) add('session_id', str(c.session_id));
  if (c.wait_until !== undefined) add('wait_until', pyString(c.wait_until));
  if (c.page_timeout !== undefined) add('page_timeout', String(c.page_timeout));
  if (c.wait_for !== undefined) {
    // js: conditions are JavaScript (placeholders escaped like the runner); css: ones selectors.
    const waitFor = hasJsWaitFor(step) ? makeJs(needs)(c.wait_for) : makeStr(needs, true)(c.wait_for);
    // A multi-line literal must live at column 0 (indenting it would change the string).
    if (c.wait_for.includes('\n')) {
      const name = constName('WAIT_FOR');
      constants.push(`${name} = ${waitFor}`);
      add('wait_for', name);
    } else add('wait_for', waitFor);
  }
  if (c.wait_for_timeout !== undefined) add('wait_for_timeout', String(c.wait_for_timeout));
  if (c.wait_for_images !== undefined) add('wait_for_images', py(c.wait_for_images));
  if (c.delay_before_return_html !== undefined) add('delay_before_return_html', String(c.delay_before_return_html));
  for (const key of ['js_code', 'js_code_before_wait'] as const) {
    const v = c[key];
    if (v === undefined) continue;
    const name = constName(key.toUpperCase());
    constants.push(`${name} = ${jsValue(v, needs)}`);
    add(key, name);
  }
  if (c.js_only !== undefined) add('js_only', c.js_only ? 'True' : 'False');
  if (c.scan_full_page !== undefined) add('scan_full_page', c.scan_full_page ? 'True' : 'False');
  if (c.scroll_delay !== undefined) add('scroll_delay', String(c.scroll_delay));
  if (c.max_scroll_steps !== undefined) add('max_scroll_steps', String(c.max_scroll_steps));
  for (const k of PAGE_FLAGS) if (c[k] !== undefined) add(k, py(c[k]!));
  if (c.screenshot !== undefined) add('screenshot', py(c.screenshot));
  if (c.screenshot_wait_for !== undefined) add('screenshot_wait_for', String(c.screenshot_wait_for));
  if (c.force_viewport_screenshot !== undefined) add('force_viewport_screenshot', py(c.force_viewport_screenshot));
  if (c.pdf !== undefined) add('pdf', py(c.pdf));
  if (c.capture_mhtml !== undefined) add('capture_mhtml', py(c.capture_mhtml));
  if (c.virtual_scroll_config !== undefined) {
    needs.virtualScroll = true;
    const v = c.virtual_scroll_config;
    const vArgs = [`container_selector=${str(v.container_selector)}`];
    if (v.scroll_count !== undefined) vArgs.push(`scroll_count=${v.scroll_count}`);
    if (v.scroll_by !== undefined) vArgs.push(`scroll_by=${typeof v.scroll_by === 'number' ? v.scroll_by : pyString(v.scroll_by)}`);
    if (v.wait_after_scroll !== undefined) vArgs.push(`wait_after_scroll=${v.wait_after_scroll}`);
    add('virtual_scroll_config', `VirtualScrollConfig(${vArgs.join(', ')})`);
  }
  return args;
}

export function call(fn: string, args: string[], indent: string): string {
  if (args.length === 0) return `${fn}()`;
  const inner = args.map((a) => indent + INDENT + a.split('\n').join('\n' + indent + INDENT) + ',').join('\n');
  return `${fn}(\n${inner}\n${indent})`;
}

function stepCode(step: Step, id: string, url: string | undefined, n: number, ind: string, needs: Needs, notes: string[], schemas: SchemaNames): StepCode {
  const constants: string[] = [];
  const body: string[] = [];
  const str = makeStr(needs);
  const repeat = step.repeat;
  const title = repeat
    ? 'times' in repeat
      ? ` (repeated ${repeat.times} times)`
      : ` (repeated until repeat.until is true, at most ${repeat.max} times)`
    : '';
  body.push(`${ind}# Step ${n}: ${oneLine(step.name)}${title}`);

  const configVar = `${id}_config`;
  const args = configArgs(step, id, needs, constants, notes, n, schemas);
  body.push(`${ind}${configVar} = ${call('CrawlerRunConfig', args, ind)}`);

  // Page-side hooks: one constant per hook body; run_step() registers them for this arun only.
  const hookEntries: string[] = [];
  const hooks = step.hooks ?? {};
  for (const h of HOOK_NAMES) {
    const code = hooks[h as HookName];
    if (code === undefined) continue;
    const name = `${id.toUpperCase()}_${h.toUpperCase()}`;
    constants.push(`${name} = ${makeJs(needs)(code)}`);
    hookEntries.push(`${pyString(h)}: ${name}`);
  }
  const until = repeat && 'until' in repeat ? repeat.until : undefined;
  const stateVar = `${id}_until`;
  if (until !== undefined) {
    needs.until = true;
    const name = `${id.toUpperCase()}_UNTIL`;
    constants.push(`${name} = ${makeJs(needs)(untilFunction(until), until)}`);
    body.push(`${ind}${stateVar} = {"predicate": ${name}, "done": False}`);
  }
  let hooksVar: string | undefined;
  if (hookEntries.length) {
    hooksVar = `${id}_hooks`;
    body.push(`${ind}${hooksVar} = {\n${hookEntries.map((e) => `${ind}${INDENT}${e},`).join('\n')}\n${ind}}`);
  }

  const loop = repeat !== undefined;
  const urlExpr = url === undefined ? 'None' : str(url);
  const extracts = Boolean(step.config.extraction_strategy);
  const shoots = Boolean(step.config.screenshot);
  const prints = Boolean(step.config.pdf);
  const archives = Boolean(step.config.capture_mhtml);
  const usesResult = extracts || shoots || prints || archives;
  const runArgs = [...(needs.hooks ? [pyString(step.id)] : []), pyString(step.name), urlExpr, configVar];
  if (hooksVar) runArgs.push(`hooks=${hooksVar}`);
  if (loop && (hooksVar || until !== undefined)) runArgs.push('iteration=iteration');
  if (until !== undefined) runArgs.push(`until=${stateVar}`);
  const inner = loop ? ind + INDENT : ind;
  const iterationExpr = loop ? 'iteration' : '0';
  const loopVar = usesResult || hooksVar || until !== undefined ? 'iteration' : '_';
  const stmts: string[] = [];
  stmts.push(`${inner}${usesResult ? 'result = ' : ''}await run_step(crawler, ${runArgs.join(', ')})`);
  if (extracts) {
    needs.collect = true;
    stmts.push(`${inner}collect(results, ${pyString(step.name)}, ${iterationExpr}, result)`);
  }
  if (shoots) {
    needs.screenshot = true;
    const file = loop ? `f"${slug(step.name)}-{iteration}.png"` : pyString(`${slug(step.name)}.png`);
    stmts.push(`${inner}save_screenshot(result, ${file})`);
  }
  for (const [on, ext, helper] of [[prints, 'pdf', 'save_pdf'], [archives, 'mhtml', 'save_mhtml']] as const) {
    if (!on) continue;
    needs[ext] = true;
    const file = loop ? `f"${slug(step.name)}-{iteration}.${ext}"` : pyString(`${slug(step.name)}.${ext}`);
    stmts.push(`${inner}${helper}(result, ${file})`);
  }
  if (until !== undefined) stmts.push(`${inner}if ${stateVar}["done"]:`, `${inner}${INDENT}break`);
  if (loop) {
    const count = 'times' in repeat! ? repeat!.times : (repeat as { max: number }).max;
    body.push(`${ind}for ${loopVar} in range(${count}):`);
  }
  body.push(...stmts);
  return { constants, body };
}

export function browserArgs(flow: Flow, needs: Needs): string[] {
  const b = flow.browser ?? {};
  const str = makeStr(needs);
  const args: string[] = [];
  if (b.headless !== undefined) args.push(`headless=${b.headless ? 'True' : 'False'}`);
  if (b.viewport_width !== undefined) args.push(`viewport_width=${b.viewport_width}`);
  if (b.viewport_height !== undefined) args.push(`viewport_height=${b.viewport_height}`);
  if (b.storage_state !== undefined) args.push(`storage_state=${pyLiteral(b.storage_state, { str })}`);
  if (b.ignore_https_errors !== undefined) args.push(`ignore_https_errors=${b.ignore_https_errors ? 'True' : 'False'}`);
  if (b.java_script_enabled !== undefined) args.push(`java_script_enabled=${b.java_script_enabled ? 'True' : 'False'}`);
  if (b.user_agent !== undefined) args.push(`user_agent=${str(b.user_agent)}`);
  if (b.text_mode !== undefined) args.push(`text_mode=${py(b.text_mode)}`);
  if (b.light_mode !== undefined) args.push(`light_mode=${py(b.light_mode)}`);
  if (b.extra_args !== undefined) args.push(`extra_args=${pyLiteral(b.extra_args, { str })}`);
  return args;
}

function header(plan: ExportPlan, fileName: string, notes: string[]): string {
  const { flow } = plan;
  const lines = [`${oneLine(flow.name)}: a Crawl4AI 0.9 script exported from Crawlwright.`];
  if (flow.description) lines.push('', flow.description);
  lines.push('', 'Setup: pip install "crawl4ai>=0.9,<0.10" && crawl4ai-setup');
  const envPrefix = [...plan.variables.filter((v) => v.defaultValue === undefined).map((v) => `${v.name}=...`), ...plan.secrets.map((s) => `${s}=...`)];
  const extracts = plan.steps.some((s) => s.step.config.extraction_strategy);
  lines.push(`Run:   ${envPrefix.length ? envPrefix.join(' ') + ' ' : ''}python3 ${fileName}${extracts ? ` (items go to ${slug(flow.name)}.items.json)` : ''}`);
  if (plan.variables.length || plan.secrets.length) {
    lines.push('', 'Environment variables:');
    for (const v of plan.variables) {
      lines.push(`    ${v.name}: {{${v.name}}}, ${v.defaultValue === undefined ? 'required' : `default ${JSON.stringify(v.defaultValue)}`}`);
    }
    for (const s of plan.secrets) lines.push(`    ${s}: {{secret:${s}}}, required secret (never written to this file)`);
  }
  if (notes.length) {
    lines.push('', 'Export notes (what this script approximates or leaves out):');
    for (const n of notes) lines.push(`- ${n}`);
  }
  return pyDocstring(lines.join('\n'));
}

/** The run summary's blocked count, printed at the end (stderr: Crawl4AI logs to stdout). */
const blockedSummary = (indent: string): string =>
  `${indent}if BLOCKED_STEPS:\n${indent}${INDENT}print(f"{len(BLOCKED_STEPS)} step run(s) Crawl4AI reported as blocked by anti-bot protection: {', '.join(BLOCKED_STEPS)}", file=sys.stderr)`;

export function exportCrawl4aiPython(flow: Flow): ExportResult {
  const plan = planExport(flow);
  const notes = [...plan.notes, ...environmentNotes(plan)];
  const needs: Needs = { fill: false, fillJs: false, hooks: false, until: false, collect: false, screenshot: false };
  const ids = stepIdentifiers(plan.steps);
  const { urls, notes: urlNotes } = resolveUrls(plan);
  notes.push(...urlNotes);

  // Decided up front because it sets the indentation of the step code: the steps run in a try
  // whose finally kills the sessions and writes the items (so a failing step keeps the items of
  // the steps before it, as Crawlwright's runner does).
  const collects = plan.steps.some((s) => s.step.config.extraction_strategy);
  const guarded = collects || plan.sessionIds.length > 0;
  const stepIndent = INDENT.repeat(guarded ? 3 : 2);
  // Decided up front: with hooks anywhere, every run_step() call passes its step id.
  needs.hooks = plan.steps.some((s) => s.step.hooks && Object.keys(s.step.hooks).length > 0);
  const schemas: SchemaNames = new Map();
  const steps = plan.steps.map(({ step, index }, i) => stepCode(step, ids[i], urls[i], index + 1, stepIndent, needs, notes, schemas));
  if (plan.steps.some((s) => s.step.hooks && Object.keys(s.step.hooks).length)) {
    notes.push(
      'hooks belong to one step in the flow but are global in Crawl4AI: run_step() sets them with crawler.crawler_strategy.set_hook() right before the arun() and clears them right after',
    );
  }
  if (needs.until) {
    notes.push(
      'repeat.until is evaluated in the page by a before_return_html hook (after the HTML capture, before pdf/screenshot); Crawlwright checks it after the step finished, which sees the same page state unless a screenshot changes it',
    );
  }
  if (plan.sessionIds.length === 0 && plan.steps.length > 1) {
    notes.push('no step has a session_id: every arun() opens a fresh page, so steps do not share page state (as in Crawl4AI)');
  }

  const fileName = `${slug(flow.name)}.py`;
  const sessionLine = plan.sessionIds.length ? `SESSION_IDS = [${plan.sessionIds.map((s) => makeStr(needs)(s)).join(', ')}]` : '';
  const out: string[] = [];
  out.push('#!/usr/bin/env python3');
  out.push(header(plan, fileName, notes));
  out.push('');
  const imports = ['asyncio', 'json', 'os', 'sys'];
  if (needs.screenshot) imports.unshift('base64');
  if (needs.fill) imports.push('re');
  out.push(...[...new Set(imports)].sort().map((m) => `import ${m}`));
  out.push('');
  out.push('from crawl4ai import (');
  out.push(...['AsyncWebCrawler', 'BrowserConfig', 'CacheMode', 'CrawlerRunConfig', ...(needs.collect ? ['JsonCssExtractionStrategy'] : []), ...(needs.virtualScroll ? ['VirtualScrollConfig'] : [])].map((n) => `${INDENT}${n},`));
  out.push(')');
  out.push('');

  if (needs.fill) {
    out.push("# Values of the flow's {{name}} placeholders: the environment wins over the flow's defaults.");
    out.push('VARIABLES = {');
    for (const v of plan.variables) {
      out.push(`${INDENT}${pyString(v.name)}: ${v.defaultValue === undefined ? `os.environ[${pyString(v.name)}]` : `os.environ.get(${pyString(v.name)}, ${pyString(v.defaultValue)})`},`);
    }
    out.push('}');
    if (plan.secrets.length) {
      out.push('# {{secret:NAME}} values come only from the environment and are never written to a file.');
      out.push('SECRETS = {');
      for (const s of plan.secrets) out.push(`${INDENT}${pyString(s)}: os.environ[${pyString(s)}],`);
      out.push('}');
    }
    out.push('PLACEHOLDER = re.compile(r"\\{\\{\\s*(secret:)?([A-Za-z_][A-Za-z0-9_]*)\\s*\\}\\}")');
    out.push('', '');
    out.push(HELPERS.fill(plan.secrets.length > 0));
    out.push('', '');
    if (needs.fillJs) {
      out.push(HELPERS.fillJs);
      out.push('', '');
    }
  }
  if (needs.collect) {
    out.push(`OUTPUT = ${pyString(`${slug(flow.name)}.items.json`)}`);
    out.push('');
  }
  if (sessionLine) out.push(sessionLine, '');
  out.push(pyComment("Crawl4AI reports a page its anti-bot heuristic flags as success=False with this message (html and items still filled). Like Crawlwright's runner, the script reports it and goes on; True stops the flow there (crawlwright run --stop-on-blocked).", ''));
  out.push('BLOCKED_PREFIX = "Blocked by anti-bot protection: "', 'STOP_ON_BLOCKED = False', 'BLOCKED_STEPS = []', '');
  const constants = steps.flatMap((s) => s.constants);
  if (constants.length) {
    out.push('# Page-side JavaScript and extraction schemas, exactly as written in the flow.');
    out.push(constants.join('\n\n'));
    out.push('');
  }

  const helpers: string[] = [];
  if (needs.hooks) helpers.push(HELPERS.pageHook);
  if (needs.until) helpers.push(HELPERS.untilHook);
  helpers.push(HELPERS.runStep(needs.hooks, needs.until));
  if (needs.collect) helpers.push(HELPERS.collect);
  if (needs.screenshot) helpers.push(HELPERS.screenshot);
  if (needs.pdf) helpers.push(HELPERS.pdf);
  if (needs.mhtml) helpers.push(HELPERS.mhtml);
  out.push('');
  out.push(helpers.join('\n\n\n'));
  out.push('');
  out.push('');

  const ind = (n: number) => INDENT.repeat(n);
  out.push('async def main() -> None:');
  out.push(`${ind(1)}browser_config = ${call('BrowserConfig', browserArgs(flow, needs), ind(1))}`);
  if (collects) out.push(`${ind(1)}results = []`);
  out.push(`${ind(1)}async with AsyncWebCrawler(config=browser_config) as crawler:`);
  const stepLines = steps.map((s) => s.body.join('\n')).join('\n\n');
  if (!guarded) out.push(stepLines || `${ind(2)}pass`);
  else {
    out.push(`${ind(2)}try:`);
    out.push(stepLines || `${ind(3)}pass`);
    out.push(`${ind(2)}finally:`);
    if (plan.sessionIds.length) {
      out.push(pyComment('Sessions keep their page open (for 30 minutes) until they are killed.', ind(3)));
      out.push(`${ind(3)}for session_id in SESSION_IDS:`);
      out.push(`${ind(4)}await crawler.crawler_strategy.kill_session(session_id)`);
    }
    if (collects) {
      out.push(pyComment('To a file, not stdout: Crawl4AI logs to stdout.', ind(3)));
      out.push(`${ind(3)}with open(OUTPUT, "w", encoding="utf-8") as file:`);
      out.push(`${ind(4)}json.dump(results, file, indent=2, ensure_ascii=False)`);
      out.push(`${ind(3)}print(f"{sum(len(r['items']) for r in results)} items written to {OUTPUT}")`);
    }
    out.push(blockedSummary(ind(3)));
  }
  if (!guarded) out.push(blockedSummary(ind(2)));
  out.push('');
  out.push('');
  out.push('if __name__ == "__main__":');
  out.push(`${ind(1)}asyncio.run(main())`);
  out.push('');
  return { text: out.join('\n'), fileName, notes };
}
