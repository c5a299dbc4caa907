// Static evaluation of Python expressions over the lezer syntax tree: literals, names bound to
// constants, f-strings (→ {{var}} placeholders), os.environ lookups, calls of Crawl4AI classes
// (kept as objects with their arguments) and `x if page > 0 else y` inside a `for page in
// range(N)` loop (→ a value that differs between the first and the later iterations).
// Nothing is executed; whatever is not one of these becomes an `unknown` with the reason.
import type { SyntaxNode } from '@lezer/common';
import { decodeNumberToken, decodeStringToken, splitStringToken, unescapePython } from './literal.js';

export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

export interface Arg {
  name?: string;
  value: Value;
  node: SyntaxNode;
}

export type Value =
  | { k: 'lit'; v: Json }
  /** Differs between loop iteration 0 and the later ones. */
  | { k: 'iter'; first: Value; rest: Value }
  /** A call of a class (CrawlerRunConfig, BrowserConfig, JsonCssExtractionStrategy, …). */
  | { k: 'obj'; cls: string; args: Arg[]; node: SyntaxNode }
  | { k: 'enum'; cls: string; member: string }
  | { k: 'func'; name: string; node: SyntaxNode }
  | { k: 'loopvar'; name: string }
  | { k: 'unknown'; why: string; node: SyntaxNode };

export const lit = (v: Json): Value => ({ k: 'lit', v });

/** Source text, line numbers and the lezer helpers the evaluator and the walker share. */
export class Source {
  private readonly lineStarts: number[] = [0];
  constructor(readonly text: string) {
    for (let i = 0; i < text.length; i++) if (text[i] === '\n') this.lineStarts.push(i + 1);
  }
  of(node: SyntaxNode): string {
    return this.text.slice(node.from, node.to);
  }
  line(offset: number): number {
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.lineStarts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  }
  /** `line 4` or `lines 4–17`. */
  where(node: SyntaxNode): string {
    const a = this.line(node.from);
    const b = this.line(Math.max(node.from, node.to - 1));
    return a === b ? `line ${a}` : `lines ${a}–${b}`;
  }
  /** The full source lines a node spans, verbatim. */
  lines(node: SyntaxNode): string {
    const start = this.lineStarts[this.line(node.from) - 1];
    const endLine = this.line(Math.max(node.from, node.to - 1));
    const end = endLine < this.lineStarts.length ? this.lineStarts[endLine] - 1 : this.text.length;
    return this.text.slice(start, end);
  }
}

const PUNCTUATION = new Set(['(', ')', '[', ']', '{', '}', ',', ':', '.', 'AssignOp', '*', '**', 'Comment']);

/** Child nodes without punctuation. */
export function kids(node: SyntaxNode): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  for (let c = node.firstChild; c; c = c.nextSibling) if (!PUNCTUATION.has(c.name)) out.push(c);
  return out;
}

/** Positional and keyword arguments of an ArgList (`**kw` / `*a` become unknown arguments). */
export function argNodes(argList: SyntaxNode, src: Source): { name?: string; node: SyntaxNode; star?: boolean }[] {
  const out: { name?: string; node: SyntaxNode; star?: boolean }[] = [];
  let pendingName: string | undefined;
  let star = false;
  for (let c = argList.firstChild; c; c = c.nextSibling) {
    if (c.name === '(' || c.name === ')' || c.name === ',' || c.name === 'Comment') continue;
    if (c.name === '*' || c.name === '**') {
      star = true;
      continue;
    }
    if (c.name === 'VariableName' && c.nextSibling?.name === 'AssignOp') {
      pendingName = src.of(c);
      continue;
    }
    if (c.name === 'AssignOp') continue;
    out.push({ name: pendingName, node: c, ...(star ? { star: true } : {}) });
    pendingName = undefined;
    star = false;
  }
  return out;
}

/** `a.b.c` → "a.b.c" for plain attribute chains; undefined otherwise. */
export function dottedName(node: SyntaxNode, src: Source): string | undefined {
  if (node.name === 'VariableName') return src.of(node);
  if (node.name === 'MemberExpression') {
    const parts = kids(node);
    if (parts.length === 2 && parts[1].name === 'PropertyName') {
      const head = dottedName(parts[0], src);
      return head && `${head}.${src.of(parts[1])}`;
    }
  }
  return undefined;
}

export interface Binding {
  value: Value;
  /** A module- or function-level constant assigned once: an f-string may name it as {{var}}. */
  node: SyntaxNode;
}

export class Scope {
  private readonly vars = new Map<string, Binding>();
  constructor(readonly parent?: Scope) {}
  get(name: string): Binding | undefined {
    return this.vars.get(name) ?? this.parent?.get(name);
  }
  set(name: string, b: Binding): void {
    this.vars.set(name, b);
  }
}

export interface EvalContext {
  src: Source;
  scope: Scope;
  /** Variables met while evaluating (f-string names, os.environ lookups): name → default or undefined. */
  variables: Map<string, string | undefined>;
  /** Functions of a Crawlwright export that only substitute placeholders (fill, fill_js). */
  fillHelpers: boolean;
}

const unknown = (node: SyntaxNode, why: string): Value => ({ k: 'unknown', why, node });

function stringValue(node: SyntaxNode, ctx: EvalContext): Value {
  const d = decodeStringToken(ctx.src.of(node));
  return d.ok ? lit(d.value) : unknown(node, d.reason);
}

/** An f-string: literal parts decoded, `{name}` → {{name}} (name bound to a constant or the environment). */
function formatString(node: SyntaxNode, ctx: EvalContext): Value {
  const token = ctx.src.of(node);
  const parts = splitStringToken(token);
  if (!parts) return unknown(node, 'a malformed f-string');
  const raw = parts.prefix.includes('r');
  const bodyStart = node.from + parts.prefix.length + parts.quote.length;
  const bodyEnd = node.to - parts.quote.length;
  let out = '';
  let pos = bodyStart;
  const literal = (from: number, to: number): string | undefined => {
    const seg = ctx.src.text.slice(from, to).replace(/\{\{/g, '{').replace(/\}\}/g, '}');
    if (raw) return seg;
    const d = unescapePython(seg);
    return d.ok ? d.value : undefined;
  };
  for (let c = node.firstChild; c; c = c.nextSibling) {
    if (c.name !== 'FormatReplacement') continue;
    const text = literal(pos, c.from);
    if (text === undefined) return unknown(node, 'an escape sequence in the f-string');
    out += text;
    const inner = kids(c).filter((k) => k.name !== '{' && k.name !== '}');
    if (inner.length !== 1 || inner[0].name !== 'VariableName') {
      return unknown(c, `the f-string replacement ${ctx.src.of(c)} is not a plain variable name`);
    }
    const name = ctx.src.of(inner[0]);
    const b = ctx.scope.get(name);
    if (!b) return unknown(c, `${name} is not defined in the script`);
    if (b.value.k === 'loopvar') return unknown(c, `the f-string uses the loop variable ${name}`);
    if (b.value.k !== 'lit' || (typeof b.value.v !== 'string' && typeof b.value.v !== 'number')) {
      return unknown(c, `${name} is not a string or number constant`);
    }
    const v = String(b.value.v);
    if (/\{\{.*\}\}/.test(v)) out += v; // already a placeholder (os.environ / fill)
    else {
      if (!ctx.variables.has(name)) ctx.variables.set(name, v);
      out += `{{${name}}}`;
    }
    pos = c.to;
  }
  const tail = literal(pos, bodyEnd);
  if (tail === undefined) return unknown(node, 'an escape sequence in the f-string');
  return lit(out + tail);
}

function listValue(node: SyntaxNode, ctx: EvalContext): Value {
  const items: Json[] = [];
  for (const c of kids(node)) {
    if (c.name === '[' || c.name === ']') continue;
    const v = evaluate(c, ctx);
    if (v.k !== 'lit') return v.k === 'unknown' ? v : unknown(c, 'a list item that is not a literal');
    items.push(v.v);
  }
  return lit(items);
}

function dictValue(node: SyntaxNode, ctx: EvalContext): Value {
  const out: Record<string, Json> = {};
  const parts: SyntaxNode[] = [];
  for (let c = node.firstChild; c; c = c.nextSibling) {
    if (c.name === '**') return unknown(node, 'a ** expansion inside a dict');
    if (!['{', '}', ',', ':', 'Comment'].includes(c.name)) parts.push(c);
  }
  if (node.name !== 'DictionaryExpression' || parts.length % 2) return unknown(node, 'a dict comprehension');
  for (let i = 0; i < parts.length; i += 2) {
    const key = evaluate(parts[i], ctx);
    if (key.k !== 'lit' || typeof key.v !== 'string') return unknown(parts[i], 'a dict key that is not a string');
    const value = evaluate(parts[i + 1], ctx);
    if (value.k !== 'lit') return value.k === 'unknown' ? value : unknown(parts[i + 1], 'a dict value that is not a literal');
    out[key.v] = value.v;
  }
  return lit(out);
}

/** `page > 0` and its spellings, where page is the loop variable: false on iteration 0, true later. */
function loopComparison(node: SyntaxNode, ctx: EvalContext): Value | undefined {
  const [a, op, b] = kids(node);
  if (!a || !op || !b || op.name !== 'CompareOp') return undefined;
  const side = (n: SyntaxNode) => (n.name === 'VariableName' ? ctx.scope.get(ctx.src.of(n))?.value : undefined);
  const num = (n: SyntaxNode) => (n.name === 'Number' ? decodeNumberToken(ctx.src.of(n)) : undefined);
  let o = ctx.src.of(op);
  let n = num(b);
  if (side(a)?.k !== 'loopvar') {
    if (side(b)?.k !== 'loopvar') return undefined;
    n = num(a);
    o = ({ '>': '<', '<': '>', '>=': '<=', '<=': '>=' } as Record<string, string>)[o] ?? o;
  }
  if (!n?.ok) return undefined;
  const k = n.value;
  const test = (i: number) => ({ '>': i > k, '>=': i >= k, '<': i < k, '<=': i <= k, '==': i === k, '!=': i !== k })[o];
  // Only comparisons that split "first iteration" from "the others" (k is 0 or 1).
  const first = test(0);
  const rest = test(1);
  if (first === undefined || rest === undefined || (k !== 0 && k !== 1) || test(2) !== rest) return undefined;
  return { k: 'iter', first: lit(first), rest: lit(rest) };
}

function conditional(node: SyntaxNode, ctx: EvalContext): Value {
  const [then, cond, otherwise] = kids(node).filter((c) => c.name !== 'if' && c.name !== 'else');
  const c = evaluate(cond, ctx);
  const pick = (v: Value): Value | undefined => (v.k === 'lit' ? (v.v ? evaluate(then, ctx) : evaluate(otherwise, ctx)) : undefined);
  if (c.k === 'lit') return pick(c)!;
  if (c.k === 'iter') {
    const first = pick(c.first);
    const rest = pick(c.rest);
    if (first && rest) return { k: 'iter', first, rest };
  }
  return c.k === 'unknown' ? c : unknown(node, 'a condition Crawlwright cannot evaluate');
}

function envLookup(name: Value, fallback: Value | undefined, node: SyntaxNode, ctx: EvalContext): Value {
  if (name.k !== 'lit' || typeof name.v !== 'string' || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(name.v)) {
    return unknown(node, 'an environment lookup with a computed name');
  }
  if (fallback && (fallback.k !== 'lit' || (fallback.v !== null && typeof fallback.v !== 'string'))) {
    return unknown(node, 'an environment default that is not a string');
  }
  const def = fallback?.k === 'lit' && typeof fallback.v === 'string' ? fallback.v : undefined;
  if (!ctx.variables.has(name.v) || def !== undefined) ctx.variables.set(name.v, def);
  return lit(`{{${name.v}}}`);
}

function call(node: SyntaxNode, ctx: EvalContext): Value {
  const [callee, argList] = kids(node);
  if (!argList || argList.name !== 'ArgList') return unknown(node, 'a call');
  const name = dottedName(callee, ctx.src);
  const args = argNodes(argList, ctx.src);
  if (args.some((a) => a.star)) return unknown(node, `a call with *args/**kwargs`);
  const positional = args.filter((a) => !a.name);
  if (name === 'os.environ.get' || name === 'os.getenv') {
    return envLookup(evaluate(positional[0].node, ctx), positional[1] && evaluate(positional[1].node, ctx), node, ctx);
  }
  // A Crawlwright export substitutes placeholders at run time; the flow keeps the template. A
  // batch export's row_session() gives each row its own copy of a session: the flow's id.
  if (ctx.fillHelpers && (name === 'fill' || name === 'fill_js' || name === 'row_session') && positional.length >= 1) return evaluate(positional[0].node, ctx);
  const last = name?.split('.').pop();
  if (name && last && /^[A-Z]/.test(last)) {
    return { k: 'obj', cls: last, args: args.map((a) => ({ name: a.name, node: a.node, value: evaluate(a.node, ctx) })), node };
  }
  return unknown(node, `the call ${name ?? ctx.src.of(callee)}(...)`);
}

function member(node: SyntaxNode, ctx: EvalContext): Value {
  const parts = kids(node);
  if (parts.length === 2 && parts[1].name === 'PropertyName') {
    const owner = dottedName(parts[0], ctx.src);
    if (owner && /^[A-Z]\w*$/.test(owner.split('.').pop()!)) return { k: 'enum', cls: owner.split('.').pop()!, member: ctx.src.of(parts[1]) };
    return unknown(node, `the attribute ${ctx.src.of(node)}`);
  }
  // subscript: os.environ["X"], CONSTANT["key"]
  const [obj, index] = parts;
  if (!obj || !index) return unknown(node, 'a subscript');
  if (dottedName(obj, ctx.src) === 'os.environ') return envLookup(evaluate(index, ctx), undefined, node, ctx);
  const o = evaluate(obj, ctx);
  const i = evaluate(index, ctx);
  if (o.k === 'lit' && i.k === 'lit' && o.v && typeof o.v === 'object') {
    const v = Array.isArray(o.v) ? (typeof i.v === 'number' ? o.v[i.v] : undefined) : typeof i.v === 'string' ? o.v[i.v] : undefined;
    if (v !== undefined) return lit(v);
  }
  return unknown(node, `the subscript ${ctx.src.of(node)}`);
}

export function evaluate(node: SyntaxNode, ctx: EvalContext): Value {
  switch (node.name) {
    case 'String':
      return stringValue(node, ctx);
    case 'FormatString':
      return formatString(node, ctx);
    case 'ContinuedString': {
      let s = '';
      for (const c of kids(node)) {
        const v = evaluate(c, ctx);
        if (v.k !== 'lit' || typeof v.v !== 'string') return v.k === 'unknown' ? v : unknown(c, 'a string part');
        s += v.v;
      }
      return lit(s);
    }
    case 'Number': {
      const d = decodeNumberToken(ctx.src.of(node));
      return d.ok ? lit(d.value) : unknown(node, d.reason);
    }
    case 'Boolean':
      return lit(ctx.src.of(node) === 'True');
    case 'None':
      return lit(null);
    case 'ArrayExpression':
    case 'TupleExpression':
      return listValue(node, ctx);
    case 'DictionaryExpression':
    case 'DictionaryComprehensionExpression':
      return dictValue(node, ctx);
    case 'ParenthesizedExpression':
      return evaluate(kids(node)[0], ctx);
    case 'VariableName': {
      const name = ctx.src.of(node);
      const b = ctx.scope.get(name);
      return b ? b.value : unknown(node, `${name} is not defined in the script`);
    }
    case 'UnaryExpression': {
      const [op, operand] = kids(node);
      const v = evaluate(operand, ctx);
      const o = ctx.src.of(op);
      const apply = (x: Value): Value | undefined =>
        x.k !== 'lit' ? undefined : o === 'not' ? lit(!x.v) : o === '-' && typeof x.v === 'number' ? lit(-x.v) : o === '+' && typeof x.v === 'number' ? x : undefined;
      if (v.k === 'iter') {
        const first = apply(v.first);
        const rest = apply(v.rest);
        if (first && rest) return { k: 'iter', first, rest };
      }
      return apply(v) ?? (v.k === 'unknown' ? v : unknown(node, `the expression ${ctx.src.of(node)}`));
    }
    case 'BinaryExpression':
      return loopComparison(node, ctx) ?? unknown(node, `the expression ${ctx.src.of(node)}`);
    case 'ConditionalExpression':
      return conditional(node, ctx);
    case 'CallExpression':
      return call(node, ctx);
    case 'MemberExpression':
      return member(node, ctx);
    default:
      return unknown(node, `the expression ${ctx.src.of(node).split('\n')[0]}`);
  }
}

/** The value on the first loop iteration (`first`) or on the later ones (`rest`). */
export function atIteration(v: Value, which: 'first' | 'rest'): Value {
  if (v.k === 'iter') return atIteration(v[which], which);
  if (v.k === 'obj') return { ...v, args: v.args.map((a) => ({ ...a, value: atIteration(a.value, which) })) };
  return v;
}

/** Whether a value (or any argument inside it) differs between iterations. */
export function variesByIteration(v: Value): boolean {
  if (v.k === 'iter') return true;
  if (v.k === 'obj') return v.args.some((a) => variesByIteration(a.value));
  return false;
}
