// Popups (window.open, target=_blank) that a page opened: found through the browser's target list
// by opener, so a popup whose Playwright page does not exist yet (its first navigation is still
// under way) is closed too. Playwright only reports a popup once it has navigated.
import type { Browser, CDPSession, Page } from 'playwright-core';
import { sleep, withTimeout } from './timeouts.js';

const OP_MS = 5000;
const browserCdp = new WeakMap<Browser, Promise<CDPSession>>();
const targetIds = new WeakMap<Page, Promise<string | undefined>>();

interface TargetInfo {
  targetId: string;
  type: string;
  openerId?: string;
}

function browserSession(browser: Browser): Promise<CDPSession> {
  let s = browserCdp.get(browser);
  if (!s) {
    s = browser.newBrowserCDPSession();
    s.catch(() => browserCdp.delete(browser));
    browserCdp.set(browser, s);
  }
  return s;
}

/** The CDP target id of a page (cached; undefined once the page is gone). */
export function targetIdOf(page: Page): Promise<string | undefined> {
  let id = targetIds.get(page);
  if (!id) {
    id = (async () => {
      const cdp = await page.context().newCDPSession(page);
      try {
        const { targetInfo } = (await cdp.send('Target.getTargetInfo')) as { targetInfo: TargetInfo };
        return targetInfo.targetId;
      } finally {
        void cdp.detach().catch(() => undefined);
      }
    })();
    id = withTimeout(id, OP_MS, 'reading the page target').catch(() => {
      targetIds.delete(page);
      return undefined;
    });
    targetIds.set(page, id);
  }
  return id;
}

/**
 * Close every page opened by `page`, directly or through another popup, except the pages in `keep`
 * and what those opened. Returns how many were closed. Never throws (a dead browser has none).
 */
export async function closePopupsOf(page: Page, keep: readonly Page[] = []): Promise<number> {
  const browser = page.context().browser();
  if (!browser?.isConnected()) return 0;
  try {
    const root = await targetIdOf(page);
    if (!root) return 0;
    const kept = new Set((await Promise.all(keep.filter((p) => !p.isClosed()).map(targetIdOf))).filter(Boolean));
    const cdp = await withTimeout(browserSession(browser), OP_MS, 'attaching to the browser');
    const { targetInfos } = (await withTimeout(cdp.send('Target.getTargets'), OP_MS, 'listing targets')) as { targetInfos: TargetInfo[] };
    const byOpener = new Map<string, TargetInfo[]>();
    for (const t of targetInfos) if (t.type === 'page' && t.openerId) byOpener.set(t.openerId, [...(byOpener.get(t.openerId) ?? []), t]);
    const close: string[] = [];
    const queue = [root];
    const seen = new Set(queue);
    while (queue.length) {
      for (const t of byOpener.get(queue.shift()!) ?? []) {
        if (seen.has(t.targetId) || kept.has(t.targetId)) continue;
        seen.add(t.targetId);
        close.push(t.targetId);
        queue.push(t.targetId);
      }
    }
    if (!close.length) return 0;
    await Promise.all(close.map((targetId) => withTimeout(cdp.send('Target.closeTarget', { targetId }), OP_MS, 'closing a popup').catch(() => undefined)));
    // closeTarget answers before the page is gone: wait (briefly) until the browser lists none of them.
    for (const until = Date.now() + 2000; Date.now() < until; await sleep(20)) {
      const { targetInfos: now } = (await withTimeout(cdp.send('Target.getTargets'), OP_MS, 'listing targets')) as { targetInfos: TargetInfo[] };
      if (!now.some((t) => close.includes(t.targetId))) break;
    }
    return close.length;
  } catch {
    return 0;
  }
}
