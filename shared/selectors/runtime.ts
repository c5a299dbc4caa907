// The picker runtime: the entry of the picker script, evaluated once per document in an isolated
// world (electron/preview/picker-script.ts bundles this folder). It only reads the DOM; the
// overlay is drawn by the renderer from the boxes returned here.
import { countExactText, generateCandidates, innermostItem, uniqueSelector, type RawCandidate } from './candidates.js';
import { composedFirstChild, composedParent, deepElementFromPoint, framesOf, normText, rootAtScope, rootOf, shadowHostsOf, topBox, type PBox } from './dom.js';
import { selectSimilar } from './similar.js';
import { itemsChoice, loginForm, paginationHints, type ItemsChoice, type LoginFormHint, type PaginationHints } from './pager.js';
import { checkTarget, chooseLandmark, chooseTarget, landmarkKeys, type TargetCheck, type TargetChoice } from './target.js';

export interface PickerDescribeOptions {
  relativeTo?: string;
  prefer?: 'unique' | 'repeated';
  /** Also choose the stored form (unique primary + alternates); done on picks, not on hover. */
  target?: boolean;
}

export interface PickerElementInfo {
  tagName: string;
  text: string;
  attributes: Record<string, string>;
  box: PBox;
  candidates: RawCandidate[];
  selector: string;
  inShadowRoot: boolean;
  shadowHostBoxes: PBox[];
  framePath: string[];
  shadowPath: string[];
  frameBoxes: PBox[];
  notes: string[];
  itemSelector?: string;
  itemBox?: PBox;
  target?: TargetChoice;
}

export interface PickerMatch {
  count: number;
  boxes: PBox[];
  items?: number;
  itemsWithMatch?: number;
  itemBoxes?: PBox[];
  error?: string;
}

const SHADOW_NOTE =
  "Inside a shadow root: Crawl4AI's captured HTML (page.content()) does not contain it. Set flatten_shadow_dom=True on the step, or copy it into the light DOM with js_code. wait_for css: still works (Playwright's CSS pierces open shadow roots).";
const FRAME_NOTE =
  "Inside an iframe: the selector is relative to the frame's document. Crawl4AI only sees iframe content with process_iframes=True (inlined into the page HTML); wait_for css: does not enter frames.";

const CROSS_ORIGIN_NOTE =
  "A cross-origin iframe: its content cannot be picked in the preview. Crawl4AI includes iframe content only with process_iframes=True; or open the frame's URL as its own step.";

function sameOriginDoc(el: Element): boolean {
  try {
    return !!(el as HTMLIFrameElement).contentDocument;
  } catch {
    return false;
  }
}

function attributesOf(el: Element): Record<string, string> {
  const out: Record<string, string> = {};
  for (const a of Array.from(el.attributes).slice(0, 30)) out[a.name] = a.value.length > 300 ? a.value.slice(0, 300) + '…' : a.value;
  return out;
}

function itemsFor(el: Element, relativeTo: string | undefined): Element[] | null {
  if (!relativeTo) return null;
  try {
    return Array.from(rootOf(el).querySelectorAll(relativeTo));
  } catch {
    return null;
  }
}

export function describeElement(el: Element, opts: PickerDescribeOptions = {}): PickerElementInfo {
  const items = itemsFor(el, opts.relativeTo);
  const candidates = generateCandidates(el, { prefer: opts.prefer, items });
  const hosts = shadowHostsOf(el);
  const frames = framesOf(el);
  const notes: string[] = [];
  if (hosts.length) notes.push(SHADOW_NOTE);
  if (frames.length) notes.push(FRAME_NOTE);
  if (/^(IFRAME|FRAME)$/.test(el.tagName) && !sameOriginDoc(el)) notes.push(CROSS_ORIGIN_NOTE);
  const item = items ? innermostItem(el, items) : null;
  if (items && !item) notes.push(`Not inside an item matching ${opts.relativeTo}: pick an element inside one of the ${items.length} items.`);
  const info: PickerElementInfo = {
    tagName: el.localName,
    text: normText(el.textContent).slice(0, 200),
    attributes: attributesOf(el),
    box: topBox(el),
    candidates,
    selector: candidates.find((c) => c.css)?.selector ?? candidates[0]?.selector ?? '',
    inShadowRoot: hosts.length > 0,
    shadowHostBoxes: hosts.map(topBox),
    framePath: frames.map((f) => uniqueSelector(f)),
    shadowPath: hosts.map((h) => uniqueSelector(h)),
    frameBoxes: frames.map(topBox),
    notes,
  };
  if (item && opts.relativeTo) {
    info.itemSelector = opts.relativeTo;
    info.itemBox = topBox(item);
  }
  if (opts.target && !items) info.target = chooseTarget(el);
  return info;
}

function isPlaywrightOnly(sel: string): boolean {
  return /^\s*(text=|xpath=|role=|id=|data-testid=|internal:|\/\/|\.\.)/.test(sel) || sel.includes('>>') || /:(has-text|text|text-is|text-matches|visible|nth-match|right-of|left-of|above|below|near)\(/.test(sel);
}

function boxesOf(els: Element[], limit: number): PBox[] {
  const out: PBox[] = [];
  for (let i = 0; i < els.length && out.length < limit; i++) out.push(topBox(els[i]));
  return out;
}

export class PickerRuntime {
  current: Element | null = null;
  constructor(readonly top: Document) {}

  hitTest(x: number, y: number, opts: PickerDescribeOptions = {}): PickerElementInfo | null {
    const el = deepElementFromPoint(this.top, x, y);
    this.current = el;
    return el ? describeElement(el, opts) : null;
  }

  navigate(direction: 'parent' | 'child' | 'next' | 'prev', opts: PickerDescribeOptions = {}): PickerElementInfo | null {
    const cur = this.current && this.current.isConnected ? this.current : null;
    if (!cur) return null;
    let next: Element | null = null;
    if (direction === 'parent') next = composedParent(cur);
    else if (direction === 'child') next = composedFirstChild(cur);
    else if (direction === 'next') next = cur.nextElementSibling;
    else next = cur.previousElementSibling;
    // Skip <html>: from a frame's <body> go up to the <iframe> element (null in the top document).
    if (next && next.localName === 'html') next = composedParent(next);
    if (next) this.current = next;
    return describeElement(this.current!, opts);
  }

  /** Browser-CSS matches of `selector` (per item with relativeTo, first match per item like Crawl4AI fields). */
  match(selector: string, opts: { relativeTo?: string; framePath?: string[]; shadowPath?: string[]; limit?: number } = {}): PickerMatch {
    const limit = opts.limit ?? 500;
    if (isPlaywrightOnly(selector)) return { count: 0, boxes: [], error: 'playwright-only' };
    let doc: Document | ShadowRoot;
    try {
      doc = rootAtScope(this.top, opts.framePath, opts.shadowPath);
    } catch (e) {
      return { count: 0, boxes: [], error: (e as Error).message };
    }
    try {
      if (opts.relativeTo) {
        const items = Array.from(doc.querySelectorAll(opts.relativeTo));
        const found: Element[] = [];
        let total = 0;
        let withMatch = 0;
        for (const it of items) {
          const m = it.querySelectorAll(selector);
          total += m.length;
          if (m.length) {
            withMatch++;
            found.push(m[0]);
          }
        }
        return { count: total, boxes: boxesOf(found, limit), items: items.length, itemsWithMatch: withMatch, itemBoxes: boxesOf(items, limit) };
      }
      const els = Array.from(doc.querySelectorAll(selector));
      return { count: els.length, boxes: boxesOf(els, limit) };
    } catch (e) {
      return { count: 0, boxes: [], error: String((e as Error).message || e).replace(/^Failed to execute 'querySelectorAll' on '\w+': /, '') };
    }
  }

  similar(selectors: string[], opts: { framePath?: string[]; shadowPath?: string[]; limit?: number } = {}): { selector: string; count: number; boxes: PBox[]; alternatives: Array<{ selector: string; count: number }>; error?: string } {
    const doc = rootAtScope(this.top, opts.framePath, opts.shadowPath);
    const examples: Element[] = [];
    for (const s of selectors) {
      let el: Element | null = null;
      try {
        el = doc.querySelector(s);
      } catch {
        throw new Error(`invalid selector: ${s}`);
      }
      if (!el) throw new Error(`no element matches ${s}`);
      examples.push(el);
    }
    const root = rootOf(examples[0]);
    const r = selectSimilar(examples, root);
    const els = Array.from(root.querySelectorAll(r.selector));
    return { ...r, boxes: boxesOf(els, opts.limit ?? 500) };
  }

  /**
   * Stored form of an element for actions: `selectors` locate it (the first that matches exactly one
   * element wins); `preferred` becomes the primary when it is unique. Null when none is unique.
   */
  target(selectors: string[], opts: { preferred?: string; framePath?: string[]; shadowPath?: string[] } = {}): TargetChoice | null {
    const doc = rootAtScope(this.top, opts.framePath, opts.shadowPath);
    const el = selectors.map((s) => checkTarget(doc, [s])[0]).find((c) => c.count === 1);
    return el ? chooseTarget(doc.querySelector(el.selector)!, opts.preferred) : null;
  }

  /** Re-check stored selectors on the live page (counts, and whether they select the same element). */
  check(selectors: string[], opts: { framePath?: string[]; shadowPath?: string[] } = {}): TargetCheck[] {
    return checkTarget(rootAtScope(this.top, opts.framePath, opts.shadowPath), selectors);
  }

  /** Stable ids / test ids of the current document (what the next page's landmark must not be). */
  landmarkKeys(): string[] {
    return landmarkKeys(this.top);
  }

  /** A landmark of the current document for `wait_for: "css:…"` that `before` (an earlier page's keys) lacks. */
  landmark(before: string[]): string | null {
    return chooseLandmark(this.top, before);
  }

  /** The repeated items the element located by `selectors` (first unique one) belongs to. */
  items(selectors: string[]): ItemsChoice | null {
    const hit = selectors.map((s) => checkTarget(this.top, [s])[0]).find((c) => c.count === 1);
    return hit ? itemsChoice(this.top.querySelector(hit.selector)!) : null;
  }

  /** The page's next / load-more control and the hints for planned iterations. */
  paginationHints(): PaginationHints {
    return paginationHints(this.top);
  }

  /** The page's login form (user, password, submit) for the Login template. */
  loginForm(demoHost: string | null): LoginFormHint | null {
    return loginForm(this.top, demoHost);
  }

  /** The recorder's flush request: an event on the document, which crosses into the recorder's world. */
  dispatch(name: string): boolean {
    if (!/^__cwrec_flush_[0-9a-f]+$/.test(name)) return false;
    this.top.dispatchEvent(new Event(name));
    return true;
  }

  /** Approximate count of Playwright's text="…" in the top document (benchmarks/tests). */
  textCount(text: string): number {
    return countExactText(this.top, text);
  }
}

/** Installed once per document under a name the page cannot see (isolated world). */
export function installPicker(): PickerRuntime {
  const g = globalThis as unknown as { __crawlwrightPicker?: PickerRuntime };
  if (!g.__crawlwrightPicker || g.__crawlwrightPicker.top !== document) g.__crawlwrightPicker = new PickerRuntime(document);
  return g.__crawlwrightPicker;
}
