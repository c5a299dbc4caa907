// A flow opened from disk is untrusted: before its first run the UI lists exactly what it uses
// (JavaScript by step, secrets, local resources) and runs nothing until the user allows it. The
// answer is remembered for those exact bytes; a file changed outside the app asks again.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test, type Page } from '@playwright/test';
import { collectPageErrors, demoUrl, openApp } from './fixtures.js';
import { waitForRunEnd } from './builder-helpers.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const dir = resolve(root, 'test-results', 'e2e-trust');

function flowText(marker: string): string {
  return (
    JSON.stringify(
      {
        format: 'crawlwright.flow',
        version: 1,
        name: `Foreign flow ${marker}`,
        steps: [
          { id: 'open', name: 'Open list', config: { url: `${demoUrl}/list?m=${marker}`, session_id: 'trust' } },
          { id: 'count', name: 'Count items', config: { url: `${demoUrl}/list`, session_id: 'trust', js_only: true, js_code: "return document.querySelectorAll('li.item').length;" } },
          { id: 'use', name: 'Use token', disabled: true, config: { url: `${demoUrl}/list?t={{secret:CW_E2E_NOT_SET}}`, session_id: 'trust' } },
        ],
      },
      null,
      2,
    ) + '\n'
  );
}

async function openFile(page: Page, name: string): Promise<void> {
  await page.getByTestId('file-open').click();
  await page.getByTestId('file-dialog-dir').fill(dir);
  await page.getByTestId('file-dialog-dir').press('Enter');
  await page.getByTestId('file-dialog').getByTestId('file-entry').filter({ hasText: name }).click();
  await page.getByTestId('file-dialog-ok').click();
  await expect(page.getByTestId('step-row')).toHaveCount(3);
}

test('a flow from disk asks before its first run, listing its JavaScript; remembered until the file changes', async ({ page }) => {
  const errors = collectPageErrors(page);
  mkdirSync(dir, { recursive: true });
  const file = resolve(dir, 'foreign.flow.json');
  writeFileSync(file, flowText('a'));
  await openApp(page);
  page.on('dialog', (d) => void d.accept());
  await openFile(page, 'foreign.flow.json');

  // First run: the prompt lists the JS step and field; Cancel runs nothing.
  await page.getByTestId('run-all').click();
  const prompt = page.getByTestId('trust-prompt');
  await expect(prompt).toBeVisible();
  await expect(prompt.getByTestId('trust-js')).toContainText('Count items');
  await expect(prompt.getByTestId('trust-js')).toContainText('js_code');
  await expect(prompt).toContainText(file);
  // The disabled step's secret is not part of this run, so it is not asked for.
  await expect(prompt.getByTestId('trust-secrets')).toHaveCount(0);
  await prompt.getByTestId('trust-cancel').click();
  await expect(prompt).toHaveCount(0);
  await expect(page.getByTestId('step-row').nth(0)).not.toHaveAttribute('data-status', /ok|warning|failed/);

  // Allow: the run goes ahead.
  await page.getByTestId('run-all').click();
  await prompt.getByTestId('trust-allow').click();
  expect(await waitForRunEnd(page)).toBe('ok');

  // Re-opened unchanged: no prompt.
  await openFile(page, 'foreign.flow.json');
  await page.getByTestId('run-all').click();
  expect(await waitForRunEnd(page)).toBe('ok');
  await expect(prompt).toHaveCount(0);

  // Changed on disk: asked again.
  writeFileSync(file, flowText('b'));
  await openFile(page, 'foreign.flow.json');
  await page.getByTestId('run-all').click();
  await expect(prompt).toBeVisible();
  await expect(prompt.getByTestId('trust-js')).toContainText('Count items');
  await prompt.getByTestId('trust-cancel').click();

  expect(errors).toEqual([]);
});

test('a secret is asked for by name, saying where its value would come from', async ({ page }) => {
  mkdirSync(dir, { recursive: true });
  const text = JSON.parse(flowText('s'));
  delete text.steps[2].disabled;
  writeFileSync(resolve(dir, 'secret.flow.json'), JSON.stringify(text));
  await openApp(page);
  page.on('dialog', (d) => void d.accept());
  await openFile(page, 'secret.flow.json');
  await page.getByTestId('run-all').click();
  const prompt = page.getByTestId('trust-prompt');
  await expect(prompt.getByTestId('trust-secrets')).toContainText('{{secret:CW_E2E_NOT_SET}}');
  await expect(prompt.getByTestId('trust-secrets')).toContainText('not set: export CRAWLWRIGHT_SECRET_CW_E2E_NOT_SET');
  await prompt.getByTestId('trust-allow').click();
  // Granted but set nowhere: the run fails before any page work, naming the secret.
  expect(await waitForRunEnd(page)).toBe('failed');
});

test('the demo flow runs without any prompt (README quick start)', async ({ page }) => {
  await openApp(page);
  await page.getByTestId('run-all').click();
  expect(await waitForRunEnd(page)).toBe('ok');
  await expect(page.getByTestId('trust-prompt')).toHaveCount(0);
});
