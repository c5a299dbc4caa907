// Recording → steps, in Crawl4AI terms. Pure bookkeeping over what the page-side recorder reports
// (shared/selectors/record.ts): consecutive actions on one page merge into one js_only step whose
// actions run as its js_code_before_wait; a step ends at the action that loaded a new page (then
// it waits for a landmark of that page: `css:` of an element the previous page did not have) or
// changed the page (then it waits until the changed items are present and different). Typing the
// same field twice keeps the last value; consecutive scrolls keep the last position.
import type { Action, Step } from './schema.js';
import { changeWaitFor } from './actions.js';

/** When a new page has no landmark of its own: the document is new (actions mark the old one) and parsed. */
export const NEW_DOCUMENT_WAIT = "js:() => !window.__crawlwright && document.readyState !== 'loading'";
export const CHANGE_WAIT_TIMEOUT_MS = 15_000;

export interface RecordingOptions {
  sessionId: string;
  /** The page the recording starts on. */
  url: string;
  /** The first step opens `url` itself (no earlier step of the flow brings the session there). */
  openFirst: boolean;
  /** A landmark of the starting page (for the opening step's wait). */
  landmark?: string | null;
  /** How a URL is written in the flow (the demo site's address becomes {{demo_url}}). */
  templateUrl?: (url: string) => string;
}

export interface RecordedActionMessage {
  id: number;
  action: Action;
  /** What the user saw on the element ("Sign in", "Next ›"). */
  label: string;
  url: string;
  /** Secret name when the action is a password fill. */
  secret?: string;
}

export interface StepDraft {
  /** Stable per recording: the same draft is updated while actions merge into it. */
  seq: number;
  step: Omit<Step, 'id'>;
  /** No more actions will join it. */
  closed: boolean;
  secrets: string[];
}

interface Current {
  draft: StepDraft;
  ids: number[];
  labels: string[];
  /** Closed by a DOM change (a spinner, a message) that a page load may still follow. */
  byChange?: boolean;
  /** The page the step is on (as loaded, not templated): its name says "Open /path". */
  rawUrl: string;
}

const pathOf = (url: string): string => {
  try {
    const u = new URL(url);
    return u.pathname + u.search;
  } catch {
    return url;
  }
};

function stepName(actions: Action[], labels: string[], secrets: string[], opens: string | null): string {
  if (!actions.length) return `Open ${opens ?? 'page'}`;
  const last = actions[actions.length - 1];
  const quote = (s: string) => (s ? ` "${s.length > 30 ? s.slice(0, 29) + '…' : s}"` : '');
  if (secrets.length) return 'Log in';
  if (actions.every((a) => a.type === 'scroll')) return 'Scroll';
  if (actions.every((a) => a.type === 'fill' || a.type === 'select' || a.type === 'check' || a.type === 'press' || a.type === 'submit') && actions.length > 1) return 'Fill form';
  if (last.type === 'click') return `Click${quote(labels[labels.length - 1])}`;
  if (last.type === 'press') return `Press ${last.key}`;
  if (last.type === 'select' || last.type === 'check') return `Choose${quote(labels[labels.length - 1])}`;
  if (last.type === 'submit') return 'Submit form';
  return `${last.type[0].toUpperCase()}${last.type.slice(1)}${quote(labels[labels.length - 1])}`;
}

const sameTarget = (a: Action, b: Action) => !!a.target && !!b.target && a.target.selector === b.target.selector;

export class RecordingBuilder {
  private seq = 0;
  private cur: Current | null = null;
  /** The draft that opens the starting page (keeps its url; actions on that page join it). */
  private opener: StepDraft | null = null;

  constructor(private readonly opts: RecordingOptions) {}

  private url(u: string): string {
    return this.opts.templateUrl ? this.opts.templateUrl(u) : u;
  }

  /** The opening step (openFirst), before any action. */
  start(): StepDraft | null {
    if (!this.opts.openFirst) return null;
    const draft = this.newDraft(this.opts.url, false);
    if (this.opts.landmark) draft.step.config.wait_for = `css:${this.opts.landmark}`;
    this.opener = draft;
    return draft;
  }

  private newDraft(url: string, jsOnly: boolean): StepDraft {
    const draft: StepDraft = {
      seq: ++this.seq,
      step: { name: `Open ${pathOf(url)}`, config: { url: this.url(url), session_id: this.opts.sessionId, ...(jsOnly ? { js_only: true } : {}) } },
      closed: false,
      secrets: [],
    };
    this.cur = { draft, ids: [], labels: [], rawUrl: url };
    return draft;
  }

  private rename(c: Current): void {
    const opens = c.draft.step.config.js_only ? null : pathOf(c.rawUrl);
    c.draft.step.name = stepName(c.draft.step.actions ?? [], c.labels, c.draft.secrets, opens);
  }

  action(m: RecordedActionMessage): StepDraft {
    if (!this.cur || this.cur.draft.closed) this.newDraft(m.url, true);
    const c = this.cur!;
    const actions = (c.draft.step.actions ??= []);
    const last = actions[actions.length - 1];
    if (last && last.type === 'fill' && m.action.type === 'fill' && sameTarget(last, m.action)) {
      actions[actions.length - 1] = m.action; // typed again: the last value counts
      c.ids[c.ids.length - 1] = m.id;
    } else if (last && last.type === 'scroll' && m.action.type === 'scroll' && !last.target && !m.action.target) {
      actions[actions.length - 1] = m.action;
      c.ids[c.ids.length - 1] = m.id;
    } else {
      actions.push(m.action);
      c.ids.push(m.id);
      c.labels.push(m.label);
    }
    if (m.secret && !c.draft.secrets.includes(m.secret)) c.draft.secrets.push(m.secret);
    // The opening step waited for its own page; now it waits for what its actions bring.
    if (c.draft === this.opener) delete c.draft.step.config.wait_for;
    this.rename(c);
    return c.draft;
  }

  /** The page changed after action `id` (watch = the changed items) or did not (null). */
  change(id: number, watch: string | null): StepDraft | null {
    const c = this.cur;
    if (!c || c.draft.closed || !watch) return null;
    const i = c.ids.indexOf(id);
    const actions = c.draft.step.actions ?? [];
    if (i < 0 || i !== actions.length - 1) return null; // a later action already joined the step
    actions[i] = { ...actions[i], watch } as Action;
    c.draft.step.config.wait_for = changeWaitFor(watch);
    c.draft.step.config.wait_for_timeout = CHANGE_WAIT_TIMEOUT_MS;
    c.draft.closed = true;
    c.byChange = true;
    return c.draft;
  }

  /**
   * A new document in the session's page. After recorded actions: they caused it, so their step
   * waits for the new page's landmark. Otherwise (URL bar, back, an unrecorded click): a step
   * that opens the URL.
   */
  navigated(url: string, landmark: string | null): StepDraft[] {
    const wait = landmark ? `css:${landmark}` : NEW_DOCUMENT_WAIT;
    const c = this.cur;
    if (c && c.byChange) {
      // The change it waited for was the old page reacting (a spinner); the page load is the result.
      const actions = c.draft.step.actions ?? [];
      const last = actions[actions.length - 1];
      if (last && 'watch' in last) {
        const { watch: _w, ...rest } = last;
        actions[actions.length - 1] = rest as Action;
      }
      c.byChange = false;
      c.draft.closed = false;
    }
    const acts = c?.draft.step.actions ?? [];
    const causes = acts.length > 0 && /^(click|press|submit|select|check)$/.test(acts[acts.length - 1].type);
    if (c && !c.draft.closed && acts.length && !causes) {
      c.draft.closed = true; // typed, then went elsewhere by hand: the typing step stays as it is
      const d = this.newDraft(url, false);
      d.step.config.wait_for = wait;
      d.closed = true;
      return [c.draft, d];
    }
    if (c && !c.draft.closed && acts.length) {
      c.draft.step.config.wait_for = wait;
      delete c.draft.step.config.wait_for_timeout;
      c.draft.closed = true;
      return [c.draft];
    }
    if (c && !c.draft.closed && c.draft === this.opener) {
      // Still on the opening step with nothing done: it opens this page instead.
      c.draft.step.config.url = this.url(url);
      c.draft.step.config.wait_for = wait;
      c.rawUrl = url;
      this.rename(c);
      return [c.draft];
    }
    const d = this.newDraft(url, false);
    d.step.config.wait_for = wait;
    d.closed = true;
    return [d];
  }

  /** Recording stopped: the open step is final as it is. */
  finish(): StepDraft | null {
    const c = this.cur;
    if (!c || c.draft.closed) return null;
    c.draft.closed = true;
    return c.draft;
  }
}
