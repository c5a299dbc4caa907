#!/usr/bin/env node
// The `crawlwright` command. The CLI is compiled to dist/ by `npm run build` (also run by `npm install`).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadWithCodeCache } from './code-cache.js';

// `crawlwright extract` loads only the single-file extractor CLI (dist/extract/cli-extract.cjs, made
// by scripts/bundle-extract.js, with its V8 code cache): one file instead of the CLI's module
// graph, so it starts fast.
const args = process.argv.slice(2);
const fastExtract = args[0] === 'extract' && !args.slice(1).some((a) => a === '-h' || a === '--help');
const cli = new URL(fastExtract ? '../dist/extract/cli-extract.cjs' : '../dist/electron/cli.js', import.meta.url);
if (!existsSync(fileURLToPath(cli))) {
  process.stderr.write('crawlwright: the CLI is not built yet. Run `npm run build` in the Crawlwright folder.\n');
  process.exit(1);
}
const { main } = fastExtract ? loadWithCodeCache(fileURLToPath(cli)).exports : await import(cli.href);
try {
  const code = await main(fastExtract ? args.slice(1) : args);
  process.exitCode = code;
  // A subcommand that left a handle open (a browser, a timer) must not hang the shell.
  setTimeout(() => process.exit(code), 3000).unref();
} catch (err) {
  process.stderr.write(`crawlwright: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
}
