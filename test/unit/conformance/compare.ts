// The runner-conformance comparison, exactly as test/fixtures/runner-conformance/README.md states it:
// normalisation (origin, error_message envelope / call log / stack frames / durations / Playwright
// prefix, js_execution_result error+stack first lines and null members), field rules (exact, JSON
// equality ignoring key order, html sha256 + code-point length, error_message prefix rule) and
// step presence. Crawlwright's side is a results.json `steps[]` entry (a StepResult).
import { createHash } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import { pyLen } from '../../../shared/crawl4ai/antibot.js';

export const FIELDS = ['success', 'error_message', 'status_code', 'url', 'redirected_url', 'js_execution_result', 'extracted_content', 'html'] as const;
export type Field = (typeof FIELDS)[number] | 'presence';

export interface RecordedStep {
  step: string;
  iteration: number;
  success: boolean;
  error_message: string | null;
  status_code: number | null;
  url: string;
  redirected_url: string | null;
  js_execution_result: unknown;
  extracted_content: unknown;
  html: { sha256: string; length: number };
}

export interface Case {
  id: string;
  about: string;
  flow: unknown;
  crawl4ai: { version: string; steps: RecordedStep[] };
}

/** One Crawlwright step as the README maps it from results.json. */
export interface RunnerStep {
  stepId: string;
  iteration: number;
  success: boolean;
  crawl4ai?: { success: boolean; error_message: string | null };
  error?: { message: string };
  status_code: number | null;
  url: string;
  redirected_url: string | null;
  js_execution_result: unknown;
  extracted_content: string | null;
  /** The html artifact's text ("" without one). */
  html: string;
}

export interface Difference {
  step: string;
  iteration: number;
  field: Field;
  crawl4ai: unknown;
  crawlwright: unknown;
}

/** Replace `BASE` by the origin in every string of a JSON value. */
export function withOrigin<T>(value: T, origin: string): T {
  return JSON.parse(JSON.stringify(value), (_k, v) => (typeof v === 'string' ? v.split('BASE').join(origin) : v)) as T;
}

export function originToBase(s: string, origin: string): string {
  const host = origin.replace(/^https?:\/\//, '');
  return s.split(origin).join('BASE').split(host).join('BASE_HOST');
}

const deepOrigin = (v: unknown, origin: string): unknown =>
  typeof v === 'string' ? originToBase(v, origin) : Array.isArray(v) ? v.map((x) => deepOrigin(x, origin)) : v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, deepOrigin(x, origin)])) : v;

/** Playwright's API prefix the Python way: `page.evaluate:` → `Page.evaluate:`. */
const pythonPrefix = (s: string) => s.replace(/\b(page|frame|locator|elementHandle|jsHandle|browserContext|browser)\.([A-Za-z]+):/g, (_m, o: string, m: string) => `${o[0].toUpperCase()}${o.slice(1)}.${m}:`);

export function normaliseError(message: string | null | undefined, origin: string): string | null {
  if (message === null || message === undefined) return null;
  let s = originToBase(message, origin);
  const envelope = /^Unexpected error in _crawl_web at line \d+ in [^\n]*\n+Error: ([\s\S]*?)\n\nCode context:[\s\S]*$/.exec(s);
  if (envelope) s = envelope[1];
  const callLog = s.indexOf('\nCall log:');
  if (callLog >= 0) s = s.slice(0, callLog);
  s = s
    .split('\n')
    .filter((l) => !/^\s+at /.test(l))
    .map((l) => l.trim())
    .filter(Boolean)
    .join(' ');
  s = s.replace(/\b\d+(?:\.\d+)?ms\b/g, 'Nms').replace(/\b\d+(?:\.\d+)?s\b/g, 'Ns');
  return pythonPrefix(s);
}

/** js_execution_result: failed snippets' error/stack cut to their first line; null members dropped. */
export function normaliseJs(value: unknown, origin: string): unknown {
  const walk = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map((x) => (x === undefined ? null : walk(x)));
    if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      const failed = o.success === false;
      const out: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(o)) {
        if (x === null || x === undefined) continue;
        out[k] = failed && (k === 'error' || k === 'stack') && typeof x === 'string' ? pythonPrefix(x.split('\n')[0]) : walk(x);
      }
      return out;
    }
    return v;
  };
  return walk(deepOrigin(value, origin));
}

const errorMatches = (expected: string | null, actual: string | null): boolean => {
  if (expected === null || actual === null) return expected === actual;
  if (expected === actual) return true;
  return actual.startsWith(expected) && ' (:;.'.includes(actual[expected.length]);
};

const sha256 = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');

/** Every difference between one case's recording and a runner's steps. */
export function compareCase(recorded: RecordedStep[], steps: RunnerStep[], origin: string): Difference[] {
  const diffs: Difference[] = [];
  const key = (s: string, i: number) => `${s}#${i}`;
  const mine = new Map(steps.map((s) => [key(s.stepId, s.iteration), s]));
  const theirs = new Set(recorded.map((r) => key(r.step, r.iteration)));
  for (const s of steps) {
    if (!theirs.has(key(s.stepId, s.iteration))) diffs.push({ step: s.stepId, iteration: s.iteration, field: 'presence', crawl4ai: 'absent', crawlwright: 'present' });
  }
  for (const r of recorded) {
    const s = mine.get(key(r.step, r.iteration));
    const d = (field: Field, crawl4ai: unknown, crawlwright: unknown) => diffs.push({ step: r.step, iteration: r.iteration, field, crawl4ai, crawlwright });
    if (!s) {
      d('presence', 'present', 'absent');
      continue;
    }
    // Crawlwright keeps its own outcome in `success`; what Crawl4AI would say is `crawl4ai`.
    const success = s.crawl4ai ? s.crawl4ai.success : s.success;
    const error = s.crawl4ai ? s.crawl4ai.error_message : s.success ? null : (s.error?.message ?? null);
    if (success !== r.success) d('success', r.success, success);
    const e = normaliseError(error, origin);
    if (!errorMatches(r.error_message, e)) d('error_message', r.error_message, e);
    if (s.status_code !== r.status_code) d('status_code', r.status_code, s.status_code);
    if (originToBase(s.url, origin) !== r.url) d('url', r.url, originToBase(s.url, origin));
    const red = s.redirected_url === null ? null : originToBase(s.redirected_url, origin);
    if (red !== r.redirected_url) d('redirected_url', r.redirected_url, red);
    const js = s.js_execution_result === null ? null : normaliseJs(s.js_execution_result, origin);
    if (!isDeepStrictEqual(js, r.js_execution_result)) d('js_execution_result', r.js_execution_result, js);
    const ex = s.extracted_content === null ? null : deepOrigin(JSON.parse(s.extracted_content), origin);
    if (!isDeepStrictEqual(ex, r.extracted_content)) d('extracted_content', r.extracted_content, ex);
    const html = originToBase(s.html, origin);
    const h = { sha256: sha256(html), length: pyLen(html) };
    if (h.sha256 !== r.html.sha256 || h.length !== r.html.length) d('html', r.html, { ...h, head: html.slice(0, 300) });
  }
  return diffs;
}
