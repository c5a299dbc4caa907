// The Crawl4AI verdict in the real UI: a page Crawl4AI 0.9.2's anti-bot check flags (the demo
// site's 403 page: "HTTP 403 with HTML content") runs through in Crawlwright, and the step list,
// and the results say what a Crawl4AI user would see.
import { expect, test } from '@playwright/test';
import { collectPageErrors, openApp } from './fixtures.js';
import { addStep, newFlow, waitForRunEnd } from './builder-helpers.js';

test.beforeEach(async ({ page }) => {
  await openApp(page);
  const discard = page.getByTestId('recovery-discard');
  if (await discard.isVisible()) await discard.click();
});

test('a step Crawl4AI would report as blocked shows "Crawl4AI would report: failed (blocked: …)" and the run goes on', async ({ page }) => {
  const errors = collectPageErrors(page);
  await newFlow(page);
  await addStep(page, 'open');
  await page.getByTestId('opt-url').fill('{{demo_url}}/status/403');
  await addStep(page, 'open');
  await page.getByTestId('opt-url').fill('{{demo_url}}/list');
  await page.getByTestId('run-all').click();
  expect(await waitForRunEnd(page)).toBe('ok');

  const rows = page.getByTestId('step-row');
  await expect(rows.nth(0)).toHaveAttribute('data-status', 'warning');
  const badge = rows.nth(0).getByTestId('step-crawl4ai-verdict');
  await expect(badge).toHaveText('Crawl4AI: blocked');
  await expect(badge).toHaveAttribute('title', /^Crawl4AI would report: failed \(blocked: HTTP 403 with HTML content \(\d+ bytes\)\)$/);
  await expect(rows.nth(1)).toHaveAttribute('data-status', /ok|warning/);
  await expect(rows.nth(1).getByTestId('step-crawl4ai-verdict')).toHaveCount(0);

  await rows.nth(0).click();
  await expect(page.getByTestId('result-crawl4ai-verdict')).toContainText(/Crawl4AI would report: failed \(blocked: HTTP 403 with HTML content \(\d+ bytes\)\)/);
  await rows.nth(1).click();
  await expect(page.getByTestId('result-body')).toHaveAttribute('data-step-id', /.+/);
  await expect(page.getByTestId('result-crawl4ai-verdict')).toHaveCount(0);
  expect(errors).toEqual([]);
});
