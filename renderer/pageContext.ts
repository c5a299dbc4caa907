// What the templates, "Extract these items" and the pagination wizard know about the page the
// user is looking at: the preview's session and URL (as written in flows: the demo site's address
// is {{demo_url}}), the picked element in its stored form (re-checked on the live page), and the
// items it belongs to. Nothing here is a demo-site selector.
import type { PickedElement } from '../shared/api/domains/preview.js';
import type { ExtractionStrategy, Step, Target } from '../shared/flow/schema.js';
import { api } from './api/client.js';
import { useFilesStore } from './store/files.js';
import { useSessionsStore } from './store/sessions.js';
import { usePreviewSessionStore } from './store/previewSession.js';
import { usePickerStore } from './store/picker.js';
import { useFlowStore } from './store/flow.js';

export function templateUrl(url: string): string {
  const demo = useFilesStore.getState().demoUrl;
  if (demo && (url === demo || url.startsWith(demo + '/') || url.startsWith(demo + '?'))) return '{{demo_url}}' + url.slice(demo.length);
  return url;
}

/** The session the preview shows. */
export function previewSession(): string | null {
  const ps = usePreviewSessionStore.getState();
  return ps.pinned ?? ps.lastShown ?? useSessionsStore.getState().sessions.find((s) => s.alive)?.id ?? null;
}

/** The preview page's URL as a flow writes it, or null without a live page. */
export function previewUrl(sessionId: string | null): string | null {
  const s = sessionId ? useSessionsStore.getState().sessions.find((x) => x.id === sessionId && x.alive) : undefined;
  return s && s.url && s.url !== 'about:blank' ? templateUrl(s.url) : null;
}

const scopeOf = (el: PickedElement) => ({ ...(el.framePath.length ? { framePath: el.framePath } : {}), ...(el.shadowPath?.length ? { shadowPath: el.shadowPath } : {}) });

/** Selectors that locate the picked element (its stored form first, then its unique candidates). */
function locators(el: PickedElement): string[] {
  const list = [...(el.target ? [el.target.selector, ...(el.target.alternates ?? [])] : []), el.selector, ...el.candidates.filter((c) => c.css && c.count === 1).map((c) => c.selector)];
  return [...new Set(list.filter(Boolean))].slice(0, 10);
}

/**
 * The picked element in stored form, computed now on the live page: a unique primary (the user's
 * chosen candidate when it is unique) plus alternates. Null when the element is gone.
 */
export async function storedTarget(sessionId: string, el: PickedElement, preferred?: string): Promise<Target | null> {
  const r = await api['picker.target']({ sessionId, selectors: locators(el), ...(preferred ? { preferred } : {}), ...scopeOf(el) });
  return r.target;
}

/** The repeated items the picked element belongs to, with a first schema for them. */
export async function itemsWithSchema(sessionId: string, el: PickedElement): Promise<{ baseSelector: string; count: number; extraction: ExtractionStrategy } | null> {
  const items = (await api['picker.items']({ sessionId, selectors: locators(el) })).items;
  if (!items) return null;
  const { fields } = await api['schema.suggest']({ sessionId, baseSelector: items.baseSelector, x: items.x, y: items.y });
  return { baseSelector: items.baseSelector, count: items.count, extraction: { type: 'JsonCssExtractionStrategy', schema: { name: 'Items', baseSelector: items.baseSelector, fields } } };
}

export interface PageContext {
  sessionId: string;
  url: string | null;
  picked: PickedElement | null;
  /** The selected step (new steps go after it). */
  step: Step | null;
}

export function currentContext(fallbackSession: string): PageContext {
  const { flow, selected } = useFlowStore.getState();
  const step = flow.steps.find((s) => s.id === selected[0]) ?? null;
  const sessionId = previewSession() ?? step?.config.session_id ?? fallbackSession;
  return { sessionId, url: previewUrl(sessionId), picked: usePickerStore.getState().picked, step };
}
