// Small file helpers shared by the flow handlers and the CLI: crash-safe writes and tolerant JSON
// reads of our own small state files (recent list, recovery copy).
import { randomBytes } from 'node:crypto';
import { chmod, open, readFile, realpath, rename, stat, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/**
 * Write `text` to `path` so that readers see either the old or the new content, never a torn
 * file: write a temp file in the same directory (same filesystem, so rename is atomic), fsync it,
 * rename over the target, then fsync the directory so the rename itself survives a power loss.
 */
export async function writeFileAtomic(linkOrPath: string, text: string): Promise<void> {
  // Write through symlinks (a linked flow file stays a link to the updated file).
  const path = await realpath(linkOrPath).catch(() => linkOrPath);
  const dir = dirname(path);
  const tmp = join(dir, `.${basename(path)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  let mode: number | undefined;
  try {
    mode = (await stat(path)).mode & 0o777;
  } catch {
    // new file: default mode
  }
  const fh = await open(tmp, 'wx', 0o644);
  try {
    try {
      await fh.writeFile(text, 'utf8');
      await fh.sync();
    } finally {
      await fh.close();
    }
    if (mode !== undefined) await chmod(tmp, mode);
    await rename(tmp, path);
  } catch (err) {
    await unlink(tmp).catch(() => undefined);
    throw err;
  }
  await syncDir(dir);
}

async function syncDir(dir: string): Promise<void> {
  // Directory fsync is POSIX-only; Windows refuses to open directories, which is fine to ignore.
  if (process.platform === 'win32') return;
  try {
    const dh = await open(dir, 'r');
    try {
      await dh.sync();
    } finally {
      await dh.close();
    }
  } catch {
    // best effort
  }
}

/** Parsed JSON of a state file, or undefined when it is missing or unreadable (never throws). */
export async function readJsonFile(path: string): Promise<unknown> {
  try {
    return JSON.parse(await readFile(path, 'utf8')) as unknown;
  } catch {
    return undefined;
  }
}

export function errnoCode(err: unknown): string | undefined {
  return typeof err === 'object' && err !== null && 'code' in err ? String((err as { code: unknown }).code) : undefined;
}

export const stripBom = (text: string): string => (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
