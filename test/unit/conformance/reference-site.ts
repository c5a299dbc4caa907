// Starts the runner-conformance reference site (test/fixtures/reference-site/server.mjs, copied
// unchanged from the kit) on a random port.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const FIXTURES = fileURLToPath(new URL('../../fixtures/', import.meta.url));

export interface ReferenceSite {
  origin: string;
  close(): void;
}

export async function startReferenceSite(): Promise<ReferenceSite> {
  const site = spawn(process.execPath, [join(FIXTURES, 'reference-site', 'server.mjs'), '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<string>((resolve, reject) => {
    let buf = '';
    site.stdout!.on('data', (d: Buffer) => {
      buf += d.toString();
      if (buf.includes('\n')) resolve(buf.split('\n')[0].trim());
    });
    site.once('exit', (code) => reject(new Error(`reference site exited with ${code}`)));
  });
  return { origin: `http://127.0.0.1:${port}`, close: () => void site.kill('SIGTERM') };
}
