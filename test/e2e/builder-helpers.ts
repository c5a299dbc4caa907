// Helpers for the builder specs: Monaco input, adding template steps, waiting for a run.
import { expect, type Locator, type Page } from '@playwright/test';

/** Replace the whole content of the Monaco editor with this data-testid. */
export async function setMonaco(page: Page, testId: string, text: string): Promise<void> {
  const ed = page.getByTestId(testId);
  await expect(ed).toHaveAttribute('data-ready', 'true');
  await ed.locator('.view-lines').click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('Delete');
  // insertText: one input event, so auto-closing brackets/quotes do not double characters.
  await page.keyboard.insertText(text);
}

export async function addStep(page: Page, templateKey: string): Promise<Locator> {
  await page.getByTestId('add-step').click();
  await page.getByTestId(`add-step-${templateKey}`).click();
  const editor = page.getByTestId('step-editor');
  await expect(editor).toBeVisible();
  return editor;
}

export async function stepNames(page: Page): Promise<string[]> {
  return page.getByTestId('step-name').allInnerTexts();
}

/** Wait until the current run is over; returns its final status. */
export async function waitForRunEnd(page: Page, timeout = 45_000): Promise<string> {
  const status = page.getByTestId('run-status');
  await expect(status).toHaveAttribute('data-status', /^(ok|warnings|failed|stopped)$/, { timeout });
  return (await status.getAttribute('data-status')) ?? '';
}

/** Start from an empty flow (the app opens on the demo flow). */
export async function newFlow(page: Page): Promise<void> {
  page.once('dialog', (d) => void d.accept());
  await page.getByTestId('file-new').click();
  await expect(page.getByTestId('step-row')).toHaveCount(0);
}

/** Contract calls from the page (the shared fixture matches replies by id). */
/**
 * Type a schema that does not parse (a comma missing) into the JSON view of step `index`'s Schema
 * tab: a draft, kept beside the flow until it parses. Returns the text typed.
 */
export async function typeSchemaJsonDraft(page: Page, index = 2): Promise<string> {
  await page.getByTestId('step-row').nth(index).click();
  await page.getByTestId('inspector-tab-schema').click();
  await page.getByTestId('schema-view-json').click();
  const draft = '{"name": "Members" "baseSelector": "#members li.member", "fields": []}';
  await setMonaco(page, 'schema-json-editor', draft);
  await expect(page.getByTestId('schema-json-error')).toBeVisible();
  return draft;
}

export { apiCall as call } from './fixtures.js';
