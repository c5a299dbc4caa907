// `npm start` / `npm run web`: Electron detection without require('electron'), and the real
// start script bringing up web mode and printing a working URL.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { electronBinary, hasDisplay } from '../../../scripts/lib/electron-binary.js';
import { defaultDataDir } from '../../../electron/paths.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const tmps: string[] = [];
afterAll(async () => {
  for (const t of tmps) await rm(t, { recursive: true, force: true });
});

describe('electronBinary', () => {
  it('is null when electron is not installed, or installed without its binary (path.txt missing)', async () => {
    const t = await mkdtemp(join(tmpdir(), 'cw-start-'));
    tmps.push(t);
    expect(electronBinary(t)).toBeNull();
    await mkdir(join(t, 'node_modules', 'electron'), { recursive: true });
    expect(electronBinary(t)).toBeNull();
    // path.txt present but the binary was never downloaded
    await writeFile(join(t, 'node_modules', 'electron', 'path.txt'), 'electron');
    expect(electronBinary(t)).toBeNull();
  });

  it('finds the binary that path.txt names', async () => {
    const t = await mkdtemp(join(tmpdir(), 'cw-start-'));
    tmps.push(t);
    await mkdir(join(t, 'node_modules', 'electron', 'dist'), { recursive: true });
    await writeFile(join(t, 'node_modules', 'electron', 'path.txt'), 'electron');
    await writeFile(join(t, 'node_modules', 'electron', 'dist', 'electron'), '');
    expect(electronBinary(t)).toBe(join(t, 'node_modules', 'electron', 'dist', 'electron'));
  });

  it('needs a display on Linux only', () => {
    expect(hasDisplay({}, 'linux')).toBe(false);
    expect(hasDisplay({ DISPLAY: ':0' }, 'linux')).toBe(true);
    expect(hasDisplay({ WAYLAND_DISPLAY: 'wayland-0' }, 'linux')).toBe(true);
    expect(hasDisplay({}, 'darwin')).toBe(true);
  });
});

describe('defaultDataDir', () => {
  it('prefers the explicit dir, then CRAWLWRIGHT_DATA_DIR, then XDG_CONFIG_HOME, then ~/.config', () => {
    expect(defaultDataDir('/x/y', { CRAWLWRIGHT_DATA_DIR: '/env' })).toBe('/x/y');
    expect(defaultDataDir(undefined, { CRAWLWRIGHT_DATA_DIR: '/env', XDG_CONFIG_HOME: '/xdg' })).toBe('/env');
    expect(defaultDataDir(undefined, { XDG_CONFIG_HOME: '/xdg' })).toBe('/xdg/crawlwright');
    // A relative XDG_CONFIG_HOME is invalid per the spec and ignored.
    expect(defaultDataDir(undefined, { XDG_CONFIG_HOME: 'rel' })).toMatch(/\.config\/crawlwright$/);
  });
});

describe.runIf(existsSync(join(root, 'dist/renderer/index.html')) && existsSync(join(root, 'dist/electron/web.js')))('npm run web', () => {
  it('starts web mode, prints a URL with the token that serves the app, and stops cleanly on SIGTERM', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'cw-start-data-'));
    tmps.push(dataDir);
    const child = spawn(process.execPath, [join(root, 'scripts/start.js'), '--web', '--port', '0'], {
      cwd: root,
      env: { ...process.env, CRAWLWRIGHT_DATA_DIR: dataDir, CRAWLWRIGHT_TOKEN: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    const url = await new Promise<string>((resolveUrl, reject) => {
      const timer = setTimeout(() => reject(new Error(`no URL printed:\n${out}`)), 30_000);
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        const m = /Crawlwright is running at (http:\/\/127\.0\.0\.1:\d+\/\?token=[0-9a-f]{64})/.exec(out);
        if (m) {
          clearTimeout(timer);
          resolveUrl(m[1]);
        }
      });
      child.once('exit', (code) => reject(new Error(`exited ${code}:\n${out}`)));
    });
    const page = await fetch(url);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<div id="root">');
    expect((await fetch(url.replace(/\?token=.*/, ''))).status).toBe(403);
    const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });
});
