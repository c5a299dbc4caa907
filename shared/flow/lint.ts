// Warnings for the known Crawl4AI traps (crawl4ai-notes.md 1.2, 1.4, summary 1). Shared by the
// step editor (inline markers), `crawlwright validate` and the runner (result warnings).
import type { Flow, Step } from './schema.js';
import type { ValidationIssue } from './issues.js';
import { findPlaceholders } from './variables.js';
import { jsFieldsOf, scanJsPlaceholders } from './js-placeholders.js';
import { classifyWaitFor } from './wait-for.js';
import { pageOptionNotes } from '../crawl4ai/option-notes.js';

const FUNCTION_EXPR = /^\s*(async\s+)?(function\b|\([^)]*\)\s*=>|[A-Za-z_$][\w$]*\s*=>)/;

export { classifyWaitFor, type WaitForKind } from './wait-for.js';

export function isFunctionExpression(code: string): boolean {
  return FUNCTION_EXPR.test(code);
}

export function lintWaitFor(waitFor: string): string | undefined {
  const kind = classifyWaitFor(waitFor);
  const s = waitFor.trim();
  if (kind === 'js' && !isFunctionExpression(s.slice(3))) {
    return 'the js: predicate must be a function expression such as "js:() => document.querySelectorAll(\'.item\').length > 10"; a bare expression fails with "userFunction is not a function"';
  }
  if (kind === 'bare-js') return 'no "js:" prefix: Crawl4AI treats it as JS because it starts with "()"/"function"; write "js:" explicitly';
  if (kind === 'bare-css') {
    return `no "css:" or "js:" prefix: Crawl4AI tries it as a CSS selector and, if that is invalid, silently waits the full timeout; write "css:${s}"`;
  }
  return undefined;
}

function snippets(v: string | string[] | undefined): string[] {
  return v === undefined ? [] : Array.isArray(v) ? v : [v];
}

/**
 * A snippet whose last statement is a side-effect-free expression (`document.title`,
 * `items.length > 3`) probably meant to `return` it: js_code is a function body, so the value is lost.
 */
export function lintSnippetReturn(code: string): string | undefined {
  if (/\breturn\b/.test(code)) return undefined;
  const lines = code.trim().split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('//'));
  const last = (lines[lines.length - 1] ?? '').replace(/;\s*$/, '');
  if (!last) return undefined;
  if (/^(const|let|var|if|else|for|while|do|try|catch|finally|switch|throw|await|function|class|async|new|delete)\b|^[}{)\]]/.test(last)) return undefined;
  if (/\)$/.test(last)) return undefined; // a call: run for its side effect
  if (/(^|[^=!<>])=(?![=>])|\+\+|--|\+=|-=/.test(last)) return undefined; // an assignment
  return 'js_code is a function body: the last expression is not returned. Add `return` to see its value in js_execution_result';
}

/** `(async () => { … })();` as the whole snippet: the promise is neither awaited nor returned. */
const BARE_ASYNC_IIFE = /^\s*\(\s*async\s*(\(\s*\)|function\s*\(\s*\))[\s\S]*\)\s*\(\s*\)\s*;?\s*$/;

export function lintSnippetAsyncIife(code: string): string | undefined {
  if (!BARE_ASYNC_IIFE.test(code)) return undefined;
  return 'the async IIFE is neither awaited nor returned: js_code is already an async function body, so Crawl4AI goes on before its loop ends; write `await` in front of it (or drop the wrapper)';
}

/** A step that loads its session's page again (not js_only, same url as the session's previous step) before its JS. */
function reloadsSessionPage(step: Step, index: number, flow: Flow): boolean {
  const c = step.config;
  if (c.js_only || !c.session_id || !c.url || (c.js_code === undefined && c.js_code_before_wait === undefined)) return false;
  if (step.repeat) return true;
  const previous = flow.steps.slice(0, index).reverse().find((s) => !s.disabled && s.config.session_id === c.session_id);
  return previous?.config.url === c.url;
}

export function lintStep(step: Step, index: number, flow?: Flow): ValidationIssue[] {
  const out: ValidationIssue[] = [];
  const base = `steps[${index}].config`;
  const c = step.config;
  const warn = (path: string, message: string) => out.push({ path, message, severity: 'warning' });
  if (c.wait_for !== undefined) {
    const w = lintWaitFor(c.wait_for);
    if (w) warn(`${base}.wait_for`, w);
  }
  if (c.js_code !== undefined && c.wait_for && c.js_code_before_wait === undefined) {
    warn(
      `${base}.js_code`,
      'js_code runs AFTER wait_for since Crawl4AI 0.8.5; to act and then wait for the result, move the code to js_code_before_wait',
    );
  }
  snippets(c.js_code).forEach((s, i) => {
    const w = lintSnippetReturn(s) ?? lintSnippetAsyncIife(s);
    if (w) warn(Array.isArray(c.js_code) ? `${base}.js_code[${i}]` : `${base}.js_code`, w);
  });
  if (flow && reloadsSessionPage(step, index, flow)) {
    warn(
      `${base}.js_only`,
      'this step loads its url again before its JS (js_only is not set), so the session\'s page state (clicked "load more", scroll position, window variables) is lost; set js_only to act on the page as the previous step left it',
    );
  }
  if (!c.url && !c.js_only) warn(`${base}.url`, 'no url and not js_only: Crawl4AI requires a url for every arun()');
  if (c.js_only && !c.session_id) {
    warn(`${base}.js_only`, 'js_only without session_id runs on a fresh about:blank page');
  }
  for (const n of pageOptionNotes(c, flow?.browser)) warn(`${base}.${n.key}`, n.message);
  if (step.repeat && 'until' in step.repeat) {
    const u = step.repeat.until.trim().replace(/^js:/, '');
    if (!isFunctionExpression(u)) warn(`steps[${index}].repeat.until`, 'must be a function expression: "js:() => …"');
  }
  // Placeholders in JS are substituted as text: in quotes the run escapes the value for that
  // quote; in bare code the value becomes code (a quote or newline in it breaks the snippet).
  for (const f of jsFieldsOf(step)) {
    for (const p of scanJsPlaceholders(f.code)) {
      if (p.context !== 'code') continue;
      warn(
        `steps[${index}].${f.path}`,
        `${p.raw} is outside a string literal, so its value is pasted into the JavaScript as code; write '${p.raw}' (inside '…', "…" or \`…\` the value is escaped and arrives as a string)`,
      );
    }
  }
  if (flow) {
    const declared = new Set([...Object.keys(flow.variables ?? {}), ...(flow.inputs?.columns ?? [])]);
    for (const p of findPlaceholders(JSON.stringify(step))) {
      if (!p.secret && !declared.has(p.name) && !BUILTIN_VARIABLES.includes(p.name)) {
        warn(`steps[${index}]`, `placeholder {{${p.name}}} is not declared in variables`);
      }
    }
  }
  return out;
}

export const BUILTIN_VARIABLES = ['demo_url'];

export function lintFlow(flow: Flow): ValidationIssue[] {
  return flow.steps.flatMap((s, i) => lintStep(s, i, flow));
}
