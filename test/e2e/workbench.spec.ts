// The workbench (issue #16): the preview-first layout and the bugs a new user hit, each pinned by a
// test against the real UI in web mode, with the real engine and the demo site.
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test, type Page } from '@playwright/test';
import { apiCall, demoUrl, openApp } from './fixtures.js';
import { setMonaco, typeSchemaJsonDraft } from './builder-helpers.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

type Box = { x: number; y: number; width: number; height: number };

/** Own session id: other specs drive the demo flow's "demo" session on the same server. */
const SID = 'workbench-e2e';

async function openSession(page: Page, path: string, id = SID): Promise<void> {
  await apiCall(page, 'session.create', { id, url: demoUrl + path });
  await page.getByLabel('Session', { exact: true }).selectOption(id);
  await expect(page.getByTestId('preview-canvas')).toHaveAttribute('data-frames', /\d+/, { timeout: 20_000 });
}

async function boxOf(page: Page, selector: string, sessionId = SID): Promise<Box> {
  const m = await apiCall<{ count: number; boxes: Box[] }>(page, 'picker.match', { sessionId, selector });
  expect(m.count, `${selector} should exist in the session page`).toBeGreaterThan(0);
  return m.boxes[0];
}

/** The canvas's box once the layout has settled (fonts, panes, the first frames). */
async function stableBox(page: Page): Promise<Box> {
  const canvas = page.getByTestId('preview-canvas');
  let r = (await canvas.boundingBox())!;
  for (let i = 0; i < 30; i++) {
    await page.waitForTimeout(100);
    const next = (await canvas.boundingBox())!;
    if (JSON.stringify(next) === JSON.stringify(r)) return r;
    r = next;
  }
  return r;
}

/** Page CSS px → window px, through the canvas's box as it is drawn right now. */
async function toScreen(page: Page, p: { x: number; y: number }): Promise<{ x: number; y: number }> {
  return page.getByTestId('preview-canvas').evaluate((c: HTMLCanvasElement, pt) => {
    const r = c.getBoundingClientRect();
    const vw = Number(c.dataset.viewportWidth || c.width);
    const vh = Number(c.dataset.viewportHeight || c.height);
    return { x: r.left + (pt.x / vw) * r.width, y: r.top + (pt.y / vh) * r.height };
  }, p);
}

test.afterEach(async ({ page }) => {
  await apiCall(page, 'session.kill', { id: SID }).catch(() => undefined);
});

test('bug 2: asking for a pick (wait_for → Pick) does not move the page image, so the click picks what was under the cursor', async ({ page }) => {
  await openApp(page);
  await page.getByTestId('step-row').first().click();
  await openSession(page, '/products');
  const canvas = page.getByTestId('preview-canvas');
  const before = await stableBox(page);
  // The user aims at the second product's name before entering pick mode.
  const target = (await apiCall<{ boxes: Box[] }>(page, 'picker.match', { sessionId: SID, selector: '#products .product h2.name' })).boxes[1];
  const aim = await toScreen(page, { x: target.x + target.width / 2, y: target.y + target.height / 2 });
  await page.getByTestId('pick-wait_for').click();
  await expect(page.getByTestId('pick-toggle')).toHaveAttribute('aria-pressed', 'true');
  expect(await canvas.boundingBox()).toEqual(before);
  await page.mouse.move(aim.x, aim.y);
  await page.mouse.click(aim.x, aim.y);
  await expect(page.getByTestId('pick-toggle')).toHaveAttribute('aria-pressed', 'false');
  const picked = (await page.getByLabel('wait_for CSS selector').inputValue()).trim();
  // The picked selector matches the element that was under the cursor.
  const m = await apiCall<{ count: number; boxes: Box[] }>(page, 'picker.match', { sessionId: SID, selector: picked });
  expect(m.boxes.some((b) => Math.abs(b.x - target.x) < 1 && Math.abs(b.y - target.y) < 1), `${picked} should match the aimed-at title`).toBe(true);
});

test('picking is exact at any zoom: 50%, 150% scrolled, and fit', async ({ page }) => {
  await openApp(page);
  await openSession(page, '/products');
  const target = (await apiCall<{ boxes: Box[] }>(page, 'picker.match', { sessionId: SID, selector: '#products .product h2.name' })).boxes[2];
  const centre = { x: target.x + target.width / 2, y: target.y + target.height / 2 };
  const expected = (await apiCall<{ element: { tagName: string; text: string } }>(page, 'picker.hitTest', { sessionId: SID, ...centre })).element;
  expect(expected.tagName).toBe('h2');
  const stage = page.getByTestId('preview-stage');
  for (const zoom of ['0.5', '1.5', 'fit']) {
    await page.getByTestId('preview-zoom').selectOption(zoom);
    if (zoom !== 'fit') await expect(stage).toHaveAttribute('data-scale', Number(zoom).toFixed(4));
    if (zoom === '1.5') {
      // Larger than the pane: the pane scrolls; bring the target into view the way a user would.
      await page.getByTestId('preview-viewport').evaluate((el, t) => el.scrollTo(t.x * 1.5 - 80, t.y * 1.5 - 80), centre);
    }
    await stableBox(page);
    const pt = await toScreen(page, centre);
    await page.getByTestId('pick-toggle').click();
    await page.mouse.move(pt.x, pt.y);
    await page.mouse.click(pt.x, pt.y);
    await expect(page.getByTestId('pick-toggle')).toHaveAttribute('aria-pressed', 'false');
    const strip = page.getByTestId('picker-strip');
    await expect(strip.locator('.picker-tag'), `zoom ${zoom}`).toHaveText('<h2>');
    await expect(strip.locator('.picker-text'), `zoom ${zoom}`).toHaveText(expected.text);
  }
  // Ctrl+wheel over the page zooms in from fit (and the choice is remembered).
  const scaleBefore = Number(await stage.getAttribute('data-scale'));
  const box = (await stage.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.keyboard.down('Control');
  await page.mouse.wheel(0, -100);
  await page.keyboard.up('Control');
  await expect.poll(async () => Number(await stage.getAttribute('data-scale'))).toBeGreaterThan(scaleBefore);
  await page.reload();
  await expect(page.getByTestId('preview-zoom')).not.toHaveValue('fit');
  await page.getByTestId('preview-zoom').selectOption('fit');
});

test('bug 11: one viewport entry per size; a repeated step is labelled #1, #2 in the run table and the log, as its tabs are', async ({ page }) => {
  await openApp(page);
  await page.getByTestId('step-row').first().click();
  await openSession(page, '/list');
  const labels = await page.getByLabel('Viewport size').locator('option').allTextContents();
  const sizes = labels.map((l) => l.match(/\d+×\d+/)?.[0]).filter(Boolean);
  expect(sizes.length).toBeGreaterThan(3);
  expect(new Set(sizes).size, labels.join(' | ')).toBe(sizes.length);

  await page.getByTestId('run-all').click();
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'ok', { timeout: 45_000 });
  await page.getByTestId('step-row').filter({ hasText: 'Next page' }).click();
  await page.getByTestId('dock-tab-results').click();
  // Each tab reads "#N" followed by its item-count badge.
  const tabs = await page.getByTestId('iteration-tab').evaluateAll((els) => els.map((e) => e.textContent!.slice(0, e.textContent!.length - (e.querySelector('.badge')?.textContent ?? '').length)));
  expect(tabs).toEqual(['#1', '#2']);
  await page.getByTestId('results-scope').selectOption('all');
  const table = page.getByTestId('results-table');
  const headers = await table.locator('thead th').allTextContents();
  const col = headers.indexOf('step ▸');
  const stepCells = await table.locator(`tbody tr td:nth-child(${col + 1})`).allTextContents();
  expect([...new Set(stepCells.filter((c) => c.startsWith('Next page')))]).toEqual(['Next page #1', 'Next page #2']);
  // The step that runs once keeps its plain name.
  expect(stepCells).toContain('Open members and extract page 1');
  await page.getByTestId('dock-tab-log').click();
  const log = (await page.getByTestId('log-line').allTextContents()).join('\n');
  expect(log).toMatch(/✓ Next page #1: /);
  expect(log).toMatch(/✓ Next page #2: /);
});

test('bug 4: dialogs take the focus, keep Tab inside, close on Esc and give the focus back', async ({ page }) => {
  await openApp(page);
  for (const [opener, dialog] of [
    ['export-open', 'export-dialog'],
    ['doc-title', 'flow-settings'],
    ['shortcuts', 'shortcuts-help'],
    ['file-open', 'file-dialog'],
  ] as const) {
    await page.getByTestId(opener).click();
    const d = page.getByTestId(dialog);
    await expect(d).toBeVisible();
    await expect.poll(() => d.evaluate((el) => el.contains(document.activeElement)), `${dialog} has the focus`).toBe(true);
    for (let i = 0; i < 12; i++) await page.keyboard.press('Tab');
    expect(await d.evaluate((el) => el.contains(document.activeElement)), `Tab stays inside ${dialog}`).toBe(true);
    await page.keyboard.press('Escape');
    await expect(d).toBeHidden();
    await expect(page.getByTestId(opener)).toBeFocused();
  }
});

test('bug 1: a new, empty schema shows no items of another step, and New does not show the old flow\'s rows', async ({ page }) => {
  test.setTimeout(120_000);
  await openApp(page);
  const rows = page.getByTestId('step-row');
  await rows.nth(2).click(); // "Open members and extract page 1" (has a schema)
  await page.getByTestId('run-to').click();
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'ok', { timeout: 45_000 });
  await page.getByTestId('inspector-tab-schema').click();
  await expect(page.getByTestId('schema-status')).toContainText('10 items', { timeout: 20_000 });
  await expect(page.getByTestId('base-count')).toHaveText('10');

  // Another step, a fresh schema: nothing to show yet.
  await rows.nth(0).click();
  await page.getByTestId('schema-create').click();
  await expect(page.getByTestId('base-selector')).toHaveValue('');
  await page.waitForTimeout(1000); // past the tester's debounce
  await expect(page.getByTestId('result-row')).toHaveCount(0);
  await expect(page.getByTestId('base-count')).toHaveCount(0);
  await expect(page.getByTestId('schema-status')).not.toContainText('items');

  // A new flow: its extract step's schema is tested on its own session ("main", not live here:
  // other specs may have left one), not on the demo's.
  await apiCall(page, 'session.kill', { id: 'main' }).catch(() => undefined);
  page.once('dialog', (d) => void d.accept());
  await page.getByTestId('file-new').click();
  await expect(rows).toHaveCount(0);
  await page.getByTestId('add-step').click();
  await page.getByTestId('add-step-extract').click();
  await page.getByTestId('inspector-tab-schema').click();
  await page.waitForTimeout(1000);
  await expect(page.getByTestId('result-row')).toHaveCount(0);
  await expect(page.getByTestId('schema-status')).not.toContainText('10 items');
  await expect(page.getByTestId('schema-session')).toHaveValue('main');
  await expect(page.getByText('“main” is not running')).toBeVisible();
});

test('bug 7: clearing a step\'s session_id keeps the preview and the tester on the session they showed; undo brings the step back to it', async ({ page }) => {
  await openApp(page);
  await apiCall(page, 'session.create', { id: 'workbench-other', url: demoUrl + '/list' });
  await apiCall(page, 'session.create', { id: SID, url: demoUrl + '/products' });
  const rows = page.getByTestId('step-row');
  await rows.nth(2).click(); // has an extraction schema
  const field = page.getByTestId('opt-session_id');
  await field.fill(SID);
  const previewSession = page.getByLabel('Session', { exact: true });
  await expect(previewSession).toHaveValue(SID);
  await page.getByTestId('inspector-tab-schema').click();
  await expect(page.getByTestId('schema-session')).toHaveValue(SID);

  await page.getByTestId('inspector-tab-step').click();
  // Typing into one field within a second is one undo step: make the clearing an undo step of its own.
  await page.waitForTimeout(1100);
  await field.fill('');
  await page.getByTestId('inspector-tab-schema').click();
  await expect(previewSession).toHaveValue(SID);
  await expect(page.getByTestId('schema-session')).toHaveValue(SID);

  // Undo (outside the text field) restores the step's session_id; both still show it.
  await rows.nth(2).click();
  await page.keyboard.press('ControlOrMeta+z');
  await page.getByTestId('inspector-tab-step').click();
  await expect(field).toHaveValue(SID);
  await expect(previewSession).toHaveValue(SID);
  await apiCall(page, 'session.kill', { id: 'workbench-other' });
});

test('bug 6: the match bar follows the page and the field: new matches appear without a navigation; typing a new selector replaces the old count', async ({ page }) => {
  await openApp(page);
  await page.getByTestId('step-row').first().click(); // wait_for is css:
  await page.getByTestId('opt-session_id').fill(SID);
  await openSession(page, '/list');
  const input = page.getByLabel('wait_for CSS selector');
  await input.fill('.cw-added');
  await input.hover();
  const bar = page.getByTestId('preview-match');
  await expect(bar).toContainText('.cw-added');
  await expect(bar).toHaveAttribute('data-count', '0');
  // The page changes under the same selector (no navigation, no input in the preview).
  await apiCall(page, 'snippet.eval', { sessionId: SID, code: "for (let i = 0; i < 3; i++) document.body.append(Object.assign(document.createElement('p'), { className: 'cw-added', textContent: 'added ' + i }));" });
  await expect(bar).toHaveAttribute('data-count', '3');

  // Typing into the hovered field: the bar shows the new selector, not the old one's count.
  await input.click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type('.never-appears');
  await expect(bar).toContainText('.never-appears');
  await expect(bar).toHaveAttribute('data-count', '0');
  await expect(bar).not.toContainText('.cw-added');
});

test('bug 9: fast typing into the schema JSON editors lands exactly as typed (the two-way sync never rewrites text under the cursor)', async ({ page }) => {
  await openApp(page);
  await page.getByTestId('step-row').nth(2).click();
  const base = '{"name": "X", "baseSelector": "#members li.member", "fields": [{"name": "n", "selector": ".name", "type": "text"}]}';
  // Typing a new key: the text goes invalid and valid again with Monaco's auto-closed quotes, and
  // each valid state goes to the flow and comes back as a (by then older) value.
  const edits: Array<[number, string]> = [
    [1, '"oops": 1, '],
    [11, 'abcdefghijklmnop'],
    [1, '"oops": "v", '],
    [13, ' "oops": 2,'],
  ];
  for (const [testId, open] of [
    ['schema-json-editor', async () => {
      await page.getByTestId('inspector-tab-schema').click();
      await page.getByTestId('schema-view-json').click();
    }],
    ['editor-extraction-schema', async () => page.getByTestId('inspector-tab-step').click()],
  ] as const) {
    await open();
    for (const [pos, typed] of edits) {
      await setMonaco(page, testId, base);
      await page.keyboard.press('ControlOrMeta+Home');
      for (let i = 0; i < pos; i++) await page.keyboard.press('ArrowRight');
      await page.keyboard.type(typed);
      await page.waitForTimeout(300);
      const text = await page.getByTestId(testId).evaluate((el) => (el.querySelector('.view-lines') as HTMLElement).innerText.replace(/\u00a0/g, ' ').replace(/\n/g, ''));
      expect(text, `${testId}: typed ${JSON.stringify(typed)} at ${pos}`).toBe(base.slice(0, pos) + typed + base.slice(pos));
    }
  }
});

test('bug 3: Save refuses while a schema JSON editor holds invalid text, says where, and keeps the draft (across tabs too)', async ({ page }) => {
  await openApp(page);
  const dir = resolve(root, 'test-results', 'workbench-files');
  mkdirSync(dir, { recursive: true });
  const file = resolve(dir, `drafts-${Date.now()}.flow.json`);
  // Saved once, so Save writes straight to the file.
  await page.getByTestId('file-save-as').click();
  await page.getByTestId('file-dialog-dir').fill(dir);
  await page.getByTestId('file-dialog-dir').press('Enter');
  await page.getByTestId('file-dialog-name').fill(basename(file));
  await page.getByTestId('file-dialog-ok').click();
  await expect(page.getByTestId('notice')).toContainText('Saved');
  await expect(page.getByTestId('dirty-indicator')).toHaveCount(0);
  const onDisk = readFileSync(file, 'utf8');

  const draft = await typeSchemaJsonDraft(page);
  await expect(page.getByTestId('dirty-indicator')).toBeVisible();
  // The draft outlives leaving the JSON view and the tab.
  await page.getByRole('tab', { name: /^Tree/ }).click();
  await page.getByTestId('inspector-tab-step').click();

  await page.keyboard.press('ControlOrMeta+s');
  await expect(page.getByTestId('notice')).toContainText('Not saved');
  await expect(page.getByTestId('notice')).toContainText('Open members and extract page 1');
  await expect(page.getByTestId('notice')).toContainText('JSON syntax error');
  await expect(page.getByTestId('dirty-indicator')).toBeVisible();
  expect(readFileSync(file, 'utf8')).toBe(onDisk);
  // Save showed the draft: the Schema tab's JSON view with the text as typed.
  await expect(page.getByTestId('schema-json-editor')).toBeVisible();
  const text = await page.getByTestId('schema-json-editor').evaluate((el) => (el.querySelector('.view-lines') as HTMLElement).innerText.replace(/\u00a0/g, ' ').replace(/\n/g, ''));
  expect(text).toBe(draft);

  // Resetting the text from the tree ends the draft: the flow is as saved again.
  await page.getByTestId('schema-json-reset').click();
  await expect(page.getByTestId('dirty-indicator')).toHaveCount(0);
});

test('bug 5: Save As into a folder that is not there says so once and stays open; New folder; the dialog remembers its folder; a reload reopens the flow', async ({ page }) => {
  await openApp(page);
  const dir = resolve(root, 'test-results', 'workbench-files', `save-${Date.now()}`);
  mkdirSync(dir, { recursive: true });
  const dialog = page.getByTestId('file-dialog');
  await page.getByTestId('file-save-as').click();
  await page.getByTestId('file-dialog-dir').fill(dir);
  await page.getByTestId('file-dialog-dir').press('Enter');
  await expect(dialog.getByText('Empty folder')).toBeVisible();
  await page.getByTestId('file-dialog-name').fill('flows/shop.flow.json');
  await page.getByTestId('file-dialog-ok').click();
  // The dialog stays, with one clear message in it; nothing was written.
  const err = page.getByTestId('file-dialog-error');
  await expect(err).toContainText('flows');
  await expect(err).toContainText('does not exist');
  const msg = (await err.textContent())!;
  expect(msg.split('shop.flow.json').length - 1, msg).toBeLessThanOrEqual(1);
  await expect(dialog).toBeVisible();
  await expect(page.getByTestId('file-dialog-name')).toHaveValue('flows/shop.flow.json');

  // New folder, then the same name saves into it.
  await page.getByTestId('file-dialog-new-folder').click();
  await page.getByTestId('file-dialog-folder-name').fill('flows');
  await page.getByTestId('file-dialog-folder-name').press('Enter');
  await expect(dialog.getByTestId('file-entry').filter({ hasText: 'flows' })).toBeVisible();
  await page.getByTestId('file-dialog-ok').click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('notice')).toContainText('Saved');
  expect(existsSync(resolve(dir, 'flows', 'shop.flow.json'))).toBe(true);

  // The next dialog starts where the flow is, a new flow's where the last one was — not at home.
  await page.getByTestId('file-save-as').click();
  await expect(page.getByTestId('file-dialog-dir')).toHaveValue(resolve(dir, 'flows'));
  await page.keyboard.press('Escape');
  page.once('dialog', (d) => void d.accept());
  await page.getByTestId('file-new').click();
  await page.getByTestId('file-open').click();
  await expect(page.getByTestId('file-dialog-dir')).toHaveValue(resolve(dir, 'flows'));
  await dialog.getByTestId('file-entry').filter({ hasText: 'shop.flow.json' }).click();
  await page.getByTestId('file-dialog-ok').click();
  await expect(page.getByTestId('doc-title')).toContainText('shop.flow.json');

  // A reload reopens the flow this window had open.
  await page.reload();
  await expect(page.getByTestId('step-row').first()).toBeVisible();
  await expect(page.getByTestId('doc-title')).toContainText('shop.flow.json');
});

test('help: each Crawl4AI option links to its docs page; field types explain themselves with an example; sessions are explained on first use', async ({ page }) => {
  await openApp(page);
  const rows = page.getByTestId('step-row');
  await rows.nth(2).click(); // "Open members and extract page 1": a session step with a schema

  // Option help links to the Crawl4AI docs page for that option, opening outside the app.
  const docs = {
    session_id: 'https://docs.crawl4ai.com/advanced/session-management/',
    js_only: 'https://docs.crawl4ai.com/advanced/session-management/',
    wait_for: 'https://docs.crawl4ai.com/core/page-interaction/',
    js_code: 'https://docs.crawl4ai.com/core/page-interaction/',
    css_selector: 'https://docs.crawl4ai.com/core/content-selection/',
    extraction_strategy: 'https://docs.crawl4ai.com/extraction/no-llm-strategies/',
    cache_mode: 'https://docs.crawl4ai.com/core/cache-modes/',
  };
  for (const [name, href] of Object.entries(docs)) {
    const link = page.getByTestId(`docs-${name}`);
    await expect(link, name).toHaveAttribute('href', href);
    await expect(link).toHaveAttribute('target', '_blank');
  }
  // Crawlwright's own options are not Crawl4AI's: no Crawl4AI link.
  await expect(page.getByTestId('field-repeat')).toBeVisible();
  await expect(page.getByTestId('docs-repeat')).toHaveCount(0);

  // The step uses a session: the panel explains sessions and js_only until dismissed, and stays dismissed.
  const help = page.getByTestId('sessions-help');
  await expect(help).toContainText('share one live page');
  await expect(help).toContainText('js_only');
  await expect(page.getByTestId('docs-sessions')).toHaveAttribute('href', docs.session_id);
  await page.getByTestId('sessions-help-dismiss').click();
  await expect(help).toHaveCount(0);
  await rows.nth(0).click();
  await rows.nth(2).click();
  await expect(help).toHaveCount(0);
  await page.getByTestId('sessions-help-open').click();
  await expect(help).toBeVisible();
  await page.reload();
  await rows.nth(2).click();
  await expect(page.getByTestId('sessions-help-open')).toBeVisible();
  await expect(help).toHaveCount(0);

  // The schema editor says what the chosen field type does, with a one-line example, and lists them all.
  await page.getByTestId('inspector-tab-schema').click();
  await page.getByTestId('schema-field-row').first().click();
  const typeHelp = page.getByTestId('field-type-help');
  await page.getByTestId('field-type').selectOption('attribute');
  await expect(typeHelp).toContainText('One attribute of the element');
  await expect(typeHelp.locator('code.example').first()).toHaveText('{"name": "link", "selector": "a", "type": "attribute", "attribute": "href"}');
  await page.getByTestId('field-type').selectOption('(pipeline)');
  await expect(typeHelp).toContainText('single-value steps run in order');
  await typeHelp.getByText('All field types').click();
  for (const t of ['text', 'attribute', 'html', 'regex', 'nested', 'list', 'nested_list', 'computed', '[…] pipeline']) {
    await expect(typeHelp.locator('dt', { hasText: t }).first(), t).toBeVisible();
  }
  await expect(page.getByTestId('docs-field-types')).toHaveAttribute('href', docs.extraction_strategy);
});
