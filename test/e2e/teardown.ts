// Removes this run's temporary data dir (recent list, recovery copy, run artifacts).
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';

export default async function globalTeardown(): Promise<void> {
  const dir = process.env.CRAWLWRIGHT_E2E_DATA_DIR;
  // Only ever delete what the config created (a crawlwright-e2e-* dir under the temp dir).
  if (dir && dir.startsWith(tmpdir()) && /crawlwright-e2e-[^/\\]+$/.test(dir)) await rm(dir, { recursive: true, force: true });
}
