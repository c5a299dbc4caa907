// Shared setup of the P2/P3 benches: a real Chromium page and the real PreviewService reading it
// (the same code the app runs; only the page source is a bench page instead of an engine session).
import type { Browser, Page } from 'playwright-core';
import type { Engine } from '../electron/engine/engine.js';
import { PreviewService } from '../electron/preview/service.js';
import { launchBrowser, type BenchContext } from './harness.js';

export interface PreviewRig {
  browser: Browser;
  page: Page;
  preview: PreviewService;
  /** Every emitted event, serialised as the WebSocket transport does (cost included). */
  onEvent: ((name: string, payload: unknown, bytes: number) => void) | null;
  close(): Promise<void>;
}

export const SESSION = 'bench';

export async function startPreviewRig(ctx: BenchContext, viewport = { width: 1280, height: 800 }): Promise<PreviewRig> {
  const browser = await launchBrowser(ctx);
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  const rig: PreviewRig = {
    browser,
    page,
    preview: null as unknown as PreviewService,
    onEvent: null,
    async close() {
      await rig.preview.close();
      await browser.close();
    },
  };
  rig.preview = new PreviewService({} as Engine, (name, payload) => {
    const bytes = JSON.stringify({ event: name, payload }).length;
    rig.onEvent?.(name, payload, bytes);
  }, { source: { page: (id) => (id === SESSION ? page : undefined) } });
  return rig;
}
