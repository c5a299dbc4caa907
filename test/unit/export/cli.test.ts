// `crawlwright export`: same text as export.render on stdout (or --out), notes on stderr, and
// clear usage/validation errors with exit codes 2/1.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { main } from '../../../electron/cli.js';
import { renderExport } from '../../../shared/export/index.js';
import { loadTestFlows } from './flows.js';

let out = '';
let err = '';
let dir: string;
beforeEach(() => {
  out = '';
  err = '';
  dir = mkdtempSync(path.join(tmpdir(), 'cw-cli-export-'));
  vi.spyOn(process.stdout, 'write').mockImplementation((s) => ((out += String(s)), true));
  vi.spyOn(process.stderr, 'write').mockImplementation((s) => ((err += String(s)), true));
});
afterEach(() => {
  vi.restoreAllMocks();
  rmSync(dir, { recursive: true, force: true });
});

const sample = loadTestFlows().find((f) => f.key === 'export-flows/login-members')!;

describe('crawlwright export', () => {
  it('prints the export on stdout and the notes on stderr', async () => {
    expect(await main(['export', sample.file, '--to', 'crawl4ai-python'])).toBe(0);
    const expected = renderExport(sample.flow, 'crawl4ai-python');
    expect(out).toBe(expected.text);
    for (const n of expected.notes) expect(err).toContain(`note: ${n}`);
  });

  it('writes --out FILE', async () => {
    const file = path.join(dir, 'flow.crawl4ai.json');
    expect(await main(['export', sample.file, '--to', 'crawl4ai-config', '--out', file])).toBe(0);
    expect(readFileSync(file, 'utf8')).toBe(renderExport(sample.flow, 'crawl4ai-config').text);
    expect(out).toBe('');
  });

  it('rejects a missing or unknown format with exit code 2', async () => {
    expect(await main(['export', sample.file])).toBe(2);
    expect(err).toContain('--to is required');
    expect(await main(['export', sample.file, '--to', 'yaml'])).toBe(2);
    expect(err).toContain('unknown format "yaml"');
  });

  it('names the path of an invalid flow, exit code 1', async () => {
    const file = path.join(dir, 'bad.flow.json');
    writeFileSync(file, JSON.stringify({ format: 'crawlwright.flow', version: 1, name: 'x', steps: [{ id: 'a', name: 'a', config: { page_timeout: -1 } }] }));
    expect(await main(['export', file, '--to', 'json'])).toBe(1);
    expect(err).toContain('steps[0].config.page_timeout');
    expect(out).toBe('');
  });
});
