// The pagination wizard's state: which style, the list's items, the control, the step whose
// extraction the loop inherits, and the page's hints. The steps themselves come from the pure
// generator (shared/flow/pagination.ts).
import { create } from 'zustand';
import type { Target } from '../../shared/flow/schema.js';
import { generatePagination, pageNumbersFromLinks, parsePageIndicator, type PaginationInput, type PaginationKind, type PaginationResult } from '../../shared/flow/pagination.js';
import { api } from '../api/client.js';
import { useFlowStore } from './flow.js';
import { usePickerStore } from './picker.js';
import { itemsWithSchema, previewUrl, storedTarget } from '../pageContext.js';

type Hints = Awaited<ReturnType<(typeof api)['picker.paginationHints']>>;

interface WizardState {
  open: boolean;
  picking: boolean;
  sessionId: string | null;
  kind: PaginationKind;
  items: string;
  button: Target | null;
  /** Step whose extraction_strategy the loop copies (and after which the steps go). */
  sourceId: string | null;
  hints: Hints | null;
  error: string | null;
  openFor(sessionId: string, opts?: { sourceId?: string | null; kind?: PaginationKind }): Promise<void>;
  set(p: Partial<Pick<WizardState, 'kind' | 'items' | 'sourceId'>>): void;
  pickItems(): Promise<void>;
  pickButton(): Promise<void>;
  close(): void;
  add(): string[];
}

/** The generator's input from the wizard state (null while something needed is missing). */
export function wizardInput(s: Pick<WizardState, 'sessionId' | 'kind' | 'items' | 'button' | 'sourceId' | 'hints'>): PaginationInput | null {
  if (!s.sessionId || !s.items) return null;
  if ((s.kind === 'next' || s.kind === 'load-more') && !s.button) return null;
  const source = useFlowStore.getState().flow.steps.find((x) => x.id === s.sourceId);
  const url = previewUrl(s.sessionId) ?? source?.config.url;
  // "Page 1 of 5" on the page, else a numbered pager's links.
  const pos = parsePageIndicator(s.hints?.text ?? '') ?? pageNumbersFromLinks(s.hints?.pageLinks ?? [], s.hints?.url ?? '');
  return {
    kind: s.kind,
    items: s.items,
    ...(s.button && (s.kind === 'next' || s.kind === 'load-more') ? { button: s.button } : {}),
    sessionId: s.sessionId,
    ...(url ? { url } : {}),
    ...(source?.config.extraction_strategy ? { extraction: source.config.extraction_strategy } : {}),
    ...(pos && pos.last !== null && s.kind !== 'load-more' && s.kind !== 'scroll' ? { current: pos.current, last: pos.last } : {}),
  };
}

export function wizardPreview(s: Parameters<typeof wizardInput>[0]): PaginationResult | { error: string } {
  const input = wizardInput(s);
  if (!input) return { error: !s.items ? 'Pick the list items' : 'Pick the control to click' };
  try {
    return generatePagination(input);
  } catch (e) {
    return { error: (e as Error).message };
  }
}

export const useWizardStore = create<WizardState>((set, get) => ({
  open: false,
  picking: false,
  sessionId: null,
  kind: 'next',
  items: '',
  button: null,
  sourceId: null,
  hints: null,
  error: null,

  async openFor(sessionId, opts = {}) {
    const { flow, selected } = useFlowStore.getState();
    const extracting = flow.steps.filter((s) => s.config.extraction_strategy && s.config.session_id === sessionId);
    const source = flow.steps.find((s) => s.id === (opts.sourceId ?? selected[0]) && s.config.extraction_strategy) ?? extracting[extracting.length - 1] ?? null;
    set({ open: true, sessionId, sourceId: source?.id ?? null, items: source?.config.extraction_strategy?.schema.baseSelector ?? '', button: null, hints: null, error: null, kind: opts.kind ?? 'next' });
    try {
      const hints = await api['picker.paginationHints']({ sessionId });
      const pager = hints.pager;
      const kind = opts.kind ?? pager?.kind ?? (hints.pageLinks.length ? 'url' : 'scroll');
      set({ hints, kind, button: pager?.target ?? null });
    } catch (e) {
      set({ error: (e as Error).message });
    }
  },

  set(p) {
    set(p);
  },

  async pickItems() {
    const sid = get().sessionId;
    if (!sid) return;
    set({ picking: true });
    const el = await usePickerStore.getState().pick({ purpose: 'the list items', prefer: 'repeated' });
    set({ picking: false });
    if (!el) return;
    const r = await itemsWithSchema(sid, el).catch(() => null);
    set({ items: r?.baseSelector ?? el.selector });
  },

  async pickButton() {
    const sid = get().sessionId;
    if (!sid) return;
    set({ picking: true });
    const el = await usePickerStore.getState().pick({ purpose: get().kind === 'load-more' ? 'the "load more" button' : 'the "next" control' });
    set({ picking: false });
    if (!el) return;
    const t = await storedTarget(sid, el).catch(() => null);
    if (t) set({ button: t });
    else set({ error: 'The picked element is not unique on the page any more: pick it again' });
  },

  close() {
    set({ open: false, picking: false });
  },

  /** Insert the generated steps after the source step; growing styles move its extraction after the loop. */
  add() {
    const s = get();
    const r = wizardPreview(s);
    if ('error' in r) {
      set({ error: r.error });
      return [];
    }
    const flow = useFlowStore.getState();
    if ((s.kind === 'load-more' || s.kind === 'scroll') && s.sourceId) {
      // Loaded items accumulate: extracting before the loop too would repeat them.
      flow.updateStep(s.sourceId, (st) => void delete st.config.extraction_strategy);
    }
    const afterId = s.sourceId ?? flow.selected[flow.selected.length - 1] ?? null;
    const ids = flow.insertSteps(r.steps, afterId);
    set({ open: false });
    return ids;
  },
}));
