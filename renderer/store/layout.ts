// Per-user UI preferences (panel sizes, active tabs). Stored in localStorage, never in the flow.
import { create } from 'zustand';

const KEY = 'crawlwright.layout.v1';

export interface LayoutPrefs {
  /** Width of the step list, px. */
  stepListWidth: number;
  /** Width of the right results/log/schema dock, px. */
  dockWidth: number;
  /** Height of the step editor above the preview, px. */
  editorHeight: number;
  dockTab: 'results' | 'log' | 'schema';
}

const DEFAULTS: LayoutPrefs = { stepListWidth: 300, dockWidth: 440, editorHeight: 520, dockTab: 'results' };

function loadPrefs(): LayoutPrefs {
  try {
    const raw = localStorage.getItem(KEY);
    if (!raw) return DEFAULTS;
    const v = JSON.parse(raw) as Partial<LayoutPrefs>;
    return { ...DEFAULTS, ...v };
  } catch {
    return DEFAULTS;
  }
}

interface LayoutState extends LayoutPrefs {
  set(patch: Partial<LayoutPrefs>): void;
}

export const useLayoutStore = create<LayoutState>((set, get) => ({
  ...loadPrefs(),
  set(patch) {
    set(patch);
    const { stepListWidth, dockWidth, editorHeight, dockTab } = { ...get(), ...patch };
    try {
      localStorage.setItem(KEY, JSON.stringify({ stepListWidth, dockWidth, editorHeight, dockTab }));
    } catch {
      /* storage full or disabled: sizes just are not remembered */
    }
  },
}));
