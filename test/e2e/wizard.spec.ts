// The pagination wizard in the real UI (web mode, real Chromium, the demo site), on every demo
// pagination style. The user opens the page (recorded: the URL bar), picks one item of the list,
// "Extract these items", and the wizard — opened by itself when the page has a next / load-more
// control, else through "Paginate…" — adds the loop. No selector and no JavaScript is typed. The
// run must end "ok" (not "finished with warnings") with every item once, in page order.
import { expect, test, type Page } from '@playwright/test';
import { apiCall, collectPageErrors, demoUrl, openApp } from './fixtures.js';
import { waitForRunEnd } from './builder-helpers.js';
import { goTo, pickIn, runItems, sessionAt, startRecording, stopRecording } from './preview-helpers.js';

const SID = 'main';

interface Case {
  name: string;
  path: string;
  /** The test's own lookup of the first item's title (to click it in the preview). */
  first: string;
  /** The style the wizard should detect, or the one the user chooses. */
  kind: 'next' | 'load-more' | 'scroll' | 'url';
  /** The user picks this style in the wizard (it detected another one). */
  choose?: boolean;
  /** No pager on the page: the wizard is opened with "Paginate…". */
  viaPaginate?: boolean;
  iterations: number | null;
  /** Item numbers in page order, and how to read one from an item. */
  expected: number[];
  key: RegExp;
}

const range = (from: number, n: number, step = 1) => Array.from({ length: n }, (_, k) => from + k * step);
const ITEM = /"Item (\d+):/;

const CASES: Case[] = [
  { name: 'client-side Next button (/list)', path: '/list', first: '#items li .title', kind: 'next', iterations: 4, expected: range(1, 50), key: ITEM },
  { name: 'Next link with page loads (/pages)', path: '/pages', first: '#items li .title', kind: 'next', iterations: 4, expected: range(1, 50), key: ITEM },
  { name: 'URL ?page=N (/pages)', path: '/pages', first: '#items li .title', kind: 'url', choose: true, iterations: 4, expected: range(1, 50), key: ITEM },
  { name: 'load more (/load-more)', path: '/load-more', first: '#items li .title', kind: 'load-more', iterations: null, expected: range(1, 50), key: ITEM },
  { name: 'infinite scroll (/infinite)', path: '/infinite', first: '#feed li .title', kind: 'scroll', viaPaginate: true, iterations: null, expected: range(1, 100), key: ITEM },
  { name: 'GitHub-style commits, client-side (/commits)', path: '/commits', first: '#commit-list li h4 a', kind: 'next', iterations: null, expected: range(2999, 50, -1), key: /\(#(\d+)\)/ },
];

test.describe.configure({ timeout: 150_000 });

test.afterEach(async ({ page }) => {
  await apiCall(page, 'session.kill', { id: SID }).catch(() => undefined);
});

async function openPage(page: Page, path: string): Promise<void> {
  await startRecording(page, SID);
  await goTo(page, `${demoUrl}${path}`);
  await sessionAt(page, SID, new RegExp(`${path.replace('/', '\\/')}$`));
  await expect(page.getByTestId('step-row')).toHaveCount(1);
  await stopRecording(page);
}

for (const c of CASES) {
  test(`wizard: ${c.name} → ${c.expected.length} items in order, run ok`, async ({ page }) => {
    const errors = collectPageErrors(page);
    await openApp(page);
    await openPage(page, c.path);
    await pickIn(page, SID, c.first);
    await page.getByTestId('picker-extract-items').click();
    await expect(page.getByTestId('step-row')).toHaveCount(2);
    if (c.viaPaginate) {
      await expect(page.getByTestId('pagination-wizard')).toHaveCount(0);
      await page.getByTestId('picker-paginate').click();
    }
    const wizard = page.getByTestId('pagination-wizard');
    await expect(wizard).toBeVisible();
    if (c.choose) await wizard.getByTestId(`wizard-kind-${c.kind}`).check();
    await expect(wizard.getByTestId(`wizard-kind-${c.kind}`)).toBeChecked();
    const plan = wizard.getByTestId('wizard-plan');
    await expect(plan).toHaveAttribute('data-iterations', c.iterations === null ? '' : String(c.iterations));
    await wizard.getByTestId('wizard-add').click();
    await expect(wizard).toHaveCount(0);

    await apiCall(page, 'session.kill', { id: SID });
    await page.keyboard.press('F5');
    expect(await waitForRunEnd(page, 120_000)).toBe('ok');
    for (const row of await page.getByTestId('step-row').all()) await expect(row).toHaveAttribute('data-status', 'ok');

    const items = await runItems(page);
    const keys = items.map((it) => Number(c.key.exec(JSON.stringify(it))?.[1] ?? NaN));
    console.log(`${c.name}: ${items.length} items`);
    expect(keys).toEqual(c.expected);
    expect(errors).toEqual([]);
  });
}
