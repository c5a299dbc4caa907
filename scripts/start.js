// `npm start`: build if needed, then launch the desktop app when an Electron binary is installed,
// otherwise (or with `npm run web` / --web) the web-mode server, which prints the URL to open.
// Extra arguments go to web mode: `npm start -- --port 8080`.
// Electron is detected without require('electron') (see scripts/lib/electron-binary.js).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { electronBinary, hasDisplay } from './lib/electron-binary.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const forceWeb = args.includes('--web') || process.env.CRAWLWRIGHT_WEB === '1';
const passThrough = args.filter((a) => a !== '--web');

const required = ['dist/electron/web.js', 'dist/electron/main.js', 'dist/preload/preload.js', 'dist/renderer/index.html'];
const missing = () => required.filter((f) => !existsSync(join(root, f)));

function ensureBuilt() {
  if (missing().length === 0) return;
  console.log(`Building Crawlwright (missing: ${missing().join(', ')})…`);
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const r = spawnSync(npm, ['run', 'build'], { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
  const still = missing();
  if (still.length) {
    console.error(`\nThe build did not produce ${still.join(', ')}. Fix the errors above and run \`npm run build\`.`);
    process.exit(1);
  }
  if (r.status !== 0) console.warn('\nThe build reported errors (see above); starting with what was built.');
}

async function browserNotice() {
  try {
    const { findBrowser } = await import('../dist/electron/engine/browser.js');
    const b = findBrowser(); // reads CRAWLWRIGHT_BROWSER itself
    if (!b.found) console.log(`\nNo browser found: runs and the live preview will not work until you install one.\n${b.help ?? ''}\n`);
  } catch {
    // discovery is optional here; the app reports it too
  }
}

async function main() {
  ensureBuilt();
  const electron = forceWeb ? null : electronBinary(root);
  if (electron && !hasDisplay()) {
    console.log('Electron is installed but there is no display (DISPLAY/WAYLAND_DISPLAY unset): starting web mode.');
  } else if (electron) {
    await browserNotice();
    console.log('Starting the Crawlwright desktop app…');
    const child = spawn(electron, [root, ...passThrough], { cwd: root, stdio: 'inherit' });
    for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
    child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
    return;
  }
  if (!forceWeb && !electron) console.log('No Electron binary installed: starting Crawlwright in web mode.');
  const { main: serve } = await import('../dist/electron/cli/serve.js');
  const code = await serve(passThrough);
  process.exitCode = code;
  setTimeout(() => process.exit(code), 3000).unref();
}

await main();
