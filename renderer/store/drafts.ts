// Text the user typed that is not in the flow yet because it does not parse or validate (a schema
// JSON editor mid-edit). The flow keeps its last valid value; the draft is kept here, per step and
// editor, so it survives switching steps or tabs, marks the document as having unsaved work, and
// makes Save refuse (naming where the draft is) instead of writing the older valid value as if it
// were what the user sees.
import { create } from 'zustand';
import type { z } from 'zod';
import type { DraftSchema } from '../../shared/api/domains/flow.js';
import { useFlowStore } from './flow.js';
import { useLayoutStore } from './layout.js';

// One definition with the recovery copy that carries drafts (shared/api/domains/flow.ts).
export type Draft = z.infer<typeof DraftSchema>;
export type DraftField = Draft['field'];

interface DraftsState {
  drafts: Record<string, Draft>;
  /** Bumped by reveal(): the editor holding `key` shows itself. */
  reveal: { key: string; seq: number } | null;
  put(d: Draft): void;
  drop(stepId: string, field: DraftField): void;
  clearAll(): void;
  showDraft(d: Draft): void;
}

export const draftKey = (stepId: string, field: DraftField) => `${stepId}:${field}`;

const FIELD_LABEL: Record<DraftField, string> = { 'schema-json': 'the Schema tab\'s JSON', extraction: 'extraction_strategy' };

export const useDraftsStore = create<DraftsState>((set, get) => ({
  drafts: {},
  reveal: null,
  put(d) {
    const key = draftKey(d.stepId, d.field);
    const cur = get().drafts[key];
    if (cur && cur.text === d.text && cur.problem === d.problem) return;
    set({ drafts: { ...get().drafts, [key]: d } });
  },
  drop(stepId, field) {
    const key = draftKey(stepId, field);
    if (!(key in get().drafts)) return;
    const { [key]: _gone, ...rest } = get().drafts;
    set({ drafts: rest });
  },
  clearAll() {
    if (Object.keys(get().drafts).length) set({ drafts: {} });
  },
  showDraft(d) {
    useFlowStore.getState().select([d.stepId]);
    useLayoutStore.getState().set({ inspectorTab: d.field === 'schema-json' ? 'schema' : 'step' });
    set({ reveal: { key: draftKey(d.stepId, d.field), seq: (get().reveal?.seq ?? 0) + 1 } });
  },
}));

export function hasDrafts(): boolean {
  return Object.keys(useDraftsStore.getState().drafts).length > 0;
}

/** "step “Extract” (the Schema tab's JSON): JSON syntax error at line 3 …" for the first draft. */
export function describeDraft(d: Draft): string {
  const step = useFlowStore.getState().flow.steps.find((s) => s.id === d.stepId);
  return `step “${step?.name ?? d.stepId}” (${FIELD_LABEL[d.field]}): ${d.problem}`;
}

// A deleted step takes its drafts with it.
useFlowStore.subscribe((now, prev) => {
  if (now.flow.steps === prev.flow.steps) return;
  const ids = new Set(now.flow.steps.map((s) => s.id));
  const { drafts } = useDraftsStore.getState();
  const kept = Object.fromEntries(Object.entries(drafts).filter(([, d]) => ids.has(d.stepId)));
  if (Object.keys(kept).length !== Object.keys(drafts).length) useDraftsStore.setState({ drafts: kept });
});
