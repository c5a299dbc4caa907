// `crawlwright validate FLOW.json…`: the same validation as the app (shared/flow/validate.ts).
// Errors name the JSON path; exit 1 if any file has errors, 0 otherwise (warnings do not fail).
import { parseFlowText } from '../../shared/flow/validate.js';
import type { ValidationIssue } from '../../shared/flow/issues.js';
import { invalidUtf8Offset, readTextFileStrict, stripBom } from '../files.js';
import { MAX_FLOW_BYTES } from '../../shared/api/limits.js';
import { parseCliArgs, UsageError, withUsage } from './args.js';
import { HELP } from './help.js';

export interface FileReport {
  file: string;
  errors: ValidationIssue[];
  warnings: ValidationIssue[];
}

export async function validateFile(file: string): Promise<FileReport> {
  let text: string;
  try {
    text = file === '-' ? stdinText(await readStdin()) : (await readTextFileStrict(file, MAX_FLOW_BYTES)).text;
  } catch (err) {
    const msg = err instanceof Error ? err.message.replace(/^[A-Z]+: /, '') : String(err);
    return { file, errors: [{ path: '', message: `cannot read the file: ${msg}`, severity: 'error' }], warnings: [] };
  }
  const r = parseFlowText(text);
  return { file, errors: r.ok ? [] : r.errors, warnings: r.warnings };
}

async function readStdin(): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of process.stdin) {
    chunks.push(chunk as Buffer);
    total += (chunk as Buffer).length;
    if (total > MAX_FLOW_BYTES) throw new Error(`standard input: more than the ${MAX_FLOW_BYTES}-byte limit for a flow file`);
  }
  return Buffer.concat(chunks);
}

function stdinText(buf: Buffer): string {
  const bad = invalidUtf8Offset(buf);
  if (bad >= 0) throw new Error(`standard input: invalid UTF-8 at byte offset ${bad}`);
  return stripBom(buf.toString('utf8'));
}

export function formatReport(r: FileReport): string {
  const line = (i: ValidationIssue) => `${r.file}: ${i.severity}: ${i.path || '(root)'}: ${i.message}\n`;
  const head = r.errors.length
    ? `${r.file}: ${r.errors.length} error${r.errors.length === 1 ? '' : 's'}${r.warnings.length ? `, ${r.warnings.length} warning${r.warnings.length === 1 ? '' : 's'}` : ''}\n`
    : `${r.file}: valid${r.warnings.length ? ` (${r.warnings.length} warning${r.warnings.length === 1 ? '' : 's'})` : ''}\n`;
  return head + [...r.errors, ...r.warnings].map(line).join('');
}

export async function main(argv: string[]): Promise<number> {
  return withUsage(HELP.validate, async () => {
    const { values, positionals } = parseCliArgs(argv, { json: { type: 'boolean' } });
    if (positionals.length === 0) throw new UsageError('give at least one flow file (or - for standard input)');
    const reports: FileReport[] = [];
    for (const file of positionals) reports.push(await validateFile(file));
    if (values.json) process.stdout.write(JSON.stringify(reports, null, 2) + '\n');
    else for (const r of reports) process.stdout.write(formatReport(r));
    return reports.some((r) => r.errors.length > 0) ? 1 : 0;
  });
}
