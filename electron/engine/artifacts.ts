// Run artifacts: artifactsDir/<runId>/<NN>-<stepId>[-iK].html|png|pdf|mhtml, NN the step's number and K the
// iteration as the UI and the CLI count it (#1, #2, …) for a step that repeats. artifact.read only serves files
// inside artifactsDir (resolved real paths), so the renderer cannot read arbitrary files.
import { mkdir, readdir, readFile, realpath, rm, writeFile } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';

export function runDir(artifactsDir: string, runId: string): string {
  return join(artifactsDir, runId);
}

function safe(s: string): string {
  return s.replace(/[^A-Za-z0-9_.-]+/g, '_').slice(0, 60) || 'step';
}

/** `iteration` is 0-based as in StepResult; `repeats`: the step can run more than once (shared/flow/iterations.ts). */
export function artifactBase(dir: string, stepIndex: number, stepId: string, iteration: number, repeats: boolean): string {
  return join(dir, `${String(stepIndex + 1).padStart(2, '0')}-${safe(stepId)}${repeats ? `-i${iteration + 1}` : ''}`);
}

export async function writeArtifact(path: string, data: string | Buffer): Promise<string> {
  await mkdir(resolve(path, '..'), { recursive: true });
  await writeFile(path, data);
  return path;
}

const MIME: Record<string, { mime: string; encoding: 'utf8' | 'base64' }> = {
  '.html': { mime: 'text/html', encoding: 'utf8' },
  '.json': { mime: 'application/json', encoding: 'utf8' },
  '.txt': { mime: 'text/plain', encoding: 'utf8' },
  '.png': { mime: 'image/png', encoding: 'base64' },
  '.pdf': { mime: 'application/pdf', encoding: 'base64' },
  '.mhtml': { mime: 'multipart/related', encoding: 'utf8' },
};

export class ArtifactAccessError extends Error {}

/** Read an artifact; refuses anything outside `artifactsDir` (including via symlinks or ..). */
export async function readArtifact(artifactsDir: string, path: string): Promise<{ mime: string; encoding: 'utf8' | 'base64'; data: string }> {
  const root = await realpath(resolve(artifactsDir)).catch(() => resolve(artifactsDir));
  const candidate = resolve(root, path);
  const real = await realpath(candidate).catch(() => {
    throw new ArtifactAccessError(`artifact not found: ${path}`);
  });
  if (real !== root && !real.startsWith(root + sep)) throw new ArtifactAccessError(`not a run artifact (outside ${root}): ${path}`);
  const kind = MIME[extname(real).toLowerCase()] ?? { mime: 'application/octet-stream', encoding: 'base64' as const };
  const buf = await readFile(real);
  return { ...kind, data: kind.encoding === 'utf8' ? buf.toString('utf8') : buf.toString('base64') };
}

/**
 * Keep the newest `keep` run folders (run-YYYYMMDD-HHMMSS-xxxx sorts chronologically) so the
 * artifacts of an app used for months do not grow without bound. Never touches `protect`.
 */
export async function pruneRuns(artifactsDir: string, keep: number, protect: ReadonlySet<string> = new Set()): Promise<string[]> {
  let names: string[];
  try {
    names = (await readdir(artifactsDir, { withFileTypes: true })).filter((d) => d.isDirectory() && /^run-\d{8}-\d{6}-/.test(d.name)).map((d) => d.name);
  } catch {
    return [];
  }
  names.sort();
  const drop = names.slice(0, Math.max(0, names.length - keep)).filter((n) => !protect.has(n));
  for (const n of drop) await rm(join(artifactsDir, n), { recursive: true, force: true });
  return drop;
}
