// Picker calls on top of the preview service's channels: hit test, keyboard navigation, live
// match of any selector (browser CSS in the isolated world, Playwright's engine for text=/>>),
// and select-similar. Candidates get `crawl4aiValid` here (soupsieve check runs in Node).
import { ApiError } from '../../shared/api/define.js';
import type { MatchResult, PickedElement } from '../../shared/api/domains/preview.js';
import type { PickerElementInfo, PickerMatch } from '../../shared/selectors/runtime.js';
import type { PBox } from '../../shared/selectors/dom.js';
import type { TargetCheck, TargetChoice } from '../../shared/selectors/target.js';
import type { ItemsChoice, LoginFormHint, PaginationHints } from '../../shared/selectors/pager.js';
import type { PreviewService } from './service.js';
import { PickerScriptError } from './picker-world.js';
import { checkCrawl4aiSelector } from '../../shared/extract/selector-compat.js';

export interface DescribeOpts {
  relativeTo?: string;
  prefer?: 'unique' | 'repeated';
  target?: boolean;
}

function finish(info: PickerElementInfo | null): PickedElement | null {
  if (!info) return null;
  const check = checkCrawl4aiSelector;
  const candidates = info.candidates.map((c) => {
    const v = c.css ? check(c.selector) : { ok: false, reason: 'not CSS' };
    return { ...c, crawl4aiValid: v.ok, ...(c.note || v.reason ? { note: c.note ?? `Not valid for Crawl4AI: ${v.reason}` } : {}) };
  });
  return { ...info, candidates };
}

function wrap(e: unknown): never {
  if (e instanceof ApiError) throw e;
  if (e instanceof PickerScriptError) throw new ApiError('bad_args', e.message);
  throw new ApiError('failed', `picker: ${(e as Error).message ?? String(e)}`);
}

export async function hitTest(s: PreviewService, sessionId: string, x: number, y: number, opts: DescribeOpts): Promise<PickedElement | null> {
  const ch = await s.channel(sessionId);
  return finish(await ch.world.call<PickerElementInfo | null>('hitTest', x, y, opts).catch(wrap));
}

export async function navigate(s: PreviewService, sessionId: string, direction: 'parent' | 'child' | 'next' | 'prev', opts: DescribeOpts): Promise<PickedElement | null> {
  const ch = await s.channel(sessionId);
  return finish(await ch.world.call<PickerElementInfo | null>('navigate', direction, opts).catch(wrap));
}

export async function match(s: PreviewService, sessionId: string, selector: string, opts: { relativeTo?: string; framePath?: string[]; shadowPath?: string[]; limit?: number }): Promise<MatchResult> {
  const ch = await s.channel(sessionId);
  const check = checkCrawl4aiSelector;
  const valid = selector.trim() ? check(selector) : { ok: false, reason: 'empty selector' };
  if (!selector.trim()) return { count: 0, boxes: [], engine: 'css', crawl4aiValid: false, error: 'empty selector' };
  const r = await ch.world.call<PickerMatch>('match', selector, opts).catch(wrap);
  if (r.error === 'playwright-only') {
    if (opts.relativeTo) return { count: 0, boxes: [], engine: 'playwright', crawl4aiValid: false, error: 'Playwright selectors cannot be relative to an item (extraction schemas need CSS)' };
    if (opts.framePath?.length || opts.shadowPath?.length) return { count: 0, boxes: [], engine: 'playwright', crawl4aiValid: false, error: 'Playwright selectors are matched in the top document only' };
    try {
      const boxes = await ch.page.locator(selector).evaluateAll(
        (els, limit) =>
          els.slice(0, limit).map((e) => {
            const b = e.getBoundingClientRect();
            return { x: b.left, y: b.top, width: b.width, height: b.height };
          }),
        opts.limit ?? 500,
      );
      const count = await ch.page.locator(selector).count();
      return { count, boxes: boxes as PBox[], engine: 'playwright', crawl4aiValid: false, note: "Playwright selector: fine for wait_for (css:…), not for Crawl4AI's extraction schemas" };
    } catch (e) {
      return { count: 0, boxes: [], engine: 'playwright', crawl4aiValid: false, error: String((e as Error).message).split('\n')[0] };
    }
  }
  return {
    ...r,
    engine: 'css',
    crawl4aiValid: !r.error && valid.ok,
    ...(!r.error && !valid.ok ? { note: `Browser-only: ${valid.reason}` } : {}),
  };
}

type Scope = { framePath?: string[]; shadowPath?: string[] };

export async function target(s: PreviewService, sessionId: string, selectors: string[], opts: Scope & { preferred?: string }): Promise<TargetChoice | null> {
  const ch = await s.channel(sessionId);
  return ch.world.call<TargetChoice | null>('target', selectors, opts).catch(wrap);
}

export async function check(s: PreviewService, sessionId: string, selectors: string[], opts: Scope): Promise<TargetCheck[]> {
  const ch = await s.channel(sessionId);
  return ch.world.call<TargetCheck[]>('check', selectors, opts).catch(wrap);
}

export async function items(s: PreviewService, sessionId: string, selectors: string[]): Promise<ItemsChoice | null> {
  const ch = await s.channel(sessionId);
  return ch.world.call<ItemsChoice | null>('items', selectors).catch(wrap);
}

export async function paginationHints(s: PreviewService, sessionId: string): Promise<PaginationHints> {
  const ch = await s.channel(sessionId);
  return ch.world.call<PaginationHints>('paginationHints').catch(wrap);
}

export async function loginForm(s: PreviewService, sessionId: string, demoHost: string | null): Promise<LoginFormHint | null> {
  const ch = await s.channel(sessionId);
  return ch.world.call<LoginFormHint | null>('loginForm', demoHost).catch(wrap);
}

export async function similar(s: PreviewService, sessionId: string, selectors: string[], opts: { framePath?: string[]; shadowPath?: string[]; limit?: number }) {
  const ch = await s.channel(sessionId);
  const r = await ch.world
    .call<{ selector: string; count: number; boxes: PBox[]; alternatives: Array<{ selector: string; count: number }> }>('similar', selectors, opts)
    .catch(wrap);
  return { ...r, crawl4aiValid: checkCrawl4aiSelector(r.selector).ok };
}
