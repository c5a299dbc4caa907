// Python hooks (`crawler.crawler_strategy.set_hook(name, fn)`) cannot run in Crawlwright: flows
// run only page-side JavaScript. Their source is kept verbatim; for a body that is a known pattern
// a page-side equivalent is proposed. Known today: "wait until the first item's text changes"
// (the Custom Execution Hooks example of Crawl4AI's session guide): a `while True` loop that
// reads one selector's textContent, compares it with the text seen last time and breaks.
import type { SyntaxNode } from '@lezer/common';
import { decodeNumberToken, decodeStringToken } from './literal.js';
import { argNodes, dottedName, kids, type Source } from './values.js';

export interface HookProposal {
  /** Page-side hook body (an async function body, as flow hooks are). */
  code: string;
  /** What the proposal does, for the import notes. */
  summary: string;
}

function walk(node: SyntaxNode, visit: (n: SyntaxNode) => void): void {
  visit(node);
  for (let c = node.firstChild; c; c = c.nextSibling) walk(c, visit);
}

/** String arguments of `page.<method>(...)` calls anywhere in the body. */
function pageCalls(body: SyntaxNode, src: Source, page: string): { method: string; args: string[] }[] {
  const out: { method: string; args: string[] }[] = [];
  walk(body, (n) => {
    if (n.name !== 'CallExpression') return;
    const [callee, argList] = kids(n);
    const name = callee && dottedName(callee, src);
    if (!name || !argList) return;
    const [owner, method] = name.split('.');
    if (owner !== page || !method || name.split('.').length !== 2) return;
    const args = argNodes(argList, src).flatMap((a) => {
      if (a.node.name !== 'String') return [];
      const d = decodeStringToken(src.of(a.node));
      return d.ok ? [d.value] : [];
    });
    out.push({ method, args });
  });
  return out;
}

function pollInterval(body: SyntaxNode, src: Source): number {
  let ms = 100;
  walk(body, (n) => {
    if (n.name !== 'CallExpression') return;
    const [callee, argList] = kids(n);
    if (!callee || dottedName(callee, src) !== 'asyncio.sleep' || !argList) return;
    const [first] = argNodes(argList, src);
    const d = first && first.node.name === 'Number' ? decodeNumberToken(src.of(first.node)) : undefined;
    if (d?.ok) ms = Math.round(d.value * 1000);
  });
  return ms;
}

/** A page-side equivalent of a Python hook function, when its body is a known pattern. */
export function proposeHook(hookName: string, fn: SyntaxNode, src: Source): HookProposal | undefined {
  const params = kids(fn).find((c) => c.name === 'ParamList');
  const body = kids(fn).find((c) => c.name === 'Body');
  const page = params && kids(params).find((c) => c.name === 'VariableName');
  if (!body || !page) return undefined;
  let loops = false;
  let breaks = false;
  walk(body, (n) => {
    if (n.name === 'WhileStatement') loops = true;
    if (n.name === 'BreakStatement') breaks = true;
  });
  const calls = pageCalls(body, src, src.of(page));
  const selectors = new Set(calls.filter((c) => c.method === 'wait_for_selector' || c.method === 'query_selector').map((c) => c.args[0]).filter(Boolean));
  const readsText = /\.textContent\b|inner_text\(|text_content\(/.test(src.of(body));
  if (!loops || !breaks || selectors.size !== 1 || !readsText) return undefined;
  const selector = [...selectors][0];
  const ms = pollInterval(body, src);
  const memory = `window.__crawlwright_${hookName}_last`;
  const code = [
    `// Proposed page-side equivalent of the Python hook (kept verbatim in the notes): wait until the`,
    `// first ${JSON.stringify(selector)} shows a text other than the one seen last time.`,
    `const read = () => { const el = document.querySelector(${JSON.stringify(selector)}); return el ? el.textContent.trim() : ''; };`,
    `for (;;) {`,
    `  const text = read();`,
    `  if (text && text !== ${memory}) { ${memory} = text; break; }`,
    `  await new Promise((resolve) => setTimeout(resolve, ${ms}));`,
    `}`,
  ].join('\n');
  return { code, summary: `waits until the first ${JSON.stringify(selector)} changes its text (polls every ${ms} ms)` };
}
