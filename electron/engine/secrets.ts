// Variables and secrets for a run. `{{name}}` comes from flow variables < builtins (demo_url) <
// --var / run.start vars. `{{secret:NAME}}` resolves ONLY when the user granted NAME to this run
// (a flow file is untrusted: it must not be able to read AWS_SECRET_ACCESS_KEY just by naming it);
// a granted name is read from the environment as CRAWLWRIGHT_SECRET_NAME, then NAME, then the OS
// keychain (only if its tool is installed). The built-in demo secret needs no grant: its value is
// public. Resolved values are never written back to the flow and are masked as *** in everything
// the engine records, in every encoding a page or URL produces (masking.ts).
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import type { Flow } from '../../shared/flow/schema.js';
import { findPlaceholders, type VariableValues } from '../../shared/flow/variables.js';

/** Public credentials of the built-in demo site (/login accepts demo/demo). Not masked: they are documented. */
export const DEMO_SECRETS: Readonly<Record<string, string>> = { DEMO_PASSWORD: 'demo' };

function run(cmd: string, args: string[]): Promise<string | undefined> {
  return new Promise((resolve) => {
    execFile(cmd, args, { timeout: 3000 }, (err, stdout) => resolve(err ? undefined : stdout.replace(/\r?\n$/, '')));
  });
}

function which(names: string[]): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(':')) for (const n of names) if (dir && existsSync(`${dir}/${n}`)) return `${dir}/${n}`;
  return undefined;
}

/** OS keychain lookup: libsecret's secret-tool on Linux, `security` on macOS; undefined if absent. */
export async function keychainLookup(name: string): Promise<string | undefined> {
  if (process.platform === 'linux') {
    const tool = which(['secret-tool']);
    return tool ? (await run(tool, ['lookup', 'service', 'crawlwright', 'account', name])) || undefined : undefined;
  }
  if (process.platform === 'darwin') {
    return (await run('/usr/bin/security', ['find-generic-password', '-s', 'crawlwright', '-a', name, '-w'])) || undefined;
  }
  return undefined;
}

/** The environment variable that holds a secret for Crawlwright explicitly. */
export const secretEnvName = (name: string) => `CRAWLWRIGHT_SECRET_${name}`;

export type SecretSource = 'env-prefixed' | 'env' | 'keychain' | 'demo';

/** Where a granted secret's value would come from (null: nowhere). Looks the value up, never returns it. */
export async function lookupSecret(name: string, usesDemo: boolean): Promise<{ source: SecretSource; value: string } | null> {
  const prefixed = process.env[secretEnvName(name)];
  if (prefixed !== undefined) return { source: 'env-prefixed', value: prefixed };
  const plain = Object.hasOwn(process.env, name) ? process.env[name] : undefined;
  if (plain !== undefined) return { source: 'env', value: plain };
  const kc = await keychainLookup(name);
  if (kc !== undefined) return { source: 'keychain', value: kc };
  if (usesDemo && Object.hasOwn(DEMO_SECRETS, name)) return { source: 'demo', value: DEMO_SECRETS[name] };
  return null;
}

export function describeSecretSource(name: string, source: SecretSource): string {
  if (source === 'env-prefixed') return `the environment (${secretEnvName(name)})`;
  if (source === 'env') return `the environment (${name})`;
  if (source === 'keychain') return 'the OS keychain';
  return "the demo site's built-in value";
}

/** Secret names that need no grant for this flow: the demo site's public ones, when it targets the demo site. */
export function exemptSecrets(flow: Flow): Set<string> {
  return flowUsesPlaceholder(flow, 'demo_url') ? new Set(Object.keys(DEMO_SECRETS)) : new Set();
}

export function flowUsesPlaceholder(flow: Flow, name: string): boolean {
  return findPlaceholders(JSON.stringify(flow.steps)).some((p) => !p.secret && p.name === name);
}

export function secretsUsed(flow: Flow): string[] {
  return [...new Set(findPlaceholders(JSON.stringify(flow.steps)).filter((p) => p.secret).map((p) => p.name))];
}

export interface ResolvedValues extends VariableValues {
  /** Values to replace with *** in recorded output. */
  maskValues: string[];
  /** Where each secret came from (for logs; never the value). */
  secretSources: Record<string, SecretSource>;
}

export interface ResolveOptions {
  builtinVars?: Record<string, string>;
  vars?: Record<string, string>;
  /** Secret names the user granted to this run; every other {{secret:NAME}} stays unresolved. */
  grantedSecrets?: readonly string[];
}

export async function resolveValues(flow: Flow, opts: ResolveOptions): Promise<ResolvedValues> {
  const vars = { ...(flow.variables ?? {}), ...(opts.builtinVars ?? {}), ...(opts.vars ?? {}) };
  const secrets: Record<string, string> = {};
  const maskValues: string[] = [];
  const secretSources: ResolvedValues['secretSources'] = {};
  const usesDemo = flowUsesPlaceholder(flow, 'demo_url');
  const granted = new Set(opts.grantedSecrets ?? []);
  for (const name of secretsUsed(flow)) {
    let found: { source: SecretSource; value: string } | null = null;
    if (granted.has(name)) found = await lookupSecret(name, usesDemo);
    else if (usesDemo && Object.hasOwn(DEMO_SECRETS, name)) found = { source: 'demo', value: DEMO_SECRETS[name] };
    if (!found) continue; // substitute() reports it with a clear message
    secrets[name] = found.value;
    secretSources[name] = found.source;
    if (found.source !== 'demo' && found.value.length > 0) maskValues.push(found.value);
  }
  return { vars, secrets, maskValues, secretSources };
}

export { Masker } from './masking.js';
