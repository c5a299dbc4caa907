// What every exporter needs before writing a line: the steps that will actually run, the
// variables and secrets the flow uses, and the notes list. Notes are the export's honesty
// contract: whatever a format approximates or leaves out is recorded here, shown in the dialog
// and written as comments into the exported file. Nothing is dropped silently.
import type { Flow, Inputs, Step } from '../flow/schema.js';
import { BUILTIN_VARIABLES } from '../flow/lint.js';
import { findPlaceholders } from '../flow/variables.js';
import { jsFieldsOf, substituteJs, type JsPlaceholderContext } from '../flow/js-placeholders.js';
import { expandActions } from '../flow/actions.js';
import type { CompanionFile } from './companions.js';

export type ExportFormat = 'json' | 'crawl4ai-python' | 'crawl4ai-config' | 'playwright';

export interface ExportResult {
  text: string;
  fileName: string;
  notes: string[];
  /** Files the export needs in its own folder; whatever saves it writes them too (export.save, the CLI's --out). */
  companions?: CompanionFile[];
}

export interface VariableUse {
  name: string;
  /** The flow's default value; undefined = must come from the environment. */
  defaultValue?: string;
  builtin: boolean;
}

export interface ExportPlan {
  flow: Flow;
  /** Steps that run (disabled ones are left out, with a note), with their position in the flow. */
  steps: { step: Step; index: number }[];
  variables: VariableUse[];
  secrets: string[];
  /** Session ids in order of first use. */
  sessionIds: string[];
  notes: string[];
}

/** The note of the exports that run a flow with inputs once (the Python export runs it per row). */
export const inputsRunOnceNote = (inputs: Inputs): string =>
  `inputs (${inputs.columns.join(', ')}) are not exported: this file runs the flow once, with ${inputs.columns.map((c) => `{{${c}}}`).join(', ')} taken like any other variable; \`crawlwright run --inputs\` runs it per row`;

export function planExport(flow: Flow): ExportPlan {
  const notes: string[] = [];
  const steps: ExportPlan['steps'] = [];
  flow.steps.forEach((step, index) => {
    if (step.disabled) notes.push(`${stepLabel(index, step)} is disabled in the flow and is left out`);
    // Recorded actions run as the first js_code_before_wait snippet, as in Crawlwright's runner.
    else steps.push({ step: expandActions(step), index });
  });
  if (flow.inputs) notes.push(inputsRunOnceNote(flow.inputs));
  const breakpoints = steps.filter((s) => s.step.breakpoint).map((s) => `"${s.step.name}"`);
  if (breakpoints.length) notes.push(`breakpoints (${breakpoints.join(', ')}) only pause runs inside Crawlwright; the export runs straight through`);

  const used = findPlaceholders(JSON.stringify({ browser: flow.browser ?? {}, steps: steps.map((s) => s.step) }));
  const varNames = [...new Set(used.filter((p) => !p.secret).map((p) => p.name))];
  const secrets = [...new Set(used.filter((p) => p.secret).map((p) => p.name))];
  const declared = flow.variables ?? {};
  const variables = varNames.map((name) => ({
    name,
    defaultValue: Object.prototype.hasOwnProperty.call(declared, name) ? declared[name] : undefined,
    builtin: BUILTIN_VARIABLES.includes(name),
  }));
  const sessionIds: string[] = [];
  for (const { step } of steps) {
    const sid = step.config.session_id;
    if (sid && !sessionIds.includes(sid)) sessionIds.push(sid);
  }
  return { flow, steps, variables, secrets, sessionIds, notes };
}

/** Notes for scripts: placeholders without a value outside Crawlwright, secrets in results. */
export function environmentNotes(plan: ExportPlan): string[] {
  const secrets = plan.secrets.length
    ? [`Crawlwright's runner replaces secret values (${plan.secrets.join(', ')}, when they come from the environment or keychain) with *** in its results; the script's items hold whatever the page shows`]
    : [];
  return plan.variables
    .filter((v) => v.defaultValue === undefined)
    .map((v) =>
      v.builtin
        ? `{{${v.name}}} is built into Crawlwright (the demo site's address); the script reads it from the environment variable ${v.name}, which must be set`
        : `{{${v.name}}} has no default in the flow; the script reads it from the environment variable ${v.name}, which must be set`,
    )
    .concat(secrets);
}

/** Collapses whitespace (newlines included) so names fit in one-line notes and comments. */
export const oneLine = (s: string): string => s.replace(/\s+/g, ' ').trim();

/** `step 3 "Next page"`: how notes refer to a step (1-based, as the step list shows it). */
export const stepLabel = (index: number, step: Step): string => `step ${index + 1} "${oneLine(step.name)}"`;

/** `My Flow: v2` → `my-flow-v2` (file names). */
export function slug(name: string): string {
  return (
    name
      .toLowerCase()
      .normalize('NFKD')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60) || 'flow'
  );
}

/** `Log in (demo)` → `log_in_demo`: a Python/JS identifier made from a step name. */
export function identifier(name: string, fallback: string): string {
  const id = name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
  if (!id) return fallback;
  return /^[0-9]/.test(id) ? `${fallback}_${id}` : id;
}

/** Unique identifiers per step (two steps named "Next page" get next_page and next_page_2). */
export function stepIdentifiers(steps: { step: Step; index: number }[]): string[] {
  const seen = new Map<string, number>();
  return steps.map(({ step, index }) => {
    const base = identifier(step.name, `step_${index + 1}`);
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    return n === 1 ? base : `${base}_${n}`;
  });
}

export const hasPlaceholder = (s: string): boolean => findPlaceholders(s).length > 0;

/**
 * The literal around a placeholder in a JS field, as the exported scripts name it: the runner
 * escapes a value for a 'single', "double" or `template` quote and pastes it as is in `code`
 * (bare code, comments, regex literals).
 */
export type JsQuote = 'single' | 'double' | 'template' | 'code';

const JS_QUOTE: Partial<Record<JsPlaceholderContext, JsQuote>> = { "'": 'single', '"': 'double', '`': 'template' };

/**
 * For each placeholder of a JS field, in order of appearance: the literal it sits in. Read off the
 * runner's own substitution (substituteJs), so the scripts escape exactly where the runner does.
 */
export function jsPlaceholderQuotes(code: string): JsQuote[] {
  const quotes: JsQuote[] = [];
  substituteJs(code, (p) => {
    quotes.push(JS_QUOTE[p.context] ?? 'code');
    return '';
  });
  return quotes;
}

/** Whether the step's wait_for is JavaScript (js:, a bare function) rather than a selector. */
export const hasJsWaitFor = (step: Step): boolean => jsFieldsOf(step).some((f) => f.path === 'config.wait_for');

/**
 * The URL to hand to arun()/label a js_only step that has none: the session's last URL. With
 * `jsOnlyNeedsUrl: false` (the Playwright runtime, which never navigates a js_only step), such a
 * step gets no url and no note: its result reports the page's url, as Crawlwright's runner does.
 */
export function resolveUrls(plan: ExportPlan, { jsOnlyNeedsUrl = true } = {}): { urls: (string | undefined)[]; notes: string[] } {
  const last = new Map<string, string>();
  let previous: string | undefined;
  const notes: string[] = [];
  const urls = plan.steps.map(({ step, index }) => {
    const c = step.config;
    const key = c.session_id ?? '';
    if (c.url) {
      last.set(key, c.url);
      previous = c.url;
      return c.url;
    }
    if (c.js_only && !jsOnlyNeedsUrl) return undefined;
    const inherited = last.get(key) ?? previous;
    if (inherited) {
      notes.push(
        c.js_only
          ? `${stepLabel(index, step)} has no url; js_only does not navigate, and Crawl4AI still wants a url for the result label, so the export passes ${inherited}`
          : `${stepLabel(index, step)} has no url and is not js_only; the export navigates to the previous url ${inherited}`,
      );
    } else notes.push(`${stepLabel(index, step)} has no url and no earlier step has one; Crawl4AI will reject this arun()`);
    return inherited;
  });
  return { urls, notes };
}

/** A repeat.until predicate as a function expression (the optional "js:" prefix removed). */
export const untilFunction = (until: string): string => until.trim().replace(/^js:/, '').trim();
