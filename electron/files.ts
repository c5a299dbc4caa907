// Small file helpers shared by the flow handlers and the CLI: crash-safe writes and tolerant JSON
// reads of our own small state files (recent list, recovery copy).
import { isUtf8 } from 'node:buffer';
import { createHash, randomBytes } from 'node:crypto';
import { chmod, lstat, open, readdir, readFile, realpath, rename, stat, unlink } from 'node:fs/promises';
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
  inFlight.add(tmp);
  try {
    await writeVia(tmp, path, dir, text);
  } finally {
    inFlight.delete(tmp);
  }
  await sweepStaleTempsOnce(dir);
}

async function writeVia(tmp: string, path: string, dir: string, text: string): Promise<void> {
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

// Temp files of writes in progress in this process: a sweep never touches them.
const inFlight = new Set<string>();

/** `.<name>.<pid>.<12 hex>.tmp`: exactly what writeFileAtomic names its temp files, nothing else. */
const TEMP_NAME = /^\.(.+)\.(\d{1,10})\.([0-9a-f]{12})\.tmp$/;
/** A temp file this old is stale even if a process with its pid is alive (pids are reused). */
export const STALE_TEMP_MS = 10 * 60_000;

function processAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0); // signal 0: existence check only
    return true;
  } catch (err) {
    return errnoCode(err) === 'EPERM'; // exists, owned by someone else
  }
}

/**
 * Remove the temp files an interrupted writeFileAtomic left in `dir` (the process was killed between
 * writing and renaming): only regular files named like ours whose pid is not a live process, or that
 * are older than STALE_TEMP_MS, and never one of this process's writes in progress. Returns the
 * names removed. Never throws (a folder we cannot list or a file we cannot remove is left alone).
 */
export async function sweepStaleTemps(dir: string, now = Date.now()): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const name of names) {
    const m = TEMP_NAME.exec(name);
    if (!m) continue;
    const path = join(dir, name);
    if (inFlight.has(path)) continue;
    try {
      const st = await lstat(path);
      if (!st.isFile()) continue;
      const old = now - st.mtimeMs > STALE_TEMP_MS;
      if (!old && processAlive(Number(m[2]))) continue;
      await unlink(path);
      removed.push(name);
    } catch {
      // gone already, or not ours to remove
    }
  }
  return removed;
}

// Each folder is swept at most once per STALE_TEMP_MS per process: a save pays for one listing.
const lastSwept = new Map<string, number>();

/** sweepStaleTemps(dir) unless it ran for `dir` in the last STALE_TEMP_MS. */
export async function sweepStaleTempsOnce(dir: string): Promise<void> {
  const now = Date.now();
  const last = lastSwept.get(dir);
  if (last !== undefined && now - last < STALE_TEMP_MS) return;
  lastSwept.set(dir, now);
  await sweepStaleTemps(dir, now);
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

/** Why a text file was refused (the message names the file and the reason). */
export class TextFileError extends Error {
  constructor(
    readonly kind: 'not_a_file' | 'too_large' | 'invalid_utf8',
    message: string,
  ) {
    super(message);
    this.name = 'TextFileError';
  }
}

/** Byte offset of the first invalid UTF-8 sequence, or -1. */
export function invalidUtf8Offset(buf: Uint8Array): number {
  if (isUtf8(buf)) return -1;
  for (let i = 0; i < buf.length; ) {
    const b = buf[i];
    const len = b < 0x80 ? 1 : b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    if (len === 0 || i + len > buf.length) return i;
    for (let k = 1; k < len; k++) if ((buf[i + k] & 0xc0) !== 0x80) return i;
    // Overlong 3/4-byte forms, UTF-16 surrogates and code points past U+10FFFF.
    if (b === 0xe0 && buf[i + 1] < 0xa0) return i;
    if (b === 0xed && buf[i + 1] > 0x9f) return i;
    if (b === 0xf0 && buf[i + 1] < 0x90) return i;
    if (b === 0xf4 && buf[i + 1] > 0x8f) return i;
    i += len;
  }
  return -1;
}

export const sha256Hex = (data: Uint8Array | string): string => createHash('sha256').update(data).digest('hex');

/**
 * Read a (flow) text file safely: only regular files (a device such as /dev/zero or a FIFO would
 * never end), at most `maxBytes` however the file grows while we read, valid UTF-8 only (invalid
 * bytes are refused with their offset instead of being silently replaced), UTF-8 BOM stripped.
 * `sha256` is the hash of the bytes on disk (the identity a trust grant is keyed by).
 */
export async function readTextFileStrict(path: string, maxBytes: number): Promise<{ text: string; sha256: string; bytes: number }> {
  const st = await stat(path);
  if (!st.isFile()) throw new TextFileError('not_a_file', `cannot open ${path}: ${st.isDirectory() ? 'it is a directory' : 'not a regular file'}`);
  if (st.size > maxBytes) throw new TextFileError('too_large', `cannot open ${path}: ${st.size} bytes is more than the ${maxBytes}-byte limit for a flow file`);
  const fh = await open(path, 'r');
  let buf: Buffer;
  try {
    if (!(await fh.stat()).isFile()) throw new TextFileError('not_a_file', `cannot open ${path}: not a regular file`);
    const chunk = Buffer.allocUnsafe(Math.min(maxBytes + 1, Math.max(st.size + 1, 64 * 1024)));
    const parts: Buffer[] = [];
    let total = 0;
    for (;;) {
      const { bytesRead } = await fh.read(chunk, 0, chunk.length, null);
      if (bytesRead === 0) break;
      parts.push(Buffer.from(chunk.subarray(0, bytesRead)));
      total += bytesRead;
      if (total > maxBytes) throw new TextFileError('too_large', `cannot open ${path}: more than the ${maxBytes}-byte limit for a flow file`);
    }
    buf = Buffer.concat(parts, total);
  } finally {
    await fh.close();
  }
  const bad = invalidUtf8Offset(buf);
  if (bad >= 0) {
    throw new TextFileError(
      'invalid_utf8',
      `cannot open ${path}: invalid UTF-8 at byte offset ${bad} (0x${buf[bad].toString(16).padStart(2, '0')}); save the file as UTF-8`,
    );
  }
  return { text: stripBom(buf.toString('utf8')), sha256: sha256Hex(buf), bytes: buf.length };
}
