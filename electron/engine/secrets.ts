// Variables and secrets for a run. `{{name}}` comes from flow variables < builtins (demo_url) <
// --var / run.start vars; `{{secret:NAME}}` from the environment, then the OS keychain (only if
// its tool is installed), then the built-in demo secret. Resolved secret values are never written
// back to the flow and are masked as *** in everything the engine records.
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
  secretSources: Record<string, 'env' | 'keychain' | 'demo'>;
}

export interface ResolveOptions {
  builtinVars?: Record<string, string>;
  vars?: Record<string, string>;
  /** false: only the built-in demo secrets (the CLI without --trust for a flow with JS). */
  allowExternalSecrets?: boolean;
}

export async function resolveValues(flow: Flow, opts: ResolveOptions): Promise<ResolvedValues> {
  const vars = { ...(flow.variables ?? {}), ...(opts.builtinVars ?? {}), ...(opts.vars ?? {}) };
  const secrets: Record<string, string> = {};
  const maskValues: string[] = [];
  const secretSources: ResolvedValues['secretSources'] = {};
  const usesDemo = flowUsesPlaceholder(flow, 'demo_url');
  for (const name of secretsUsed(flow)) {
    let v: string | undefined;
    if (opts.allowExternalSecrets !== false) {
      v = process.env[name];
      if (v !== undefined) secretSources[name] = 'env';
      else {
        v = await keychainLookup(name);
        if (v !== undefined) secretSources[name] = 'keychain';
      }
    }
    // The demo secret only for flows that target the built-in demo site.
    if (v === undefined && usesDemo && DEMO_SECRETS[name] !== undefined) {
      v = DEMO_SECRETS[name];
      secretSources[name] = 'demo';
    }
    if (v === undefined) continue; // substitute() reports it with a clear message
    secrets[name] = v;
    if (secretSources[name] !== 'demo' && v.length > 0) maskValues.push(v);
  }
  return { vars, secrets, maskValues, secretSources };
}

/** Replaces secret values by *** in strings and, deeply, in JSON-like values. */
export class Masker {
  private readonly values: string[];
  constructor(values: string[]) {
    // Longest first, so a secret that contains another is masked whole.
    this.values = [...new Set(values.filter((v) => v.length > 0))].sort((a, b) => b.length - a.length);
  }
  get active(): boolean {
    return this.values.length > 0;
  }
  text(s: string): string {
    if (!this.values.length) return s;
    let out = s;
    for (const v of this.values) out = out.split(v).join('***');
    return out;
  }
  deep<T>(value: T): T {
    if (!this.values.length) return value;
    if (typeof value === 'string') return this.text(value) as T;
    if (Array.isArray(value)) return value.map((v) => this.deep(v)) as T;
    if (value && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, this.deep(v)])) as T;
    }
    return value;
  }
}
