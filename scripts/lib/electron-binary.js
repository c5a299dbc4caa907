// Is a runnable Electron installed? Answered WITHOUT require('electron'): that call downloads the
// binary on first use and throws "fetch failed" offline. The electron package records the
// binary's path (relative to its dist/ folder) in path.txt once the download has happened.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Absolute path of the installed Electron binary under `root`/node_modules, or null. */
export function electronBinary(root) {
  const pkgDir = join(root, 'node_modules', 'electron');
  try {
    const rel = readFileSync(join(pkgDir, 'path.txt'), 'utf8').trim();
    const bin = join(pkgDir, 'dist', rel);
    return rel && existsSync(bin) ? bin : null;
  } catch {
    return null;
  }
}

/** Linux without X11/Wayland cannot show a window: use web mode there. */
export function hasDisplay(env = process.env, platform = process.platform) {
  return platform !== 'linux' || Boolean(env.DISPLAY || env.WAYLAND_DISPLAY);
}
