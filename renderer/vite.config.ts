// Vite build of the renderer. `base: './'` keeps every asset URL relative so the same build works
// from file:// in Electron and from the web-mode server. Monaco and its workers are bundled
// locally (no CDN): the app must work offline.
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root: here,
  base: './',
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('../dist/renderer', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    // Monaco's editor core is ~3 MB by itself; it is lazy-loaded, so the warning is noise.
    chunkSizeWarningLimit: 5000,
  },
  worker: { format: 'es' },
  server: {
    // shared/ lives next to renderer/.
    fs: { allow: [fileURLToPath(new URL('..', import.meta.url))] },
  },
});
