// The Python exports of all test flows: valid Python (py_compile), and executed end to end
// against a recording stand-in for the crawl4ai package (Crawl4AI itself is not installed here)
// to check the control flow: arun order, placeholder substitution, per-step hooks set and
// cleared, repeat loops, kill_session for every session.
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { renderExport } from '../../../shared/export/index.js';
import { planExport, untilFunction } from '../../../shared/export/common.js';
import { HOOK_NAMES } from '../../../shared/flow/index.js';
import { substituteStep } from '../../../shared/flow/js-placeholders.js';
import { ROOT, loadTestFlows } from './flows.js';
import { hasPython } from '../support/python.js';

if (!hasPython) console.warn('python3 not found: the Python export tests are skipped');
const FAKE = path.join(ROOT, 'test/fixtures/export/fake-crawl4ai');
const flows = loadTestFlows();

type Evaluated = { script: string; arg: { name: string; stepId: string; iteration: number } | null };
type LogEntry = { arun?: string; config?: Record<string, unknown>; hooks?: string[]; evaluated?: Evaluated[]; kill_session?: string; browser_config?: unknown };

describe.skipIf(!hasPython)('crawl4ai-python export', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'cw-py-'));

  it('every export passes python3 -m py_compile', () => {
    const files = flows.map(({ key, flow }) => {
      const file = path.join(dir, key.replace(/\W+/g, '_') + '.py');
      writeFileSync(file, renderExport(flow, 'crawl4ai-python').text);
      return file;
    });
    const r = spawnSync('python3', ['-m', 'py_compile', ...files], { encoding: 'utf8', env: { ...process.env, PYTHONPYCACHEPREFIX: path.join(dir, 'pycache') } });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  for (const { key, flow } of flows) {
    it(`${key}: runs step by step with Crawl4AI's API`, () => {
      const plan = planExport(flow);
      const { text } = renderExport(flow, 'crawl4ai-python');
      const file = path.join(dir, `run_${key.replace(/\W+/g, '_')}.py`);
      const log = path.join(dir, `run_${key.replace(/\W+/g, '_')}.log.json`);
      writeFileSync(file, text);
      const env: Record<string, string> = { ...process.env, PYTHONPATH: FAKE, FAKE_CRAWL4AI_LOG: log, PYTHONDONTWRITEBYTECODE: '1' } as Record<string, string>;
      // What the runner would run with these values: its own substitution (JS-aware in JS fields).
      const values = { vars: {} as Record<string, string>, secrets: {} as Record<string, string> };
      for (const v of plan.variables) env[v.name] = values.vars[v.name] = `env-${v.name}`;
      for (const s of plan.secrets) {
        env[s] = values.secrets[s] = `secret-value-${s}`;
        expect(text).not.toContain(`secret-value-${s}`);
      }
      const r = spawnSync('python3', [file], { cwd: dir, encoding: 'utf8', env });
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
      const entries = JSON.parse(readFileSync(log, 'utf8')) as LogEntry[];
      const runs = entries.filter((e) => e.arun !== undefined);

      // One arun per step and iteration (the fake page answers every until predicate with true).
      const expected = plan.steps.flatMap(({ step }) => Array.from({ length: step.repeat ? ('times' in step.repeat ? step.repeat.times : 1) : 1 }, () => step));
      expect(runs.length).toBe(expected.length);
      runs.forEach((run, i) => {
        const step = substituteStep(expected[i], values);
        expect(run.arun).not.toMatch(/\{\{/);
        expect(run.config!.session_id).toBe(step.config.session_id);
        expect(run.config!.cache_mode).toBe(step.config.cache_mode ?? 'bypass');
        expect(run.config!.js_only).toBe(step.config.js_only);
        expect(run.config!.wait_for).toBe(step.config.wait_for);
        expect(run.config!.css_selector).toBe(step.config.css_selector);
        expect(run.config!.js_code).toEqual(step.config.js_code);
        expect(run.config!.js_code_before_wait).toEqual(step.config.js_code_before_wait);
        // Only this step's hooks are registered during its arun.
        const hookNames = HOOK_NAMES.filter((h) => step.hooks?.[h] !== undefined) as string[];
        if (step.repeat && 'until' in step.repeat && !hookNames.includes('before_return_html')) hookNames.push('before_return_html');
        expect(run.hooks).toEqual([...hookNames].sort());
        // Hook bodies run as `async (hook) => {body}` with the runner's hook argument.
        for (const h of HOOK_NAMES) {
          const body = step.hooks?.[h];
          if (body === undefined) continue;
          const call = run.evaluated!.find((e) => e.arg?.name === h);
          expect(call, h).toBeDefined();
          expect(call!.script).toBe(`async (hook) => {\n${body}\n}`);
          expect(call!.arg!.stepId).toBe(step.id);
        }
        if (step.repeat && 'until' in step.repeat) {
          expect(run.evaluated!.map((e) => e.script)).toContain(`(async () => await (${untilFunction(step.repeat.until)})())()`);
        }
      });
      const killed = entries.filter((e) => e.kill_session).map((e) => e.kill_session);
      expect(killed).toEqual(plan.sessionIds);
    });
  }

  it('a repeat.until that never holds runs max iterations', () => {
    const { flow } = flows.find((f) => f.key === 'export-flows/login-members')!;
    const file = path.join(dir, 'until_false.py');
    const log = path.join(dir, 'until_false.log.json');
    writeFileSync(file, renderExport(flow, 'crawl4ai-python').text);
    const env = { ...process.env, PYTHONPATH: FAKE, FAKE_CRAWL4AI_LOG: log, FAKE_CRAWL4AI_EVALUATE: 'false', demo_url: 'http://x', DEMO_PASSWORD: 'pw' };
    const r = spawnSync('python3', [file], { cwd: dir, encoding: 'utf8', env });
    expect(r.stderr).toBe('');
    const runs = (JSON.parse(readFileSync(log, 'utf8')) as LogEntry[]).filter((e) => e.arun !== undefined);
    expect(runs.length).toBe(3 + 10);
    const items = JSON.parse(readFileSync(path.join(dir, 'members-after-login.items.json'), 'utf8')) as Array<{ step: string; iteration: number }>;
    expect(items.map((i) => `${i.step}#${i.iteration}`)).toEqual(['Members#0', ...Array.from({ length: 10 }, (_, i) => `Next members page#${i}`)]);
  });

  it('a failing step stops the script, kills the sessions and keeps the items collected before it', () => {
    const { flow } = flows.find((f) => f.key === 'export-flows/login-members')!;
    const sub = mkdtempSync(path.join(dir, 'fail-'));
    const file = path.join(sub, 'fail.py');
    const log = path.join(sub, 'log.json');
    writeFileSync(file, renderExport(flow, 'crawl4ai-python').text);
    const env = { ...process.env, PYTHONPATH: FAKE, FAKE_CRAWL4AI_LOG: log, FAKE_CRAWL4AI_FAIL_AT: '3', demo_url: 'http://x', DEMO_PASSWORD: 'pw' };
    const r = spawnSync('python3', [file], { cwd: sub, encoding: 'utf8', env });
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain(`RuntimeError: step 'Next members page' failed: Wait condition failed`);
    const entries = JSON.parse(readFileSync(log, 'utf8')) as LogEntry[];
    expect(entries.filter((e) => e.kill_session).map((e) => e.kill_session)).toEqual(['members']);
    const items = JSON.parse(readFileSync(path.join(sub, 'members-after-login.items.json'), 'utf8')) as Array<{ step: string }>;
    expect(items.map((i) => i.step)).toEqual(['Members']);
  });

  it('cleans up', () => rmSync(dir, { recursive: true, force: true }));
});
