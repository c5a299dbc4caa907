// The sandboxed preload may require only 'electron' and repeats two contract constants; this keeps
// them honest. (The preload itself cannot run without Electron; the compiled output is checked.)
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CHANNEL_PREFIX, EVENT_CHANNEL, callNames } from '../../../shared/api/contract.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const source = readFileSync(join(root, 'electron/preload.ts'), 'utf8');
const compiled = join(root, 'dist/preload/preload.js');

describe('electron/preload.ts', () => {
  it('uses the contract’s channel prefix and event channel', () => {
    expect(source).toContain(`const CHANNEL_PREFIX = '${CHANNEL_PREFIX}';`);
    expect(source).toContain(`const EVENT_CHANNEL = '${EVENT_CHANNEL}';`);
  });

  it('accepts every contract call name with its name check', () => {
    const re = new RegExp(/const CALL_NAME = \/(.+)\/;/.exec(source)![1]);
    for (const name of callNames) expect(re.test(name), name).toBe(true);
    for (const bad of ['', 'x', '../x', 'cw-event', 'a.b;c']) expect(re.test(bad), bad).toBe(false);
  });

  it('imports nothing but electron', () => {
    const imports = [...source.matchAll(/from\s+['"]([^'"]+)['"]/g)].map((m) => m[1]);
    expect(imports).toEqual(['electron']);
  });

  it.runIf(existsSync(compiled))('compiles to a CommonJS script that only requires electron', () => {
    const js = readFileSync(compiled, 'utf8');
    expect([...js.matchAll(/require\(["']([^"']+)["']\)/g)].map((m) => m[1])).toEqual(['electron']);
    expect(js).not.toMatch(/^\s*(import|export)\s/m);
    expect(JSON.parse(readFileSync(join(root, 'dist/preload/package.json'), 'utf8'))).toEqual({ type: 'commonjs' });
  });
});
