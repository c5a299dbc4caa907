// Flow files on disk: validate, open (never throws on a bad file: the text always comes back),
// atomic save, the recent list, web mode's directory listing and the crash-recovery copies
// (per window, ./recovery.ts).
import { mkdir, readdir, readFile, stat } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { z } from 'zod';
import { ApiError, OK } from '../../../shared/api/define.js';
import { flowCalls } from '../../../shared/api/domains/flow.js';
import { parseFlowText } from '../../../shared/flow/validate.js';
import type { ValidationIssue } from '../../../shared/flow/issues.js';
import { errnoCode, readJsonFile, readTextFileStrict, sha256Hex, sweepStaleTempsOnce, TextFileError, writeFileAtomic } from '../../files.js';
import { MAX_FLOW_BYTES, formatBytes } from '../../../shared/api/limits.js';
import { TrustStore } from '../../trust/store.js';
import { assetsDir } from '../../paths.js';
import type { Services } from '../services.js';
import type { DomainHandlers } from './types.js';
import { createRecoveryStore } from './recovery.js';

export const RECENT_MAX = 10;
export const DEMO_FLOW_PATH = join(assetsDir, 'demo-flows', 'demo.flow.json');

export function validateText(text: string): { errors: ValidationIssue[]; warnings: ValidationIssue[] } {
  const r = parseFlowText(text);
  return r.ok ? { errors: [], warnings: r.warnings } : { errors: r.errors, warnings: r.warnings };
}

function absolute(path: string, what: string): string {
  if (!isAbsolute(path)) throw new ApiError('bad_args', `${what} must be an absolute path, got ${JSON.stringify(path)}`);
  return resolve(path);
}

/** Map a filesystem error to an ApiError that names the file. */
function fsError(err: unknown, path: string, action: string): ApiError {
  const code = errnoCode(err);
  // Saving into a folder that is not there: say which folder (the file itself is to be created).
  if (code === 'ENOENT' && action === 'save') return new ApiError('not_found', `cannot save ${path}: the folder ${dirname(path)} does not exist`);
  if (code === 'EEXIST') return new ApiError('failed', `cannot ${action} ${path}: it already exists`);
  if (code === 'ENOENT') return new ApiError('not_found', `cannot ${action} ${path}: no such file or directory`);
  if (code === 'EACCES' || code === 'EPERM') return new ApiError('forbidden', `cannot ${action} ${path}: permission denied`);
  if (code === 'EISDIR') return new ApiError('bad_args', `cannot ${action} ${path}: it is a directory`);
  if (code === 'ENOTDIR') return new ApiError('bad_args', `cannot ${action} ${path}: not a directory`);
  return new ApiError('failed', `cannot ${action} ${path}: ${err instanceof Error ? err.message : String(err)}`);
}

const RecentFileSchema = z.object({ paths: z.array(z.string()) });

export function createRecentList(dataDir: string) {
  const file = join(dataDir, 'recent.json');
  async function read(): Promise<string[]> {
    const parsed = RecentFileSchema.safeParse(await readJsonFile(file));
    return parsed.success ? parsed.data.paths.slice(0, RECENT_MAX) : [];
  }
  // Serialise updates so two quick saves cannot lose an entry.
  let queue: Promise<unknown> = Promise.resolve();
  function add(path: string): Promise<void> {
    const next = queue.then(async () => {
      const paths = [path, ...(await read()).filter((p) => p !== path)].slice(0, RECENT_MAX);
      await mkdir(dataDir, { recursive: true }); // may have been removed while we run
      await writeFileAtomic(file, JSON.stringify({ paths }, null, 2) + '\n');
    });
    queue = next.catch(() => undefined);
    return next;
  }
  /** Recent files that still exist, newest first. */
  async function list(): Promise<string[]> {
    const paths = await read();
    const exists = await Promise.all(paths.map((p) => stat(p).then((st) => st.isFile(), () => false)));
    return paths.filter((_, i) => exists[i]);
  }
  return { add, list, file };
}

/**
 * At start: remove the temp files interrupted saves left in the data dir, the recovery folder and
 * the folders of recent flows (saving into any other folder sweeps it then). Never throws.
 */
export async function sweepAppFolders(dataDir: string): Promise<void> {
  const recentDirs = await createRecentList(dataDir)
    .list()
    .then((paths) => paths.map((p) => dirname(p)))
    .catch(() => []);
  for (const dir of new Set([dataDir, join(dataDir, 'recovery'), ...recentDirs])) await sweepStaleTempsOnce(dir);
}

async function readFlowFile(path: string): Promise<{ text: string; sha256: string }> {
  try {
    return await readTextFileStrict(path, MAX_FLOW_BYTES);
  } catch (err) {
    if (err instanceof TextFileError) throw new ApiError(err.kind === 'not_a_file' ? 'bad_args' : 'failed', err.message);
    throw fsError(err, path, 'open');
  }
}

/** A flow text from the renderer must fit the same limit as a file we open. */
function checkFlowBytes(bytes: number, what: string): void {
  if (bytes > MAX_FLOW_BYTES) throw new ApiError('bad_args', `${what}: ${formatBytes(bytes)} is more than the ${formatBytes(MAX_FLOW_BYTES)} limit for a flow file`);
}

function checkFlowSize(text: string, what: string): void {
  checkFlowBytes(Buffer.byteLength(text, 'utf8'), what);
}

export function createFlowHandlers(s: Services): DomainHandlers<typeof flowCalls> {
  const recent = createRecentList(s.dataDir);
  const recovery = createRecoveryStore(s.dataDir, (bytes) => checkFlowBytes(bytes, 'cannot keep a recovery copy'));
  const trust = new TrustStore(s.dataDir);
  const desktopOnly = (name: string) => () => {
    // The Electron shell replaces these with native dialogs (electron/main.ts).
    throw new ApiError('unsupported', `${name} is only available in the desktop app`);
  };

  return {
    'flow.validate': ({ text }) => validateText(text),

    'flow.demo': async () => {
      let text: string;
      try {
        text = await readFile(DEMO_FLOW_PATH, 'utf8');
      } catch (err) {
        throw fsError(err, DEMO_FLOW_PATH, 'read the demo flow');
      }
      // path null: the built-in demo is never overwritten; saving it asks for a new file name.
      return { path: null, text, ...validateText(text) };
    },

    'flow.open': async ({ path: raw }) => {
      const path = absolute(raw, 'path');
      const { text, sha256 } = await readFlowFile(path);
      await recent.add(path).catch(() => undefined);
      const grant = await trust.get(path, sha256).catch(() => null);
      return { path, text, ...validateText(text), sha256, grant };
    },

    'flow.save': async ({ path: raw, text, grant }) => {
      const path = absolute(raw, 'path');
      checkFlowSize(text, `cannot save ${path}`);
      try {
        await writeFileAtomic(path, text);
      } catch (err) {
        throw fsError(err, path, 'save');
      }
      await recent.add(path).catch(() => undefined);
      const sha256 = sha256Hex(Buffer.from(text, 'utf8'));
      // The saved bytes are the user's own edit: they keep the grant the window had.
      if (grant) await trust.set(path, sha256, grant).catch(() => undefined);
      return { path, sha256 };
    },

    'flow.grant': async ({ path: raw, sha256, grant }) => {
      const path = absolute(raw, 'path');
      const now = await readFlowFile(path);
      if (now.sha256 !== sha256) throw new ApiError('failed', `${path} changed on disk since it was opened; the grant was not stored (re-open the file to review it)`);
      await trust.set(path, sha256, grant);
      return OK;
    },

    'flow.recent': async () => ({ paths: await recent.list() }),

    'dialog.open': desktopOnly('dialog.open'),
    'dialog.save': desktopOnly('dialog.save'),

    'fs.list': async ({ dir: raw, showHidden }) => {
      const dir = raw ? absolute(raw, 'dir') : homedir();
      let dirents;
      try {
        dirents = await readdir(dir, { withFileTypes: true });
      } catch (err) {
        throw fsError(err, dir, 'list');
      }
      const entries = await Promise.all(
        dirents
          .filter((d) => showHidden || !d.name.startsWith('.'))
          .map(async (d) => {
            // Follow symlinks so a link to a folder can be browsed into.
            let isDir = d.isDirectory();
            if (d.isSymbolicLink()) isDir = await stat(join(dir, d.name)).then((st) => st.isDirectory(), () => false);
            return { name: d.name, dir: isDir };
          }),
      );
      entries.sort((a, b) => (a.dir !== b.dir ? (a.dir ? -1 : 1) : a.name.localeCompare(b.name, undefined, { numeric: true, sensitivity: 'base' })));
      const parent = dirname(dir);
      return { dir, parent: parent === dir ? null : parent, entries };
    },

    'fs.mkdir': async ({ dir: raw, name }) => {
      const path = join(absolute(raw, 'dir'), name);
      try {
        await mkdir(path);
      } catch (err) {
        throw fsError(err, path, 'create folder');
      }
      return { path };
    },

    'recovery.save': ({ windowId, ...copy }, ctx) => recovery.save(windowId, copy, ctx.client),
    'recovery.load': ({ windowId }, ctx) => recovery.load(windowId, ctx.client),
    'recovery.clear': ({ windowId }, ctx) => recovery.clear(windowId, ctx.client),
  };
}
