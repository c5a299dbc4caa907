// `crawlwright run --inputs` for real: a child process is killed with SIGKILL in the middle of a
// batch, then the same command runs again: every row ends up exactly once in results.jsonl.
import { describe, expect, it } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const BIN = path.join(ROOT, 'bin/crawlwright.js');
const FLOW = path.join(ROOT, 'test/fixtures/batch/product-details.flow.json');
const built = existsSync(path.join(ROOT, 'dist/electron/cli.js'));

const lines = (file: string) => (existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter(Boolean) : []);

describe.skipIf(!built)('crawlwright run --inputs', () => {
  it('kill -9 mid-run, then the same command: nothing done twice, nothing lost', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'cw-batch-cli-'));
    const rows = path.join(dir, 'rows.csv');
    writeFileSync(rows, 'product\n' + Array.from({ length: 12 }, (_, i) => String(i + 10)).join('\n') + '\n');
    const out = path.join(dir, 'out');
    const args = [BIN, 'run', FLOW, '--inputs', rows, '--concurrency', '2', '--retries', '0', '--out', out];
    const results = path.join(out, 'results.jsonl');

    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let stdout = '';
    child.stdout.on('data', (d) => (stdout += d));
    // Kill as soon as a few rows are committed (and before all are).
    await new Promise<void>((resolve, reject) => {
      const timer = setInterval(() => {
        if (lines(results).length >= 3) {
          clearInterval(timer);
          process.kill(-child.pid!, 'SIGKILL'); // the process group: node and its Chromium
          resolve();
        }
      }, 20);
      child.on('exit', () => (clearInterval(timer), reject(new Error(`finished before the kill:\n${stdout}`))));
    });
    await new Promise((r) => child.once('exit', r));
    const before = lines(results).length;
    expect(before).toBeGreaterThanOrEqual(3);
    expect(before).toBeLessThan(12);

    const again = spawnSync(process.execPath, args, { encoding: 'utf8', timeout: 180_000 });
    expect(again.stderr).not.toMatch(/error/i);
    expect(again.status).toBe(0);
    // The rows committed before the kill are skipped (a line torn by the kill would run again).
    expect(again.stdout).toMatch(new RegExp(`\\(\\+(${before}|${before - 1}) from before\\)`));
    const ids = lines(results).map((l) => (JSON.parse(l) as { row: string }).row);
    expect(ids).toHaveLength(12);
    expect(new Set(ids).size).toBe(12);
    expect([...ids].sort()).toEqual(Array.from({ length: 12 }, (_, i) => String(i + 10)).sort());
    for (const l of lines(results)) expect(JSON.parse(l)).toMatchObject({ status: 'ok' });
    expect(again.stdout).toMatch(/done: 12\/12 rows .*12 done|done: 12\/12 rows/);
  }, 240_000);
});
