// closePartition (a batch row ends, or a cancelled row is resumed) must not leave behind a session
// that a stopped run was still creating: in CI a resumed row joined such a creation, whose context
// had been closed under its newPage, and failed with "opening a page for session … timed out".
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../../../electron/engine/engine.js';

let engine: Engine;
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cw-partition-'));
  engine = new Engine({ artifactsDir: join(dir, 'runs'), emit: () => undefined });
});
afterAll(async () => {
  await engine?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('closePartition', () => {
  it('waits for a session still being created in the partition, then closes it: nothing is left', async () => {
    const creating = engine.sessions.getOrCreate('detail~row-3', undefined, 'row-3');
    await engine.sessions.closePartition('row-3'); // while the context / page are still being opened
    const orphan = await creating;
    expect(engine.sessions.get('detail~row-3')).toBeUndefined();
    expect(orphan.page.isClosed()).toBe(true);
    // the row runs again: a new session with a live page, at once
    const again = await engine.sessions.getOrCreate('detail~row-3', undefined, 'row-3');
    expect(again).not.toBe(orphan);
    expect(await again.page.evaluate(() => 1 + 1)).toBe(2);
    await engine.sessions.closePartition('row-3');
    expect(engine.sessions.list().map((s) => s.id)).not.toContain('detail~row-3');
  });

  it('other partitions are left alone', async () => {
    const keep = await engine.sessions.getOrCreate('detail~row-1', undefined, 'row-1');
    const creating = engine.sessions.getOrCreate('detail~row-2', undefined, 'row-2');
    await engine.sessions.closePartition('row-2');
    await creating;
    expect(engine.sessions.get('detail~row-1')).toBe(keep);
    expect(await keep.page.evaluate(() => document.readyState)).toBeTruthy();
    await engine.sessions.closePartition('row-1');
  });
});
