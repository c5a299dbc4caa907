// The page-side half of recorded actions: plain ES2017 JavaScript (a Crawl4AI js_code snippet is
// a function body), kept as text so the runner, the Python / config / Playwright exports and the
// step editor's "Convert to JS" all carry byte-identical code. It expects `actions` (the step's
// actions as a literal) to be declared before it; shared/flow/actions.ts puts the two together.
//
// What it does per action: find the element (the selector, then each alternate, polling up to
// 5 s), remember the watched items' signature when asked (window.__crawlwright.before, read by
// the generated wait_for; window.__crawlwright.actedAt = when it acted), then act the way a user would: pointer + mouse events and click(), the
// native value setter + input/change events (frameworks such as React ignore a bare `el.value =`),
// Enter in a form field submits it through its default button. It stops at the first action whose
// element is missing and returns {success: false, error, crawlwright_actions} (Crawl4AI logs that
// and goes on, as it does for any failing js_code_before_wait snippet); otherwise
// {crawlwright_actions: [{index, type, selector, alternate}]}: which selector matched each action.
// When an action starts a page load (a link, a form post), the snippet does not return: it waits
// until the load destroys it, so Crawl4AI (and the runner) take their "navigation triggered" path
// and wait for the new page before wait_for runs — a js: wait polling the old document would
// otherwise end as soon as that document goes away. The outcomes then go to the console.

export const ACTION_FIND_TIMEOUT_MS = 5000;
/** How long the snippet outlives a page load it started (the load destroys it much sooner). */
export const ACTION_NAVIGATION_WAIT_MS = 10_000;
/** Console prefix of the outcomes when an action navigated away (the return value is lost then). */
export const ACTIONS_CONSOLE_PREFIX = '[crawlwright:actions]';

/**
 * The element for selector k of a target (an expression over \`target\`, \`selectors\`, \`k\`): the
 * recorded selector as it is; an alternate only with the recorded text (when there is one), so a
 * structural or href fallback that now lands on "Previous" does not count as "Next".
 */
export const TARGET_LOOKUP = `((sel, k) => { let els = []; try { els = Array.from(document.querySelectorAll(sel)); } catch (e) { return null; } ` +
  `if (!k || !target.text) return els[0] || null; ` +
  `return els.find((e) => (e.textContent || '').replace(/\\s+/g, ' ').trim() === target.text) || null; })(selectors[k], k)`;

export const ACTIONS_RUNTIME = `const cw = (window.__crawlwright = window.__crawlwright || {});
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const textOf = (el) => (el.textContent || '').replace(/\\s+/g, ' ').trim();
const signature = (sel) => {
  let els = [];
  try { els = document.querySelectorAll(sel); } catch (e) { /* reported by the wait */ }
  return els.length + '\\u0001' + (els.length ? textOf(els[0]) : '');
};
const find = async (target) => {
  const selectors = [target.selector].concat(target.alternates || []);
  const until = Date.now() + ${ACTION_FIND_TIMEOUT_MS};
  for (;;) {
    for (let k = 0; k < selectors.length; k++) {
      const el = ${TARGET_LOOKUP};
      if (el) return { el: el, selector: selectors[k], alternate: k };
    }
    if (Date.now() > until) throw new Error('no element matches ' + selectors.map((s) => JSON.stringify(s)).join(', ') + ' (waited ${ACTION_FIND_TIMEOUT_MS / 1000} s)');
    await sleep(100);
  }
};
const fire = (el, type, Ctor, init) => el.dispatchEvent(new Ctor(type, Object.assign({ bubbles: true, cancelable: true, composed: true }, init || {})));
const Pointer = typeof PointerEvent === 'function' ? PointerEvent : MouseEvent;
const click = (el) => {
  if (el.scrollIntoView) el.scrollIntoView({ block: 'center', inline: 'center' });
  const r = el.getBoundingClientRect();
  const at = { clientX: r.left + r.width / 2, clientY: r.top + r.height / 2, view: window };
  const down = Object.assign({ button: 0, buttons: 1 }, at);
  const up = Object.assign({ button: 0, buttons: 0 }, at);
  fire(el, 'pointerover', Pointer, Object.assign({ pointerType: 'mouse', isPrimary: true }, at));
  fire(el, 'mouseover', MouseEvent, at);
  fire(el, 'pointerdown', Pointer, Object.assign({ pointerType: 'mouse', isPrimary: true }, down));
  fire(el, 'mousedown', MouseEvent, down);
  if (typeof el.focus === 'function') el.focus();
  fire(el, 'pointerup', Pointer, Object.assign({ pointerType: 'mouse', isPrimary: true }, up));
  fire(el, 'mouseup', MouseEvent, up);
  if (typeof el.click === 'function') el.click();
  else fire(el, 'click', MouseEvent, up);
};
const setValue = (el, value) => {
  const proto = el instanceof HTMLTextAreaElement ? HTMLTextAreaElement.prototype : el instanceof HTMLSelectElement ? HTMLSelectElement.prototype : el instanceof HTMLInputElement ? HTMLInputElement.prototype : null;
  const d = proto && Object.getOwnPropertyDescriptor(proto, 'value');
  if (d && d.set) d.set.call(el, value);
  else el.value = value;
};
const changed = (el, data) => {
  fire(el, 'input', typeof InputEvent === 'function' ? InputEvent : Event, { inputType: 'insertText', data: data === undefined ? null : data });
  fire(el, 'change', Event);
};
const submitForm = (form) => {
  const button = form.querySelector('button:not([type]), button[type="submit"], input[type="submit"], input[type="image"]');
  if (button && !button.disabled) return click(button);
  if (typeof form.requestSubmit === 'function') form.requestSubmit();
  else form.submit();
};
const act = {
  click: (el) => click(el),
  fill: (el, a) => {
    if (typeof el.focus === 'function') el.focus();
    if (el.isContentEditable) el.textContent = a.value;
    else setValue(el, a.value);
    changed(el, a.value);
  },
  select: (el, a) => {
    const wanted = [].concat(a.value);
    for (const o of Array.from(el.options || [])) o.selected = wanted.indexOf(o.value) >= 0 || wanted.indexOf(textOf(o)) >= 0;
    changed(el);
  },
  check: (el, a) => {
    if (el.checked !== a.checked) click(el);
    if (el.checked !== a.checked) {
      el.checked = a.checked;
      changed(el);
    }
  },
  press: (el, a) => {
    if (typeof el.focus === 'function') el.focus();
    const init = { key: a.key, code: a.key.length === 1 ? 'Key' + a.key.toUpperCase() : a.key, keyCode: a.key === 'Enter' ? 13 : 0, which: a.key === 'Enter' ? 13 : 0 };
    const go = fire(el, 'keydown', KeyboardEvent, init);
    if (a.key === 'Enter') fire(el, 'keypress', KeyboardEvent, init);
    fire(el, 'keyup', KeyboardEvent, init);
    if (go && a.key === 'Enter' && el.form && el.localName === 'input') submitForm(el.form);
  },
  submit: (el) => {
    const form = el.localName === 'form' ? el : el.form || el.closest('form');
    if (!form) throw new Error('not inside a form');
    submitForm(form);
  },
  scroll: (el, a) => {
    if (el) el.scrollTop = a.to === 'bottom' ? el.scrollHeight : a.to;
    else window.scrollTo(0, a.to === 'bottom' ? document.documentElement.scrollHeight : a.to);
  },
};
const outcomes = [];
let leaving = false;
const onLeave = () => { leaving = true; };
addEventListener('beforeunload', onLeave);
const done = async (result) => {
  removeEventListener('beforeunload', onLeave);
  if (!leaving) return result;
  console.debug('${ACTIONS_CONSOLE_PREFIX} ' + JSON.stringify(outcomes));
  await sleep(${ACTION_NAVIGATION_WAIT_MS});
  return result;
};
for (let i = 0; i < actions.length; i++) {
  const a = actions[i];
  try {
    const hit = a.target ? await find(a.target) : null;
    if (a.watch) {
      cw.watch = a.watch;
      cw.before = signature(a.watch);
    }
    act[a.type](hit ? hit.el : null, a);
    if (a.watch) cw.actedAt = Date.now();
    outcomes.push({ index: i, type: a.type, selector: hit ? hit.selector : null, alternate: hit ? hit.alternate : -1 });
  } catch (err) {
    const error = 'action ' + (i + 1) + ' (' + a.type + '): ' + (err && err.message ? err.message : String(err));
    outcomes.push({ index: i, type: a.type, selector: null, alternate: -1, error: error });
    return done({ success: false, error: error, crawlwright_actions: outcomes });
  }
}
return done({ crawlwright_actions: outcomes });`;
