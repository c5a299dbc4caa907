import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRig, type Rig } from './helpers.js';
import * as picker from '../../../electron/preview/picker.js';
import * as nav from '../../../electron/preview/navigation.js';

let rig: Rig;
beforeAll(async () => {
  rig = await startRig();
});
afterAll(async () => rig?.close());

const frames = () => rig.events.filter((e) => e.name === 'preview.frame').map((e) => e.payload);
const statuses = () => rig.events.filter((e) => e.name === 'preview.status').map((e) => e.payload);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function animate(): Promise<void> {
  await rig.page.evaluate(() => {
    const d = document.createElement('div');
    d.style.cssText = 'position:fixed;top:0;left:0;width:100px;height:100px;background:red';
    document.body.appendChild(d);
    const tick = (t: number) => {
      d.style.transform = `translateX(${(t / 2) % 500}px)`;
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
}

describe('screencast', () => {
  it('streams frames with size and viewport, and never runs more than 2 frames ahead of the acks', async () => {
    await rig.page.goto(rig.demo.url + '/products');
    await animate();
    rig.events.length = 0;
    const info = await rig.preview.attach('s1', {});
    expect(info).toMatchObject({ width: 1280, height: 800 });
    expect(info.url).toContain('/products');
    await sleep(600); // no acks: flow control holds after 2 frames (stall release after 1 s)
    const unacked = frames();
    expect(unacked.length).toBeGreaterThanOrEqual(1);
    expect(unacked.length).toBeLessThanOrEqual(2);
    expect(unacked[0]).toMatchObject({ sessionId: 's1', width: 1280, height: 800, viewportWidth: 1280, viewportHeight: 800, seq: 1 });
    expect(Buffer.from(unacked[0].data, 'base64').subarray(0, 2)).toEqual(Buffer.from([0xff, 0xd8]));
    // Acking keeps frames coming.
    for (let i = 0; i < 20; i++) {
      const last = frames().at(-1);
      rig.preview.frameAck('s1', last.seq);
      await sleep(50);
    }
    expect(frames().length).toBeGreaterThan(5);
    const stats = await rig.preview.stats('s1');
    expect(stats!.dropped).toBeGreaterThan(0); // frames replaced while the renderer was "behind"
    await rig.preview.detach('s1');
    const n = frames().length;
    await sleep(300);
    expect(frames().length).toBe(n);
    expect(statuses().at(-1)).toMatchObject({ state: 'detached' });
  });
});

describe('input and navigation', () => {
  it('types into the page and clicks through preview.input; follows navigations', async () => {
    await nav.navigate(rig.preview, 's1', '{{demo_url}}/login', { demo_url: rig.demo.url });
    expect(rig.page.url()).toBe(rig.demo.url + '/login');
    await expect(nav.navigate(rig.preview, 's1', '{{nope}}/x', {})).rejects.toThrow(/URL bar: variable \{\{nope\}\}/);
    const u = (await rig.page.locator('#username').boundingBox())!;
    await rig.preview.input('s1', [{ type: 'mouse', action: 'click', x: u.x + 5, y: u.y + 5 }, { type: 'text', text: 'de' }, { type: 'key', action: 'press', key: 'm' }, { type: 'key', action: 'press', key: 'o' }]);
    expect(await rig.page.inputValue('#username')).toBe('demo');
    await rig.preview.input('s1', [{ type: 'key', action: 'press', key: 'é' }, { type: 'key', action: 'press', key: 'Backspace' }]);
    expect(await rig.page.inputValue('#username')).toBe('demo');
    await expect(rig.preview.input('s1', [{ type: 'key', action: 'press', key: 'NoSuchKey' }])).rejects.toThrow(/Unknown key/);
    const p = (await rig.page.locator('#password').boundingBox())!;
    await rig.preview.input('s1', [
      { type: 'mouse', action: 'down', x: p.x + 5, y: p.y + 5 },
      { type: 'mouse', action: 'up', x: p.x + 5, y: p.y + 5 },
      { type: 'text', text: 'demo' },
    ]);
    rig.events.length = 0;
    await Promise.all([rig.page.waitForURL((url) => !url.pathname.startsWith('/login')), rig.preview.input('s1', [{ type: 'key', action: 'press', key: 'Enter' }])]);
    await expect.poll(() => statuses().some((s) => s.state === 'navigated')).toBe(true);
    // The picker world is re-created for the new document.
    const m = await picker.match(rig.preview, 's1', '#welcome', {});
    expect(m.count).toBe(1);
    const back = await nav.history(rig.preview, 's1', 'back');
    expect(back.url).toContain('/login');
    await nav.setViewport(rig.preview, 's1', 800, 600);
    expect(rig.page.viewportSize()).toEqual({ width: 800, height: 600 });
    await nav.setViewport(rig.preview, 's1', 1280, 800);
  });

  it('coalesces a burst of mouse moves', async () => {
    await rig.page.evaluate(() => {
      (window as any).__moves = 0;
      document.addEventListener('mousemove', () => (window as any).__moves++);
    });
    const moves = Array.from({ length: 100 }, (_, i) => ({ type: 'mouse' as const, action: 'move' as const, x: 10 + i, y: 10 }));
    await Promise.all(moves.map((m) => rig.preview.input('s1', [m])));
    const n = await rig.page.evaluate(() => (window as any).__moves);
    expect(n).toBeGreaterThan(0);
    expect(n).toBeLessThan(100);
  });

  it('follows a popup opened by the page and returns when it closes', async () => {
    await rig.page.goto(rig.demo.url + '/products');
    await rig.preview.attach('s1', {});
    rig.events.length = 0;
    const [popup] = await Promise.all([rig.page.waitForEvent('popup'), rig.page.evaluate((u) => void window.open(u + '/login'), rig.demo.url)]);
    await expect.poll(() => statuses().some((s) => s.state === 'page-replaced')).toBe(true);
    expect(rig.preview.currentPage('s1')).toBe(popup);
    await popup.waitForLoadState();
    expect((await picker.match(rig.preview, 's1', '#login-form', {})).count).toBe(1);
    await popup.close();
    await expect.poll(() => rig.preview.currentPage('s1') === rig.page).toBe(true);
    expect((await picker.match(rig.preview, 's1', '#products', {})).count).toBe(1);
    await rig.preview.detach('s1');
  });

  it('reports an unknown session clearly', async () => {
    await expect(picker.match(rig.preview, 'nope', 'a', {})).rejects.toThrow(/Session "nope" has no live page/);
    if (!nav.hasDisplay()) await expect(nav.openHeaded(rig.preview, 's1')).rejects.toThrow(/No display/);
  });

  it('a hung page script makes picker calls fail with a clear error instead of hanging', async () => {
    await rig.page.goto(rig.demo.url + '/products');
    await picker.match(rig.preview, 's1', 'h1', {});
    void rig.page.evaluate(() => {
      const end = Date.now() + 7000;
      while (Date.now() < end); // busy main thread
    }).catch(() => undefined);
    await sleep(100);
    const t0 = Date.now();
    await expect(picker.match(rig.preview, 's1', 'h1', {})).rejects.toThrow(/did not answer/);
    expect(Date.now() - t0).toBeLessThan(6500);
    await sleep(2500);
  });

  // Last: it kills the page.
  it('reports a crashed page and stops streaming', async () => {
    await rig.preview.attach('s1', {});
    rig.events.length = 0;
    const cdp = await rig.page.context().newCDPSession(rig.page);
    void cdp.send('Page.crash').catch(() => undefined); // never answers: the target is gone
    await expect.poll(() => statuses().some((s) => s.state === 'crashed')).toBe(true);
    const n = frames().length;
    await sleep(300);
    expect(frames().length).toBe(n);
  });
});
