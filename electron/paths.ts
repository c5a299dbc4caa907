// Where the package's own files are, whether we run from TypeScript sources (vitest, tsx),
// from the compiled `dist/electron/*.js`, or from a packaged app (app.asar keeps the same layout).
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

function findPackageRoot(start: string): string {
  let dir = start;
  for (let i = 0; i < 10; i++) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg)) {
      try {
        if ((JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'crawlwright') return dir;
      } catch {
        // not ours; keep walking up
      }
    }
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  throw new Error(`cannot find the crawlwright package root above ${start}`);
}

/** The directory holding package.json, assets/ and dist/. */
export const packageRoot = findPackageRoot(dirname(fileURLToPath(import.meta.url)));

export const assetsDir = join(packageRoot, 'assets');
/** Output of `vite build --config renderer/vite.config.ts`. */
export const rendererDir = join(packageRoot, 'dist', 'renderer');

export function packageVersion(): string {
  return (JSON.parse(readFileSync(join(packageRoot, 'package.json'), 'utf8')) as { version: string }).version;
}

/**
 * Per-user data directory: recent files, crash recovery, run artifacts.
 * Order: explicit option, CRAWLWRIGHT_DATA_DIR, $XDG_CONFIG_HOME/crawlwright, ~/.config/crawlwright.
 */
export function defaultDataDir(explicit?: string, env: NodeJS.ProcessEnv = process.env): string {
  if (explicit) return resolve(explicit);
  if (env.CRAWLWRIGHT_DATA_DIR) return resolve(env.CRAWLWRIGHT_DATA_DIR);
  const base = env.XDG_CONFIG_HOME && isAbsolute(env.XDG_CONFIG_HOME) ? env.XDG_CONFIG_HOME : join(homedir(), '.config');
  return join(base, 'crawlwright');
}
