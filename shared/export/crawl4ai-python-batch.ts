// Flow with `inputs` → a Crawl4AI 0.9 batch script: the flow once per row, each row in sessions of
// its own (session ids suffixed like the batch runner's, `detail~row-7`), in rounds of
// --concurrency rows. A round's first steps go through one arun_many() with a dispatcher; each
// row then runs its later steps with arun() in its own session. Rows, retries, resume and the
// results file follow `crawlwright run --inputs` (the Python runtime is in
// crawl4ai-python-batch-runtime.ts). The CrawlerRunConfig keywords are the single-run export's
// (configArgs), so both scripts configure a step identically.
import { HOOK_NAMES, type Flow, type HookName, type Inputs, type Step } from '../flow/schema.js';
import { findPlaceholders } from '../flow/variables.js';
import {
  environmentNotes,
  inputsRunOnceNote,
  oneLine,
  planExport,
  resolveUrls,
  slug,
  stepIdentifiers,
  stepLabel,
  untilFunction,
  type ExportPlan,
  type ExportResult,
} from './common.js';
import { pyComment, pyDocstring, pyLiteral, pyString } from './python-literal.js';
import { HELPERS } from './crawl4ai-python-helpers.js';
import { INDENT, browserArgs, call, configArgs, makeJs, makeStr, type Needs, type SchemaNames } from './crawl4ai-python.js';
import { BATCH_RUNTIME, DATACLASSES } from './crawl4ai-python-batch-runtime.js';

/** Crawl4AI's own default for arun_many's concurrency (CrawlerRunConfig.semaphore_count). */
const UNPINNED_CONCURRENCY = 5;

const usesColumn = (text: string | undefined, columns: Set<string>) => Boolean(text && findPlaceholders(text).some((p) => !p.secret && columns.has(p.name)));

/** One `Step(...)` entry of row_plan()'s list, and the constants it needs (locals of row_plan). */
function stepEntry(step: Step, id: string, url: string | undefined, n: number, columns: Set<string>, needs: Needs, notes: string[], schemas: SchemaNames, constants: string[]) {
  // Every session is the row's own: the runner's partition, as a session id suffix.
  const args = configArgs(step, id, needs, constants, notes, n, schemas).map((a) => (a.startsWith('session_id=') ? `session_id=row_session(${a.slice('session_id='.length)})` : a));
  const fields = [`id=${pyString(step.id)}`, `name=${pyString(step.name)}`, `url=${url === undefined ? 'None' : makeStr(needs)(url)}`, `config=${call('CrawlerRunConfig', args, '')}`];
  const hooks = HOOK_NAMES.filter((h) => step.hooks?.[h as HookName] !== undefined);
  if (hooks.length) {
    needs.hooks = true;
    const entries = hooks.map((h) => {
      const name = `${id.toUpperCase()}_${h.toUpperCase()}`;
      constants.push(`${name} = ${makeJs(needs)(step.hooks![h as HookName]!)}`);
      return `${pyString(h)}: ${name},`;
    });
    fields.push(`hooks={\n${entries.map((e) => INDENT + e).join('\n')}\n}`);
  }
  const repeat = step.repeat;
  if (repeat && 'times' in repeat) fields.push(`times=${repeat.times}`);
  if (repeat && 'until' in repeat) {
    needs.until = true;
    const name = `${id.toUpperCase()}_UNTIL`;
    constants.push(`${name} = ${makeJs(needs)(untilFunction(repeat.until), repeat.until)}`);
    fields.push(`times=${repeat.max}`, `until=${name}`);
  }
  if (step.config.extraction_strategy) fields.push('extracts=True');
  if (step.config.screenshot) {
    needs.screenshot = true;
    fields.push('screenshot=True');
  }
  if (usesColumn(url, columns)) fields.push('url_from_row=True');
  const media = (['pdf', 'capture_mhtml'] as const).filter((k) => step.config[k]);
  if (media.length) notes.push(`${stepLabel(n - 1, step)}: ${media.join(' and ')} ${media.length > 1 ? 'are' : 'is'} passed to Crawl4AI (result.pdf / result.mhtml), but the batch script does not write ${media.length > 1 ? 'them' : 'it'} to files (the one-run export does)`);
  return call('Step', fields, INDENT.repeat(3));
}

function header(plan: ExportPlan, inputs: Inputs, fileName: string, dispatcher: string, notes: string[]): string {
  const { flow } = plan;
  const lines = [`${oneLine(flow.name)}: a Crawl4AI 0.9 batch script exported from Crawlwright.`];
  if (flow.description) lines.push('', flow.description);
  lines.push(
    '',
    `The flow runs once per input row, each row in sessions of its own, in rounds of --concurrency rows: arun_many() with ${dispatcher} runs a round's first steps, then each row runs its later steps with arun().`,
    '',
    'Setup: pip install "crawl4ai>=0.9,<0.10" && crawl4ai-setup',
  );
  const env = [...plan.variables.filter((v) => v.defaultValue === undefined).map((v) => `${v.name}=...`), ...plan.secrets.map((s) => `${s}=...`)];
  const kept = inputs.rows?.length ? `the ${inputs.rows.length} rows kept in the flow` : 'none kept in the flow: --inputs is required';
  lines.push(
    `Run:   ${env.length ? env.join(' ') + ' ' : ''}python3 ${fileName} [--inputs rows.csv|rows.jsonl] [--concurrency N] [--retries N] [--out FILE] [--restart]`,
    `       Rows: --inputs, else ${kept}. Results: ${slug(flow.name)}.results.jsonl, one line per row; run the same command again to resume.`,
    '',
    `Inputs: columns ${inputs.columns.join(', ')} (each row sets these {{variables}}); row id: ${inputs.id ? `column ${inputs.id}` : 'the row number'}.`,
  );
  if (plan.variables.length || plan.secrets.length) {
    lines.push('', 'Environment variables:');
    for (const v of plan.variables) lines.push(`    ${v.name}: {{${v.name}}}, ${v.defaultValue === undefined ? 'required' : `default ${JSON.stringify(v.defaultValue)}`}`);
    for (const s of plan.secrets) lines.push(`    ${s}: {{secret:${s}}}, required secret (never written to this file)`);
  }
  lines.push('', 'Export notes (what this script approximates or leaves out):', ...notes.map((n) => `- ${n}`));
  return pyDocstring(lines.join('\n'));
}

function batchNotes(inputs: Inputs, dispatcher: string, hooks: boolean): string[] {
  const notes = [
    `each row runs the whole flow in sessions of its own (session ids get the suffix ~row-<id>, as in crawlwright run --inputs), in rounds of --concurrency rows: arun_many() runs a round's first steps, each with the row's own CrawlerRunConfig (picked by url_matcher, a function that accepts exactly the row's start url), then each row runs its later steps with arun(); the next round starts when the round is over, so no more than --concurrency rows are open at a time`,
    inputs.concurrency !== undefined
      ? `the flow pins inputs.concurrency ${inputs.concurrency}: SemaphoreDispatcher(semaphore_count=${inputs.concurrency}) runs exactly that many first steps at once, as crawlwright run does (--concurrency changes it)`
      : `the flow pins no concurrency: MemoryAdaptiveDispatcher runs up to --concurrency (default ${UNPINNED_CONCURRENCY}, Crawl4AI's own CrawlerRunConfig.semaphore_count) first steps at once and starts none while memory use is above 90 %; crawlwright run would run 1 row at a time`,
    `arun_many() runs in batch mode (stream=False), because SemaphoreDispatcher has no run_urls_stream (Crawl4AI issues #703, #857): a row's later steps start when the round's first steps are all done`,
    `arun_many() tells rows apart by url only (a dispatcher gives a url the first config that matches): a row whose start url repeats another row's in the same round runs its first step with arun() instead`,
    `${dispatcher} gets no RateLimiter, so rows start without waiting, as in Crawlwright; arun_many()'s own default dispatcher would wait 1 to 3 s between requests to one domain`,
    `Crawl4AI reuses one browser context for sessions whose configs have the same context signature, so rows share cookies and localStorage there; Crawlwright gives every row a browser context of its own`,
    `a failed row is retried with fresh sessions (--retries, default ${inputs.retries ?? 2}; 0.5 s, 1 s, 2 s... between attempts) and results go to a JSON-lines file like crawlwright run --inputs writes, {row, status, attempts, values, items, error?, durationMs}; rows with a line are skipped when the script runs again`,
  ];
  if (hooks) {
    notes.push(
      `hooks (and repeat.until) run through one hook per name for the whole run, which looks up the step's hook body in config.shared_data: Crawl4AI's hooks are global to the crawler and rows run at the same time`,
    );
  }
  return notes;
}

export function exportCrawl4aiPythonBatch(flow: Flow & { inputs: Inputs }): ExportResult {
  const inputs = flow.inputs;
  const columns = new Set(inputs.columns);
  const full = planExport(flow);
  // Columns come from the rows, not from the environment.
  const plan: ExportPlan = { ...full, notes: full.notes.filter((n) => n !== inputsRunOnceNote(inputs)), variables: full.variables.filter((v) => !columns.has(v.name)) };
  const needs: Needs = { fill: true, fillJs: false, hooks: false, until: false, collect: false, screenshot: false };
  const notes = [...plan.notes, ...environmentNotes(plan)];
  const ids = stepIdentifiers(plan.steps);
  const { urls, notes: urlNotes } = resolveUrls(plan);
  notes.push(...urlNotes);
  const schemas: SchemaNames = new Map();
  const constants: string[] = [];
  const entries = plan.steps.map(({ step, index }, i) => stepEntry(step, ids[i], urls[i], index + 1, columns, needs, notes, schemas, constants));
  const hooks = needs.hooks || needs.until;
  const pinned = inputs.concurrency !== undefined;
  const dispatcher = pinned ? 'SemaphoreDispatcher' : 'MemoryAdaptiveDispatcher';
  if (plan.steps.length === 0) notes.push('the flow has no step to run: every row finishes at once with no items');
  notes.push(...batchNotes(inputs, dispatcher, hooks));

  const fileName = `${slug(flow.name)}.py`;
  const str = makeStr(needs);
  const out: string[] = ['#!/usr/bin/env python3', header(plan, inputs, fileName, dispatcher, notes), ''];
  const imports = ['argparse', 'asyncio', 'contextvars', 'csv', 'dataclasses', 'io', 'json', 'math', 'os', 'random', 're', 'sys', 'time', ...(needs.screenshot ? ['base64'] : [])];
  out.push(...imports.sort().map((m) => `import ${m}`), 'from urllib.parse import urlparse', '');
  const names = ['AsyncWebCrawler', 'BrowserConfig', 'CacheMode', 'CrawlerRunConfig', ...(needs.collect || plan.steps.some((s) => s.step.config.extraction_strategy) ? ['JsonCssExtractionStrategy'] : []), ...(needs.virtualScroll ? ['VirtualScrollConfig'] : []), dispatcher];
  out.push('from crawl4ai import (', ...names.map((n) => `${INDENT}${n},`), ')', '');

  out.push(pyComment("The flow's inputs: the {{variables}} each row sets, the column naming a row (None: rows are numbered from 1), the rows kept in the flow.", ''));
  out.push(`COLUMNS = ${pyLiteral(inputs.columns)}`, `ID_COLUMN = ${inputs.id === undefined ? 'None' : pyString(inputs.id)}`, `ROWS = ${pyLiteral(inputs.rows ?? [])}`);
  out.push(`CONCURRENCY = ${inputs.concurrency ?? UNPINNED_CONCURRENCY}`, `RETRIES = ${inputs.retries ?? 2}`, `OUTPUT = ${pyString(`${slug(flow.name)}.results.jsonl`)}`);
  if (needs.screenshot) out.push(`SCREENSHOT_PREFIX = ${pyString(slug(flow.name))}`);
  if (hooks) out.push(`HOOKS_USED = ${pyLiteral([...new Set(plan.steps.flatMap((s) => [...HOOK_NAMES.filter((h) => s.step.hooks?.[h as HookName] !== undefined), ...(s.step.repeat && 'until' in s.step.repeat ? ['before_return_html'] : [])]))])}`);
  out.push('');
  out.push(pyComment("Crawl4AI reports a page its anti-bot heuristic flags as success=False with this message (html and items still filled). Like Crawlwright's runner, the script reports it and the row goes on; True makes it a failed step.", ''));
  out.push('BLOCKED_PREFIX = "Blocked by anti-bot protection: "', 'STOP_ON_BLOCKED = False', '');
  out.push(pyComment("Values of the flow's other {{name}} placeholders: the environment wins over the flow's defaults.", ''), 'VARIABLES = {');
  for (const v of plan.variables) out.push(`${INDENT}${pyString(v.name)}: ${v.defaultValue === undefined ? `os.environ[${pyString(v.name)}]` : `os.environ.get(${pyString(v.name)}, ${pyString(v.defaultValue)})`},`);
  out.push('}');
  if (plan.secrets.length) {
    out.push('# {{secret:NAME}} values come only from the environment and are never written to a file.', 'SECRETS = {');
    for (const s of plan.secrets) out.push(`${INDENT}${pyString(s)}: os.environ[${pyString(s)}],`);
    out.push('}');
  }
  out.push('PLACEHOLDER = re.compile(r"\\{\\{\\s*(secret:)?([A-Za-z_][A-Za-z0-9_]*)\\s*\\}\\}")');
  out.push(pyComment('The row whose steps are being built (row_plan() sets it): fill() takes its values first.', ''), 'ROW = contextvars.ContextVar("row")', '', '');
  out.push(fillHelper(plan.secrets.length > 0), '', '');
  if (needs.fillJs) out.push(HELPERS.fillJs, '', '');
  out.push(`def row_session(session_id: str) -> str:
    """The row's own copy of a session (Crawlwright's batch runner names them the same way)."""
    return f"{session_id}~row-{ROW.get()['id']}"`, '', '');
  out.push(DATACLASSES, '', '');
  const sessionIds = plan.sessionIds.map((s) => `row_session(${str(s)})`);
  out.push(`def row_plan(row: dict) -> Plan:
    """The flow's steps for one row: its values in every {{placeholder}}, sessions of its own.
    Page-side JavaScript and extraction schemas are exactly as written in the flow."""
    token = ROW.set(row)
    try:`);
  // Continuation lines are re-indented unless they may be inside a triple-quoted string.
  for (const c of constants) out.push(INDENT.repeat(2) + (c.includes('"""') ? c : c.split('\n').join('\n' + INDENT.repeat(2))), '');
  out.push(`${INDENT.repeat(2)}steps = [`, ...entries.map((e) => `${INDENT.repeat(3)}${e},`), `${INDENT.repeat(2)}]`);
  out.push(`${INDENT.repeat(2)}return Plan(row, steps, [${sessionIds.join(', ')}])`, `${INDENT}finally:`, `${INDENT.repeat(2)}ROW.reset(token)`, '', '');
  out.push(
    pinned
      ? `def make_dispatcher(concurrency: int) -> SemaphoreDispatcher:
    # The flow pins inputs.concurrency: exactly that many first steps at once, as crawlwright run.
    return SemaphoreDispatcher(semaphore_count=concurrency)`
      : `def make_dispatcher(concurrency: int) -> MemoryAdaptiveDispatcher:
    # No concurrency pinned: Crawl4AI's memory-adaptive dispatcher, at most \`concurrency\` at once.
    return MemoryAdaptiveDispatcher(memory_threshold_percent=90.0, max_session_permit=concurrency)`,
    '',
    '',
  );
  const runtimeNeeds = { hooks, screenshot: needs.screenshot };
  out.push(BATCH_RUNTIME.rows, '', '', BATCH_RUNTIME.results, '', '');
  if (hooks) out.push(BATCH_RUNTIME.hooks, '', '');
  if (needs.screenshot) out.push(HELPERS.screenshot, '', '');
  out.push(BATCH_RUNTIME.steps(runtimeNeeds), '', '', BATCH_RUNTIME.rounds(runtimeNeeds), '', '');
  out.push(BATCH_RUNTIME.main(call('BrowserConfig', browserArgs(flow, needs), INDENT), runtimeNeeds), '');
  return { text: out.join('\n'), fileName, notes };
}

/** fill() of a batch script: the row's columns first, then the flow's variables (and secrets). */
function fillHelper(secrets: boolean): string {
  return `def fill(template: str) -> str:
    """Substitute {{name}}${secrets ? ' and {{secret:NAME}}' : ''} as plain text, as Crawlwright's runner does in urls,
    selectors and names (page-side JavaScript goes through fill_js). A row's values win; they are
    never expanded again."""
    values = ROW.get()["values"]

    def value(match) -> str:${secrets ? '\n        if match.group(1):\n            return SECRETS[match.group(2)]' : ''}
        name = match.group(2)
        return values[name] if name in values else VARIABLES[name]

    return PLACEHOLDER.sub(value, template)`;
}
