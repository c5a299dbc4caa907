// electron-builder cannot run offline (it downloads Electron), so the packaging config is checked
// here: electron-builder's own schema validation, the required targets, and that every `files`
// pattern matches something after `npm run build`.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import YAML from 'yaml';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const require = createRequire(import.meta.url);
const config = YAML.parse(readFileSync(join(root, 'electron-builder.yml'), 'utf8')) as {
  appId: string;
  productName: string;
  files: string[];
  extraMetadata?: { main?: string };
  linux: { target: string[] };
  mac: { target: string[] };
  win: { target: string[] };
};
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { main: string };

const targetsOf = (t: Array<string | { target: string }>) => t.map((x) => (typeof x === 'string' ? x : x.target));

describe('electron-builder.yml', () => {
  it('passes electron-builder’s own configuration schema', async () => {
    const { validateConfiguration } = require('app-builder-lib/out/util/config/config.js') as {
      validateConfiguration(c: unknown, logger: unknown): Promise<void>;
    };
    const { DebugLogger } = require('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
    // The check is real: a misspelt key is refused.
    await expect(validateConfiguration({ ...config, linux: { ...config.linux, targets: ['deb'] } }, new DebugLogger(false))).rejects.toThrow(/configuration/);
  });

  it('names the app and builds AppImage + deb, dmg and nsis', () => {
    expect(config.appId).toMatch(/^[a-z0-9.-]+$/);
    expect(config.productName).toBe('Crawlwright');
    expect(targetsOf(config.linux.target).sort()).toEqual(['AppImage', 'deb']);
    expect(targetsOf(config.mac.target)).toEqual(['dmg']);
    expect(targetsOf(config.win.target)).toEqual(['nsis']);
  });

  it('has what the deb target insists on (homepage, maintainer)', () => {
    const c = config as unknown as { extraMetadata?: { homepage?: string }; linux: { maintainer?: string } };
    expect(c.extraMetadata?.homepage).toMatch(/^https:\/\//);
    expect(c.linux.maintainer).toMatch(/<[^@>]+@[^>]+>$/);
  });

  it('packages dist, assets, bin and package.json, and the main entry is inside', () => {
    for (const f of ['dist/**', 'assets/**', 'package.json', 'bin/**']) expect(config.files).toContain(f);
    expect(config.extraMetadata?.main ?? pkg.main).toBe(pkg.main);
  });

  it.runIf(existsSync(join(root, 'dist')))('every included `files` entry exists after the build, with the Electron entry points', () => {
    for (const pattern of config.files.filter((f) => !f.startsWith('!'))) {
      const base = pattern.replace(/\/\*\*$/, '');
      expect(existsSync(join(root, base)), pattern).toBe(true);
      if (pattern.endsWith('/**')) expect(readdirSync(join(root, base)).length, pattern).toBeGreaterThan(0);
    }
    for (const f of [pkg.main, 'dist/preload/preload.js', 'dist/electron/cli.js', 'dist/electron/web.js']) {
      expect(existsSync(join(root, f)), f).toBe(true);
    }
  });
});
