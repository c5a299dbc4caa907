// What a flow asks of the machine it runs on, and what the user granted it. A flow file is
// untrusted input (docs/security.md): JavaScript only ever runs inside the target page, but the
// user reviews it before the first run of a flow that came from disk; a {{secret:NAME}} resolves
// only when the user granted NAME; a page outside http(s) (file:, data:, chrome:, view-source: …)
// or a storage_state file is a local resource and needs the "local" grant. The same analysis
// feeds the engine's refusal, the CLI's summary and the app's prompt, so they always list the
// same things.
import type { Flow, Step } from './schema.js';
import { isJsWaitFor } from './wait-for.js';
import { fillKnownVariables, findPlaceholders } from './variables.js';

export interface JsUse {
  stepId: string;
  stepName: string;
  /** Which fields carry JavaScript: js_code, js_code_before_wait, wait_for (js), repeat.until, hook <name>. */
  where: string[];
}

export interface LocalUse {
  /** null for flow-level settings (browser.storage_state). */
  stepId: string | null;
  stepName: string | null;
  /** The JSON path of the setting: steps[2].config.url, browser.storage_state. */
  path: string;
  value: string;
}

export interface FlowCapabilities {
  javascript: JsUse[];
  /** Secret names the flow reads ({{secret:NAME}}), sorted. */
  secrets: string[];
  local: LocalUse[];
}

/** What the user allowed a flow to use. */
export interface RunGrant {
  javascript: boolean;
  secrets: string[];
  local: boolean;
}

export const NO_GRANT: RunGrant = Object.freeze({ javascript: false, secrets: [], local: false }) as RunGrant;
export const FULL_JS_GRANT = (): RunGrant => ({ javascript: true, secrets: [], local: false });

/**
 * Whether a page address stays on the web: http(s), or exactly about:blank. Everything else that
 * parses as a URL (file:, data:, blob:, chrome:, view-source:, javascript:, about:version → chrome://…)
 * reaches local resources or browser internals. A string that is no URL at all is not "local":
 * navigating to it simply fails with Chromium's own error.
 */
export function urlKind(url: string): 'web' | 'local' | 'invalid' {
  const s = url.trim();
  if (/^about:blank([?#].*)?$/i.test(s)) return 'web';
  // Crawl4AI's raw:<html> is page content, not an address (the executor refuses it with a reason).
  if (/^raw:/i.test(s)) return 'invalid';
  let u: URL;
  try {
    u = new URL(s);
  } catch {
    return 'invalid';
  }
  return u.protocol === 'http:' || u.protocol === 'https:' ? 'web' : 'local';
}

/** Where a step carries JavaScript. */
export function jsBearing(step: Step): string[] {
  const c = step.config;
  const where: string[] = [];
  // Recorded actions run as generated page JavaScript (shared/flow/actions.ts): listed like JS.
  if (step.actions?.length) where.push('actions');
  if (c.js_code_before_wait !== undefined && [c.js_code_before_wait].flat().some((s) => s.trim() !== '')) where.push('js_code_before_wait');
  if (c.js_code !== undefined && [c.js_code].flat().some((s) => s.trim() !== '')) where.push('js_code');
  if (c.wait_for !== undefined && isJsWaitFor(c.wait_for)) where.push('wait_for (js)');
  if (step.repeat && 'until' in step.repeat) where.push('repeat.until');
  for (const [k, v] of Object.entries(step.hooks ?? {})) if (v && v.trim() !== '') where.push(`hook ${k}`);
  return where;
}

/**
 * The capabilities the given steps (default: the flow's enabled steps) need. URLs are classified
 * after filling the variables in `vars`; one that still holds a placeholder (a secret, an unknown
 * variable) is left to the runner, which checks every URL again after substitution.
 */
export function flowCapabilities(flow: Flow, opts: { steps?: Step[]; vars?: Record<string, string> } = {}): FlowCapabilities {
  const steps = (opts.steps ?? flow.steps).filter((s) => !s.disabled);
  const vars = { ...(flow.variables ?? {}), ...(opts.vars ?? {}) };
  const javascript = steps.map((s) => ({ stepId: s.id, stepName: s.name, where: jsBearing(s) })).filter((u) => u.where.length > 0);
  const secrets = [...new Set(findPlaceholders(JSON.stringify(steps)).filter((p) => p.secret).map((p) => p.name))].sort();
  const local: LocalUse[] = [];
  for (const s of steps) {
    if (s.config.url === undefined || s.config.js_only) continue; // js_only never loads its url
    const url = fillKnownVariables(s.config.url, vars);
    if (!url.includes('{{') && urlKind(url) === 'local') {
      local.push({ stepId: s.id, stepName: s.name, path: `steps[${flow.steps.indexOf(s)}].config.url`, value: url });
    }
  }
  if (typeof flow.browser?.storage_state === 'string') {
    local.push({ stepId: null, stepName: null, path: 'browser.storage_state', value: flow.browser.storage_state });
  }
  return { javascript, secrets, local };
}

/** What `caps` needs beyond `grant` (null when the grant covers everything). `exempt`: secret names that need no grant. */
export function missingGrants(caps: FlowCapabilities, grant: RunGrant, exempt: ReadonlySet<string> = new Set()): FlowCapabilities | null {
  const missing: FlowCapabilities = {
    javascript: grant.javascript ? [] : caps.javascript,
    secrets: caps.secrets.filter((n) => !exempt.has(n) && !grant.secrets.includes(n)),
    local: grant.local ? [] : caps.local,
  };
  return missing.javascript.length || missing.secrets.length || missing.local.length ? missing : null;
}

/** Human listing of capabilities, one line each (CLI summary, error messages). */
export function describeCapabilities(caps: FlowCapabilities): string[] {
  const lines: string[] = [];
  for (const j of caps.javascript) lines.push(`JavaScript in step "${j.stepName}" (${j.stepId}): ${j.where.join(', ')}`);
  for (const n of caps.secrets) lines.push(`secret {{secret:${n}}}`);
  for (const l of caps.local) lines.push(`local resource ${l.path}: ${JSON.stringify(l.value)}`);
  return lines;
}
