// Recording in the real UI (web mode, real Chromium, the demo site): the user records by clicking
// and typing in the live preview; no selector and no JavaScript is typed anywhere. The recorded
// steps run.
import { expect, test } from '@playwright/test';
import { apiCall, collectPageErrors, demoUrl, openApp } from './fixtures.js';
import { waitForRunEnd } from './builder-helpers.js';
import { clickIn, goTo, sessionAt, startRecording } from './preview-helpers.js';

const SID = 'main';

test.afterEach(async ({ page }) => {
  await apiCall(page, 'session.kill', { id: SID }).catch(() => undefined);
});

test('record the demo login: type user and password, click → one "Log in" step that runs', async ({ page }) => {
  const errors = collectPageErrors(page);
  await openApp(page);
  await startRecording(page, SID);
  await goTo(page, `${demoUrl}/login`);
  await sessionAt(page, SID, /\/login$/);
  const rows = page.getByTestId('step-row');
  await expect(rows).toHaveCount(1);
  await expect(rows.first().getByTestId('step-name')).toHaveText('Open /login');

  await clickIn(page, SID, '#username');
  await page.keyboard.type('demo', { delay: 20 });
  await clickIn(page, SID, '#password');
  await page.keyboard.type('demo', { delay: 20 });
  await clickIn(page, SID, '#login-button');
  await sessionAt(page, SID, /\/account$/);

  await expect(rows).toHaveCount(1);
  await expect(rows.first().getByTestId('step-name')).toHaveText('Log in');
  await expect(rows.first().getByTestId('step-thumb')).toBeVisible();
  await page.getByTestId('record-toggle').click();
  await expect(page.getByTestId('record-toggle')).toHaveAttribute('aria-pressed', 'false');

  // The editor shows the recorded actions: the password is a placeholder, never the value.
  await rows.first().click();
  const actions = page.getByTestId('action-row');
  await expect(actions).toHaveCount(3);
  await expect(actions.nth(0).getByTestId('action-selector')).toHaveValue('#username');
  await expect(actions.nth(1).getByTestId('action-value')).toHaveValue('{{secret:DEMO_PASSWORD}}');
  await expect(actions.nth(2).getByTestId('action-selector')).toHaveValue('#login-button');
  await expect(page.getByTestId('wait-for-css')).toHaveValue('#welcome');
  await page.getByTestId('actions-check').click();
  // The page is on /account now: the login form's selectors are (rightly) not found there.
  await expect(page.getByTestId('action-check').first()).toHaveAttribute('data-count', '0');

  await apiCall(page, 'session.kill', { id: SID });
  await page.keyboard.press('F5');
  // DEMO_PASSWORD is the demo site's public secret (#14: exempt from the grant, built-in value).
  expect(await waitForRunEnd(page)).toBe('ok');
  await expect(rows.first()).toHaveAttribute('data-status', 'ok');
  await sessionAt(page, SID, /\/account$/);
  expect(errors).toEqual([]);
});

test('record a click on a detail link → a step that waits for the detail page', async ({ page }) => {
  await openApp(page);
  await startRecording(page, SID);
  await goTo(page, `${demoUrl}/list`);
  await sessionAt(page, SID, /\/list$/);
  await clickIn(page, SID, 'ul#items > li:nth-child(4) a.item-link', 0.3);
  await sessionAt(page, SID, /\/items\/4$/);
  const rows = page.getByTestId('step-row');
  await expect(rows).toHaveCount(1);
  await expect(rows.first().getByTestId('step-name')).toHaveText(/^Click "/);
  await page.getByTestId('record-toggle').click();
  await rows.first().click();
  await expect(page.getByTestId('wait-for-css')).toHaveValue('#item-detail');
  await expect(page.getByTestId('action-row')).toHaveCount(1);

  await apiCall(page, 'session.kill', { id: SID });
  await page.keyboard.press('F5');
  expect(await waitForRunEnd(page)).toBe('ok');
  await sessionAt(page, SID, /\/items\/4$/);
});
