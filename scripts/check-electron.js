// `npm run check:electron`: Electronegativity over electron/, failing on any HIGH or MEDIUM finding.
// PRELOAD_JS_CHECK is excluded on purpose: it flags every use of a preload ("review it"), and the
// preload is required for the sandboxed bridge; it is reviewed and unit-tested instead
// (test/unit/foundation/preload.test.ts: only requires 'electron', only cw:-prefixed calls).
// Runs offline: the tool's release/locale lookups fail after a timeout and are ignored.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const EXCLUDED = ['PreloadJSCheck']; // reported as PRELOAD_JS_CHECK
const tmp = mkdtempSync(join(tmpdir(), 'electronegativity-'));
const csv = join(tmp, 'report.csv');
const bin = join(root, 'node_modules', '.bin', process.platform === 'win32' ? 'electronegativity.cmd' : 'electronegativity');
const r = spawnSync(bin, ['-i', join(root, 'electron'), '-e', '45.5.0', '-x', EXCLUDED.join(','), '-r', '-o', csv], {
  cwd: root,
  encoding: 'utf8',
  shell: process.platform === 'win32',
});
let report;
try {
  report = readFileSync(csv, 'utf8');
} catch {
  console.error(`electronegativity produced no report (exit ${r.status}):\n${r.stdout}\n${r.stderr}`);
  process.exit(2);
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
const rows = report.trim().split('\n').slice(1).filter(Boolean);
const serious = rows.filter((row) => /^[A-Z_]+,"(HIGH|MEDIUM)"/.test(row));
for (const row of rows) console.log(row);
if (serious.length) {
  console.error(`\n${serious.length} HIGH/MEDIUM Electronegativity finding(s) in electron/.`);
  process.exit(1);
}
console.log(`Electronegativity: ${rows.length} finding(s), none HIGH or MEDIUM.`);
