// Popups a step opens (window.open, target=_blank) close when the step ends, so runs do not pile
// pages up; the one the live preview shows to a viewer stays until nobody watches it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PreviewService } from '../../../electron/preview/service.js';
import { createHarness, flowOf, type Harness } from './helpers.js';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(async () => {
  await h?.close();
});

// A viewport of its own: the context is not shared with other tests' sessions.
const browser = { viewport_width: 1013, viewport_height: 611 };
const OPEN_BOTH = "document.querySelector('#open-tab-link').click(); document.querySelector('#open-window').click(); return 1;";
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until(pred: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 200 && !pred(); i++) await sleep(25);
  if (!pred()) throw new Error(`timed out waiting for ${what}`);
}

describe('popups opened by steps', () => {
  it('5 runs of steps that open popups leave the context with its one page', async () => {
    const flow = flowOf(
      [
        { id: 'open', config: { url: '{{demo_url}}/new-tab', session_id: 'pop', js_code: OPEN_BOTH } },
        // The popups really open (and report) before the step ends: this step sees them.
        { id: 'seen', config: { url: 'http://label.invalid/', session_id: 'pop', js_only: true, js_code: OPEN_BOTH } },
        { id: 'fresh', config: { url: '{{demo_url}}/new-tab', js_code: OPEN_BOTH } },
      ],
      { browser },
    );
    let opened = 0;
    for (let i = 0; i < 5; i++) {
      const seen: unknown[] = [];
      const ctx = h.engine.sessions.get('pop')?.context;
      const onPage = (p: unknown) => seen.push(p);
      ctx?.on('page', onPage);
      const r = await h.run(flow);
      ctx?.off('page', onPage);
      expect(r.status, r.error).toBe('ok');
      opened += seen.length;
      const s = h.engine.sessions.get('pop')!;
      // Closed in the browser when the run ends; Playwright's page list follows its close events.
      await until(() => s.context.pages().length === 1, `run ${i + 1}: the popups to be gone (${s.context.pages().map((p) => p.url())})`);
      expect(s.context.pages()).toEqual([s.page]);
    }
    // The popups did open (the test would pass vacuously otherwise): 6 per run after the first.
    expect(opened).toBeGreaterThanOrEqual(4 * 6);
  });

  it('the popup the preview shows to a viewer stays open across step ends; killing the session closes it', async () => {
    const browser = { viewport_width: 1017, viewport_height: 613 };
    const preview = new PreviewService(h.engine, () => undefined);
    try {
      const open = flowOf([{ id: 'open', config: { url: '{{demo_url}}/new-tab', session_id: 'pop-view' } }], { browser });
      expect((await h.run(open)).status).toBe('ok');
      const s = h.engine.sessions.get('pop-view')!;
      await preview.attach('pop-view', {});
      // The user opens the table in a popup from the live view; the preview follows it.
      const popup = s.page.waitForEvent('popup');
      await s.page.click('#open-window');
      const p = await popup;
      await until(() => preview.currentPage('pop-view') === p, 'the preview to follow the popup');
      // A step that opens another popup: that one closes, the watched one stays.
      const other = flowOf([{ id: 'again', config: { url: 'http://label.invalid/', session_id: 'pop-view', js_only: true, js_code: "document.querySelector('#open-tab-link').click(); return 1;" } }], { browser });
      expect((await h.run(other)).status).toBe('ok');
      await until(() => s.context.pages().length <= 2, 'the step\'s popup to close');
      expect(p.isClosed()).toBe(false);
      expect(new Set(s.context.pages())).toEqual(new Set([s.page, p]));
      // Nobody watches any more: the next step end closes it.
      await preview.detach('pop-view');
      expect((await h.run(flowOf([{ id: 'js', config: { url: 'http://label.invalid/', session_id: 'pop-view', js_only: true, js_code: 'return 1;' } }], { browser }))).status).toBe('ok');
      await until(() => p.isClosed(), 'the released popup to close');
      expect(s.context.pages()).toEqual([s.page]);
      // Held or not, popups go with their session.
      await preview.attach('pop-view', {});
      const again = s.page.waitForEvent('popup');
      await s.page.click('#open-window');
      const q = await again;
      await until(() => preview.currentPage('pop-view') === q, 'the preview to follow the second popup');
      await h.engine.sessions.kill('pop-view');
      await until(() => q.isClosed(), 'the held popup to close with its session');
    } finally {
      await preview.close();
    }
  });
});
