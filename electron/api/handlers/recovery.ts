// Crash-recovery copies, one per window: dataDir/recovery/<windowId>.json. The renderer picks its
// window id (kept in sessionStorage, so a reload of the same tab or window keeps it) and saves its
// unsaved work shortly after each change.
//
// Which copy a window is offered when it starts (recovery.load):
//   1. its own copy (the window was reloaded, or its page crashed and came back);
//   2. else the newest copy of a window that is gone: no open connection has used its id since
//      this process started, and it is not being offered to another open window. So after a crash
//      of the whole app every copy is offered again, one per window that starts (and after a
//      Discard, the next one).
// A copy is only ever removed by recovery.clear (after a save, when the work is clean again, or on
// Discard), never because another window started.
import { mkdir, readdir, rename, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { ApiError, OK } from '../../../shared/api/define.js';
import { RecoveryCopySchema, WINDOW_ID, WindowIdSchema } from '../../../shared/api/domains/flow.js';
import { errnoCode, readJsonFile, writeFileAtomic } from '../../files.js';
import type { CallClient } from '../services.js';

type Copy = z.infer<typeof RecoveryCopySchema>;
type CopyArgs = Omit<Copy, 'savedAt'>;

/** The id the single recovery.json of earlier versions is kept under (an orphan like any other). */
const LEGACY_ID = 'legacy';

export function createRecoveryStore(dataDir: string, checkSize: (bytes: number) => void) {
  const dir = join(dataDir, 'recovery');
  // Window id -> the open connections that use it; orphan id -> the connection it is offered to.
  const holders = new Map<string, Set<CallClient>>();
  const offeredTo = new Map<string, CallClient>();
  const watched = new WeakMap<CallClient, Set<string>>();

  const fileOf = (id: string): string => {
    // The contract validates ids; this is the last line before the id becomes a file name.
    if (!WindowIdSchema.safeParse(id).success) throw new ApiError('bad_args', `invalid window id ${JSON.stringify(id)}`);
    return join(dir, `${id}.json`);
  };

  function release(client: CallClient): void {
    for (const id of watched.get(client) ?? []) {
      const set = holders.get(id);
      set?.delete(client);
      if (set?.size === 0) holders.delete(id);
    }
    for (const [id, c] of offeredTo) if (c === client) offeredTo.delete(id);
  }

  function watch(client: CallClient): Set<string> {
    let ids = watched.get(client);
    if (!ids) {
      ids = new Set();
      watched.set(client, ids);
      client.onClose(() => release(client));
    }
    return ids;
  }

  function claim(id: string, client: CallClient | undefined): void {
    if (!client) return;
    watch(client).add(id);
    let set = holders.get(id);
    if (!set) holders.set(id, (set = new Set()));
    set.add(client);
  }

  /** Another open connection uses this id (not the caller). */
  const heldByOther = (id: string, client: CallClient | undefined): boolean =>
    [...(holders.get(id) ?? [])].some((c) => c !== client);

  async function read(id: string): Promise<Copy | null> {
    const parsed = RecoveryCopySchema.safeParse(await readJsonFile(fileOf(id)));
    return parsed.success ? parsed.data : null;
  }

  // The single recovery.json of earlier versions becomes an orphan copy (offered like one).
  let migrated: Promise<void> | undefined;
  const migrateLegacy = () =>
    (migrated ??= (async () => {
      const legacy = join(dataDir, 'recovery.json');
      if (!RecoveryCopySchema.safeParse(await readJsonFile(legacy)).success) return;
      await mkdir(dir, { recursive: true });
      if ((await read(LEGACY_ID)) === null) await rename(legacy, fileOf(LEGACY_ID)).catch(() => undefined);
    })().catch(() => undefined));

  async function orphanIds(self: string, client: CallClient | undefined): Promise<string[]> {
    let names: string[];
    try {
      names = await readdir(dir);
    } catch {
      return [];
    }
    return names
      .map((n) => (n.endsWith('.json') ? n.slice(0, -'.json'.length) : ''))
      .filter((id) => WINDOW_ID.test(id) && id !== self && !holders.has(id))
      .filter((id) => {
        const to = offeredTo.get(id);
        return !to || to === client;
      });
  }

  return {
    dir,

    async save(windowId: string, args: CopyArgs, client: CallClient | undefined): Promise<typeof OK> {
      if (heldByOther(windowId, client)) throw new ApiError('failed', `window id ${windowId} is in use by another open window; reload to pick a new one`);
      checkSize(Buffer.byteLength(args.text, 'utf8') + Buffer.byteLength(JSON.stringify(args.drafts ?? []), 'utf8'));
      claim(windowId, client);
      await mkdir(dir, { recursive: true });
      const copy: Copy = { text: args.text, path: args.path, savedAt: Date.now(), ...(args.grant ? { grant: args.grant } : {}), ...(args.drafts?.length ? { drafts: args.drafts } : {}) };
      await writeFileAtomic(fileOf(windowId), JSON.stringify(copy) + '\n');
      return OK;
    },

    async load(windowId: string, client: CallClient | undefined): Promise<{ offer: (Copy & { windowId: string }) | null; idTaken: boolean }> {
      if (heldByOther(windowId, client)) return { offer: null, idTaken: true };
      claim(windowId, client);
      await migrateLegacy();
      const own = await read(windowId);
      if (own) return { offer: { ...own, windowId }, idTaken: false };
      let best: (Copy & { windowId: string }) | null = null;
      for (const id of await orphanIds(windowId, client)) {
        const copy = await read(id);
        if (copy && (!best || copy.savedAt > best.savedAt)) best = { ...copy, windowId: id };
      }
      if (best && client) {
        offeredTo.set(best.windowId, client);
        watch(client);
      }
      return { offer: best, idTaken: false };
    },

    async clear(windowId: string, client: CallClient | undefined): Promise<typeof OK> {
      if (heldByOther(windowId, client)) throw new ApiError('forbidden', `cannot remove the recovery copy of window ${windowId}: that window is open`);
      const file = fileOf(windowId);
      await unlink(file).catch((err: unknown) => {
        if (errnoCode(err) !== 'ENOENT') throw new ApiError('failed', `cannot remove ${file}: ${err instanceof Error ? err.message : String(err)}`);
      });
      offeredTo.delete(windowId);
      return OK;
    },
  };
}
