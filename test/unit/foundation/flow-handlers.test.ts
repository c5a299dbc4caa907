// Flow-file handlers against a real temp directory: atomic save, open (never throws on bad
// content), recent list, fs.list and crash recovery — through the dispatcher, as the UI calls them.
import { createHash } from 'node:crypto';
import { chmod, lstat, mkdir, mkdtemp, readdir, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDispatcher, type DispatchReply } from '../../../electron/api/dispatch.js';
import { createFlowHandlers, RECENT_MAX } from '../../../electron/api/handlers/flow.js';
import type { Handlers } from '../../../shared/api/contract.js';
import { createCallClient, type CallClient, type CallCtx, type Services } from '../../../electron/api/services.js';
import { serializeFlow, emptyFlow } from '../../../shared/flow/serialize.js';
import { writeFileAtomic } from '../../../electron/files.js';

let tmp: string;
let dataDir: string;
let dispatch: (channel: string, args?: unknown) => Promise<DispatchReply>;
let d: ReturnType<typeof createDispatcher>;

function ok<T = Record<string, unknown>>(r: DispatchReply): T {
  if (!r.ok) throw new Error(`expected ok, got ${r.error.code}: ${r.error.message}`);
  return r.result as T;
}
function err(r: DispatchReply) {
  if (r.ok) throw new Error('expected an error');
  return r.error;
}

beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'cw-flow-'));
  dataDir = join(tmp, 'data');
  await mkdir(dataDir);
  const services = { mode: 'web', dataDir } as unknown as Services;
  d = createDispatcher(createFlowHandlers(services) as unknown as Handlers<CallCtx>, services, { checkResults: true });
  dispatch = (channel, args = {}) => d(channel, args, { transport: 'web' });
});
afterAll(() => rm(tmp, { recursive: true, force: true }));

const validText = serializeFlow(emptyFlow('Test flow'));

describe('flow.save', () => {
  it('writes atomically: exact content, no temp file left, existing file mode kept', async () => {
    const path = join(tmp, 'a.flow.json');
    await writeFile(path, 'old');
    await chmod(path, 0o600);
    expect(ok(await dispatch('flow.save', { path, text: validText }))).toEqual({ path, sha256: createHash('sha256').update(validText).digest('hex') });
    expect(await readFile(path, 'utf8')).toBe(validText);
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    expect((await readdir(tmp)).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });

  it('never leaves a torn file: concurrent readers see old or new content only', async () => {
    const path = join(tmp, 'race.json');
    const a = 'A'.repeat(2_000_000);
    const b = 'B'.repeat(2_000_000);
    await writeFileAtomic(path, a);
    const seen = new Set<string>();
    let writing = true;
    const reader = (async () => {
      while (writing) {
        const t = await readFile(path, 'utf8');
        seen.add(t === a ? 'a' : t === b ? 'b' : `torn:${t.length}`);
      }
    })();
    for (let i = 0; i < 10; i++) await writeFileAtomic(path, i % 2 ? a : b);
    writing = false;
    await reader;
    expect([...seen].filter((s) => s.startsWith('torn'))).toEqual([]);
  });

  it('writes through a symlink instead of replacing it', async () => {
    const real = join(tmp, 'real.flow.json');
    const link = join(tmp, 'link.flow.json');
    await writeFile(real, 'old');
    await symlink(real, link);
    ok(await dispatch('flow.save', { path: link, text: validText }));
    expect(await readFile(real, 'utf8')).toBe(validText);
    expect((await lstat(link)).isSymbolicLink()).toBe(true);
  });

  it('refuses relative paths and reports missing directories as not_found', async () => {
    expect(err(await dispatch('flow.save', { path: 'rel.json', text: '{}' })).code).toBe('bad_args');
    const e = err(await dispatch('flow.save', { path: join(tmp, 'nope', 'x.json'), text: '{}' }));
    expect(e.code).toBe('not_found');
    expect(e.message).toContain(join(tmp, 'nope', 'x.json'));
    expect((await readdir(tmp)).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });

  it('adds the file to the recent list, newest first, without duplicates, at most 10', async () => {
    const paths: string[] = [];
    for (let i = 0; i < RECENT_MAX + 2; i++) {
      const p = join(tmp, `r${i}.json`);
      paths.push(p);
      ok(await dispatch('flow.save', { path: p, text: validText }));
    }
    ok(await dispatch('flow.save', { path: paths[5], text: validText }));
    const { paths: recent } = ok<{ paths: string[] }>(await dispatch('flow.recent'));
    expect(recent).toHaveLength(RECENT_MAX);
    expect(recent[0]).toBe(paths[5]);
    expect(recent[1]).toBe(paths[RECENT_MAX + 1]);
    expect(new Set(recent).size).toBe(recent.length);
    // Deleted files drop out of the list.
    await rm(paths[RECENT_MAX + 1]);
    expect(ok<{ paths: string[] }>(await dispatch('flow.recent')).paths).not.toContain(paths[RECENT_MAX + 1]);
  });
});

describe('flow.open / flow.validate / flow.demo', () => {
  it('returns text, no errors and the path for a valid file', async () => {
    const path = join(tmp, 'valid.json');
    await writeFile(path, validText);
    expect(ok(await dispatch('flow.open', { path }))).toEqual({ path, text: validText, errors: [], warnings: [], sha256: createHash('sha256').update(validText).digest('hex'), grant: null });
  });

  it('accepts a UTF-8 BOM (Windows editors)', async () => {
    const path = join(tmp, 'bom.json');
    await writeFile(path, '\uFEFF' + validText);
    expect(ok(await dispatch('flow.open', { path }))).toMatchObject({ text: validText, errors: [] });
  });

  it('returns the raw text with path-named errors for an invalid file (no exception)', async () => {
    const path = join(tmp, 'invalid.json');
    const flow = JSON.parse(validText) as Record<string, unknown>;
    const text = JSON.stringify({ ...flow, steps: [{ id: 's1', name: 'x', config: { 'wait-for': 'css:.a' } }] });
    await writeFile(path, text);
    const r = ok<{ text: string; errors: Array<{ path: string; message: string }> }>(await dispatch('flow.open', { path }));
    expect(r.text).toBe(text);
    expect(r.errors.map((e) => e.path)).toContain('steps[0].config.wait-for');
    expect(r.errors.find((e) => e.path === 'steps[0].config.wait-for')?.message).toContain('did you mean "wait_for"');
  });

  it('returns not-JSON as an error with the position, keeping the text', async () => {
    const path = join(tmp, 'broken.json');
    await writeFile(path, '{\n  "format": ');
    const r = ok<{ text: string; errors: Array<{ message: string }> }>(await dispatch('flow.open', { path }));
    expect(r.text).toBe('{\n  "format": ');
    expect(r.errors[0].message).toMatch(/not valid JSON/);
  });

  it('maps missing files and directories to clear errors', async () => {
    expect(err(await dispatch('flow.open', { path: join(tmp, 'missing.json') })).code).toBe('not_found');
    expect(err(await dispatch('flow.open', { path: tmp })).code).toBe('bad_args');
    expect(err(await dispatch('flow.open', { path: 'relative.json' })).message).toContain('absolute path');
  });

  it('flow.validate uses the same validation', async () => {
    expect(ok(await dispatch('flow.validate', { text: validText }))).toEqual({ errors: [], warnings: [] });
    const r = ok<{ errors: Array<{ path: string }> }>(await dispatch('flow.validate', { text: '{"format":"crawlwright.flow","version":9}' }));
    expect(r.errors).toEqual([expect.objectContaining({ path: 'version' })]);
  });

  it('flow.demo returns the built-in demo flow, valid, with no path', async () => {
    const r = ok<{ path: null; text: string; errors: unknown[] }>(await dispatch('flow.demo'));
    expect(r.path).toBeNull();
    expect(r.errors).toEqual([]);
    expect(JSON.parse(r.text).steps.length).toBeGreaterThan(0);
  });
});

describe('fs.list', () => {
  it('lists directories first, then files, each sorted naturally; hides dotfiles unless asked', async () => {
    const dir = join(tmp, 'browse');
    await mkdir(join(dir, 'b-dir'), { recursive: true });
    await mkdir(join(dir, 'A-dir'));
    await mkdir(join(dir, '.hidden-dir'));
    for (const f of ['z.json', 'file10.json', 'file2.json', '.secret']) await writeFile(join(dir, f), '');
    await symlink(join(dir, 'b-dir'), join(dir, 'link-to-dir'));
    const r = ok<{ dir: string; parent: string; entries: Array<{ name: string; dir: boolean }> }>(await dispatch('fs.list', { dir }));
    expect(r.dir).toBe(dir);
    expect(r.parent).toBe(tmp);
    expect(r.entries).toEqual([
      { name: 'A-dir', dir: true },
      { name: 'b-dir', dir: true },
      { name: 'link-to-dir', dir: true },
      { name: 'file2.json', dir: false },
      { name: 'file10.json', dir: false },
      { name: 'z.json', dir: false },
    ]);
    const all = ok<{ entries: Array<{ name: string }> }>(await dispatch('fs.list', { dir, showHidden: true }));
    expect(all.entries.map((e) => e.name)).toContain('.secret');
  });

  it('defaults to the home directory; the root has no parent', async () => {
    const home = ok<{ dir: string }>(await dispatch('fs.list', {}));
    expect(home.dir).toBe((await import('node:os')).homedir());
    expect(ok<{ parent: string | null }>(await dispatch('fs.list', { dir: '/' })).parent).toBeNull();
  });

  it('reports missing directories and files as errors', async () => {
    expect(err(await dispatch('fs.list', { dir: join(tmp, 'nope') })).code).toBe('not_found');
    expect(err(await dispatch('fs.list', { dir: join(tmp, 'valid.json') })).code).toBe('bad_args');
  });
});

describe('fs.mkdir and saving into a missing folder (the web file dialog)', () => {
  it('creates one folder inside an existing one; refuses paths, existing names and relative dirs', async () => {
    const dir = join(tmp, 'mk');
    await mkdir(dir);
    const r = ok<{ path: string }>(await dispatch('fs.mkdir', { dir, name: 'flows' }));
    expect(r.path).toBe(join(dir, 'flows'));
    expect((await stat(r.path)).isDirectory()).toBe(true);
    expect(err(await dispatch('fs.mkdir', { dir, name: 'flows' })).message).toMatch(/already exists/);
    expect(err(await dispatch('fs.mkdir', { dir, name: 'a/b' })).code).toBe('bad_args');
    expect(err(await dispatch('fs.mkdir', { dir, name: '..' })).code).toBe('bad_args');
    expect(err(await dispatch('fs.mkdir', { dir: 'relative', name: 'x' })).code).toBe('bad_args');
    expect(err(await dispatch('fs.mkdir', { dir: join(dir, 'nope'), name: 'x' })).code).toBe('not_found');
  });

  it('saving into a folder that does not exist names the folder, once', async () => {
    const path = join(tmp, 'mk', 'missing', 'shop.flow.json');
    const e = err(await dispatch('flow.save', { path, text: serializeFlow(emptyFlow()) }));
    expect(e.code).toBe('not_found');
    expect(e.message).toBe(`cannot save ${path}: the folder ${join(tmp, 'mk', 'missing')} does not exist`);
  });
});

describe('recovery (one copy per window)', () => {
  // Each call names its connection, as the WebSocket server and the Electron shell do.
  const tab = () => createCallClient();
  const as = (client: CallClient | undefined) => (channel: string, args: unknown) => d(channel, args, { transport: 'web', client });
  const copies = async () => (await readdir(join(dataDir, 'recovery')).catch(() => [] as string[])).sort();
  type Load = { offer: { text: string; path: string | null; savedAt: number; windowId: string; drafts?: unknown[] } | null; idTaken: boolean };

  it('saves, loads and clears a window\'s copy', async () => {
    const a = tab();
    const call = as(a);
    expect(ok(await call('recovery.load', { windowId: 'wa' }))).toEqual({ offer: null, idTaken: false });
    const before = Date.now();
    ok(await call('recovery.save', { windowId: 'wa', text: 'work in progress', path: '/home/u/f.json' }));
    const r = ok<Load>(await call('recovery.load', { windowId: 'wa' }));
    expect(r.offer).toMatchObject({ text: 'work in progress', path: '/home/u/f.json', windowId: 'wa' });
    expect(r.offer!.savedAt).toBeGreaterThanOrEqual(before);
    expect(await copies()).toEqual(['wa.json']);
    expect(ok(await call('recovery.clear', { windowId: 'wa' }))).toEqual({ ok: true });
    expect(ok<Load>(await call('recovery.load', { windowId: 'wa' })).offer).toBeNull();
    expect(ok(await call('recovery.clear', { windowId: 'wa' }))).toEqual({ ok: true });
    a.close();
  });

  it('keeps drafts (unapplied editor text) with the copy', async () => {
    const a = tab();
    const drafts = [{ stepId: 's1', field: 'schema-json', text: '{"name": ', problem: 'JSON syntax error at line 1, column 10' }];
    ok(await as(a)('recovery.save', { windowId: 'wd', text: validText, path: null, drafts }));
    expect(ok<Load>(await as(a)('recovery.load', { windowId: 'wd' })).offer).toMatchObject({ text: validText, drafts });
    expect(err(await as(a)('recovery.save', { windowId: 'wd', text: '', path: null, drafts: [{ ...drafts[0], field: 'other' }] })).code).toBe('bad_args');
    ok(await as(a)('recovery.clear', { windowId: 'wd' }));
    a.close();
  });

  it('two open windows keep separate copies; neither is offered the other\'s or may remove it', async () => {
    const a = tab();
    const b = tab();
    ok(await as(a)('recovery.load', { windowId: 'w1' }));
    ok(await as(b)('recovery.load', { windowId: 'w2' }));
    ok(await as(a)('recovery.save', { windowId: 'w1', text: 'flow one', path: null }));
    ok(await as(b)('recovery.save', { windowId: 'w2', text: 'flow two', path: null }));
    expect(ok<Load>(await as(a)('recovery.load', { windowId: 'w1' })).offer?.text).toBe('flow one');
    expect(ok<Load>(await as(b)('recovery.load', { windowId: 'w2' })).offer?.text).toBe('flow two');
    // A third window starting while both are open is offered neither.
    const c = tab();
    expect(ok<Load>(await as(c)('recovery.load', { windowId: 'w3' })).offer).toBeNull();
    expect(err(await as(c)('recovery.clear', { windowId: 'w1' })).code).toBe('forbidden');
    // A duplicated tab (same id, other connection) is told to pick another id, and cannot write it.
    expect(ok<Load>(await as(c)('recovery.load', { windowId: 'w2' }))).toEqual({ offer: null, idTaken: true });
    expect(err(await as(c)('recovery.save', { windowId: 'w2', text: 'clobber', path: null })).code).toBe('failed');
    expect(JSON.parse(await readFile(join(dataDir, 'recovery', 'w2.json'), 'utf8'))).toMatchObject({ text: 'flow two' });
    for (const t of [a, b, c]) t.close();
    for (const id of ['w1', 'w2']) ok(await as(tab())('recovery.clear', { windowId: id }));
  });

  it('a reloaded window (same id, new connection) is offered its own copy first', async () => {
    const page1 = tab();
    ok(await as(page1)('recovery.save', { windowId: 'wr', text: 'mine', path: null }));
    const other = tab();
    ok(await as(other)('recovery.save', { windowId: 'wo', text: 'newer but another window\'s', path: null }));
    page1.close();
    const page2 = tab();
    expect(ok<Load>(await as(page2)('recovery.load', { windowId: 'wr' })).offer).toMatchObject({ windowId: 'wr', text: 'mine' });
    for (const t of [page2, other]) t.close();
    for (const id of ['wr', 'wo']) ok(await as(tab())('recovery.clear', { windowId: id }));
  });

  it('after a crash of the whole app, new windows are offered the gone windows\' copies, newest first, one each', async () => {
    const a = tab();
    const b = tab();
    ok(await as(a)('recovery.save', { windowId: 'gone1', text: 'older', path: null }));
    await new Promise((r) => setTimeout(r, 5)); // distinct savedAt
    ok(await as(b)('recovery.save', { windowId: 'gone2', text: 'newer', path: null }));
    a.close();
    b.close();
    const n1 = tab();
    const n2 = tab();
    const o1 = ok<Load>(await as(n1)('recovery.load', { windowId: 'new1' })).offer;
    const o2 = ok<Load>(await as(n2)('recovery.load', { windowId: 'new2' })).offer;
    expect([o1?.windowId, o1?.text, o2?.windowId, o2?.text]).toEqual(['gone2', 'newer', 'gone1', 'older']);
    // A third window gets nothing while both are on offer; a Discard removes the copy.
    const n3 = tab();
    expect(ok<Load>(await as(n3)('recovery.load', { windowId: 'new3' })).offer).toBeNull();
    ok(await as(n2)('recovery.clear', { windowId: 'gone1' }));
    // A window that closes without choosing leaves its offer to the next one.
    n1.close();
    expect(ok<Load>(await as(n3)('recovery.load', { windowId: 'new3' })).offer).toMatchObject({ windowId: 'gone2' });
    ok(await as(n3)('recovery.clear', { windowId: 'gone2' }));
    expect(await copies()).toEqual([]);
    for (const t of [n2, n3]) t.close();
  });

  it('takes over the single recovery.json of earlier versions as a gone window\'s copy', async () => {
    const legacy = join(tmp, 'legacy-data');
    await mkdir(legacy);
    await writeFile(join(legacy, 'recovery.json'), JSON.stringify({ text: 'old work', path: null, savedAt: 1 }));
    const services = { mode: 'web', dataDir: legacy } as unknown as Services;
    const d2 = createDispatcher(createFlowHandlers(services) as unknown as Handlers<CallCtx>, services, { checkResults: true });
    const r = ok<Load>(await d2('recovery.load', { windowId: 'wl' }, { transport: 'web', client: tab() }));
    expect(r.offer).toMatchObject({ text: 'old work', windowId: 'legacy' });
    expect(await readdir(legacy)).toEqual(['recovery']);
  });

  it('refuses a window id that is not one safe file name, and treats a corrupt copy as absent', async () => {
    for (const windowId of ['', '../x', 'a/b', '.', 'x'.repeat(65), 'a.json', 'w\u0000']) {
      expect(err(await dispatch('recovery.save', { windowId, text: 't', path: null })).code).toBe('bad_args');
      expect(err(await dispatch('recovery.load', { windowId })).code).toBe('bad_args');
    }
    expect(err(await dispatch('recovery.load', {})).code).toBe('bad_args');
    await mkdir(join(dataDir, 'recovery'), { recursive: true });
    await writeFile(join(dataDir, 'recovery', 'wc.json'), '{"text": 1');
    expect(ok<Load>(await dispatch('recovery.load', { windowId: 'wc' })).offer).toBeNull();
    expect(ok<Load>(await dispatch('recovery.load', { windowId: 'wx' })).offer).toBeNull();
    ok(await dispatch('recovery.clear', { windowId: 'wc' }));
  });
});
