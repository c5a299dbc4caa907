// Marks a build output folder as CommonJS (the package is "type": "module"), for the Electron
// preload, which must be a CommonJS script when the renderer is sandboxed.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.argv[2];
if (!dir) {
  console.error('usage: node scripts/mark-commonjs.js DIR');
  process.exit(2);
}
mkdirSync(dir, { recursive: true });
writeFileSync(join(dir, 'package.json'), JSON.stringify({ type: 'commonjs' }) + '\n');
