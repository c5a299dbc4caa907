// Running user JavaScript in a page with Crawl4AI's semantics and hard bounds: js_code lists
// (robust_execute_user_script), wait_for (smart_wait), hooks, predicates. Every evaluation is
// bounded; a synchronous endless loop is interrupted with CDP Runtime.terminateExecution so the
// page stays usable.
import type { CDPSession, Page } from 'playwright-core';
import { classifyWaitFor } from '../../shared/flow/lint.js';
import { hookExpression, pollExpression, predicateExpression, snippetExpression, stripJsPrefix } from './page-scripts.js';
import { TimeoutError, errorMessage, firstLine, withTimeout } from './timeouts.js';
import { snippetResultEntry } from '../../shared/crawl4ai/js-result.js';

export class StepFailure extends Error {
  constructor(
    message: string,
    readonly detail: { phase: string; selector?: string; snippetIndex?: number; hook?: string },
  ) {
    super(message);
    this.name = 'StepFailure';
  }
}

export class AbortedError extends Error {
  constructor() {
    super('run stopped');
    this.name = 'AbortedError';
  }
}

/** Reject as soon as `signal` aborts, so a stop request never waits for the browser. */
export function abortable<T>(p: Promise<T>, signal?: AbortSignal): Promise<T> {
  if (!signal) return p;
  if (signal.aborted) {
    p.catch(() => undefined);
    return Promise.reject(new AbortedError());
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(new AbortedError());
    signal.addEventListener('abort', onAbort, { once: true });
    p.then(
      (v) => {
        signal.removeEventListener('abort', onAbort);
        resolve(v);
      },
      (e) => {
        signal.removeEventListener('abort', onAbort);
        reject(e);
      },
    );
  });
}

const cdpSessions = new WeakMap<Page, Promise<CDPSession | undefined>>();

/** Attach a CDP session early (attaching while the renderer spins can block). */
export function ensureCdp(page: Page): Promise<CDPSession | undefined> {
  let s = cdpSessions.get(page);
  if (!s) {
    s = page
      .context()
      .newCDPSession(page)
      .catch(() => undefined);
    cdpSessions.set(page, s);
  }
  return s;
}

/** Interrupt JS stuck in the page's main thread (while(true){}). */
export async function terminateExecution(page: Page): Promise<void> {
  const cdp = await ensureCdp(page);
  await withTimeout<unknown>(cdp ? cdp.send('Runtime.terminateExecution') : Promise.resolve(), 2000, 'terminateExecution').catch(() => undefined);
}

/**
 * page.evaluate bounded by `ms`. On timeout the page's JS is terminated (if it is spinning) and a
 * TimeoutError is thrown; on abort the same, with AbortedError.
 */
export async function boundedEvaluate(page: Page, expression: string, ms: number, what: string, signal?: AbortSignal): Promise<unknown> {
  await withTimeout(ensureCdp(page), 2000, 'attaching CDP').catch(() => undefined);
  const p = page.evaluate(expression);
  p.catch(() => undefined);
  try {
    return await abortable(withTimeout(p, ms, what), signal);
  } catch (e) {
    if (e instanceof TimeoutError || e instanceof AbortedError) await terminateExecution(page);
    throw e;
  }
}

const isContextDestroyed = (e: unknown) => /Execution context was destroyed|because of a navigation/i.test(errorMessage(e));

/** The page (or browser) is gone: no point recording and going on. */
const pageGone = (page: Page, e?: unknown) => page.isClosed() || /Target crashed|Page crashed/i.test(errorMessage(e));

async function loadState(page: Page, state: 'load' | 'domcontentloaded' | 'networkidle', ms: number, signal?: AbortSignal): Promise<void> {
  await abortable(page.waitForLoadState(state, { timeout: ms }), signal).catch((e) => {
    if (e instanceof AbortedError) throw e;
  });
}

export interface SnippetRun {
  /** Crawl4AI's js_execution_result (values in their Python view, shared/crawl4ai/js-result.ts). */
  result: { success: true; results: unknown[] };
  warnings: string[];
  /** Indexes of snippets that failed (recorded, not fatal). */
  failed: number[];
}

/**
 * robust_execute_user_script (notes 1.4): wait for domcontentloaded, then run each snippet in order;
 * failures are recorded and the rest still run; a navigation ("context destroyed") waits for load +
 * networkidle and records Crawl4AI's info object; falsy values become {success:true}.
 */
export async function runSnippets(page: Page, snippets: string[], timeoutMs: number, label: string, signal?: AbortSignal): Promise<SnippetRun> {
  const results: unknown[] = [];
  const warnings: string[] = [];
  const failed: number[] = [];
  await loadState(page, 'domcontentloaded', Math.min(timeoutMs, 30_000), signal);
  for (let i = 0; i < snippets.length; i++) {
    let value: unknown;
    let stopped = false;
    try {
      value = await boundedEvaluate(page, snippetExpression(snippets[i]), timeoutMs, `${label}[${i}]`, signal);
    } catch (e) {
      if (e instanceof AbortedError || pageGone(page, e)) throw e;
      if (e instanceof TimeoutError) {
        stopped = true;
        value = { success: false, error: `${label}[${i}] did not finish within page_timeout (${timeoutMs} ms); it was interrupted` };
        warnings.push(`${label}[${i}] did not return within page_timeout (${timeoutMs} ms) and was stopped (an endless loop or a promise that never settles?); the remaining snippets still ran, as in Crawl4AI`);
      } else if (isContextDestroyed(e)) {
        // Crawl4AI: a navigation destroyed the context → wait for the new page, record it as info.
        await loadState(page, 'load', Math.min(timeoutMs, 30_000), signal);
        await loadState(page, 'networkidle', Math.min(timeoutMs, 30_000), signal);
        value = { success: true, info: 'Navigation triggered, ignoring context destroyed error' };
      } else {
        value = { success: false, error: firstLine(e) };
      }
    }
    if (value && typeof value === 'object' && (value as { success?: unknown }).success === false) {
      failed.push(i);
      // A stopped snippet already has its warning above: one timeout is one warning.
      if (!stopped) warnings.push(`${label}[${i}] failed: ${(value as { error?: unknown }).error ?? 'unknown error'} (recorded; the remaining snippets still ran, as in Crawl4AI)`);
    }
    // Crawl4AI replaces every Python-falsy value (None, 0, "", False, [], {}) by {success: true}.
    results.push(snippetResultEntry(value));
    await loadState(page, 'domcontentloaded', 5000, signal);
  }
  return { result: { success: true, results }, warnings, failed };
}

export interface WaitOutcome {
  warnings: string[];
  /** A js: (or fallback) condition was still false at the timeout; the step went on without it. */
  timedOut?: boolean;
}

/** smart_wait (notes 1.2), with the ambiguities reported as warnings. */
export async function smartWait(page: Page, waitFor: string, timeoutMs: number, signal?: AbortSignal): Promise<WaitOutcome> {
  const s = waitFor.trim();
  const kind = classifyWaitFor(s);
  const warnings: string[] = [];
  if (kind === 'css') {
    await cssWait(page, s.slice(4).trim(), timeoutMs, signal);
    return { warnings };
  }
  if (kind === 'js' || kind === 'bare-js') {
    if (kind === 'bare-js') warnings.push('wait_for has no "js:" prefix; treated as JS because it starts with "()"/"function" (Crawl4AI rule). Write "js:" explicitly.');
    const problems: string[] = [];
    const met = await jsWait(page, kind === 'js' ? s.slice(3).trim() : s, timeoutMs, signal, problems);
    warnings.push(...problems);
    if (!met && !problems.length) warnings.push(`wait_for JS condition was still false after ${timeoutMs} ms; continuing anyway (Crawl4AI does not fail on a JS wait timeout)`);
    return { warnings, timedOut: !met && !problems.length };
  }
  // Bare string: Crawl4AI tries it as a selector; on a non-timeout error it falls back to a JS
  // function *body* `() => {<text>}` that returns undefined, i.e. it silently waits the full timeout.
  warnings.push(`wait_for has no "css:"/"js:" prefix; Crawl4AI treats "${s}" as a CSS selector and falls back to JS if it is not one. Write "css:" or "js:" explicitly.`);
  try {
    await cssWait(page, s, timeoutMs, signal, true);
  } catch (e) {
    if (!(e instanceof InvalidSelector)) throw e;
    warnings.push(`"${s}" is not a valid selector: Crawl4AI's fallback ran it as a JS function body with no return, which waited the full ${timeoutMs} ms and continued`);
    await jsWait(page, `() => {${s}}`, timeoutMs, signal).catch(() => false);
    return { warnings, timedOut: true };
  }
  return { warnings };
}

class InvalidSelector extends Error {}

async function cssWait(page: Page, selector: string, timeoutMs: number, signal: AbortSignal | undefined, bare = false): Promise<void> {
  try {
    await abortable(page.waitForSelector(selector, { state: 'visible', timeout: timeoutMs }), signal);
  } catch (e) {
    if (e instanceof AbortedError) throw e;
    const msg = firstLine(e);
    if (/Timeout/i.test(msg) && !/selector.*(invalid|parse)/i.test(msg)) {
      throw new StepFailure(`Wait condition failed: Timeout after ${timeoutMs}ms waiting for selector '${selector}' (state: visible)`, {
        phase: 'wait_for',
        selector,
      });
    }
    if (bare) throw new InvalidSelector(msg);
    throw new StepFailure(`Wait condition failed: Invalid CSS selector: '${selector}' (${msg})`, { phase: 'wait_for', selector });
  }
}

/**
 * true when the condition became truthy, false when Crawl4AI would go on without it: a timeout,
 * a navigation that destroyed the context, or any error that is not "Error evaluating condition"
 * — including a syntax error in the user's text (csp_compliant_wait returns False for those;
 * `problems` gets a warning so the user sees it). A throwing predicate fails the step.
 */
async function jsWait(page: Page, fnText: string, timeoutMs: number, signal?: AbortSignal, problems?: string[]): Promise<boolean | 'navigated'> {
  try {
    // Node-side bound slightly above the page-side one, in case the predicate itself spins.
    return Boolean(await boundedEvaluate(page, pollExpression(fnText, timeoutMs), timeoutMs + 2000, 'wait_for', signal));
  } catch (e) {
    // Crawl4AI also returns False here; it is not a timeout (run health must not call it one).
    if (isContextDestroyed(e) && !pageGone(page, e)) return 'navigated';
    if (e instanceof AbortedError || pageGone(page, e)) throw e;
    const msg = firstLine(e);
    if (msg.includes('Error evaluating condition')) {
      // Crawl4AI wraps the Playwright error twice: RuntimeError("Failed to evaluate wait condition: …")
      // inside "Wait condition failed: …".
      throw new StepFailure(`Wait condition failed: Failed to evaluate wait condition: ${msg}`, { phase: 'wait_for', selector: fnText });
    }
    if (!(e instanceof TimeoutError) && !isContextDestroyed(e)) {
      problems?.push(`wait_for JS could not run (${msg}); Crawl4AI ignores this and continues WITHOUT waiting — fix the code`);
    }
    return false;
  }
}

export interface HookArgs {
  name: string;
  url: string;
  stepId: string;
  iteration: number;
  html?: string;
  result?: unknown;
}

/** Run a page-side hook body; its return value is ignored (Crawl4AI); errors fail the step. */
export async function runHook(page: Page, body: string, args: HookArgs, timeoutMs: number, signal?: AbortSignal): Promise<void> {
  try {
    await boundedEvaluate(page, `(${hookExpression(body)})(${JSON.stringify(args)})`, timeoutMs, `hook ${args.name}`, signal);
  } catch (e) {
    if (e instanceof AbortedError || pageGone(page, e)) throw e;
    if (isContextDestroyed(e)) {
      await loadState(page, 'load', Math.min(timeoutMs, 30_000), signal);
      return;
    }
    // The error itself is what Crawl4AI reports (a raising hook propagates out of _crawl_web);
    // which hook comes after it.
    throw new StepFailure(`${firstLine(e)} (hook ${args.name})`, { phase: 'hook', hook: args.name });
  }
}

/** Evaluate a predicate once (repeat.until). */
export async function evalPredicate(page: Page, text: string, timeoutMs: number, signal?: AbortSignal): Promise<boolean> {
  return Boolean(await boundedEvaluate(page, predicateExpression(stripJsPrefix(text)), timeoutMs, 'repeat.until', signal));
}

const BODY_STATE = `() => { const b = document.body; if (!b) return 'none'; const st = getComputedStyle(b);
  return st.display !== 'none' && st.visibility !== 'hidden' && st.opacity !== '0' ? 'visible' : 'hidden'; }`;

/**
 * Crawl4AI step 6: body attached, then body visible, each waited for up to `ms` and ignored on
 * failure. One probe round trip in the common case; returns a warning if the body stayed hidden.
 */
export async function waitForBody(page: Page, ms: number, signal: AbortSignal | undefined, stopFirst: boolean): Promise<string | undefined> {
  const probe = () =>
    abortable(page.evaluate(stopFirst ? `(() => { window.stop(); return (${BODY_STATE})(); })()` : `(${BODY_STATE})()`), signal).catch((e) => {
      if (e instanceof AbortedError) throw e;
      return 'visible'; // e.g. a navigation in progress: nothing to wait for here
    });
  let state = await probe();
  stopFirst = false;
  if (state === 'none') {
    await abortable(page.waitForSelector('body', { state: 'attached', timeout: ms }), signal).catch((e) => {
      if (e instanceof AbortedError) throw e;
    });
    state = await probe();
  }
  if (state !== 'hidden') return undefined;
  // As an expression that calls the predicate: a bare function string would be truthy at once.
  const became = await abortable(page.waitForFunction(`(${BODY_STATE})() === 'visible'`, undefined, { timeout: ms, polling: 100 }), signal).then(
    () => true,
    (e) => {
      if (e instanceof AbortedError) throw e;
      return false;
    },
  );
  return became ? undefined : `the page body stayed hidden for ${ms} ms; Crawl4AI waits for it the same way and then continues (ignore_body_visibility)`;
}
