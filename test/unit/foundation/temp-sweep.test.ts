// Leftover temp files of interrupted atomic saves: a dead process's are swept (on the next save
// into the folder, or at start for the data dir and recent folders); live ones and anything that is
// not exactly our temp name are kept.
import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, readdir, rm, symlink, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STALE_TEMP_MS, sweepStaleTemps, writeFileAtomic } from '../../../electron/files.js';
import { sweepAppFolders } from '../../../electron/api/handlers/flow.js';

let tmp: string;
let deadPid: number;
beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'cw-sweep-'));
  // A pid that was a real process and has exited.
  const child = spawnSync(process.execPath, ['-e', '0']);
  deadPid = child.pid!;
  expect(() => process.kill(deadPid, 0)).toThrow();
});
afterAll(() => rm(tmp, { recursive: true, force: true }));

const hex = () => Math.random().toString(16).slice(2).padEnd(12, '0').slice(0, 12);
const tempName = (target: string, pid: number) => `.${target}.${pid}.${hex()}.tmp`;

async function folderWith(names: string[]): Promise<string> {
  const dir = await mkdtemp(join(tmp, 'd-'));
  for (const n of names) await writeFile(join(dir, n), 'x');
  return dir;
}

describe('sweepStaleTemps', () => {
  it('removes a dead process\'s temp file and keeps a live one and unrelated files', async () => {
    const dead = tempName('a.flow.json', deadPid);
    const live = tempName('a.flow.json', process.ppid);
    const unrelated = [
      'a.flow.json',
      '.a.flow.json.tmp', // no pid / random part
      `.a.flow.json.${deadPid}.tmp`,
      `.a.flow.json.${deadPid}.XYZ123456789.tmp`, // not hex
      `.a.flow.json.${deadPid}.${hex()}abc.tmp`, // too long a random part
      `a.flow.json.${deadPid}.${hex()}.tmp`, // no leading dot
      `.a.flow.json.${deadPid}.${hex()}.tmp.bak`,
      'notes.txt',
    ];
    const dir = await folderWith([dead, live, ...unrelated]);
    expect(await sweepStaleTemps(dir)).toEqual([dead]);
    expect((await readdir(dir)).sort()).toEqual([live, ...unrelated].sort());
  });

  it('removes a live pid\'s temp file once it is older than the stale age (pids are reused)', async () => {
    const live = tempName('b.json', process.ppid);
    const dir = await folderWith([live]);
    expect(await sweepStaleTemps(dir)).toEqual([]);
    const old = (Date.now() - STALE_TEMP_MS - 60_000) / 1000;
    await utimes(join(dir, live), old, old);
    expect(await sweepStaleTemps(dir)).toEqual([live]);
  });

  it('leaves a directory or a symlink with a temp name alone, and a missing folder is no error', async () => {
    const dir = await folderWith([]);
    const asDir = tempName('c.json', deadPid);
    const asLink = tempName('d.json', deadPid);
    await mkdir(join(dir, asDir));
    await symlink(join(tmp, 'nowhere'), join(dir, asLink));
    expect(await sweepStaleTemps(dir)).toEqual([]);
    expect((await readdir(dir)).sort()).toEqual([asDir, asLink].sort());
    expect(await sweepStaleTemps(join(tmp, 'missing'))).toEqual([]);
  });
});

describe('when sweeps run', () => {
  it('saving into a folder sweeps it', async () => {
    const dead = tempName('e.flow.json', deadPid);
    const dir = await folderWith([dead, 'keep.txt']);
    await writeFileAtomic(join(dir, 'e.flow.json'), 'new');
    expect((await readdir(dir)).sort()).toEqual(['e.flow.json', 'keep.txt']);
  });

  it('at start: the data dir, its recovery folder and the folders of recent flows', async () => {
    const dataDir = await folderWith([tempName('recent.json', deadPid)]);
    await mkdir(join(dataDir, 'recovery'));
    await writeFile(join(dataDir, 'recovery', tempName('w1.json', deadPid)), 'x');
    const flows = await folderWith(['f.flow.json', tempName('f.flow.json', deadPid)]);
    await writeFile(join(dataDir, 'recent.json'), JSON.stringify({ paths: [join(flows, 'f.flow.json')] }));
    await sweepAppFolders(dataDir);
    expect((await readdir(dataDir)).sort()).toEqual(['recent.json', 'recovery']);
    expect(await readdir(join(dataDir, 'recovery'))).toEqual([]);
    expect(await readdir(flows)).toEqual(['f.flow.json']);
  });
});
