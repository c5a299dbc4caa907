// The flow being edited, with undo/redo across every edit. All changes go through `edit()` (or the
// helpers built on it) so history, dirty state and autosave see them. Edits with the same
// `coalesce` key within COALESCE_MS merge into one undo entry (typing in a field is one undo).
import { create } from 'zustand';
import type { Flow, Step, StepConfig } from '../../shared/flow/schema.js';
import { emptyFlow, serializeFlow } from '../../shared/flow/serialize.js';
import { newStepId } from '../../shared/flow/ids.js';

const HISTORY_LIMIT = 200;
const COALESCE_MS = 1000;

export interface FlowState {
  flow: Flow;
  /** File path, or null for an unsaved flow. */
  path: string | null;
  /** serializeFlow() of the last saved/loaded state; dirty = current serialization differs. */
  savedText: string;
  past: Flow[];
  future: Flow[];
  lastEdit: { key: string; at: number } | null;
  /** Selected step ids (multi-select); the first is the one shown in the editor. */
  selected: string[];

  load(flow: Flow, path: string | null, opts?: { dirty?: boolean }): void;
  newFlow(): void;
  markSaved(path: string): void;
  /** Apply a mutation to a copy of the flow; `coalesce` merges rapid edits into one undo step. */
  edit(mutate: (draft: Flow) => void, coalesce?: string): void;
  updateStep(id: string, mutate: (draft: Step) => void, coalesce?: string): void;
  /** Set (or delete, with undefined) config options of one step. */
  setConfig(id: string, patch: Partial<StepConfig>, coalesce?: string): void;
  addStep(step: Omit<Step, 'id'> & { id?: string }, afterId?: string | null): string;
  /** Insert copies of steps (e.g. pasted) after `afterId` with fresh ids; selects and returns them. */
  insertSteps(steps: Array<Omit<Step, 'id'> & { id?: string }>, afterId?: string | null): string[];
  removeSteps(ids: string[]): void;
  moveStep(id: string, toIndex: number): void;
  /** Move several steps (kept in their order) so they start at `toIndex` of the remaining list. */
  moveSteps(ids: string[], toIndex: number): void;
  duplicateSteps(ids: string[]): string[];
  select(ids: string[]): void;
  undo(): void;
  redo(): void;
}

const clone = <T,>(v: T): T => structuredClone(v);

export function isDirty(s: Pick<FlowState, 'flow' | 'savedText'>): boolean {
  return serializeFlow(s.flow) !== s.savedText;
}

export function selectedStep(s: Pick<FlowState, 'flow' | 'selected'>): Step | undefined {
  return s.flow.steps.find((st) => st.id === s.selected[0]);
}

export const useFlowStore = create<FlowState>((set, get) => ({
  flow: emptyFlow(),
  path: null,
  savedText: serializeFlow(emptyFlow()),
  past: [],
  future: [],
  lastEdit: null,
  selected: [],

  load(flow, path, opts) {
    set({
      flow,
      path,
      savedText: opts?.dirty ? '' : serializeFlow(flow),
      past: [],
      future: [],
      lastEdit: null,
      selected: flow.steps.length ? [flow.steps[0].id] : [],
    });
  },
  newFlow() {
    get().load(emptyFlow(), null);
  },
  markSaved(path) {
    set({ path, savedText: serializeFlow(get().flow) });
  },
  edit(mutate, coalesce) {
    const { flow, past, lastEdit } = get();
    const draft = clone(flow);
    mutate(draft);
    const now = Date.now();
    const merge = coalesce !== undefined && lastEdit?.key === coalesce && now - lastEdit.at < COALESCE_MS;
    set({
      flow: draft,
      past: merge ? past : [...past, flow].slice(-HISTORY_LIMIT),
      future: [],
      lastEdit: coalesce !== undefined ? { key: coalesce, at: now } : null,
    });
  },
  updateStep(id, mutate, coalesce) {
    get().edit((f) => {
      const step = f.steps.find((s) => s.id === id);
      if (step) mutate(step);
    }, coalesce);
  },
  setConfig(id, patch, coalesce) {
    get().updateStep(
      id,
      (s) => {
        for (const [k, v] of Object.entries(patch)) {
          if (v === undefined) delete (s.config as Record<string, unknown>)[k];
          else (s.config as Record<string, unknown>)[k] = v;
        }
      },
      coalesce,
    );
  },
  addStep(step, afterId) {
    const id = step.id ?? newStepId(get().flow.steps.map((s) => s.id));
    get().edit((f) => {
      const at = afterId ? f.steps.findIndex((s) => s.id === afterId) + 1 : f.steps.length;
      f.steps.splice(at > 0 ? at : f.steps.length, 0, { ...clone(step), id } as Step);
    });
    set({ selected: [id] });
    return id;
  },
  insertSteps(steps, afterId) {
    const created: string[] = [];
    get().edit((f) => {
      let at = afterId ? f.steps.findIndex((s) => s.id === afterId) + 1 : f.steps.length;
      if (at <= 0) at = f.steps.length;
      for (const st of steps) {
        const id = newStepId([...f.steps.map((s) => s.id), ...created]);
        f.steps.splice(at++, 0, { ...clone(st), id } as Step);
        created.push(id);
      }
    });
    set({ selected: created });
    return created;
  },
  removeSteps(ids) {
    const drop = new Set(ids);
    const steps = get().flow.steps;
    const firstIdx = steps.findIndex((s) => drop.has(s.id));
    get().edit((f) => {
      f.steps = f.steps.filter((s) => !drop.has(s.id));
    });
    const rest = get().flow.steps;
    const next = rest[Math.min(firstIdx, rest.length - 1)];
    set({ selected: next ? [next.id] : [] });
  },
  moveStep(id, toIndex) {
    get().edit((f) => {
      const from = f.steps.findIndex((s) => s.id === id);
      if (from < 0) return;
      const [s] = f.steps.splice(from, 1);
      f.steps.splice(Math.max(0, Math.min(toIndex, f.steps.length)), 0, s);
    });
  },
  moveSteps(ids, toIndex) {
    const move = new Set(ids);
    get().edit((f) => {
      const moving = f.steps.filter((s) => move.has(s.id));
      const rest = f.steps.filter((s) => !move.has(s.id));
      rest.splice(Math.max(0, Math.min(toIndex, rest.length)), 0, ...moving);
      f.steps = rest;
    });
  },
  duplicateSteps(ids) {
    const created: string[] = [];
    get().edit((f) => {
      for (const id of ids) {
        const i = f.steps.findIndex((s) => s.id === id);
        if (i < 0) continue;
        const copy = clone(f.steps[i]);
        copy.id = newStepId(f.steps.map((s) => s.id));
        copy.name = `${copy.name} (copy)`;
        f.steps.splice(i + 1, 0, copy);
        created.push(copy.id);
      }
    });
    set({ selected: created });
    return created;
  },
  select(ids) {
    set({ selected: ids });
  },
  undo() {
    const { past, flow, future } = get();
    if (!past.length) return;
    const prev = past[past.length - 1];
    set({ flow: prev, past: past.slice(0, -1), future: [flow, ...future], lastEdit: null, selected: keepSelection(prev, get().selected) });
  },
  redo() {
    const { past, flow, future } = get();
    if (!future.length) return;
    const next = future[0];
    set({ flow: next, past: [...past, flow], future: future.slice(1), lastEdit: null, selected: keepSelection(next, get().selected) });
  },
}));

function keepSelection(flow: Flow, selected: string[]): string[] {
  const ids = new Set(flow.steps.map((s) => s.id));
  const kept = selected.filter((id) => ids.has(id));
  return kept.length ? kept : flow.steps.length ? [flow.steps[0].id] : [];
}
