// `crawlwright extract --schema SCHEMA.json [PAGE.html | -]`: prints exactly the string Crawl4AI
// puts in `result.extracted_content` for that HTML and schema (shared/extract). No Playwright, no
// server: this module only loads the extractor, so it starts fast.
//
// The schema file may be the bare schema, `{ "type": "JsonCssExtractionStrategy", "schema": … }`,
// or Crawl4AI's own dump() form `{ "type": "JsonCssExtractionStrategy", "params": { "schema": … } }`
// (with `{ "type": "dict", "value": … }` wrapping). A bad schema gives errors naming the JSON path
// and exit code 1; an extraction that fails in Crawl4AI fails here too (exit 1).
import { readFileSync } from 'node:fs';
import { JsonCssSchemaSchema, type JsonCssSchema } from '../../shared/extract/schema.js';
import { formatPath, fromZodIssues, type ValidationIssue } from '../../shared/flow/issues.js';
import { extractJsonCss, ExtractionError } from '../../shared/extract/index.js';
import { parsePyJson } from '../../shared/extract/pyjson-parse.js';
import { lintSchema } from '../../shared/extract/lint.js';
import { parseCliArgs, UsageError, withUsage } from './args.js';
import { HELP } from './help.js';

type Unwrapped = { schema: unknown; prefix: Array<string | number> };

/** Find the schema inside the accepted file shapes, remembering its JSON path for messages. */
export function unwrapSchema(input: unknown): Unwrapped {
  const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
  if (isObj(input) && input.type === 'JsonCssExtractionStrategy') {
    if ('schema' in input) return { schema: input.schema, prefix: ['schema'] };
    const params = input.params;
    if (isObj(params) && 'schema' in params) {
      const s = params.schema;
      if (isObj(s) && s.type === 'dict' && 'value' in s) return { schema: s.value, prefix: ['params', 'schema', 'value'] };
      return { schema: s, prefix: ['params', 'schema'] };
    }
    return { schema: undefined, prefix: ['schema'] };
  }
  return { schema: input, prefix: [] };
}

export type SchemaParse = { ok: true; schema: JsonCssSchema } | { ok: false; errors: ValidationIssue[] };

/** Parse schema file text: JSON syntax errors and zod issues come back with paths. */
export function parseSchemaText(text: string): SchemaParse {
  let json: unknown;
  try {
    // as Python's json.loads reads it: a `0.0` default stays a float, key order is kept
    json = parsePyJson(text);
  } catch (e) {
    return { ok: false, errors: [{ path: '', message: `not valid JSON: ${(e as Error).message}`, severity: 'error' }] };
  }
  const { schema, prefix } = unwrapSchema(json);
  if (schema === undefined) {
    return { ok: false, errors: [{ path: prefix.join('.'), message: 'missing the JsonCss schema', severity: 'error' }] };
  }
  const r = JsonCssSchemaSchema.safeParse(schema);
  if (!r.success) {
    // paths relative to the schema (so "did you mean" finds the keys), then prefixed for the file
    const pre = formatPath(prefix);
    const errors = fromZodIssues(r.error.issues, JsonCssSchemaSchema, schema).map((e) => ({
      ...e,
      path: !pre ? e.path : !e.path ? pre : e.path.startsWith('[') ? pre + e.path : `${pre}.${e.path}`,
    }));
    return { ok: false, errors };
  }
  return { ok: true, schema: r.data };
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

async function readText(file: string, what: string): Promise<string> {
  try {
    // sync: one read of a local file, and no FileHandle/promise machinery to start up
    return file === '-' ? await readStdin() : readFileSync(file, 'utf8');
  } catch (err) {
    const msg = err instanceof Error ? err.message.replace(/^[A-Z]+: /, '') : String(err);
    throw new UsageError(`cannot read the ${what} ${JSON.stringify(file)}: ${msg}`);
  }
}

export async function main(argv: string[]): Promise<number> {
  return withUsage(HELP.extract, async () => {
    const { values, positionals } = parseCliArgs(argv, {
      schema: { type: 'string' },
      lint: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    });
    if (values.help) {
      process.stdout.write(HELP.extract);
      return 0;
    }
    if (!values.schema) throw new UsageError('--schema SCHEMA.json is required');
    if (positionals.length > 1) throw new UsageError('give one HTML file (or - for standard input)');
    const schemaFile = values.schema;
    const parsed = parseSchemaText(await readText(schemaFile, 'schema file'));
    if (!parsed.ok) {
      for (const e of parsed.errors) process.stderr.write(`${schemaFile}: error: ${e.path || '(root)'}: ${e.message}\n`);
      return 1;
    }
    if (values.lint) {
      for (const w of lintSchema(parsed.schema)) process.stderr.write(`${schemaFile}: warning: ${w.path}: ${w.message}\n`);
    }
    const html = await readText(positionals[0] ?? '-', 'HTML file');
    try {
      const { extracted_content } = extractJsonCss(html, parsed.schema);
      process.stdout.write(extracted_content + (process.stdout.isTTY ? '\n' : ''));
      return 0;
    } catch (e) {
      if (e instanceof ExtractionError) {
        process.stderr.write(`error: extraction failed (Crawl4AI raises ${e.pyType}): ${e.message}\n`);
        return 1;
      }
      throw e;
    }
  });
}
