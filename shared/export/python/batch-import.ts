// A Crawlwright batch export (crawl4ai-python of a flow with inputs) read back into the flow: the
// steps from row_plan()'s `Step(...)` list, the inputs from COLUMNS / ID_COLUMN / ROWS /
// CONCURRENCY (pinned when the script builds a SemaphoreDispatcher) / RETRIES, the browser from
// main()'s BrowserConfig(...), variables from VARIABLES. The rest of the file is the batch
// runtime the exporter writes; it is not user code and is not reported. Nothing is executed.
import type { SyntaxNode } from '@lezer/common';
import type { BrowserSettings, Inputs, Step } from '../../flow/schema.js';
import { addRunConfigArg, browserFrom, runConfigFrom, type Noter } from './step-config.js';
import { evaluate, kids, Scope, type EvalContext, type Source, type Value } from './values.js';

export interface BatchImport {
  steps: Step[];
  inputs?: Inputs;
  browser?: BrowserSettings;
}

const fnName = (fn: SyntaxNode, src: Source) => src.of(kids(fn).find((c) => c.name === 'VariableName') ?? fn);
const body = (n: SyntaxNode) => kids(n).find((c) => c.name === 'Body');

/** Assignments `NAME = value` of a block into the scope; returns the nodes by name. */
function bind(block: SyntaxNode, ctx: EvalContext): Map<string, SyntaxNode> {
  const nodes = new Map<string, SyntaxNode>();
  for (const s of kids(block)) {
    if (s.name !== 'AssignStatement') continue;
    const parts = kids(s);
    if (parts.length !== 2 || parts[0].name !== 'VariableName') continue;
    const name = ctx.src.of(parts[0]);
    nodes.set(name, parts[1]);
    ctx.scope.set(name, { value: evaluate(parts[1], ctx), node: s });
  }
  return nodes;
}

const str = (v: Value | undefined) => (v?.k === 'lit' && typeof v.v === 'string' ? v.v : undefined);
const int = (v: Value | undefined) => (v?.k === 'lit' && typeof v.v === 'number' && Number.isInteger(v.v) ? v.v : undefined);

function stepFrom(item: Value, node: SyntaxNode, note: Noter, src: Source): Step | undefined {
  if (item.k !== 'obj' || item.cls !== 'Step') {
    note(node, 'a row_plan() entry that is not a Step(...) call; left out');
    return undefined;
  }
  const arg = (name: string) => item.args.find((a) => a.name === name);
  const config = runConfigFrom(arg('config')?.value ?? { k: 'lit', v: null }, node, note, src);
  const url = arg('url');
  if (url && !(url.value.k === 'lit' && url.value.v === null)) addRunConfigArg(config, url, note, src);
  const step = { id: str(arg('id')?.value) ?? '', name: str(arg('name')?.value) ?? '', config } as Step;
  const hooks = arg('hooks')?.value;
  if (hooks?.k === 'lit' && hooks.v && typeof hooks.v === 'object' && !Array.isArray(hooks.v)) step.hooks = hooks.v as Step['hooks'];
  const times = int(arg('times')?.value);
  const until = str(arg('until')?.value);
  if (until !== undefined) step.repeat = { until: `js:${until}`, max: times ?? 1 };
  else if (times !== undefined) step.repeat = { times };
  return step;
}

export function importBatchScript(script: SyntaxNode, ctx: EvalContext, note: Noter): BatchImport {
  const { src } = ctx;
  const module = bind(script, ctx);
  const fns = new Map(kids(script).filter((c) => c.name === 'FunctionDefinition').map((f) => [fnName(f, src), f]));
  const steps: Step[] = [];
  const plan = fns.get('row_plan');
  const tryBlock = plan && body(plan) && kids(body(plan)!).find((c) => c.name === 'TryStatement');
  const tryBody = tryBlock && body(tryBlock);
  if (tryBody) {
    const outer = ctx.scope;
    ctx.scope = new Scope(outer);
    const list = bind(tryBody, ctx).get('steps');
    for (const item of list ? kids(list).filter((c) => c.name !== '[' && c.name !== ']') : []) {
      const step = stepFrom(evaluate(item, ctx), item, note, src);
      if (step) steps.push(step);
    }
    ctx.scope = outer;
  } else note(script, 'row_plan() with its Step(...) list was not found: no steps imported');

  const value = (name: string) => ctx.scope.get(name)?.value;
  const columns = value('COLUMNS');
  let inputs: Inputs | undefined;
  if (columns?.k === 'lit' && Array.isArray(columns.v) && columns.v.every((c) => typeof c === 'string')) {
    inputs = { columns: columns.v as string[] };
    const id = str(value('ID_COLUMN'));
    if (id !== undefined) inputs.id = id;
    const rows = value('ROWS');
    if (rows?.k === 'lit' && Array.isArray(rows.v) && rows.v.length) inputs.rows = rows.v as Inputs['rows'];
    // CONCURRENCY is always written; the flow pinned it when the script uses a SemaphoreDispatcher.
    const make = fns.get('make_dispatcher');
    const concurrency = int(value('CONCURRENCY'));
    if (make && /return SemaphoreDispatcher\(/.test(src.of(make)) && concurrency !== undefined) inputs.concurrency = concurrency;
    const retries = int(value('RETRIES'));
    if (retries !== undefined && retries !== 2) inputs.retries = retries; // 2 is the default
  } else note(module.get('COLUMNS') ?? script, 'COLUMNS is not a list of names: the inputs were not imported');

  let browser: BrowserSettings | undefined;
  const main = fns.get('main');
  const config = main && body(main) ? bind(body(main)!, { ...ctx, scope: new Scope(ctx.scope) }).get('browser_config') : undefined;
  const b = config ? evaluate(config, ctx) : undefined;
  if (b?.k === 'obj' && b.cls === 'BrowserConfig') browser = browserFrom(b.args, note, src);
  return { steps, ...(inputs ? { inputs } : {}), ...(browser && Object.keys(browser).length ? { browser } : {}) };
}
