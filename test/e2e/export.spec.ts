// The Export… dialog and the Import pane in the real UI (web mode): the preview shows the export
// of the open flow, notes are listed, the download is byte-identical to the CLI/export.render
// output, and importing a Crawl4AI schema adds an extraction step.
import { readFileSync } from 'node:fs';
import { expect, test, type Download } from '@playwright/test';
import { collectPageErrors, openApp } from './fixtures.js';
import { setMonaco } from './builder-helpers.js';
import { renderExport } from '../../shared/export/index.js';
import { parseFlowText } from '../../shared/flow/validate.js';

const demoText = readFileSync(new URL('../../assets/demo-flows/demo.flow.json', import.meta.url), 'utf8');

test('export dialog: preview, notes per format, download equals export.render', async ({ page }) => {
  const errors = collectPageErrors(page);
  await openApp(page);
  await page.getByTestId('export-open').click();
  const dialog = page.getByTestId('export-dialog');
  await expect(dialog).toBeVisible();

  // Default format: Crawl4AI Python.
  await expect(page.getByTestId('export-format-crawl4ai-python')).toHaveAttribute('aria-checked', 'true');
  await expect(page.getByTestId('export-text').locator('.view-lines')).toContainText('#!/usr/bin/env python3');
  await expect(page.getByTestId('export-notes').locator('li').first()).toBeVisible();

  await page.getByTestId('export-format-crawl4ai-config').click();
  await expect(page.getByTestId('export-notes')).toContainText('HTTP 400');

  await page.getByTestId('export-format-json').click();
  await expect(page.getByTestId('export-notes')).toContainText('Nothing');

  // The download is exactly what the exporter renders for the flow on screen (the demo flow).
  await page.getByTestId('export-format-playwright').click();
  await expect(page.getByTestId('export-text').locator('.view-lines')).toContainText('// @ts-check');
  // The script imports Crawlwright's extractor from its own folder: that file is downloaded with it.
  const downloads: Download[] = [];
  page.on('download', (d) => downloads.push(d));
  await page.getByTestId('export-save').click();
  await expect.poll(() => downloads.length).toBe(2);
  const parsed = parseFlowText(demoText);
  if (!parsed.ok) throw new Error('demo flow invalid');
  const expected = renderExport(parsed.flow, 'playwright');
  expect(downloads.map((d) => d.suggestedFilename())).toEqual([expected.fileName, 'crawlwright-extract.mjs']);
  const body = readFileSync(await downloads[0].path(), 'utf8');
  expect(body).toBe(expected.text);
  expect(readFileSync(await downloads[1].path(), 'utf8')).toBe(readFileSync(new URL('../../dist/extract/crawlwright-extract.mjs', import.meta.url), 'utf8'));
  await expect(page.getByText(`Downloaded ${expected.fileName} and crawlwright-extract.mjs`)).toBeVisible();
  expect(errors).toEqual([]);
});

test('import pane: a Crawl4AI schema becomes an extraction step; errors name the path', async ({ page }) => {
  await openApp(page);
  const before = await page.getByTestId('step-row').count();
  await page.getByTestId('export-open').click();
  await page.getByTestId('import-tab').click();

  await setMonaco(page, 'import-text', '{"baseSelector": "li", "fields": [{"name": "a", "type": "text", "selectr": "b"}]}');
  await expect(page.getByTestId('import-errors')).toContainText('fields[0].selectr');
  await expect(page.getByTestId('import-apply')).toBeDisabled();

  const schema = { name: 'Imported quotes', baseSelector: 'div.quote', fields: [{ name: 'text', selector: 'span.text', type: 'text' }] };
  await setMonaco(page, 'import-text', JSON.stringify({ type: 'JsonCssExtractionStrategy', schema }));
  await expect(page.getByTestId('import-result')).toContainText('JsonCss schema');
  await page.getByTestId('import-apply').click();
  await expect(page.getByTestId('export-dialog')).toHaveCount(0);
  await expect(page.getByTestId('step-row')).toHaveCount(before + 1);
  await expect(page.getByTestId('step-name').filter({ hasText: 'Imported quotes' })).toHaveCount(1);
});

test('import pane: opening a Crawl4AI .py shows the report by line and opens the flow with its notes', async ({ page }) => {
  const errors = collectPageErrors(page);
  await openApp(page);
  await page.getByTestId('export-open').click();
  await page.getByTestId('import-tab').click();
  page.once('dialog', (d) => void d.accept());
  await page.getByTestId('import-file').setInputFiles(new URL('../fixtures/python-import/crawl4ai-docs/4-custom-execution-hooks.py', import.meta.url).pathname);
  const result = page.getByTestId('import-result');
  await expect(result).toContainText('Crawl4AI Python script');
  await expect(page.getByTestId('import-notes')).toContainText('line 21: set_hook("on_execution_started", on_execution_started)');
  await expect(page.getByTestId('import-notes')).toContainText('line 36: print(...)');
  await page.getByTestId('import-apply').click();
  await expect(page.getByTestId('step-name')).toHaveText(['Page 1', 'Pages 2–3']);
  await page.getByTestId('step-name').filter({ hasText: 'Pages 2–3' }).click();
  await expect(page.getByTestId('step-notes')).toHaveValue(/proposed page-side stand-in for the Python hook on_execution_started/);
  expect(errors).toEqual([]);
});
