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

/** First-start sizes scale with the window; after that the user's own sizes are remembered. */
function defaults(): LayoutPrefs {
  const w = typeof window !== 'undefined' ? window.innerWidth : 1600;
  const h = typeof window !== 'undefined' ? window.innerHeight : 1000;
  const clamp = (v: number, lo: number, hi: number) => Math.round(Math.max(lo, Math.min(hi, v)));
  return { stepListWidth: clamp(w * 0.2, 240, 340), dockWidth: clamp(w * 0.3, 340, 560), editorHeight: clamp(h * 0.55, 260, 640), dockTab: 'results' };
}
const DEFAULTS: LayoutPrefs = defaults();

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
