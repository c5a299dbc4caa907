// Builds the single-file extractor (part of `npm run build`, after `build:node`):
//   dist/extract/crawlwright-extract.mjs      ES module: export { extractJsonCss, extractItems, parseHtml, ExtractionError }
//   dist/extract/crawlwright-extract.iife.js  the same as a script defining `var CrawlwrightExtract = {…}`
//                                             (to inline into a generated script, e.g. the Playwright export)
//   dist/extract/cli-extract.cjs              `crawlwright extract` as one file (bin/crawlwright.js loads
//                                             only this for that command: fast start-up), CommonJS so
//                                             it can run from a V8 code cache (bin/code-cache.js)
//   dist/extract/cli-extract.cjs.v8cache      that cache, made after a sample extraction
// Everything (css-select, domhandler, …) is inside; only node: built-ins stay imports (CLI only).
// The API is documented in shared/extract/README.md ("Single-file bundle").
import { build } from 'rolldown';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { loadWithCodeCache, writeCodeCache } from '../bin/code-cache.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'dist', 'extract');
const external = [/^node:/];

// An unresolved import would silently become an external one: fail the build instead.
const common = {
  write: true,
  onLog(level, log, handler) {
    if (log.code === 'UNRESOLVED_IMPORT' || log.code === 'MISSING_GLOBAL_NAME') throw new Error(log.message);
    if (level !== 'debug' && level !== 'info') handler(level, log);
  },
};

await build({
  ...common,
  input: join(root, 'shared/extract/index.ts'),
  platform: 'browser',
  output: { file: join(out, 'crawlwright-extract.mjs'), format: 'esm', minify: false },
});
await build({
  ...common,
  input: join(root, 'shared/extract/index.ts'),
  platform: 'browser',
  output: { file: join(out, 'crawlwright-extract.iife.js'), format: 'iife', name: 'CrawlwrightExtract', minify: false },
});
await build({
  ...common,
  input: join(root, 'electron/cli/extract.ts'),
  platform: 'node',
  external,
  output: { file: join(out, 'cli-extract.cjs'), format: 'cjs', minify: true },
});
rmSync(join(out, 'cli-extract.mjs'), { force: true }); // the ES module form of earlier builds

// The code cache: load the CLI as bin/crawlwright.js does, run it once on a demo products page
// (so the parser, selector and field functions are compiled), then save what V8 compiled.
const cliFile = join(out, 'cli-extract.cjs');
rmSync(`${cliFile}.v8cache`, { force: true });
const { exports: cli, script } = loadWithCodeCache(cliFile);
const { productsHtml } = await import(join(root, 'dist/electron/demo/pages.js'));
const { PRODUCTS_SCHEMA } = await import(join(root, 'dist/electron/demo/schemas.js'));
const tmp = mkdtempSync(join(tmpdir(), 'cw-code-cache-'));
try {
  writeFileSync(join(tmp, 'page.html'), productsHtml(200));
  writeFileSync(join(tmp, 'schema.json'), JSON.stringify(PRODUCTS_SCHEMA));
  const write = process.stdout.write;
  process.stdout.write = () => true; // the sample's items are not the build's output
  let code;
  try {
    code = await cli.main(['--schema', join(tmp, 'schema.json'), join(tmp, 'page.html')]);
  } finally {
    process.stdout.write = write;
  }
  if (code !== 0) throw new Error(`the sample extraction for the code cache exited ${code}`);
  writeCodeCache(cliFile, script);
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
