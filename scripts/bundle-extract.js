// Builds the single-file extractor (part of `npm run build`, after `build:node`):
//   dist/extract/crawlwright-extract.mjs      ES module: export { extractJsonCss, extractItems, parseHtml, ExtractionError }
//   dist/extract/crawlwright-extract.iife.js  the same as a script defining `var CrawlwrightExtract = {…}`
//                                             (to inline into a generated script, e.g. the Playwright export)
//   dist/extract/cli-extract.mjs              `crawlwright extract` as one file (bin/crawlwright.js loads
//                                             only this for that command: fast start-up)
// Everything (css-select, domhandler, …) is inside; only node: built-ins stay imports (CLI only).
// The API is documented in shared/extract/README.md ("Single-file bundle").
import { build } from 'rolldown';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

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
  output: { file: join(out, 'cli-extract.mjs'), format: 'esm', minify: true },
});
