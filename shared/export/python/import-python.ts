// A Crawl4AI Python script → a flow, by parsing it with @lezer/python (a real Python grammar,
// pure JS, so the renderer could bundle it too) and walking the tree. Nothing in the script is
// executed. Whatever Crawlwright cannot represent is reported by line and kept in the flow's
// `notes` (Python hooks verbatim), never dropped silently; the flow is then checked by the one
// flow validator (shared/flow/validate.ts).
import { parser } from '@lezer/python';
import type { SyntaxNode } from '@lezer/common';
import { FLOW_FORMAT, FLOW_VERSION, type Flow } from '../../flow/schema.js';
import { validateFlow } from '../../flow/validate.js';
import { BUILTIN_VARIABLES } from '../../flow/lint.js';
import type { ImportResult } from '../importers.js';
import { Scope, Source, kids } from './values.js';
import { importBatchScript, type BatchImport } from './batch-import.js';
import { decodeStringToken } from './literal.js';
import { Walker } from './walker.js';

const EXPORT_LINE = /^(.*): a Crawl4AI [\d.]+ (batch )?script exported from Crawlwright\.$/;

/** Name and description from a Crawlwright export's module docstring (batch: a flow with inputs). */
function exportHeader(script: SyntaxNode, src: Source): { name: string; description?: string; batch: boolean } | undefined {
  const first = kids(script)[0];
  const str = first?.name === 'ExpressionStatement' ? kids(first)[0] : undefined;
  if (!str || str.name !== 'String') return undefined;
  const d = decodeStringToken(src.of(str));
  if (!d.ok) return undefined;
  const paragraphs = d.value.split('\n\n');
  const m = EXPORT_LINE.exec(paragraphs[0].trim());
  if (!m) return undefined;
  const batch = Boolean(m[2]);
  // A batch export's docstring has one paragraph of its own (how rows run) before Setup.
  const setup = paragraphs.findIndex((p) => p.startsWith('Setup:'));
  const description = paragraphs.slice(1, setup < 0 ? 1 : batch ? setup - 1 : setup).join('\n\n');
  return { name: m[1], batch, ...(description ? { description } : {}) };
}

function syntaxErrors(script: SyntaxNode, src: Source): string[] {
  const out: string[] = [];
  const seen = new Set<number>();
  const visit = (n: SyntaxNode) => {
    if (n.type.isError) {
      const line = src.line(n.from);
      if (!seen.has(line)) {
        seen.add(line);
        out.push(`line ${line}: Python syntax error near ${JSON.stringify(src.lines(n).trim().slice(0, 60))}; the statement is skipped`);
      }
    }
    for (let c = n.firstChild; c; c = c.nextSibling) visit(c);
  };
  visit(script);
  return out;
}

const humanize = (name: string) => {
  const s = name.replace(/_+/g, ' ').trim();
  return s ? s.charAt(0).toUpperCase() + s.slice(1) : s;
};

/** Python source kept verbatim in the notes (a fenced block, so its indentation is untouched). */
const fenced = (text: string) => '```python\n' + text + '\n```';

/** Import a Crawl4AI Python script. Never throws. */
export function importPythonScript(text: string): ImportResult {
  const src = new Source(text);
  const script = parser.parse(text).topNode;
  const header = exportHeader(script, src);
  const variables = new Map<string, string | undefined>();
  const walker = new Walker(src, header !== undefined, variables);
  const errors = syntaxErrors(script, src);
  let batch: BatchImport | undefined;
  if (header?.batch) {
    batch = importBatchScript(script, { src, scope: new Scope(), variables, fillHelpers: true }, (node, message) => walker.note(node, message));
    walker.steps.push(...batch.steps);
    walker.browser = batch.browser;
  } else walker.walkModule(script);

  const notes: string[] = [...errors];
  const flowNotes: string[] = [];
  for (const n of walker.notes) {
    const line = `${src.where(n.node)}: ${n.message}`;
    notes.push(line);
    flowNotes.push(n.keepSource ? `${line}\n${fenced(src.lines(n.node))}` : line);
  }
  for (const h of walker.hooks) {
    const fnName = src.of(kids(h.fn).find((c) => c.name === 'VariableName')!);
    const head = `${src.where(h.setAt)}: set_hook("${h.name}", ${fnName}): a Python hook (script ${src.where(h.fn)}) cannot run in Crawlwright, whose flows run JavaScript in the page only; its source is kept in the flow's notes`;
    const steps = h.steps.map((s) => `"${s}"`).join(', ');
    const tail = h.proposal
      ? `; a proposed page-side equivalent (${h.proposal.summary}) is set as hooks.${h.name} of ${steps || 'no step'}: review it`
      : h.steps.length
        ? `; no page-side equivalent is proposed for this body: write one in hooks.${h.name} of ${steps}`
        : '; no crawl runs after it';
    notes.push(head + tail);
    flowNotes.push(`${head}${tail}.\nPython hook ${fnName}, verbatim:\n${fenced(src.lines(h.fn))}`);
  }
  if (walker.steps.length === 0) {
    return {
      kind: 'python-script',
      notes,
      errors: [{ path: '', severity: 'error', message: 'no crawl found: the script has no crawler.arun(...) call Crawlwright can follow' }],
    };
  }

  const declared = Object.fromEntries([...variables].filter((e): e is [string, string] => e[1] !== undefined && !BUILTIN_VARIABLES.includes(e[0])));
  const candidate: Flow = {
    format: FLOW_FORMAT,
    version: FLOW_VERSION,
    name: header?.name ?? (walker.entry ? humanize(walker.entry) : 'Imported Crawl4AI script'),
    ...(header?.description ? { description: header.description } : {}),
    ...(walker.browser && Object.keys(walker.browser).length ? { browser: walker.browser } : {}),
    variables: declared,
    ...(batch?.inputs ? { inputs: batch.inputs } : {}),
    ...(flowNotes.length
      ? { notes: `Imported from a Crawl4AI Python script. What Crawlwright could not represent, by line:\n\n${[...errors, ...flowNotes].join('\n\n')}` }
      : {}),
    steps: walker.steps,
  };
  const checked = validateFlow(candidate);
  if (!checked.ok) return { kind: 'python-script', notes, errors: checked.errors };
  const byStep = (path: string) => path.replace(/^steps\[(\d+)\]/, (_, i) => `step ${Number(i) + 1} "${checked.flow.steps[Number(i)].name}"`);
  return {
    kind: 'python-script',
    flow: checked.flow,
    notes: [...notes, ...checked.warnings.map((w) => `${byStep(w.path)}: ${w.message}`)],
    errors: [],
  };
}
