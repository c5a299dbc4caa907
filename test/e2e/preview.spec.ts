// Live preview + picker through the real UI in web mode: the session's page is streamed into the
// preview canvas, picking goes through picker.hitTest, and input typed into the preview reaches
// the page (log in by hand).
import { expect, test, type Page } from '@playwright/test';
import { apiCall, demoUrl, openApp } from './fixtures.js';


type Box = { x: number; y: number; width: number; height: number };

/** Own session (other specs drive the demo flow's "demo" session), chosen in the preview's session menu. */
const SID = 'preview-e2e';

async function openSession(page: Page, path: string): Promise<void> {
  await apiCall(page, 'session.create', { id: SID, url: demoUrl + path });
  await page.getByLabel('Session', { exact: true }).selectOption(SID);
  await expect(page.getByTestId('preview-canvas')).toHaveAttribute('data-frames', /\d+/, { timeout: 20_000 });
}

/** Page CSS px → app-window coordinates on the preview canvas (frame image px == CSS px at DPR 1). */
async function toCanvas(page: Page, p: { x: number; y: number }): Promise<{ x: number; y: number }> {
  return page.getByTestId('preview-canvas').evaluate((c: HTMLCanvasElement, pt) => {
    const r = c.getBoundingClientRect();
    return { x: r.left + (pt.x / c.width) * r.width, y: r.top + (pt.y / c.height) * r.height };
  }, p);
}

async function boxOf(page: Page, selector: string, framePath?: string[]): Promise<Box> {
  const m = await apiCall<{ count: number; boxes: Box[] }>(page, 'picker.match', { sessionId: SID, selector, ...(framePath ? { framePath } : {}) });
  expect(m.count, `${selector} should exist in the session page`).toBeGreaterThan(0);
  return m.boxes[0];
}

/** Scroll the session page (wheel through the preview) until the element is in the viewport. */
async function scrollIntoView(page: Page, selector: string, framePath?: string[]): Promise<Box> {
  const vh = await page.getByTestId('preview-canvas').evaluate((c: HTMLCanvasElement) => c.height);
  let b = await boxOf(page, selector, framePath);
  for (let i = 0; i < 10 && (b.y < 0 || b.y + Math.min(b.height, 60) > vh); i++) {
    await apiCall(page, 'preview.input', { sessionId: SID, events: [{ type: 'wheel', x: 200, y: 200, deltaX: 0, deltaY: b.y - vh / 3 }] });
    await page.waitForTimeout(150);
    b = await boxOf(page, selector, framePath);
  }
  return b;
}

async function pickAt(page: Page, b: Box, dx = 0.3): Promise<void> {
  await page.getByTestId('pick-toggle').click();
  const pt = await toCanvas(page, { x: b.x + b.width * dx, y: b.y + b.height / 2 });
  await page.mouse.move(pt.x, pt.y);
  await page.mouse.move(pt.x + 1, pt.y);
  await page.mouse.click(pt.x + 1, pt.y);
  await expect(page.getByTestId('picker-panel')).toBeVisible();
  await expect(page.getByTestId('pick-toggle')).toHaveAttribute('aria-pressed', 'false'); // the click picked
}

test.afterEach(async ({ page }) => {
  await apiCall(page, 'session.kill', { id: SID }).catch(() => undefined);
});

test('pick an item title: a candidate matches every item and becomes the step wait_for', async ({ page }) => {
  await openApp(page);
  await openSession(page, '/products');
  const n = (await apiCall<{ count: number }>(page, 'picker.match', { sessionId: SID, selector: '#products .product' })).count;
  expect(n).toBeGreaterThan(1);
  await pickAt(page, await boxOf(page, '#products .product h2.name'));
  const generic = page.locator(`[data-testid="picker-candidate"][data-count="${n}"]`).first();
  await expect(generic).toBeVisible();
  const selector = (await generic.locator('.cand-sel').textContent())!;
  await generic.click();
  // The preview highlights all matches of the chosen candidate with the count.
  await expect(page.getByTestId('preview-match')).toHaveAttribute('data-count', String(n));
  await page.getByRole('button', { name: 'Use as wait_for' }).click();
  await expect(page.getByLabel('wait_for CSS selector')).toHaveValue(selector);
});

test('keyboard picking: ArrowUp walks to the product card, Enter picks it', async ({ page }) => {
  await openApp(page);
  await openSession(page, '/products');
  const n = (await apiCall<{ count: number }>(page, 'picker.match', { sessionId: SID, selector: '#products .product' })).count;
  const b = await boxOf(page, '#products .product h2.name');
  await page.getByTestId('pick-toggle').click();
  const pt = await toCanvas(page, { x: b.x + b.width * 0.3, y: b.y + b.height / 2 });
  await page.mouse.move(pt.x, pt.y);
  const panel = page.getByTestId('picker-panel');
  await expect(panel.locator('.picker-tag')).toHaveText('<h2>');
  await page.keyboard.press('ArrowUp');
  await expect(panel.locator('.picker-tag')).toHaveText('<div>');
  await expect(panel.locator(`[data-testid="picker-candidate"][data-count="${n}"]`).first()).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('pick-toggle')).toHaveAttribute('aria-pressed', 'false');
  await expect(panel.locator('.picker-tag')).toHaveText('<div>');
});

test('log in by typing into the preview', async ({ page }) => {
  await openApp(page);
  await openSession(page, '/login');
  const viewport = page.getByTestId('preview-viewport');
  for (const [sel, text] of [['#username', 'demo'], ['#password', 'demo']] as const) {
    const b = await boxOf(page, sel);
    const pt = await toCanvas(page, { x: b.x + b.width / 2, y: b.y + b.height / 2 });
    await page.mouse.click(pt.x, pt.y);
    await expect(viewport).toBeFocused();
    await page.keyboard.type(text, { delay: 20 });
  }
  await page.keyboard.press('Enter');
  await expect
    .poll(async () => (await apiCall<{ sessions: Array<{ id: string; url: string }> }>(page, 'session.list')).sessions.find((s) => s.id === SID)?.url, { timeout: 15_000 })
    .not.toContain('/login');
  const signedIn = await apiCall<{ count: number }>(page, 'picker.match', { sessionId: SID, selector: '#welcome, #signed-in' });
  expect(signedIn.count).toBe(1);
});

test('pick inside the shadow root and the iframe of the demo site', async ({ page }) => {
  await openApp(page);
  await openSession(page, '/shadow');
  // Declarative shadow DOM item: document.querySelector cannot see it, the picker can.
  const host = await scrollIntoView(page, '#dsd-host');
  let li: Box | null = null;
  for (let y = host.y + 2; y < host.y + host.height && !li; y += 4) {
    const r = await apiCall<{ element: { tagName: string; box: Box } | null }>(page, 'picker.hitTest', { sessionId: SID, x: host.x + 70, y });
    if (r.element?.tagName === 'li') li = r.element.box;
  }
  expect(li, 'a declarative-shadow <li> under the host').not.toBeNull();
  await pickAt(page, li!, 0.1);
  const panel = page.getByTestId('picker-panel');
  await expect(panel.locator('.picker-tag')).toHaveText('<li>');
  await expect(panel.getByText('shadow', { exact: true })).toBeVisible();
  await expect(panel.getByRole('note').first()).toContainText('flatten_shadow_dom');

  // Navigate with the URL bar, then pick inside the same-origin iframe.
  const url = page.getByTestId('preview-url');
  await url.fill(demoUrl + '/frames');
  await url.press('Enter');
  await expect.poll(async () => (await apiCall<{ count: number }>(page, 'picker.match', { sessionId: SID, selector: '#content-frame' })).count).toBe(1);
  await scrollIntoView(page, '#content-frame');
  const frameItem = await boxOf(page, '.frame-item .title', ['#content-frame']);
  await pickAt(page, frameItem, 0.2);
  await expect(panel.locator('.picker-tag')).toHaveText('<span>');
  await expect(panel.getByText('iframe', { exact: true })).toBeVisible();
  await expect(panel.locator('[data-testid="picker-candidate"][data-count="8"]').first()).toBeVisible();
});
