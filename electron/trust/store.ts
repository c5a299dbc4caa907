// The user's grants to flow files, kept in the data dir (never in the flow file, which is the
// untrusted party). One entry per flow path, valid only for the exact bytes it was granted for:
// when the file changes outside the app (a download, a git pull), its hash no longer matches and
// the app asks again. Saving from the app re-keys the entry to the new bytes (the user's own edit).
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import type { RunGrant } from '../../shared/flow/capabilities.js';
import { readJsonFile, writeFileAtomic } from '../files.js';

const MAX_ENTRIES = 500;

const EntrySchema = z.object({
  sha256: z.string(),
  javascript: z.boolean(),
  secrets: z.array(z.string()),
  local: z.boolean(),
  grantedAt: z.number(),
});
const FileSchema = z.object({ version: z.literal(1), flows: z.record(z.string(), EntrySchema) });
type TrustFile = z.infer<typeof FileSchema>;

export class TrustStore {
  readonly file: string;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly dataDir: string) {
    this.file = join(dataDir, 'trust.json');
  }

  private async read(): Promise<TrustFile> {
    const parsed = FileSchema.safeParse(await readJsonFile(this.file));
    return parsed.success ? parsed.data : { version: 1, flows: {} };
  }

  /** The grant stored for this path, if it was given for exactly these bytes. */
  async get(path: string, sha256: string): Promise<RunGrant | null> {
    const e = (await this.read()).flows[path];
    if (!e || e.sha256 !== sha256) return null;
    return { javascript: e.javascript, secrets: [...e.secrets], local: e.local };
  }

  /** Store (replace) the grant for this path and content hash. Updates are serialised. */
  set(path: string, sha256: string, grant: RunGrant): Promise<void> {
    const next = this.queue.then(async () => {
      const data = await this.read();
      data.flows[path] = { sha256, javascript: grant.javascript, secrets: [...new Set(grant.secrets)].sort(), local: grant.local, grantedAt: Date.now() };
      const entries = Object.entries(data.flows).sort((a, b) => b[1].grantedAt - a[1].grantedAt).slice(0, MAX_ENTRIES);
      await mkdir(this.dataDir, { recursive: true });
      await writeFileAtomic(this.file, JSON.stringify({ version: 1, flows: Object.fromEntries(entries) }, null, 2) + '\n');
    });
    this.queue = next.catch(() => undefined);
    return next;
  }

  /** Forget a path's grant (e.g. the user revoked it). */
  clear(path: string): Promise<void> {
    const next = this.queue.then(async () => {
      const data = await this.read();
      if (!(path in data.flows)) return;
      delete data.flows[path];
      await writeFileAtomic(this.file, JSON.stringify(data, null, 2) + '\n');
    });
    this.queue = next.catch(() => undefined);
    return next;
  }
}
