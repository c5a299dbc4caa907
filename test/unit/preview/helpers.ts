// Real Chromium + the demo server for preview/picker tests (no mocks).
import { chromium, type Browser, type Page } from 'playwright-core';
import { startDemoServer, type DemoServer } from '../../../electron/demo/server.js';
import { PreviewService } from '../../../electron/preview/service.js';
import type { Engine } from '../../../electron/engine/engine.js';
import { chromiumArgs, findBrowser } from '../../../electron/engine/browser.js';

export interface Rig {
  browser: Browser;
  demo: DemoServer;
  page: Page;
  preview: PreviewService;
  events: Array<{ name: string; payload: any }>;
  close(): Promise<void>;
}

export async function startRig(): Promise<Rig> {
  const demo = await startDemoServer();
  const browser = await chromium.launch({ executablePath: findBrowser().executablePath ?? '/usr/bin/chromium', args: chromiumArgs() });
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const events: Rig['events'] = [];
  const pages = new Map<string, Page>([['s1', page]]);
  const preview = new PreviewService({} as Engine, (name, payload) => events.push({ name, payload }), {
    source: { page: (id) => pages.get(id) },
  });
  return {
    browser,
    demo,
    page,
    preview,
    events,
    async close() {
      await preview.close();
      await browser.close();
      await demo.close();
    },
  };
}
