// The recorder's page side: listens, in an isolated world of the session page (so the page's own
// scripts neither see nor disturb it), to what the user does in the live preview and reports it
// as recorded actions with stored selectors (target.ts). It never reads a password field's
// value: such a fill is reported as a {{secret:NAME}} placeholder. After an action that may
// change the page it watches the DOM until it settles and reports the region that changed (the
// "watch" items the generated wait_for waits for). Messages go to Node through a CDP binding
// that only this world has. Bundled with the picker modules (electron/preview/picker-script.ts).
import { chooseTarget, landmarkKeys } from './target.js';
import { selectSimilar } from './similar.js';
import { normText } from './dom.js';

export type RecordedMessage =
  | { kind: 'action'; id: number; action: Record<string, unknown>; label: string; url: string; keys: string[]; secret?: string }
  | { kind: 'change'; id: number; watch: string | null; count: number }
  | { kind: 'hello'; url: string; keys: string[] };

const TEXT_INPUT = /^(text|search|email|url|tel|password|number|date|datetime-local|month|week|time|color)$/;
const ACTIONABLE =
  'a[href], button, input, select, textarea, summary, label, [role="button"], [role="link"], [role="tab"], [role="menuitem"], [role="checkbox"], [role="option"], [role="switch"], [onclick]';
/** Quiet period that ends the change watch, and its upper bound. */
const SETTLE_MS = 800;
const WATCH_MAX_MS = 5000;

function isTextField(el: Element): boolean {
  if (el.localName === 'textarea') return true;
  if ((el as HTMLElement).isContentEditable) return true;
  return el.localName === 'input' && TEXT_INPUT.test(((el as HTMLInputElement).type || 'text').toLowerCase());
}

function isSecretField(el: Element): boolean {
  const ac = (el.getAttribute('autocomplete') || '').toLowerCase();
  return (el.localName === 'input' && (el as HTMLInputElement).type === 'password') || /current-password|new-password|one-time-code|cc-number|cc-csc/.test(ac);
}

/** {{secret:NAME}} for a password field: the site's name (host, else the title's site part) + _PASSWORD. */
export function secretNameFor(loc: { hostname: string; host: string }, title: string, demoHost: string | null): string {
  if (demoHost && loc.host === demoHost) return 'DEMO_PASSWORD'; // the built-in demo site's public password
  let site = '';
  if (/[a-z]/i.test(loc.hostname) && loc.hostname !== 'localhost') site = loc.hostname.replace(/^www\./, '').split('.')[0];
  else {
    const parts = title.split(/\s+[·|–—-]\s+/);
    site = parts.length > 1 ? parts[parts.length - 1] : '';
  }
  const clean = site.toUpperCase().replace(/[^A-Z0-9]+/g, '_').replace(/^_+|_+$/g, '').replace(/^(\d)/, '_$1');
  return clean ? `${clean}_PASSWORD` : 'PASSWORD';
}

/**
 * What the user sees as the element's name, for step names. Never a field's value: that may be
 * what was typed (a password among others).
 */
function labelOf(el: Element): string {
  const aria = el.getAttribute('aria-label');
  if (aria) return normText(aria).slice(0, 60);
  if (/^(input|textarea|select)$/.test(el.localName)) {
    const f = el as HTMLInputElement;
    const byLabel = f.labels && f.labels.length ? normText(f.labels[0].textContent) : '';
    const button = /^(submit|button|reset)$/.test(f.type) ? f.value : '';
    return (byLabel || button || f.placeholder || f.name || '').slice(0, 60);
  }
  return normText(el.textContent).slice(0, 60);
}

/** The element a click means: the closest control/link, or the closest element styled clickable. */
function actionableOf(start: Element): Element | null {
  const hit = start.closest(ACTIONABLE);
  if (hit) return hit;
  let cur: Element | null = start;
  for (let i = 0; cur && i < 6 && cur.localName !== 'body'; i++, cur = cur.parentElement) {
    if (getComputedStyle(cur).cursor === 'pointer') return cur;
  }
  return null;
}

/** Items selector for a changed region: its repeated children if it has them, else the region itself. */
function watchOf(region: Element): { watch: string; count: number } {
  const kids = Array.from(region.children).filter((c) => !/^(script|style|template)$/.test(c.localName));
  const same = kids.filter((k) => k.localName === kids[0]?.localName);
  if (same.length >= 2) {
    try {
      const r = selectSimilar([same[0], same[1]], region.getRootNode() as Document);
      if (r.count >= 2) return { watch: r.selector, count: r.count };
    } catch {
      /* fall back to the region */
    }
  }
  return { watch: chooseTarget(region).selector, count: 1 };
}

export interface RecorderHandle {
  stop(): void;
}

/**
 * `flushEvent`: a document event name (per recording) that Node dispatches from another world when
 * the user stops recording: what was typed but not yet committed (no blur, no Enter) is reported.
 */
export function installRecorder(send: (m: RecordedMessage) => void, opts: { demoHost?: string | null; flushEvent?: string } = {}): RecorderHandle {
  let nextId = 1;
  let pendingFill: { el: Element } | null = null;
  let lastAction: { type: string; el: Element; at: number } | null = null;
  let userScrollAt = 0;
  let scrollTimer: ReturnType<typeof setTimeout> | null = null;
  let scrollChanges: { mo: MutationObserver; records: MutationRecord[] } | null = null;
  let watch: { finish(): void } | null = null;
  const keys = () => landmarkKeys(document);

  const emit = (type: string, el: Element | null, extra: Record<string, unknown>, secret?: string): number => {
    const id = nextId++;
    const action: Record<string, unknown> = { type, ...(el ? { target: chooseTarget(el) } : {}), ...extra };
    send({ kind: 'action', id, action, label: el ? labelOf(el) : '', url: location.href, keys: keys(), ...(secret ? { secret } : {}) });
    if (el) lastAction = { type, el, at: Date.now() };
    return id;
  };

  const fillValue = (el: Element): { value: string; secret?: string } => {
    if (isSecretField(el)) {
      const name = secretNameFor(location, document.title, opts.demoHost ?? null);
      return { value: `{{secret:${name}}}`, secret: name }; // the typed value never leaves the page
    }
    return { value: (el as HTMLElement).isContentEditable ? (el.textContent ?? '') : (el as HTMLInputElement).value };
  };

  const flushFill = () => {
    if (!pendingFill) return;
    const { el } = pendingFill;
    pendingFill = null;
    const v = fillValue(el);
    emit('fill', el, { value: v.value }, v.secret);
  };

  /** Watch the DOM after an action until it is quiet; report the region with the most added content. */
  /** `early`: DOM changes since the action began (a scroll is emitted 500 ms after it started). */
  const startWatch = (id: number, acted: Element | null, early: MutationRecord[] = []) => {
    watch?.finish();
    const weight = new Map<Element, number>();
    let last = Date.now();
    const started = last;
    const note = (node: Node | null, w: number) => {
      const el = node && (node.nodeType === 1 ? (node as Element) : node.parentElement);
      if (!el || (acted && (acted === el || acted.contains(el)))) return; // the button's own "Loading…"
      weight.set(el, (weight.get(el) ?? 0) + w);
      last = Date.now();
    };
    const onRecords = (records: MutationRecord[]) => {
      for (const r of records) {
        if (r.type === 'childList') {
          let added = 0;
          r.addedNodes.forEach((n) => (added += n.nodeType === 1 ? 1 : 0));
          note(r.target, added || (r.removedNodes.length ? 0.01 : 0));
        } else if (r.type === 'characterData') note(r.target, 0.5);
      }
    };
    onRecords(early);
    const mo = new MutationObserver(onRecords);
    mo.observe(document.documentElement, { childList: true, subtree: true, characterData: true });
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      clearInterval(timer);
      mo.disconnect();
      if (watch === handle) watch = null;
      let region: Element | null = null;
      let best = 0;
      for (const [el, w] of weight) if (el.isConnected && w > best) (best = w), (region = el);
      if (!region || best < 0.5) return send({ kind: 'change', id, watch: null, count: 0 });
      const r = watchOf(region);
      send({ kind: 'change', id, watch: r.watch, count: r.count });
    };
    const timer = setInterval(() => {
      const now = Date.now();
      if ((weight.size && now - last > SETTLE_MS) || now - started > WATCH_MAX_MS) finish();
    }, 100);
    const handle = { finish };
    watch = handle;
  };

  const onClick = (e: MouseEvent) => {
    if (e.button !== 0 || !(e.target instanceof Element)) return;
    const el = actionableOf(e.target);
    if (!el) return;
    if (el.localName === 'label' && (el as HTMLLabelElement).control) return; // the control's own click follows
    if (isTextField(el) || el.localName === 'select' || el.localName === 'option') return; // focus only: typing records
    if (el.localName === 'input' && /^(checkbox|radio)$/.test((el as HTMLInputElement).type)) return; // recorded on change
    // Enter in a form field "clicks" the form's default button (implicit submission): that is the
    // Enter already recorded, not a second action (replaying both would submit twice).
    const form = (el as HTMLButtonElement).form;
    if (lastAction?.type === 'press' && form && Date.now() - lastAction.at < 500 && form.contains(lastAction.el)) return;
    flushFill();
    watch?.finish();
    startWatch(emit('click', el, {}), el);
  };

  // Typing is reported shortly after it pauses too (consecutive fills of one field merge into one
  // action in Node), so a value survives a page left without a blur or Enter.
  let fillTimer: ReturnType<typeof setTimeout> | null = null;
  const onInput = (e: Event) => {
    const el = e.target instanceof Element ? e.target : null;
    if (!el || !isTextField(el)) return;
    if (pendingFill && pendingFill.el !== el) flushFill();
    pendingFill = { el };
    if (fillTimer) clearTimeout(fillTimer);
    fillTimer = setTimeout(() => {
      fillTimer = null;
      if (pendingFill?.el === el) flushFill();
    }, 400);
  };

  const onChange = (e: Event) => {
    const el = e.target instanceof Element ? e.target : null;
    if (!el) return;
    if (isTextField(el)) {
      if (pendingFill?.el === el) flushFill();
      return;
    }
    flushFill();
    if (el.localName === 'select') {
      const s = el as HTMLSelectElement;
      const values = Array.from(s.selectedOptions).map((o) => o.value);
      startWatch(emit('select', el, { value: s.multiple ? values : (values[0] ?? '') }), el);
    } else if (el.localName === 'input' && /^(checkbox|radio)$/.test((el as HTMLInputElement).type)) {
      startWatch(emit('check', el, { checked: (el as HTMLInputElement).checked }), el);
    }
  };

  const onKeyDown = (e: KeyboardEvent) => {
    if (/^(PageDown|PageUp|End|Home|ArrowDown|ArrowUp| )$/.test(e.key)) userScrollAt = Date.now();
    if (e.key !== 'Enter' || !(e.target instanceof Element)) return;
    const el = e.target;
    if (el.localName !== 'input' || !isTextField(el)) return;
    flushFill();
    watch?.finish();
    startWatch(emit('press', el, { key: 'Enter' }), null);
  };

  const onSubmit = (e: Event) => {
    const form = e.target instanceof HTMLFormElement ? e.target : null;
    if (!form) return;
    flushFill();
    // Already recorded as the click on its button or Enter in one of its fields.
    if (lastAction && Date.now() - lastAction.at < 1000 && (form.contains(lastAction.el) || lastAction.el === form)) return;
    startWatch(emit('submit', form, {}), null);
  };

  const onWheel = () => (userScrollAt = Date.now());
  const onScroll = () => {
    if (Date.now() - userScrollAt > 1000) return; // page scripts scroll too (scrollIntoView …)
    if (scrollTimer) clearTimeout(scrollTimer);
    // A feed may grow before the scroll is emitted: what changed since the gesture began counts.
    if (!scrollChanges) {
      const records: MutationRecord[] = [];
      const mo = new MutationObserver((r) => records.push(...r));
      mo.observe(document.documentElement, { childList: true, subtree: true, characterData: true });
      scrollChanges = { mo, records };
    }
    // Judged when the user scrolled, not 500 ms later: an infinite feed grows once the end is
    // reached, and "the end" is what the user scrolled to.
    const y = Math.round(scrollY);
    const atEnd = y >= document.documentElement.scrollHeight - innerHeight - 4;
    scrollTimer = setTimeout(() => {
      scrollTimer = null;
      const early = scrollChanges ? [...scrollChanges.records, ...scrollChanges.mo.takeRecords()] : [];
      scrollChanges?.mo.disconnect();
      scrollChanges = null;
      flushFill();
      startWatch(emit('scroll', null, { to: atEnd ? 'bottom' : y }), null, early);
    }, 500);
  };

  addEventListener('click', onClick, true);
  addEventListener('input', onInput, true);
  addEventListener('change', onChange, true);
  addEventListener('keydown', onKeyDown, true);
  addEventListener('submit', onSubmit, true);
  addEventListener('wheel', onWheel, { capture: true, passive: true });
  addEventListener('scroll', onScroll, { capture: true, passive: true });
  // Leaving the page: a fill typed last is still recorded (the step's actions end with it).
  addEventListener('pagehide', flushFill, true);
  const onFlush = () => {
    flushFill();
    watch?.finish();
  };
  if (opts.flushEvent) document.addEventListener(opts.flushEvent, onFlush);
  send({ kind: 'hello', url: location.href, keys: keys() });
  return {
    stop() {
      flushFill();
      watch?.finish();
      removeEventListener('click', onClick, true);
      removeEventListener('input', onInput, true);
      removeEventListener('change', onChange, true);
      removeEventListener('keydown', onKeyDown, true);
      removeEventListener('submit', onSubmit, true);
      removeEventListener('wheel', onWheel, true);
      removeEventListener('scroll', onScroll, true);
      scrollChanges?.mo.disconnect();
      removeEventListener('pagehide', flushFill, true);
      if (opts.flushEvent) document.removeEventListener(opts.flushEvent, onFlush);
    },
  };
}
