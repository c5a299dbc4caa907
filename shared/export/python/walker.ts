// The statement walk of a Crawl4AI script: which statements make flow steps (arun() calls, a
// Crawlwright export's run_step() calls, `for page in range(N)` loops), which set up the browser
// (`async with AsyncWebCrawler(config=BrowserConfig(...))`), which register hooks (set_hook) and
// which are bookkeeping (kill_session, imports). Everything else is reported by line.
import type { SyntaxNode } from '@lezer/common';
import { HOOK_NAMES, type BrowserSettings, type HookName, type Step } from '../../flow/schema.js';
import { newStepId } from '../../flow/ids.js';
import { proposeHook, type HookProposal } from './hooks.js';
import { addRunConfigArg, browserFrom, runConfigFrom } from './step-config.js';
import { argNodes, atIteration, dottedName, evaluate, kids, Scope, variesByIteration, type EvalContext, type Source, type Value } from './values.js';

export interface Note {
  node: SyntaxNode;
  message: string;
  /** Keep the statement's source lines verbatim in the flow's notes. */
  keepSource?: boolean;
}

interface ActiveHook {
  name: string;
  fn: SyntaxNode;
  setAt: SyntaxNode;
  proposal?: HookProposal;
  steps: string[];
}

interface Loop {
  variable: string;
  count: number;
  node: SyntaxNode;
  calls: number;
}

/** Helpers a Crawlwright export defines; in such a file they are scaffolding, not user code. */
const EXPORT_HELPERS = new Set(['fill', 'escape_js', 'fill_js', 'page_hook', 'until_hook', 'run_step', 'collect', 'save_screenshot', 'save_pdf', 'save_mhtml']);
const EXPORT_NAMES = new Set(['VARIABLES', 'SECRETS', 'PLACEHOLDER', 'JS_QUOTES', 'OUTPUT', 'SESSION_IDS', 'results', 'BLOCKED_PREFIX', 'STOP_ON_BLOCKED', 'BLOCKED_STEPS']);

export class Walker {
  readonly notes: Note[] = [];
  readonly steps: Step[] = [];
  readonly hooks: ActiveHook[] = [];
  browser: BrowserSettings | undefined;
  entry: string | undefined;
  private active = new Map<string, ActiveHook>();
  private loop: Loop | undefined;
  private readonly ctx: EvalContext;

  constructor(
    readonly src: Source,
    readonly exported: boolean,
    variables: Map<string, string | undefined>,
  ) {
    this.ctx = { src, scope: new Scope(), variables, fillHelpers: exported };
  }

  note(node: SyntaxNode, message: string, keepSource = false): void {
    // A config used by two steps (a loop's first and later iterations) is read twice: one note.
    if (this.notes.some((n) => n.node.from === node.from && n.node.to === node.to && n.message === message)) return;
    this.notes.push({ node, message, keepSource });
  }

  /** Module level: bind functions, then run the entry (asyncio.run(f()) or, without one, every async def with a crawl). */
  walkModule(script: SyntaxNode): void {
    const hasEntry = /asyncio\.run\s*\(/.test(this.src.text);
    this.block(script);
    if (!hasEntry) {
      for (const fn of kids(script).filter((c) => c.name === 'FunctionDefinition')) {
        const name = this.fnName(fn);
        if (EXPORT_HELPERS.has(name) && this.exported) continue;
        if (/\b(arun|run_step)\s*\(/.test(this.src.of(fn))) this.callFunction(fn);
      }
    }
  }

  private fnName(fn: SyntaxNode): string {
    const n = kids(fn).find((c) => c.name === 'VariableName');
    return n ? this.src.of(n) : '';
  }

  private callFunction(fn: SyntaxNode): void {
    this.entry ??= this.fnName(fn);
    const body = kids(fn).find((c) => c.name === 'Body');
    const outer = this.ctx.scope;
    this.ctx.scope = new Scope(outer);
    if (body) this.block(body);
    this.ctx.scope = outer;
  }

  private block(node: SyntaxNode): void {
    for (let c = node.firstChild; c; c = c.nextSibling) {
      if (c.name === ':' || c.name === 'Comment') continue;
      this.statement(c);
    }
  }

  private statement(s: SyntaxNode): void {
    switch (s.name) {
      case 'ImportStatement':
      case 'PassStatement':
        return;
      case 'FunctionDefinition': {
        const name = this.fnName(s);
        if (name) this.ctx.scope.set(name, { value: { k: 'func', name, node: s }, node: s });
        return;
      }
      case 'ExpressionStatement':
        return this.expressionStatement(s);
      case 'AssignStatement':
        return this.assign(s);
      case 'WithStatement':
        return this.withStatement(s);
      case 'ForStatement':
        return this.forStatement(s);
      case 'IfStatement':
        return this.ifStatement(s);
      case 'TryStatement':
        return this.tryStatement(s);
      case 'ReturnStatement':
        if (kids(s).length > 1) this.note(s, 'returns a value from the script; a flow keeps its results in the run results', true);
        return;
      case 'ScopeStatement':
        return;
      default:
        this.note(s, `a ${s.name.replace(/Statement$/, '').toLowerCase() || 'statement'} statement Crawlwright cannot represent; kept as a note`, true);
    }
  }

  /** The call inside `await f(...)` or `f(...)`. */
  private callOf(expr: SyntaxNode): { call: SyntaxNode; awaited: boolean } | undefined {
    if (expr.name === 'AwaitExpression') {
      const inner = kids(expr).find((c) => c.name !== 'await');
      return inner?.name === 'CallExpression' ? { call: inner, awaited: true } : undefined;
    }
    return expr.name === 'CallExpression' ? { call: expr, awaited: false } : undefined;
  }

  private calleeName(call: SyntaxNode): string | undefined {
    return dottedName(kids(call)[0], this.src);
  }

  /** Handles a call statement; false when it is not one Crawlwright knows. */
  private knownCall(call: SyntaxNode, stmt: SyntaxNode): boolean {
    const name = this.calleeName(call) ?? '';
    const method = name.split('.').pop() ?? '';
    const owner = name.split('.')[0];
    const ownerValue = this.ctx.scope.get(owner)?.value;
    const onCrawler = ownerValue?.k === 'obj' && ownerValue.cls === 'AsyncWebCrawler';
    const args = argNodes(kids(call)[1], this.src);
    if (onCrawler && name === `${owner}.arun`) {
      this.arun(call, stmt);
      return true;
    }
    if (onCrawler && name === `${owner}.arun_many`) {
      this.note(stmt, 'arun_many(): many URLs in one call; in Crawlwright that is a flow with inputs (one row per URL), not imported', true);
      return true;
    }
    if (onCrawler && method === 'kill_session') return true; // sessions end with the run
    if (onCrawler && method === 'set_hook') {
      this.setHook(call, stmt, args);
      return true;
    }
    if (this.exported && name === 'run_step') {
      this.runStep(call, stmt);
      return true;
    }
    if (this.exported && (name === 'collect' || name === 'save_screenshot' || name === 'save_pdf' || name === 'save_mhtml' || name === 'json.dump' || name === 'print')) return true;
    if (name === 'asyncio.run' || (this.ctx.scope.get(name)?.value.k === 'func' && !(this.exported && EXPORT_HELPERS.has(name)))) {
      const target = name === 'asyncio.run' ? args[0]?.node : call;
      const inner = target && target.name === 'CallExpression' ? this.calleeName(target) : undefined;
      const fn = inner ? this.ctx.scope.get(inner)?.value : undefined;
      if (fn?.k === 'func') {
        this.callFunction(fn.node);
        return true;
      }
    }
    if (name === 'print') {
      this.note(stmt, 'print(...): output of the script; Crawlwright shows results in its Results panel', true);
      return true;
    }
    return false;
  }

  private expressionStatement(s: SyntaxNode): void {
    const expr = kids(s)[0];
    if (!expr || expr.name === 'String') return; // a docstring
    const c = this.callOf(expr);
    if (c && this.knownCall(c.call, s)) return;
    this.note(s, `${this.src.of(s).split('\n')[0]}: a Python call Crawlwright cannot represent; kept as a note`, true);
  }

  private assign(s: SyntaxNode): void {
    const parts = kids(s);
    const value = parts[parts.length - 1];
    const targets = parts.slice(0, -1);
    const c = this.callOf(value);
    // `result = await crawler.arun(...)`: a crawl; any other call is evaluated as a value.
    if (c && /\.arun(_many)?$|^run_step$/.test(this.calleeName(c.call) ?? '') && this.knownCall(c.call, s)) return;
    if (targets.length !== 1 || targets[0].name !== 'VariableName') {
      this.note(s, 'an assignment Crawlwright cannot represent (several or computed targets); kept as a note', true);
      return;
    }
    const name = this.src.of(targets[0]);
    const v = evaluate(value, this.ctx);
    this.ctx.scope.set(name, { value: v, node: s });
    if (v.k === 'unknown' && !(this.exported && EXPORT_NAMES.has(name))) {
      this.note(s, `${name} = …: ${v.why}, which Crawlwright cannot represent; kept as a note`, true);
    }
  }

  private withStatement(s: SyntaxNode): void {
    const parts = kids(s).filter((c) => !['async', 'with', 'as'].includes(c.name));
    const body = parts.find((c) => c.name === 'Body');
    const [expr, target] = parts;
    const v = expr ? evaluate(expr, this.ctx) : undefined;
    if (v?.k === 'obj' && v.cls === 'AsyncWebCrawler') {
      const configArg = v.args.find((a) => a.name === 'config');
      if (configArg) {
        if (configArg.value.k === 'obj' && configArg.value.cls === 'BrowserConfig') this.browser = browserFrom(configArg.value.args, (n, m) => this.note(n, m), this.src);
        else this.note(configArg.node, 'AsyncWebCrawler(config=…) is not a BrowserConfig(...) call; browser settings left out');
      }
      const legacy = v.args.filter((a) => a !== configArg);
      if (legacy.length) this.browser = { ...this.browser, ...browserFrom(legacy, (n, m) => this.note(n, m), this.src) };
      if (target?.name === 'VariableName') this.ctx.scope.set(this.src.of(target), { value: v, node: s });
      if (body) this.block(body);
      return;
    }
    if (this.exported && /^open\(OUTPUT/.test(this.src.of(expr ?? s))) return;
    this.note(s, 'a with block Crawlwright cannot represent; kept as a note', true);
  }

  private forStatement(s: SyntaxNode): void {
    const parts = kids(s).filter((c) => c.name !== 'for' && c.name !== 'in');
    const [target, iterable, body] = parts;
    const bodyText = body ? this.src.of(body) : '';
    if (this.exported && iterable && this.src.of(iterable) === 'SESSION_IDS' && /kill_session/.test(bodyText)) return;
    const range = iterable?.name === 'CallExpression' && this.calleeName(iterable) === 'range' ? argNodes(kids(iterable)[1], this.src) : undefined;
    const bounds = range?.map((a) => evaluate(a.node, this.ctx));
    const ints = bounds?.every((b) => b.k === 'lit' && Number.isInteger(b.v)) ? bounds.map((b) => (b as { v: number }).v) : undefined;
    if (!target || target.name !== 'VariableName' || !body || !ints || ints.length < 1 || ints.length > 2 || this.loop) {
      this.note(s, this.loop ? 'a loop inside a loop: Crawlwright repeats single steps; kept as a note' : 'a for loop that is not `for x in range(N)`; kept as a note', true);
      return;
    }
    const count = ints.length === 1 ? ints[0] : ints[1] - ints[0];
    if (count < 1) {
      this.note(s, `the loop runs ${count} times; nothing to import`, true);
      return;
    }
    const variable = this.src.of(target);
    this.loop = { variable, count, node: s, calls: 0 };
    this.ctx.scope.set(variable, { value: { k: 'loopvar', name: variable }, node: target });
    this.block(body);
    if (this.loop.calls > 1) {
      this.note(s, `the loop body crawls ${this.loop.calls} times per iteration; each call became its own repeated step, so Crawlwright runs all iterations of one before the next`);
    }
    this.loop = undefined;
  }

  private ifStatement(s: SyntaxNode): void {
    const text = this.src.of(s);
    if (/^if\s+__name__\s*==\s*["']__main__["']\s*:/.test(text)) {
      const body = kids(s).find((c) => c.name === 'Body');
      if (body) this.block(body);
      return;
    }
    if (this.exported && /^if \w+_until\["done"\]:\s*break\s*$/.test(text.trim())) return;
    if (this.exported && /^if BLOCKED_STEPS:\s*print\(/.test(text.trim())) return; // the export's blocked-pages summary
    const uses = /\bresult\w*\b/.test(text) ? 'result handling' : 'a condition';
    this.note(s, `${uses} (${text.split('\n')[0]}) is not part of a flow; kept as a note`, true);
  }

  private tryStatement(s: SyntaxNode): void {
    let handler = false;
    for (let c = s.firstChild; c; c = c.nextSibling) {
      if (c.name === 'except') handler = true;
      if (c.name !== 'Body') continue;
      if (handler) this.note(c, 'an except block: a failing step stops a Crawlwright run; kept as a note', true);
      else this.block(c);
    }
  }

  private setHook(call: SyntaxNode, stmt: SyntaxNode, args: ReturnType<typeof argNodes>): void {
    const [nameArg, fnArg] = args;
    const hookName = nameArg ? evaluate(nameArg.node, this.ctx) : undefined;
    if (!hookName || hookName.k !== 'lit' || typeof hookName.v !== 'string' || !fnArg) {
      this.note(stmt, 'set_hook() with a computed hook name; kept as a note', true);
      return;
    }
    const fn = evaluate(fnArg.node, this.ctx);
    if (fn.k === 'lit' && fn.v === null) {
      this.active.delete(hookName.v);
      return;
    }
    if (fn.k !== 'func') {
      this.note(stmt, `set_hook("${hookName.v}", …): the hook is not a function defined in the script; kept as a note`, true);
      return;
    }
    const hook: ActiveHook = {
      name: hookName.v,
      fn: fn.node,
      setAt: call,
      proposal: (HOOK_NAMES as readonly string[]).includes(hookName.v) ? proposeHook(hookName.v, fn.node, this.src) : undefined,
      steps: [],
    };
    this.hooks.push(hook);
    this.active.set(hook.name, hook);
  }

  /** The comment lines right above a statement, as a step name. */
  private commentAbove(stmt: SyntaxNode): string | undefined {
    const prev = stmt.prevSibling;
    if (prev?.name !== 'Comment' || this.src.line(prev.to) !== this.src.line(stmt.from) - 1) return undefined;
    return this.src.of(prev).replace(/^#\s*/, '').trim() || undefined;
  }

  private addStep(step: Omit<Step, 'id'> & { id?: string }): void {
    const id = step.id && !this.steps.some((s) => s.id === step.id) ? step.id : newStepId(this.steps.map((s) => s.id));
    const full = { ...step, id } as Step;
    for (const hook of this.active.values()) {
      hook.steps.push(full.name);
      if (!hook.proposal) continue;
      full.hooks = { ...full.hooks, [hook.name as HookName]: hook.proposal.code };
      const where = this.src.where(hook.fn);
      full.notes = [full.notes, `hooks.${hook.name} is a proposed page-side stand-in for the Python hook ${this.fnName(hook.fn)} (script ${where}, kept in the flow's notes).`].filter(Boolean).join('\n');
    }
    this.steps.push(full);
  }

  /** Steps for one crawl call: a plain step, or inside a loop a first step and/or a repeated one. */
  private stepsFor(config: Value, url: Value | undefined, node: SyntaxNode, name: string | undefined, base: Partial<Step> = {}): void {
    const make = (c: Value, u: Value | undefined): Step['config'] => {
      const conf = runConfigFrom(c, node, (n, m) => this.note(n, m), this.src);
      if (u) addRunConfigArg(conf, { name: 'url', value: u, node }, (n, m) => this.note(n, m), this.src);
      return conf as Step['config'];
    };
    const loop = this.loop;
    if (!loop) {
      const config_ = make(config, url);
      this.addStep({ ...base, name: name ?? (config_.url ? `Open ${config_.url}` : `Step ${this.steps.length + 1}`), config: config_ });
      return;
    }
    loop.calls++;
    const title = loop.variable.charAt(0).toUpperCase() + loop.variable.slice(1);
    const varies = variesByIteration(config) || (url !== undefined && variesByIteration(url));
    if (!varies) {
      this.addStep({ ...base, name: name ?? `${title} 1–${loop.count}`, config: make(config, url), ...(loop.count > 1 ? { repeat: { times: loop.count } } : {}) });
      return;
    }
    const at = (w: 'first' | 'rest') => make(atIteration(config, w), url && atIteration(url, w));
    this.addStep({ ...base, name: `${title} 1`, config: at('first') });
    if (loop.count > 1) {
      this.addStep({ ...base, name: loop.count === 2 ? `${title} 2` : `${title}s 2–${loop.count}`, config: at('rest'), repeat: { times: loop.count - 1 } });
    }
  }

  private arun(call: SyntaxNode, stmt: SyntaxNode): void {
    const args = argNodes(kids(call)[1], this.src);
    let url: Value | undefined;
    let config: Value = { k: 'obj', cls: 'CrawlerRunConfig', args: [], node: call };
    const legacy: typeof args = [];
    for (const a of args) {
      if (a.name === 'url' || (!a.name && !url)) url = evaluate(a.node, this.ctx);
      else if (a.name === 'config' || a.name === 'crawler_config') config = evaluate(a.node, this.ctx);
      else legacy.push(a);
    }
    if (legacy.length) {
      if (config.k !== 'obj') config = { k: 'obj', cls: 'CrawlerRunConfig', args: [], node: call };
      this.note(stmt, 'arun() keywords outside CrawlerRunConfig (the pre-0.5 style): imported as CrawlerRunConfig parameters');
      config = { ...config, args: [...config.args, ...legacy.map((a) => ({ name: a.name, node: a.node, value: evaluate(a.node, this.ctx) }))] } as Value;
    }
    this.stepsFor(config, url, stmt, this.loop ? undefined : this.commentAbove(stmt));
  }

  /** run_step(crawler, [step_id,] name, url, config, hooks=…, iteration=…, until=…) of a Crawlwright export. */
  private runStep(call: SyntaxNode, stmt: SyntaxNode): void {
    const args = argNodes(kids(call)[1], this.src);
    const positional = args.filter((a) => !a.name).map((a) => evaluate(a.node, this.ctx));
    const kw = (n: string) => {
      const a = args.find((x) => x.name === n);
      return a ? evaluate(a.node, this.ctx) : undefined;
    };
    const [, ...rest] = positional;
    const withId = rest.length === 4;
    const [idV, nameV, urlV, configV] = withId ? rest : [undefined, ...rest];
    const str = (v: Value | undefined) => (v?.k === 'lit' && typeof v.v === 'string' ? v.v : undefined);
    const base: Partial<Step> = {};
    const hooks = kw('hooks');
    if (hooks?.k === 'lit' && hooks.v && typeof hooks.v === 'object' && !Array.isArray(hooks.v)) base.hooks = hooks.v as Step['hooks'];
    const until = kw('until');
    const name = str(nameV) ?? `Step ${this.steps.length + 1}`;
    const note = (n: SyntaxNode, m: string) => this.note(n, m);
    const config = runConfigFrom(configV ?? { k: 'lit', v: null }, stmt, note, this.src);
    if (urlV && !(urlV.k === 'lit' && urlV.v === null)) addRunConfigArg(config, { name: 'url', value: urlV, node: stmt }, note, this.src);
    const loop = this.loop;
    if (loop) {
      loop.calls++;
      const predicate = until?.k === 'lit' && until.v && typeof until.v === 'object' && !Array.isArray(until.v) ? until.v.predicate : undefined;
      base.repeat = typeof predicate === 'string' ? { until: `js:${predicate}`, max: loop.count } : { times: loop.count };
    }
    this.addStep({ ...base, id: str(idV), name, config: config as Step['config'] });
  }
}
