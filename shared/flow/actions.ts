// Recorded actions (step.actions) → one self-contained js_code_before_wait snippet. This is the only
// place actions become JavaScript: the runner expands a step with expandActions() before it runs
// it, and every export (planExport) does the same, so a recorded step behaves identically in
// Crawlwright, in the Crawl4AI script and in the Playwright script.
import { z } from 'zod';
import { ActionSchema, type Action, type Step, type Target } from './schema.js';
import { ACTIONS_CONSOLE_PREFIX, ACTIONS_RUNTIME } from './actions-runtime.js';

/** First line of the generated snippet: how the runner recognises it among js_code_before_wait. */
export const ACTIONS_MARKER = '// crawlwright:actions';

/** One action's outcome as the snippet reports it (StepResult.actions). */
export interface ActionOutcome {
  index: number;
  type: Action['type'];
  /** The selector that matched (null when none did, or the action has no element). */
  selector: string | null;
  /** 0 = the recorded selector, k = alternates[k - 1], -1 = none. */
  alternate: number;
  error?: string;
}

/**
 * The snippet for a list of actions. Values are JSON string literals, so a {{secret:NAME}} in a
 * fill value sits inside "…" and is escaped for that quote when substituted (js-placeholders.ts).
 */
export function compileActions(actions: Action[]): string {
  const literal = JSON.stringify(actions, null, 1).replace(/\n\s*/g, ' ');
  return `${ACTIONS_MARKER} (generated from the step's recorded actions; edit those in Crawlwright)\nconst actions = ${literal};\n${ACTIONS_RUNTIME}`;
}

const snippetsOf = (v: string | string[] | undefined): string[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

/** The step as Crawl4AI sees it: its actions as the first js_code_before_wait snippet. */
export function expandActions(step: Step): Step {
  if (!step.actions?.length) {
    if (!step.actions) return step;
    const { actions: _drop, ...rest } = step;
    return rest as Step;
  }
  const { actions, ...rest } = step;
  return { ...rest, config: { ...step.config, js_code_before_wait: [compileActions(actions), ...snippetsOf(step.config.js_code_before_wait)] } };
}

/**
 * The inverse of expandActions for importers (a crawl4ai-config or Python export read back): an
 * unmodified generated first snippet becomes step.actions again. A hand-edited one stays JS.
 */
export function collapseActions(step: Step): Step {
  const before = snippetsOf(step.config.js_code_before_wait);
  if (!before.length || !isActionsSnippet(before[0]) || step.actions) return step;
  const m = /^const actions = (.*);$/.exec(before[0].split('\n')[1] ?? '');
  let parsed: z.ZodSafeParseResult<Action[]> | null = null;
  try {
    parsed = m ? z.array(ActionSchema).safeParse(JSON.parse(m[1])) : null;
  } catch {
    parsed = null;
  }
  if (!parsed?.success || compileActions(parsed.data) !== before[0]) return step;
  const rest = before.slice(1);
  const config = { ...step.config, js_code_before_wait: rest.length ? rest : undefined };
  if (!rest.length) delete config.js_code_before_wait;
  return { ...step, config, actions: parsed.data };
}

/** Reads the generated snippet's return value (or null when the value is something else). */
export function actionOutcomes(value: unknown): ActionOutcome[] | null {
  const list = value && typeof value === 'object' ? (value as { crawlwright_actions?: unknown }).crawlwright_actions : undefined;
  return Array.isArray(list) ? (list as ActionOutcome[]) : null;
}

/** The outcomes an actions snippet logged before the page load it started destroyed it (last one wins). */
export function actionOutcomesFromConsole(lines: string[]): ActionOutcome[] | null {
  for (let i = lines.length - 1; i >= 0; i--) {
    if (!lines[i].startsWith(ACTIONS_CONSOLE_PREFIX)) continue;
    try {
      const list = JSON.parse(lines[i].slice(ACTIONS_CONSOLE_PREFIX.length));
      return Array.isArray(list) ? (list as ActionOutcome[]) : null;
    } catch {
      return null;
    }
  }
  return null;
}

export function isActionsSnippet(code: string): boolean {
  return code.startsWith(ACTIONS_MARKER);
}

/** `click #next` — one line for step summaries, outcomes and logs (never a fill value: it may be a secret). */
export function describeAction(a: Action): string {
  const on = a.target ? ` ${a.target.selector}` : '';
  switch (a.type) {
    case 'fill':
      return `fill${on}`;
    case 'select':
      return `select${on}`;
    case 'check':
      return `${a.checked ? 'check' : 'uncheck'}${on}`;
    case 'press':
      return `press ${a.key} on${on}`;
    case 'scroll':
      return `scroll${on || ' page'} to ${a.to}`;
    default:
      return `${a.type}${on}`;
  }
}

/** Every selector of a target, in the order the runtime tries them. */
export const targetSelectors = (t: Target): string[] => [t.selector, ...(t.alternates ?? [])];

/** The page-side signature of a list (count + first item's normalised text), as the runtime computes it. */
export function signatureExpression(itemsSelector: string): string {
  return `((els) => els.length + '\\u0001' + (els.length ? (els[0].textContent || '').replace(/\\s+/g, ' ').trim() : ''))(document.querySelectorAll(${JSON.stringify(itemsSelector)}))`;
}

/**
 * wait_for for "the watched items changed": items present, and their count or the first item's text
 * differs from what the action remembered just before it acted (window.__crawlwright.before).
 * Race-free for lists that empty and re-render later: an empty list never satisfies it, and the
 * old content never does either. After a full navigation there is no `before` on the new
 * document, so present items are enough. With `quietMs` (infinite scroll) it also holds once the
 * page stayed unchanged that long after the action: the end of the feed, told apart from a
 * timeout so the loop can stop cleanly (repeat.until sees that nothing changed).
 */
export function changeWaitFor(itemsSelector: string, opts: { quietMs?: number } = {}): string {
  const sel = JSON.stringify(itemsSelector);
  const quiet = opts.quietMs ? `if (Date.now() - (cw.actedAt || 0) > ${Math.round(opts.quietMs)}) return true; ` : '';
  return (
    `js:() => { const cw = window.__crawlwright || {}; ${quiet}const els = document.querySelectorAll(${sel}); if (!els.length) return false; ` +
    `const first = (els[0].textContent || '').replace(/\\s+/g, ' ').trim(); ` +
    `if (!first && !els[0].querySelector('img, [src]')) return false; ` +
    `return els.length + '\\u0001' + first !== cw.before; }`
  );
}
