// The Crawl4AI verdict on a real run (reference site, real Chromium): a page Crawl4AI's anti-bot
// check flags keeps the Crawlwright outcome, carries Crawl4AI's failure, is counted, and does not
// stop the run unless asked; a real failure stops it unless continueOnFailure; the CLI says it.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { Engine } from '../../../electron/engine/engine.js';
import { main } from '../../../electron/cli/run.js';
import { startReferenceSite, type ReferenceSite } from '../conformance/reference-site.js';
import { flowOf } from './helpers.js';

let site: ReferenceSite;
let engine: Engine;
let dir: string;
beforeAll(async () => {
  site = await startReferenceSite();
  dir = await mkdtemp(join(tmpdir(), 'cw-verdict-'));
  engine = new Engine({ artifactsDir: join(dir, 'runs'), emit: () => undefined });
});
afterAll(async () => {
  await engine?.close();
  site?.close();
  await rm(dir, { recursive: true, force: true });
});

const run = (flow: ReturnType<typeof flowOf>, opts = {}) => engine.startRun(flow, { breakpoints: false, ...opts }).done;

describe('Crawl4AI verdict in runs', () => {
  it('a blocked page: the step succeeds, crawl4ai says failed (blocked), the run goes on and counts it', async () => {
    const r = await run(flowOf([{ id: 'tiny', config: { url: `${site.origin}/tiny` } }, { id: 'normal', config: { url: `${site.origin}/normal` } }]));
    expect(r.status).toBe('ok');
    expect(r.results.map((x) => x.stepId)).toEqual(['tiny', 'normal']);
    expect(r.results[0]).toMatchObject({
      success: true,
      status_code: 200,
      crawl4ai: { success: false, error_message: expect.stringMatching(/^Blocked by anti-bot protection: Structural: minimal_text, no_content_elements \(\d+ bytes, 2 chars visible\)$/), blocked: expect.stringMatching(/^Structural: /) },
    });
    expect(r.results[1].crawl4ai).toEqual({ success: true, error_message: null });
    expect([r.blocked, r.failed]).toEqual([1, 0]);
  });

  it('stopOnBlocked stops the run at the blocked step', async () => {
    const r = await run(flowOf([{ id: 'tiny', config: { url: `${site.origin}/tiny` } }, { id: 'normal', config: { url: `${site.origin}/normal` } }]), { stopOnBlocked: true });
    expect(r.status).toBe('failed');
    expect(r.error).toMatch(/step "tiny" \(tiny\): Crawl4AI would report it as failed: Blocked by anti-bot protection: /);
    expect(r.results.map((x) => x.stepId)).toEqual(['tiny']);
  });

  it('a real failure stops the run; continueOnFailure runs the rest like a Crawl4AI script and still ends "failed"', async () => {
    const flow = flowOf([
      { id: 'fail', config: { url: `${site.origin}/normal`, session_id: 'v1', wait_for: 'css:#nope', wait_for_timeout: 300 } },
      { id: 'after', config: { url: `${site.origin}/normal`, session_id: 'v1', js_only: true, js_code: 'return 1;' } },
    ]);
    const stopped = await run(flow);
    expect([stopped.status, stopped.results.length, stopped.failed]).toEqual(['failed', 1, 1]);
    expect(stopped.results[0]).toMatchObject({ success: false, status_code: null, redirected_url: null, page_url: `${site.origin}/normal`, crawl4ai: { success: false } });
    const all = await run(flow, { continueOnFailure: true });
    expect(all.status).toBe('failed');
    expect(all.error).toMatch(/step "fail" \(fail\) failed in wait_for/);
    expect(all.results.map((x) => [x.stepId, x.success])).toEqual([
      ['fail', false],
      ['after', true],
    ]);
    await engine.sessions.kill('v1');
  });

  it("a url Crawl4AI cannot crawl fails with Crawl4AI's message; raw: is refused with a reason", async () => {
    const r = await run(flowOf([{ id: 'bad', config: { url: 'example.com/x' } }]));
    expect(r.results[0].error?.message).toMatch(/^URL must start with 'http:\/\/', 'https:\/\/', 'file:\/\/', or 'raw:' \(got "example\.com\/x"\)$/);
    const raw = await run(flowOf([{ id: 'raw', config: { url: 'raw:<p>x</p>' } }]));
    expect(raw.results[0].error?.message).toMatch(/raw: URLs .* not supported by Crawlwright/);
  });

  it('crawlwright run prints the verdict and writes counts to results.json', async () => {
    const file = join(dir, 'blocked.flow.json');
    await writeFile(file, JSON.stringify(flowOf([{ id: 'empty', name: 'Empty page', config: { url: `${site.origin}/empty` } }])));
    let stdout = '';
    const o = vi.spyOn(process.stdout, 'write').mockImplementation((s) => ((stdout += String(s)), true));
    const e = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    let code: number;
    try {
      code = await main([file, '--out', join(dir, 'out')]);
    } finally {
      o.mockRestore();
      e.mockRestore();
    }
    expect(code).toBe(0);
    expect(stdout).toMatch(/✓ \[1\/1\] Empty page \(empty\).*\n {4}Crawl4AI would report: failed \(blocked: Near-empty content \(\d+ bytes\) with HTTP 200\)/);
    expect(stdout).toMatch(/Crawl4AI would report 1 of them as blocked by anti-bot protection/);
    const results = JSON.parse(await readFile(join(dir, 'out', 'results.json'), 'utf8'));
    expect(results.counts).toEqual({ steps: 1, failed: 0, blocked: 1 });
    expect(results.steps[0].crawl4ai.blocked).toMatch(/^Near-empty content/);
  });
});
