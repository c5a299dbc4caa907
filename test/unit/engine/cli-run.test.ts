// `crawlwright run` end to end: progress lines, results.json, artifacts, exit codes, --trust.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { main } from '../../../electron/cli/run.js';
import { FIXTURES } from './helpers.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cw-cli-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function capture(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const o = vi.spyOn(process.stdout, 'write').mockImplementation((s) => ((stdout += String(s)), true));
  const e = vi.spyOn(process.stderr, 'write').mockImplementation((s) => ((stderr += String(s)), true));
  try {
    const code = await main(argv);
    return { code, stdout, stderr };
  } finally {
    o.mockRestore();
    e.mockRestore();
  }
}

describe('crawlwright run', () => {
  it('runs a flow, prints one line per step iteration and writes results.json with items in page order', async () => {
    const out = join(dir, 'commits');
    const r = await capture([join(FIXTURES, 'commits.flow.json'), '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    const lines = r.stdout.split('\n').filter((l) => /^[✓✗]/.test(l));
    expect(lines).toHaveLength(3);
    expect(lines[1]).toMatch(/^✓ \[2\/2\] Next page \(next\) #1 .*items/);
    const results = JSON.parse(await readFile(join(out, 'results.json'), 'utf8'));
    expect(results.status).toBe('ok');
    expect(results.items.length).toBeGreaterThan(3);
    expect(results.items[0]).toMatchObject({ step: 'page1', stepName: 'First page', iteration: 0 });
    expect(results.items.at(-1)).toMatchObject({ step: 'next', iteration: 1 });
    expect(await readFile(join(out, results.steps[0].artifacts.html), 'utf8')).toContain('commit-list');
    expect(r.stderr).toMatch(/runs JavaScript in the page in 1 step/);
  });

  it('a run that lost or repeated items finishes with warnings: exit 3, reasons on stderr and in results.json', async () => {
    const items = { type: 'JsonCssExtractionStrategy', schema: { name: 'I', baseSelector: 'li.item', fields: [{ name: 't', selector: '.title', type: 'text' }] } };
    const flow = {
      format: 'crawlwright.flow',
      version: 1,
      name: 'repeats',
      steps: [
        { id: 'p1', name: 'Page 1', config: { url: '{{demo_url}}/list', session_id: 'cli-h', extraction_strategy: items } },
        { id: 'again', name: 'Same page', config: { session_id: 'cli-h', js_only: true, extraction_strategy: items } },
      ],
    };
    const f = join(dir, 'repeats.flow.json');
    await writeFile(f, JSON.stringify(flow));
    const r = await capture([f, '--out', join(dir, 'repeats')]);
    expect(r.code).toBe(3);
    expect(r.stdout).toMatch(/⚠ step "Same page": 10 of 10 items were already extracted \(10 from step "Page 1"\): the same page again/);
    expect(r.stderr).toMatch(/finished with warnings: 1 issue\(s\), 10 duplicate item\(s\)/);
    const results = JSON.parse(await readFile(join(dir, 'repeats', 'results.json'), 'utf8'));
    expect(results.status).toBe('warnings');
    expect(results.health).toEqual([expect.objectContaining({ stepId: 'again', kind: 'duplicates', duplicates: 10 })]);
  });

  it('names artifacts like the progress lines number iterations: #1 → -i1, #2 → -i2; a step without repeat has no suffix', async () => {
    const out = join(dir, 'commits-names');
    const r = await capture([join(FIXTURES, 'commits.flow.json'), '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/Next page \(next\) #1 /);
    expect(r.stdout).toMatch(/Next page \(next\) #2 /);
    const results = JSON.parse(await readFile(join(out, 'results.json'), 'utf8')) as { steps: Array<{ stepId: string; iteration: number; artifacts: { html: string } }> };
    const names = results.steps.map((s) => [s.stepId, s.iteration, s.artifacts.html.split('/').pop()]);
    expect(names).toEqual([
      ['page1', 0, '01-page1.html'],
      ['next', 0, '02-next-i1.html'],
      ['next', 1, '02-next-i2.html'],
    ]);
  });

  it('exits non-zero naming the failing step', async () => {
    const flow = {
      format: 'crawlwright.flow',
      version: 1,
      name: 'fails',
      steps: [{ id: 'missing', name: 'Wait for nothing', config: { url: '{{demo_url}}/list', page_timeout: 500, wait_for: 'css:#nope' } }],
    };
    const f = join(dir, 'fail.flow.json');
    await writeFile(f, JSON.stringify(flow));
    const r = await capture([f, '--out', join(dir, 'fail')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/step "Wait for nothing" \(missing\) failed in wait_for \(#nope\)/);
    expect(r.stdout).toMatch(/^✗ \[1\/1\] Wait for nothing/m);
  });

  it('reports an invalid flow with path-named errors, and usage errors with exit 2', async () => {
    const f = join(dir, 'bad.flow.json');
    await writeFile(f, JSON.stringify({ format: 'crawlwright.flow', version: 1, name: 'x', steps: [{ id: 'a', name: 'a', config: { wait_fro: 'x' } }] }));
    const r = await capture([f]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/steps\[0\]\.config\.wait_fro/);
    expect((await capture([])).code).toBe(2);
    expect((await capture([f, '--var', 'novalue'])).code).toBe(2);
  });

  it('without a grant, refuses to hand an environment secret to the flow; --trust grants it', async () => {
    process.env.CW_CLI_SECRET = 'abc123';
    try {
      const flow = {
        format: 'crawlwright.flow',
        version: 1,
        name: 'secret',
        steps: [{ id: 's', name: 's', config: { url: '{{demo_url}}/list', js_code: 'return "{{secret:CW_CLI_SECRET}}".length;' } }],
      };
      const f = join(dir, 'secret.flow.json');
      await writeFile(f, JSON.stringify(flow));
      const refused = await capture([f, '--out', join(dir, 'secret')]);
      expect(refused.code).toBe(2);
      expect(refused.stderr).toMatch(/CW_CLI_SECRET.*--trust/);
      const trusted = await capture([f, '--out', join(dir, 'secret'), '--trust']);
      expect(trusted.code, trusted.stderr).toBe(0);
      const results = await readFile(join(dir, 'secret', 'results.json'), 'utf8');
      expect(results).not.toContain('abc123');
      expect(JSON.parse(results).steps[0].js_execution_result.results).toEqual([6]);
    } finally {
      delete process.env.CW_CLI_SECRET;
    }
  });
});
