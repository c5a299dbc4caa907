// The single-file extractor (dist/extract/, built by `npm run build`): self-contained, same bytes
// as the module build on every conformance case, and `crawlwright extract` runs from it alone.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import vm from 'node:vm';
import { beforeAll, describe, expect, it } from 'vitest';
import { extractJsonCss } from '../../../shared/extract/index.js';
import { parsePyJson } from '../../../shared/extract/pyjson-parse.js';

const repo = join(import.meta.dirname, '../../..');
const dist = join(repo, 'dist/extract');
const esm = join(dist, 'crawlwright-extract.mjs');
const iife = join(dist, 'crawlwright-extract.iife.js');
const fixtures = join(repo, 'test/fixtures');

type Api = typeof import('../../../shared/extract/index.js');

function cases(): Array<{ html: string; schema: never; expected?: string }> {
  const out = [];
  for (const dir of ['conformance', 'conformance/random', 'extract']) {
    for (const f of readdirSync(join(fixtures, dir)).filter((n) => n.endsWith('.json')).sort()) {
      const c = parsePyJson(readFileSync(join(fixtures, dir, f), 'utf8')) as { expected?: string; html: string; schema: never };
      if (c.expected !== undefined) out.push(c);
    }
  }
  return out;
}

describe('single-file extractor bundle', () => {
  let api: Api;
  beforeAll(async () => {
    if (!existsSync(esm) || !existsSync(iife)) throw new Error(`${dist} is missing: run \`npm run build\` first`);
    api = (await import(pathToFileURL(esm).href)) as Api;
  });

  it('imports nothing (one file, usable anywhere an ES module runs)', () => {
    const src = readFileSync(esm, 'utf8');
    expect(src).not.toMatch(/^\s*import\s/m);
    expect(src).not.toMatch(/\brequire\(/);
  });

  it('gives the same bytes as the module build on every conformance case', () => {
    const all = cases();
    expect(all.length).toBeGreaterThan(100);
    for (const c of all) expect(api.extractJsonCss(c.html, c.schema).extracted_content).toBe(extractJsonCss(c.html, c.schema).extracted_content);
  });

  it('the script form defines CrawlwrightExtract with the same API (for inlining into a generated script)', () => {
    const ctx: Record<string, unknown> = {};
    vm.runInNewContext(readFileSync(iife, 'utf8'), ctx);
    const g = ctx.CrawlwrightExtract as Api;
    const c = cases()[0];
    expect(g.extractJsonCss(c.html, c.schema).extracted_content).toBe(c.expected);
    expect(typeof g.ExtractionError).toBe('function');
  });

  /** A copy of just bin/ and dist/extract/cli-extract.cjs (+ its code cache), no node_modules, no other dist/. */
  function extractOnlyCopy(): string {
    const dir = mkdtempSync(join(tmpdir(), 'cw-bundle-'));
    mkdirSync(join(dir, 'bin'));
    mkdirSync(join(dir, 'dist/extract'), { recursive: true });
    for (const f of ['crawlwright.js', 'code-cache.js']) copyFileSync(join(repo, 'bin', f), join(dir, 'bin', f));
    for (const f of ['cli-extract.cjs', 'cli-extract.cjs.v8cache']) copyFileSync(join(dist, f), join(dir, 'dist/extract', f));
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ type: 'module' }));
    return dir;
  }
  const extractIn = (dir: string, schema: string, page: string) =>
    spawnSync(process.execPath, [join(dir, 'bin/crawlwright.js'), 'extract', '--schema', join(dir, schema), join(dir, page)], { encoding: 'utf8' });

  it('`crawlwright extract` needs nothing but bin/ and dist/extract/cli-extract.cjs', () => {
    const dir = extractOnlyCopy();
    const c = cases()[0];
    writeFileSync(join(dir, 'page.html'), c.html);
    writeFileSync(join(dir, 'schema.json'), JSON.stringify(c.schema));
    const r = extractIn(dir, 'schema.json', 'page.html');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(c.expected);
    // a bad schema still gets path-named errors from the bundled validation
    writeFileSync(join(dir, 'bad.json'), JSON.stringify({ baseSelector: 'div', fields: [{ name: 'x', type: 'text', selectr: 'p' }] }));
    const bad = extractIn(dir, 'bad.json', 'page.html');
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain('fields[0]');
  });

  it('the build\'s code cache is accepted by this Node (else it would only cost a read)', () => {
    const probe = `import('${pathToFileURL(join(repo, 'bin/code-cache.js')).href}').then((m) => { const { script } = m.loadWithCodeCache(${JSON.stringify(join(dist, 'cli-extract.cjs'))}); process.stdout.write(String(script.cachedDataRejected)); })`;
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', probe], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('false');
  });

  it('the code cache is only a speed-up: a damaged or missing cache gives the same output', () => {
    const dir = extractOnlyCopy();
    const c = cases()[0];
    writeFileSync(join(dir, 'page.html'), c.html);
    writeFileSync(join(dir, 'schema.json'), JSON.stringify(c.schema));
    const cache = join(dir, 'dist/extract/cli-extract.cjs.v8cache');
    expect(readFileSync(cache).length).toBeGreaterThan(10_000); // made by the build, after a sample run
    writeFileSync(cache, Buffer.alloc(4096, 7)); // V8 rejects it and compiles the bundle
    const damaged = extractIn(dir, 'schema.json', 'page.html');
    expect([damaged.status, damaged.stderr, damaged.stdout]).toEqual([0, '', c.expected]);
    rmSync(cache);
    const missing = extractIn(dir, 'schema.json', 'page.html');
    expect([missing.status, missing.stderr, missing.stdout]).toEqual([0, '', c.expected]);
  });
});
