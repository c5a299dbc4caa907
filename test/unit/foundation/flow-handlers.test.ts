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
import type { CallCtx, Services } from '../../../electron/api/services.js';
import { serializeFlow, emptyFlow } from '../../../shared/flow/serialize.js';
import { writeFileAtomic } from '../../../electron/files.js';

let tmp: string;
let dataDir: string;
let dispatch: (channel: string, args?: unknown) => Promise<DispatchReply>;

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
  const d = createDispatcher(createFlowHandlers(services) as unknown as Handlers<CallCtx>, services, { checkResults: true });
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

describe('recovery', () => {
  it('saves, loads and clears the working copy', async () => {
    expect(ok(await dispatch('recovery.load'))).toBeNull();
    const before = Date.now();
    ok(await dispatch('recovery.save', { text: 'work in progress', path: '/home/u/f.json' }));
    const r = ok<{ text: string; path: string; savedAt: number }>(await dispatch('recovery.load'));
    expect(r).toMatchObject({ text: 'work in progress', path: '/home/u/f.json' });
    expect(r.savedAt).toBeGreaterThanOrEqual(before);
    ok(await dispatch('recovery.save', { text: 'unsaved new flow', path: null }));
    expect(ok(await dispatch('recovery.load'))).toMatchObject({ text: 'unsaved new flow', path: null });
    expect(ok(await dispatch('recovery.clear'))).toEqual({ ok: true });
    expect(ok(await dispatch('recovery.load'))).toBeNull();
    expect(ok(await dispatch('recovery.clear'))).toEqual({ ok: true });
  });

  it('treats a corrupt recovery file as absent', async () => {
    await writeFile(join(dataDir, 'recovery.json'), '{"text": 1');
    expect(ok(await dispatch('recovery.load'))).toBeNull();
  });
});
