// Driving the live preview like a user: find where an element of the session page is (the test's
// own lookup through picker.match, never typed into the UI) and click / type there on the canvas.
import { expect, type Page } from '@playwright/test';
import { apiCall } from './fixtures.js';
import { newFlow } from './builder-helpers.js';

export type Box = { x: number; y: number; width: number; height: number };

/** Page CSS px → app-window coordinates on the preview canvas. */
export async function toCanvas(page: Page, p: { x: number; y: number }): Promise<{ x: number; y: number }> {
  return page.getByTestId('preview-canvas').evaluate((c: HTMLCanvasElement, pt) => {
    const r = c.getBoundingClientRect();
    return { x: r.left + (pt.x / c.width) * r.width, y: r.top + (pt.y / c.height) * r.height };
  }, p);
}

/**
 * Wait until the session's current document has painted. Right after a navigation Chromium keeps
 * showing the old page ("paint holding") and drops input until the new one paints: a user, who
 * clicks on what the preview shows, cannot click before that; a test reading boxes from the DOM can.
 */
export async function painted(page: Page, sessionId: string): Promise<void> {
  await expect
    .poll(async () => (await apiCall<{ ok: boolean; value?: unknown }>(page, 'snippet.eval', { sessionId, kind: 'predicate', code: "() => performance.getEntriesByType('paint').length > 0" })).value, { message: 'the session page has painted', timeout: 15_000 })
    .toBe(true);
}

export async function boxIn(page: Page, sessionId: string, selector: string): Promise<Box> {
  await painted(page, sessionId);
  let m: { count: number; boxes: Box[] } = { count: 0, boxes: [] };
  await expect
    .poll(async () => (m = await apiCall<{ count: number; boxes: Box[] }>(page, 'picker.match', { sessionId, selector })).count, { message: `${selector} on the session page`, timeout: 15_000 })
    .toBeGreaterThan(0);
  return m.boxes[0];
}

/** One user click on the element's box (at fraction dx of its width). */
export async function clickIn(page: Page, sessionId: string, selector: string, dx = 0.5): Promise<void> {
  const b = await boxIn(page, sessionId, selector);
  const pt = await toCanvas(page, { x: b.x + Math.max(2, b.width * dx), y: b.y + b.height / 2 });
  await page.mouse.click(pt.x, pt.y);
}

/** Wait until the session page is at a URL matching `re`. */
export async function sessionAt(page: Page, sessionId: string, re: RegExp): Promise<void> {
  await expect
    .poll(async () => (await apiCall<{ sessions: Array<{ id: string; url: string }> }>(page, 'session.list')).sessions.find((s) => s.id === sessionId)?.url ?? '', { timeout: 20_000 })
    .toMatch(re);
}

/** Type a URL into the preview's URL bar and go there (a user action: typing a URL is no selector). */
export async function goTo(page: Page, url: string): Promise<void> {
  const bar = page.getByTestId('preview-url');
  await bar.fill(url);
  await bar.press('Enter');
}

/** The whole run's items, as the results dock exports them (JSON download). */
export async function runItems(page: Page): Promise<Array<Record<string, unknown>>> {
  const { readFileSync } = await import('node:fs');
  await page.getByTestId('dock-tab-results').click();
  await page.getByTestId('results-scope').selectOption('all');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-json').click()]);
  return JSON.parse(readFileSync((await download.path())!, 'utf8'));
}

/** Pick an element like a user: the Pick button, then a click on it in the preview. */
export async function pickIn(page: Page, sessionId: string, selector: string, dx = 0.3): Promise<void> {
  const b = await boxIn(page, sessionId, selector);
  await page.getByTestId('pick-toggle').click();
  const pt = await toCanvas(page, { x: b.x + Math.max(2, b.width * dx), y: b.y + b.height / 2 });
  await page.mouse.move(pt.x, pt.y);
  await page.mouse.move(pt.x + 1, pt.y);
  await page.mouse.click(pt.x + 1, pt.y);
  await expect(page.getByTestId('picker-panel')).toBeVisible();
}

/** A new flow, recording on session `sid` (closed first, so the recording opens it). */
export async function startRecording(page: Page, sid: string): Promise<void> {
  await apiCall(page, 'session.kill', { id: sid }).catch(() => undefined);
  await newFlow(page);
  await page.getByTestId('record-toggle').click();
  await expect(page.getByTestId('record-toggle')).toHaveAttribute('data-state', 'on');
  await expect(page.getByTestId('record-toggle')).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByTestId('recording-status')).toBeVisible();
}

/** Stop recording (the Record button again). */
export async function stopRecording(page: Page): Promise<void> {
  await page.getByTestId('record-toggle').click();
  await expect(page.getByTestId('record-toggle')).toHaveAttribute('aria-pressed', 'false');
}
