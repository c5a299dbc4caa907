#!/usr/bin/env node
// The `crawlwright` command. The CLI is compiled to dist/ by `npm run build` (also run by `npm install`).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const cli = new URL('../dist/electron/cli.js', import.meta.url);
if (!existsSync(fileURLToPath(cli))) {
  process.stderr.write('crawlwright: the CLI is not built yet. Run `npm run build` in the Crawlwright folder.\n');
  process.exit(1);
}
const { main } = await import(cli.href);
try {
  const code = await main(process.argv.slice(2));
  process.exitCode = code;
  // A subcommand that left a handle open (a browser, a timer) must not hang the shell.
  setTimeout(() => process.exit(code), 3000).unref();
} catch (err) {
  process.stderr.write(`crawlwright: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
}
