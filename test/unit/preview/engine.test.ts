// The preview on top of the real Engine: it reads a session's page, follows the page when the
// session is re-created, and reports a killed session's page as closed.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { Engine } from '../../../electron/engine/engine.js';
import { PreviewService } from '../../../electron/preview/service.js';
import { startDemoServer, type DemoServer } from '../../../electron/demo/server.js';
import * as picker from '../../../electron/preview/picker.js';

let engine: Engine;
let preview: PreviewService;
let demo: DemoServer;
let dir: string;
const events: Array<{ name: string; payload: any }> = [];
const statuses = () => events.filter((e) => e.name === 'preview.status').map((e) => e.payload);

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cw-preview-'));
  demo = await startDemoServer();
  const emit = (name: string, payload: any) => {
    events.push({ name, payload });
    if (name === 'preview.frame') queueMicrotask(() => preview.frameAck(payload.sessionId, payload.seq)); // as the renderer does
  };
  engine = new Engine({ artifactsDir: dir, emit });
  preview = new PreviewService(engine, emit);
});
afterAll(async () => {
  await preview?.close();
  await engine?.close();
  await demo?.close();
  rmSync(dir, { recursive: true, force: true });
});

it('previews an engine session, follows its re-created page and reports a kill', async () => {
  const s = await engine.sessions.getOrCreate('p1');
  await s.page.goto(demo.url + '/products');
  const info = await preview.attach('p1', {});
  expect(info.url).toContain('/products');
  await expect.poll(() => events.filter((e) => e.name === 'preview.frame').length).toBeGreaterThan(0);
  expect((await picker.match(preview, 'p1', '#products .product', {})).count).toBeGreaterThan(1);

  const again = await engine.sessions.recreate('p1');
  await again.page.goto(demo.url + '/login');
  await expect.poll(() => statuses().some((st) => st.state === 'page-replaced')).toBe(true);
  expect(preview.currentPage('p1')).toBe(again.page);
  expect((await picker.match(preview, 'p1', '#login-form', {})).count).toBe(1);
  // The screencast resumed on the new page: a visual change produces a frame (a static page sends none).
  events.length = 0;
  await again.page.evaluate(() => (document.body.style.background = 'rgb(200, 230, 255)'));
  await expect.poll(() => events.filter((e) => e.name === 'preview.frame').length, { timeout: 10_000 }).toBeGreaterThan(0);

  await engine.sessions.kill('p1');
  await expect.poll(() => statuses().some((st) => st.state === 'closed')).toBe(true);
  await expect(picker.match(preview, 'p1', 'a', {})).rejects.toThrow(/no live page/);
});
