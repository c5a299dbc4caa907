// `crawlwright export FLOW.json --to FORMAT [--out FILE]`: the same exporters as the Export…
// dialog (shared/export). Notes (what the format approximates or leaves out) go to stderr, so
// stdout carries only the exported text.
import { readFile } from 'node:fs/promises';
import { EXPORT_FORMATS } from '../../shared/api/domains/export.js';
import { renderExport, type ExportFormat } from '../../shared/export/index.js';
import { parseFlowText } from '../../shared/flow/validate.js';
import { saveExport } from '../export-files.js';
import { parseCliArgs, UsageError, withUsage } from './args.js';
import { HELP } from './help.js';

export async function main(argv: string[]): Promise<number> {
  return withUsage(HELP.export, async () => {
    const { values, positionals } = parseCliArgs(argv, { to: { type: 'string' }, out: { type: 'string' } });
    if (positionals.length !== 1) throw new UsageError('give exactly one flow file (or - for standard input)');
    const format = values.to;
    if (format === undefined) throw new UsageError(`--to is required: ${EXPORT_FORMATS.join(', ')}`);
    if (!(EXPORT_FORMATS as readonly string[]).includes(format)) {
      throw new UsageError(`unknown format ${JSON.stringify(format)}: expected ${EXPORT_FORMATS.join(', ')}`);
    }
    const file = positionals[0];
    let text: string;
    try {
      text = file === '-' ? await readStdin() : await readFile(file, 'utf8');
    } catch (err) {
      process.stderr.write(`${file}: cannot read the file: ${err instanceof Error ? err.message.replace(/^[A-Z]+: /, '') : String(err)}\n`);
      return 1;
    }
    const parsed = parseFlowText(text);
    if (!parsed.ok) {
      for (const e of parsed.errors) process.stderr.write(`${file}: error: ${e.path || '(root)'}: ${e.message}\n`);
      return 1;
    }
    const result = renderExport(parsed.flow, format as ExportFormat);
    if (values.out) {
      for (const path of await saveExport(values.out, result.text, result.companions)) process.stderr.write(`wrote ${path}\n`);
    } else {
      process.stdout.write(result.text);
      for (const name of result.companions ?? []) process.stderr.write(`note: the script imports ./${name}: use --out FILE to have it written beside the script\n`);
    }
    for (const note of result.notes) process.stderr.write(`note: ${note}\n`);
    return 0;
  });
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
