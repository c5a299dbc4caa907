// Placeholders in JavaScript fields: both scripts must substitute exactly as Crawlwright's runner
// does (shared/flow/js-placeholders.ts substituteStep: a value inside a '…', "…" or `…` literal is
// escaped for that quote, elsewhere pasted as is; urls and selectors stay textual). The expected
// strings come from the runner's own function, with values full of quotes, backslashes, newlines,
// backticks and ${. The Python script runs against the recording crawl4ai stand-in; the Playwright
// script runs with node, its browser calls replaced by a recorder of each step's spec.
// (playwright-run.test.ts runs a fixture flow of the same kind in a real browser against the runner.)
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { renderExport } from '../../../shared/export/index.js';
import { jsPlaceholderQuotes, untilFunction } from '../../../shared/export/common.js';
import { substituteStep } from '../../../shared/flow/js-placeholders.js';
import { substitute, validateFlow, type Flow, type Step } from '../../../shared/flow/index.js';
import { ROOT, loadTestFlows } from './flows.js';
import { hasPython } from '../support/python.js';

const FAKE = path.join(ROOT, 'test/fixtures/export/fake-crawl4ai');

const VALUES = {
  vars: { v: 'it\'s "q" \\ back`tick ${x}\nline 2\r\u2028end', brace: '{z}' },
  secrets: { PW: 'p\'w"\\\\ `${y}`\n' },
};

function nastyFlow(): Flow {
  const checked = validateFlow({
    format: 'crawlwright.flow',
    version: 1,
    name: 'JS quotes',
    variables: { v: 'the default', brace: '{default}' },
    steps: [
      {
        id: 'log-in',
        name: 'Log in',
        config: {
          url: 'https://example.com/?q={{brace}}',
          session_id: 's',
          css_selector: '#x{{brace}}',
          wait_for: 'js:() => document.title !== "{{v}}"',
          js_code_before_wait: 'window.a = `${{brace}}`; // "$" + a value starting with "{"',
          js_code: [
            "document.querySelector('#pw').value = '{{secret:PW}}';\nwindow.d = \"{{v}}\";\nwindow.t = `{{v}} and ${1 + 1} {{secret:PW}}`;",
            '// {{v}} in a comment stays textual\nreturn [{{brace}}];',
          ],
        },
        hooks: { before_goto: "window.h = '{{v}}' + \"{{secret:PW}}\";" },
        repeat: { until: 'js:() => window.t === `{{v}}`', max: 2 },
      },
    ],
  });
  if (!checked.ok) throw new Error(JSON.stringify(checked.errors));
  return checked.flow;
}

/** The step as the runner runs it with VALUES. */
const runnerStep = (flow: Flow): Step => substituteStep(flow.steps[0], VALUES);
const env = (): Record<string, string> => ({ ...(process.env as Record<string, string>), ...VALUES.vars, ...VALUES.secrets });

describe('placeholders in JavaScript fields are substituted like the runner', () => {
  it('the test is not trivial: the runner escapes where plain text substitution would not', () => {
    const flow = nastyFlow();
    const js = flow.steps[0].config.js_code as string[];
    expect(runnerStep(flow).config.js_code).not.toEqual(js.map((s) => substitute(s, VALUES)));
    expect(jsPlaceholderQuotes(js[0])).toEqual(['single', 'double', 'template', 'template']);
    expect(jsPlaceholderQuotes(js[1])).toEqual(['code', 'code']);
  });

  it.skipIf(!hasPython)('crawl4ai-python: every snippet, hook and predicate equals the runner’s', () => {
    const flow = nastyFlow();
    const { text } = renderExport(flow, 'crawl4ai-python');
    expect(text).not.toContain(VALUES.secrets.PW);
    const dir = mkdtempSync(path.join(tmpdir(), 'cw-jsq-py-'));
    try {
      const file = path.join(dir, 'x.py');
      const log = path.join(dir, 'log.json');
      writeFileSync(file, text);
      const r = spawnSync('python3', [file], { cwd: dir, encoding: 'utf8', env: { ...env(), PYTHONPATH: FAKE, FAKE_CRAWL4AI_LOG: log, PYTHONDONTWRITEBYTECODE: '1' } });
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
      const entries = JSON.parse(readFileSync(log, 'utf8')) as Array<{ arun?: string; config?: Record<string, unknown>; evaluated?: Array<{ script: string }> }>;
      const run = entries.find((e) => e.arun !== undefined)!;
      const step = runnerStep(flow);
      expect(run.arun).toBe(step.config.url); // textual
      expect(run.config!.css_selector).toBe(step.config.css_selector); // textual
      expect(run.config!.session_id).toBe(step.config.session_id);
      expect(run.config!.wait_for).toBe(step.config.wait_for);
      expect(run.config!.js_code_before_wait).toBe(step.config.js_code_before_wait);
      expect(run.config!.js_code).toEqual(step.config.js_code);
      const scripts = run.evaluated!.map((e) => e.script);
      expect(scripts).toContain(`async (hook) => {\n${step.hooks!.before_goto}\n}`);
      expect(scripts).toContain(`(async () => await (${untilFunction((step.repeat as { until: string }).until)})())()`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('playwright: every snippet, hook and predicate equals the runner’s', () => {
    const flow = nastyFlow();
    let text = renderExport(flow, 'playwright').text;
    expect(text).not.toContain(VALUES.secrets.PW);
    // No browser: the imports become stubs and runStep a recorder of the spec each step gets.
    const swaps: Array<[string, string]> = [
      ["import { chromium } from 'playwright';", 'const chromium = { executablePath: () => process.execPath, launch: async () => ({ newContext: async () => ({}), close: async () => {} }) };'],
      ["await import('./crawlwright-extract.mjs')", 'Promise.resolve({ extractJsonCss: () => ({ items: [] }) })'],
      [
        'async function runStep(',
        'async function runStep(_context, _sessions, spec) {\n  console.log(JSON.stringify(spec));\n  return { url: spec.url, redirected_url: spec.url, items: null, done: true };\n}\nasync function runStepInBrowser(',
      ],
    ];
    for (const [from, to] of swaps) {
      expect(text).toContain(from);
      text = text.replace(from, to);
    }
    const dir = mkdtempSync(path.join(tmpdir(), 'cw-jsq-pw-'));
    try {
      const file = path.join(dir, 'x.mjs');
      writeFileSync(file, text);
      const r = spawnSync(process.execPath, [file], { cwd: dir, encoding: 'utf8', env: env() });
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
      const spec = JSON.parse(r.stdout.trim().split('\n')[0]) as { url: string; config: Record<string, unknown>; hooks: Record<string, string>; until: string };
      const step = runnerStep(flow);
      expect(spec.url).toBe(step.config.url);
      expect(spec.config.css_selector).toBe(step.config.css_selector);
      expect(spec.config.session_id).toBe(step.config.session_id);
      expect(spec.config.wait_for).toBe(step.config.wait_for);
      expect(spec.config.js_code_before_wait).toBe(step.config.js_code_before_wait);
      expect(spec.config.js_code).toEqual(step.config.js_code);
      expect(spec.hooks.before_goto).toBe(step.hooks!.before_goto);
      expect(spec.until).toBe(untilFunction((step.repeat as { until: string }).until));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('the js-quotes fixture flow (run in a browser by playwright-run.test.ts) is valid and puts values in every quote kind', () => {
    const fixture = loadTestFlows().find((f) => f.key === 'export-flows/js-quotes');
    expect(fixture, 'test/fixtures/export/flows/js-quotes.flow.json must validate').toBeDefined();
    expect(jsPlaceholderQuotes(fixture!.flow.steps[0].config.js_code as string)).toEqual(['single', 'double', 'template', 'template']);
  });
});
