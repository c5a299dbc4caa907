// Inputs and batch runs in the real UI: a flow with inputs opened from disk, rows pasted (errors
// by line) and loaded from a CSV through the file dialog, a 5-row batch on the demo detail pages
// at concurrency 2 with its progress, every row's items, and Cancel; a cancelled 6-row batch resumed
// from the Batch tab (every row once in results.jsonl), and Resume refused for a changed flow.
import { expect, test, type Locator, type Page } from '@playwright/test';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { collectPageErrors, openApp } from './fixtures.js';

const flow = JSON.parse(readFileSync(new URL('../fixtures/batch/detail-rows.flow.json', import.meta.url), 'utf8')) as unknown;

const dir = mkdtempSync(join(tmpdir(), 'cw-e2e-batch-'));

async function openFile(page: Page, name: string): Promise<void> {
  await page.getByTestId('file-dialog-dir').fill(dir);
  await page.getByTestId('file-dialog-dir').press('Enter');
  await expect(page.getByTestId('file-entry').filter({ hasText: name })).toBeVisible();
  await page.getByTestId('file-dialog-name').fill(name);
  await page.getByTestId('file-dialog-ok').click();
}

/** Paste rows 1..n, run them at concurrency 1 and Cancel once the first row is ok: the stopped Batch tab. */
async function cancelAfterFirstRow(page: Page, n: number): Promise<Locator> {
  const panel = page.getByTestId('inputs-panel');
  await panel.getByTestId('inputs-draft').fill(['product', ...Array.from({ length: n }, (_, i) => String(i + 1))].join('\n'));
  await expect(panel.getByTestId('inputs-count')).toHaveAttribute('data-count', String(n));
  await panel.getByTestId('batch-concurrency').fill('1');
  await panel.getByTestId('batch-run').click();
  const batch = page.getByTestId('batch-panel');
  await expect(batch.locator('[data-testid="batch-row"][data-status="ok"]').first()).toBeVisible({ timeout: 30_000 });
  await batch.getByTestId('batch-stop').click();
  await expect(batch).toHaveAttribute('data-status', 'stopped');
  return batch;
}

test.beforeEach(async ({ page }) => {
  await openApp(page);
  const discard = page.getByTestId('recovery-discard');
  if (await discard.isVisible()) await discard.click();
  writeFileSync(join(dir, 'details.flow.json'), JSON.stringify(flow, null, 2));
  page.once('dialog', (d) => void d.accept()); // "discard unsaved changes?" when the demo was edited
  await page.getByTestId('file-open').click();
  await openFile(page, 'details.flow.json');
  await expect(page.getByTestId('step-row')).toHaveCount(1);
  await page.getByTestId('dock-tab-inputs').click();
});

test('rows pasted or loaded are checked by line; a 5-row batch at concurrency 2 shows its progress and ends with every row’s items', async ({ page }) => {
  const errors = collectPageErrors(page);
  const panel = page.getByTestId('inputs-panel');
  await expect(panel.getByTestId('inputs-columns')).toHaveValue('product');
  await expect(panel.getByTestId('inputs-count')).toHaveAttribute('data-count', '0');
  await expect(panel.getByTestId('batch-run')).toBeDisabled();

  // Pasted rows: checked as typed, with the CLI's messages, by line; nothing kept while wrong.
  await panel.getByTestId('inputs-draft').fill('product,colour\n1,red\n{{secret:TOKEN}},blue\n');
  await expect(panel.getByTestId('inputs-errors')).toContainText(`line 2: column "colour" is not one of the flow's inputs.columns (product); a row may only set those`);
  await expect(panel.getByTestId('inputs-errors')).toContainText('line 3: "product" contains {{ }}; input values are data, never placeholders');
  await expect(panel.getByTestId('batch-run')).toBeDisabled();
  await panel.getByTestId('inputs-draft').fill('product\n7\n8\n');
  await expect(panel.getByTestId('inputs-errors')).toHaveCount(0);
  await expect(panel.getByTestId('inputs-count')).toHaveAttribute('data-count', '2');
  await expect(page.getByTestId('dock-tab-inputs')).toContainText('2'); // kept in the flow

  // A CSV through the file dialog: 5 rows, shown with their columns.
  writeFileSync(join(dir, 'products.csv'), 'product\n1\n2\n3\n4\n5\n');
  await panel.getByTestId('inputs-load-file').click();
  await expect(page.getByTestId('file-dialog')).toContainText('Load input rows (CSV or JSONL)');
  await expect(page.getByTestId('file-entry').filter({ hasText: 'details.flow.json' })).toHaveCount(0);
  await openFile(page, 'products.csv');
  await expect(panel.getByTestId('inputs-file')).toContainText('products.csv (CSV)');
  await expect(panel.getByTestId('inputs-count')).toHaveAttribute('data-count', '5');
  await expect(panel.getByTestId('inputs-rows').locator('tbody tr')).toHaveCount(5);

  await panel.getByTestId('batch-concurrency').fill('2');
  await panel.getByTestId('batch-run').click();
  const batch = page.getByTestId('batch-panel');
  await expect(batch).toBeVisible();
  await expect(batch.getByTestId('batch-row')).toHaveCount(5);
  // While it runs: never more than 2 rows at once.
  let sawRunning = 0;
  for (let i = 0; i < 600 && (await batch.getAttribute('data-status')) !== 'ok'; i++) {
    const running = await batch.locator('[data-testid="batch-row"][data-status="running"]').count();
    expect(running).toBeLessThanOrEqual(2);
    sawRunning = Math.max(sawRunning, running);
    await page.waitForTimeout(100);
  }
  await expect(batch).toHaveAttribute('data-status', 'ok', { timeout: 60_000 });
  expect(sawRunning).toBeGreaterThan(0);
  const progress = batch.getByTestId('batch-progress');
  await expect(progress).toHaveAttribute('data-done', '5');
  await expect(progress).toHaveAttribute('data-failed', '0');
  await expect(progress).toHaveText(/^5\/5 rows · 5 done · 0 failed · \d+\.\d\d rows\/s · ETA 0 s$/);
  await expect(page.getByTestId('dock-tab-batch')).toContainText('5/5');

  // Every row: ok, 1 item, and its results are that row's product.
  for (const id of ['1', '2', '3', '4', '5']) {
    const row = batch.locator(`[data-testid="batch-row"][data-row="${id}"]`);
    await expect(row).toHaveAttribute('data-status', 'ok');
    await row.click();
    const results = batch.getByTestId('batch-row-results');
    await expect(results).toHaveAttribute('data-row', id);
    await expect(results).toContainText(`product=${id}`);
    await expect(results.getByTestId('result-row')).toHaveCount(1);
    await expect(results.getByTestId('result-row').first()).toContainText(id);
  }
  // The rows were not the app's run.
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'idle');
  expect(errors).toEqual([]);
});

test('Cancel stops a batch; the rows not finished are not counted', async ({ page }) => {
  const batch = await cancelAfterFirstRow(page, 30);
  const done = Number(await batch.getByTestId('batch-progress').getAttribute('data-done'));
  expect(done).toBeGreaterThan(0);
  expect(done).toBeLessThan(30);
  await expect(batch.locator('[data-testid="batch-row"][data-status="ok"]')).toHaveCount(done);
  await expect(batch.locator('[data-testid="batch-row"][data-status="running"]')).toHaveCount(0);
  await expect(batch.getByTestId('batch-stop')).toBeDisabled();
});

test('a cancelled batch is resumed from the Batch tab: finished rows are not run again, every row’s items exactly once', async ({ page }) => {
  const errors = collectPageErrors(page);
  const panel = page.getByTestId('inputs-panel');
  writeFileSync(join(dir, 'six.csv'), 'product\n1\n2\n3\n4\n5\n6\n');
  await panel.getByTestId('inputs-load-file').click();
  await openFile(page, 'six.csv');
  await expect(panel.getByTestId('inputs-count')).toHaveAttribute('data-count', '6');
  await panel.getByTestId('batch-concurrency').fill('1');
  await panel.getByTestId('batch-run').click();
  const batch = page.getByTestId('batch-panel');
  await expect(batch.getByTestId('batch-row')).toHaveCount(6);
  const okRows = batch.locator('[data-testid="batch-row"][data-status="ok"]');
  await expect.poll(() => okRows.count(), { timeout: 60_000 }).toBeGreaterThanOrEqual(2);
  await batch.getByTestId('batch-stop').click();
  await expect(batch).toHaveAttribute('data-status', 'stopped');
  const done = Number(await batch.getByTestId('batch-progress').getAttribute('data-done'));
  expect(done).toBeGreaterThanOrEqual(2);
  expect(done).toBeLessThan(6);
  const outDir = (await batch.getByTestId('batch-outdir').textContent()) ?? '';
  const batchId = basename(outDir);

  // Cancelled: offered for resume with the rows left, and resumed in the same folder.
  const item = batch.locator(`[data-testid="batch-resumable-item"][data-batch="${batchId}"]`);
  await expect(item).toContainText('six.csv');
  await expect(item.getByTestId('batch-resume')).toHaveText(`▶ Resume (${6 - done} of 6 rows left)`);
  await item.getByTestId('batch-resume').click();
  await expect(batch).toHaveAttribute('data-status', 'ok', { timeout: 60_000 });
  await expect(batch.getByTestId('batch-outdir')).toHaveText(outDir);
  const progress = batch.getByTestId('batch-progress');
  await expect(progress).toHaveAttribute('data-done', String(6 - done));
  await expect(progress).toContainText(`6/6 rows (+${done} from before)`);
  await expect(item).toHaveCount(0); // finished: no longer offered

  // Every row once: its one item in the app, one line in results.jsonl.
  for (const id of ['1', '2', '3', '4', '5', '6']) {
    const row = batch.locator(`[data-testid="batch-row"][data-row="${id}"]`);
    await expect(row).toHaveAttribute('data-status', 'ok');
    await row.click();
    const results = batch.getByTestId('batch-row-results');
    await expect(results).toHaveAttribute('data-row', id);
    await expect(results.getByTestId('result-row')).toHaveCount(1);
    await expect(results.getByTestId('result-row').first()).toContainText(id);
  }
  const lines = readFileSync(join(outDir, 'results.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { row: string; items: Array<{ item: { id: string } }> });
  expect(lines.map((l) => l.row).sort()).toEqual(['1', '2', '3', '4', '5', '6']);
  for (const l of lines) expect(l.items.map((i) => i.item.id)).toEqual([l.row]);
  expect(errors).toEqual([]);
});

test('Resume is refused when the flow changed since, with Start fresh', async ({ page }) => {
  const panel = page.getByTestId('inputs-panel');
  const batch = await cancelAfterFirstRow(page, 20);
  const batchId = basename((await batch.getByTestId('batch-outdir').textContent()) ?? '');
  // Other rows kept in the flow: the flow is not the one the batch ran.
  await page.getByTestId('dock-tab-inputs').click();
  await panel.getByTestId('inputs-draft').fill('product\n1\n');
  await page.getByTestId('dock-tab-batch').click();
  await batch.locator(`[data-testid="batch-resumable-item"][data-batch="${batchId}"]`).getByTestId('batch-resume').click();
  const refused = batch.getByTestId('batch-resume-refused');
  // Rows kept in the flow are part of it: both changed.
  await expect(refused).toContainText(`Batch ${batchId} cannot be resumed: since it was started, the flow was edited and the rows changed. Start it fresh`);
  await refused.getByTestId('batch-start-fresh').click();
  await expect(batch).toHaveAttribute('data-status', 'ok', { timeout: 30_000 });
  await expect(batch.getByTestId('batch-row')).toHaveCount(1);
  await expect(batch.getByTestId('batch-outdir')).not.toContainText(batchId);
});

test('a flow without inputs offers to declare them from the pasted rows’ columns', async ({ page }) => {
  page.once('dialog', (d) => void d.accept());
  await page.getByTestId('file-new').click();
  await expect(page.getByTestId('step-row')).toHaveCount(0);
  await page.getByTestId('dock-tab-inputs').click();
  const panel = page.getByTestId('inputs-panel');
  await expect(panel.getByTestId('inputs-declare')).toContainText('This flow declares no inputs');
  await panel.getByTestId('inputs-draft').fill('{"url": "http://127.0.0.1/a", "page": 1}\n{"url": "http://127.0.0.1/b", "page": 2}\n');
  await panel.getByTestId('inputs-declare-button').click();
  await expect(panel.getByTestId('inputs-columns')).toHaveValue('url, page');
  await expect(panel.getByTestId('inputs-count')).toHaveAttribute('data-count', '2');
  await expect(page.getByTestId('dock-tab-inputs')).toContainText('2');
  // Undo takes the declaration back.
  await page.getByTestId('undo').click();
  await expect(panel.getByTestId('inputs-declare')).toBeVisible();
});
