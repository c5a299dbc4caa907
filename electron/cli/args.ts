// Argument parsing shared by the `crawlwright` subcommands: node:util parseArgs with errors
// turned into a UsageError (exit code 2 and a hint to --help) instead of a stack trace.
import { parseArgs, type ParseArgsConfig } from 'node:util';

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export type OptionSpec = NonNullable<ParseArgsConfig['options']>;

export function parseCliArgs<O extends OptionSpec>(argv: string[], options: O, { allowPositionals = true } = {}) {
  try {
    return parseArgs({ args: argv, options, allowPositionals, strict: true });
  } catch (err) {
    // node's messages are good ("Unknown option '--x'") but mention internals; keep the first line.
    throw new UsageError((err instanceof Error ? err.message : String(err)).split('\n')[0]);
  }
}

/** Parse a port number option: integer 0..65535 (0 = any free port). */
export function parsePort(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value) || Number(value) > 65535) throw new UsageError(`${name} must be a port number (0-65535), got ${JSON.stringify(value)}`);
  return Number(value);
}

/** `--var k=v` (repeatable) → { k: v }. */
export function parseVars(values: string[] | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const kv of values ?? []) {
    const eq = kv.indexOf('=');
    if (eq <= 0) throw new UsageError(`--var expects name=value, got ${JSON.stringify(kv)}`);
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(kv.slice(0, eq))) throw new UsageError(`--var names are letters, digits and _ (got ${JSON.stringify(kv.slice(0, eq))})`);
    out[kv.slice(0, eq)] = kv.slice(eq + 1);
  }
  return out;
}

/** Run a subcommand's body, turning UsageErrors into a message + exit code 2. */
export async function withUsage(help: string, body: () => Promise<number>): Promise<number> {
  try {
    return await body();
  } catch (err) {
    if (err instanceof UsageError) {
      process.stderr.write(`error: ${err.message}\n\n${help}`);
      return 2;
    }
    throw err;
  }
}
