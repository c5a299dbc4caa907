// The `crawlwright` CLI entry and `validate`: in-process for the output, and through the real
// bin/crawlwright.js (built dist/) for exit codes.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../../electron/cli.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const fixture = join(root, 'test/fixtures/foundation/three-mistakes.flow.json');
const demoFlow = join(root, 'assets/demo-flows/demo.flow.json');
const bin = join(root, 'bin/crawlwright.js');
const built = existsSync(join(root, 'dist/electron/cli.js'));

async function capture(argv: string[]) {
  let out = '';
  let err = '';
  const o = vi.spyOn(process.stdout, 'write').mockImplementation((s: string | Uint8Array) => ((out += String(s)), true));
  const e = vi.spyOn(process.stderr, 'write').mockImplementation((s: string | Uint8Array) => ((err += String(s)), true));
  try {
    const code = await main(argv);
    return { code, out, err };
  } finally {
    o.mockRestore();
    e.mockRestore();
  }
}
afterEach(() => vi.restoreAllMocks());

describe('crawlwright validate', () => {
  it('reports 3 path-named errors for a flow with 3 mistakes and exits 1', async () => {
    const { code, out } = await capture(['validate', fixture]);
    expect(code).toBe(1);
    const errors = out.split('\n').filter((l) => l.includes(': error: '));
    expect(errors).toHaveLength(3);
    expect(errors[0]).toContain('steps[0].config.wait-for: unknown key "wait-for", did you mean "wait_for"?');
    expect(errors[1]).toContain('steps[1].config.page_timeout: expected number, got a string');
    expect(errors[2]).toContain('steps[2].config.cache_mode: must be one of');
    expect(out).toContain('3 errors');
  });

  it('exits 0 for a valid flow and prints warnings without failing', async () => {
    const { code, out } = await capture(['validate', demoFlow]);
    expect(code).toBe(0);
    expect(out).toContain('valid');
  });

  it('--json prints machine-readable issues', async () => {
    const { code, out } = await capture(['validate', '--json', fixture, demoFlow]);
    expect(code).toBe(1);
    const reports = JSON.parse(out) as Array<{ file: string; errors: Array<{ path: string }> }>;
    expect(reports.map((r) => r.errors.length)).toEqual([3, 0]);
    expect(reports[0].errors.map((e) => e.path)).toEqual(['steps[0].config.wait-for', 'steps[1].config.page_timeout', 'steps[2].config.cache_mode']);
  });

  it('reports unreadable files as errors, and usage mistakes with exit 2', async () => {
    const missing = await capture(['validate', join(root, 'no-such.flow.json')]);
    expect(missing.code).toBe(1);
    expect(missing.out).toMatch(/cannot read the file: .*no such file/);
    const none = await capture(['validate']);
    expect(none.code).toBe(2);
    expect(none.err).toContain('give at least one flow file');
    const badOpt = await capture(['validate', '--frobnicate', fixture]);
    expect(badOpt.code).toBe(2);
    expect(badOpt.err).toContain("Unknown option '--frobnicate'");
  });
});

describe('crawlwright help', () => {
  it('documents every command and its options', async () => {
    const { code, out } = await capture(['--help']);
    expect(code).toBe(0);
    for (const cmd of ['run', 'validate', 'extract', 'export', 'serve']) expect(out).toContain(`  ${cmd}`);
    const run = await capture(['run', '--help']);
    for (const opt of ['--out DIR', '--headed', '--browser PATH', '--var NAME=VALUE', '--trust']) expect(run.out).toContain(opt);
    expect((await capture(['extract', '--help'])).out).toContain('extract --schema SCHEMA.json [PAGE.html|-]');
    const exp = await capture(['export', '-h']);
    for (const f of ['json', 'crawl4ai-python', 'crawl4ai-config', 'playwright', '--out FILE']) expect(exp.out).toContain(f);
    const serve = await capture(['serve', '--help']);
    for (const opt of ['--port', '--host', '--token', '--demo-port']) expect(serve.out).toContain(opt);
  });

  it('rejects unknown commands with exit 2 and prints the version', async () => {
    const bad = await capture(['frobnicate']);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('unknown command "frobnicate"');
    const v = await capture(['--version']);
    expect(v.out.trim()).toBe((JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version);
  });

  it('serve refuses a non-loopback --host', async () => {
    const r = await capture(['serve', '--host', '0.0.0.0']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('--host 0.0.0.0 refused');
  });
});

/** Static (non-dynamic) imports reachable from a source file, to prove lazy loading. */
function staticImportClosure(entry: string): Set<string> {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    // Bare package names are leaves; a missing relative file is the type-checker's business.
    if (!isAbsolute(file) || !existsSync(file)) return;
    const src = readFileSync(file, 'utf8');
    // `import … from 'x'` and `export … from 'x'`, excluding `import type`.
    for (const m of src.matchAll(/^(?:import|export)\s+(?!type\b)[^'";]*?from\s+['"]([^'"]+)['"]/gm)) {
      const spec = m[1];
      if (spec.startsWith('.')) visit(resolve(dirname(file), spec.replace(/\.js$/, '.ts')));
      else seen.add(spec);
    }
  };
  visit(entry);
  return seen;
}

describe('lazy subcommands', () => {
  it('the CLI entry, validate and extract do not load Playwright or the web server', () => {
    for (const entry of ['electron/cli.ts', 'electron/cli/validate.ts', 'electron/cli/extract.ts']) {
      const deps = [...staticImportClosure(join(root, entry))];
      expect(deps.filter((d) => d.startsWith('playwright') || d === 'ws' || d.endsWith('/api/server.ts')), entry).toEqual([]);
    }
  });
});

describe.runIf(built)('bin/crawlwright.js (built)', () => {
  it('exits 1 with path-named errors, 0 for a valid flow', () => {
    const bad = spawnSync(process.execPath, [bin, 'validate', fixture], { encoding: 'utf8' });
    expect(bad.status).toBe(1);
    expect(bad.stdout).toContain('steps[1].config.page_timeout');
    const good = spawnSync(process.execPath, [bin, 'validate', demoFlow], { encoding: 'utf8' });
    expect(good.status).toBe(0);
    const stdin = spawnSync(process.execPath, [bin, 'validate', '-'], { encoding: 'utf8', input: readFileSync(fixture, 'utf8') });
    expect(stdin.status).toBe(1);
    expect(stdin.stdout).toContain('-: 3 errors');
  });
});
