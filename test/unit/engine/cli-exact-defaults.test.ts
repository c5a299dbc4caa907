// `crawlwright run` on a flow whose schema has float / big-integer / integer-keyed defaults:
// results.json and extracted_content print them as Crawl4AI does (0.0, not 0).
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { main } from '../../../electron/cli/run.js';

const FLOW = fileURLToPath(new URL('../../fixtures/exact-defaults/float-defaults.flow.json', import.meta.url));
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cw-exact-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

it('crawlwright run writes a default of 0.0 as 0.0 (items and extracted_content)', async () => {
  let stderr = '';
  const o = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
  const e = vi.spyOn(process.stderr, 'write').mockImplementation((s) => ((stderr += String(s)), true));
  let code: number;
  try {
    code = await main([FLOW, '--out', dir]);
  } finally {
    o.mockRestore();
    e.mockRestore();
  }
  expect(code, stderr).toBe(0);
  const text = await readFile(join(dir, 'results.json'), 'utf8');
  const results = JSON.parse(text) as { items: unknown[]; steps: { extracted_content: string }[] };
  expect(results.items).toHaveLength(10);
  expect(text).toContain('"score": 0.0,\n        "big": 9007199254740993,\n        "obj": {\n          "2": [\n            2.0,\n            -0.0\n          ],\n          "1": 1.5\n        }');
  expect(results.steps[0].extracted_content).toContain('"score": 0.0,\n        "big": 9007199254740993,\n        "obj": {\n            "2": [\n                2.0,\n                -0.0\n            ],\n            "1": 1.5\n        }');
}, 120_000);
