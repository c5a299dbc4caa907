// What `crawlwright run` lets a flow use. A flow file is untrusted input (docs/security.md):
//  - JavaScript runs only inside the pages of the CLI's own fresh browser, so it is allowed; the
//    JS-bearing steps are listed on stderr so you see what runs.
//  - {{secret:NAME}} resolves only for names you grant: --allow-secret NAME, --trust, a grant the
//    app stored for exactly these bytes (data dir trust.json), or "y" at the terminal prompt.
//  - Local resources (file:/data:/chrome: … URLs, a storage_state file) need --allow-local,
//    --trust, a stored grant or "y" at the prompt.
//  - Browser flags are allow-listed by flow validation; your own go in --browser-arg.
// Without a grant and without a terminal to ask on, the run is refused (exit 2) naming the flags.
import { realpath } from 'node:fs/promises';
import { createInterface } from 'node:readline/promises';
import type { Flow } from '../../shared/flow/schema.js';
import { describeCapabilities, flowCapabilities, missingGrants, type RunGrant } from '../../shared/flow/capabilities.js';
import { exemptSecrets } from '../engine/secrets.js';
import { TrustStore } from '../trust/store.js';
import { defaultDataDir } from '../paths.js';

export interface CliGrantOptions {
  flow: Flow;
  /** The flow file and the hash of its bytes (for a grant stored by the app). */
  file: string;
  sha256: string;
  vars: Record<string, string>;
  allowSecrets: string[];
  allowLocal: boolean;
  trust: boolean;
  err(line: string): void;
  /** Ask a yes/no question on the terminal; false when there is none. */
  confirm?(question: string): Promise<boolean>;
}

export async function confirmOnTerminal(question: string): Promise<boolean> {
  if (!process.stdin.isTTY || !process.stderr.isTTY) return false;
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return /^y(es)?$/i.test((await rl.question(question)).trim());
  } finally {
    rl.close();
  }
}

/** The grant for this run, or a refusal message (exit 2). */
export async function decideGrant(o: CliGrantOptions): Promise<{ grant: RunGrant } | { refused: string }> {
  // {{demo_url}} is served by the CLI itself (http), so it counts as a web address here.
  const caps = flowCapabilities(o.flow, { vars: { demo_url: 'http://127.0.0.1/', ...o.vars } });
  if (caps.javascript.length) {
    o.err(`This flow runs JavaScript in the page in ${caps.javascript.length} step(s) (inside the page only):`);
    for (const j of caps.javascript) o.err(`  - ${j.stepName} (${j.stepId}): ${j.where.join(', ')}`);
  }
  if (o.trust) return { grant: { javascript: true, secrets: caps.secrets, local: true } };
  const stored = await new TrustStore(defaultDataDir())
    .get(await realpath(o.file).catch(() => o.file), o.sha256)
    .catch(() => null);
  const grant: RunGrant = {
    javascript: true,
    secrets: [...new Set([...o.allowSecrets, ...(stored?.secrets ?? [])])],
    local: o.allowLocal || Boolean(stored?.local),
  };
  const missing = missingGrants({ ...caps, javascript: [] }, grant, exemptSecrets(o.flow));
  if (!missing) return { grant };
  o.err('This flow asks for:');
  for (const line of describeCapabilities(missing)) o.err(`  - ${line}`);
  const ask = o.confirm ?? confirmOnTerminal;
  if (await ask('Allow it for this run? [y/N] ')) {
    return { grant: { ...grant, secrets: [...grant.secrets, ...missing.secrets], local: grant.local || missing.local.length > 0 } };
  }
  const flags = [...missing.secrets.map((n) => `--allow-secret ${n}`), ...(missing.local.length ? ['--allow-local'] : [])];
  return { refused: `refused: the flow was not granted ${describeWhat(missing.secrets.length, missing.local.length)}. Review the flow, then pass ${flags.join(' ')} (or --trust for everything it asks).` };
}

function describeWhat(secrets: number, local: number): string {
  const parts = [secrets ? `${secrets} secret(s)` : '', local ? `${local} local resource(s)` : ''].filter(Boolean);
  return parts.join(' and ');
}
