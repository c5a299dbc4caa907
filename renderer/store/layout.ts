// Per-user UI preferences (panel sizes, active tabs, preview zoom). Stored in localStorage, never in
// the flow.
import { create } from 'zustand';

const KEY = 'crawlwright.layout.v2';
/** The three-column layout of the first release (editor over preview, dock on the right). */
const KEY_V1 = 'crawlwright.layout.v1';

export type PreviewZoom = 'fit' | 0.5 | 0.75 | 1 | 1.25 | 1.5 | 2;
export const ZOOM_LEVELS: readonly PreviewZoom[] = ['fit', 0.5, 0.75, 1, 1.25, 1.5, 2];

export interface LayoutPrefs {
  /** Width of the step list, px. */
  stepListWidth: number;
  /** Width of the inspector (step editor / schema) on the right, px. */
  inspectorWidth: number;
  inspectorTab: 'step' | 'schema';
  /** Height of the results dock under the preview, px (when not collapsed). */
  dockHeight: number;
  dockCollapsed: boolean;
  dockTab: 'results' | 'log' | 'inputs' | 'batch';
  /** Page zoom in the preview: fit the pane (never enlarged past 100%) or a fixed factor. */
  previewZoom: PreviewZoom;
  /** Edge of the preview the selector strip sits on, and whether it is folded away. */
  pickerSide: 'left' | 'right';
  pickerCollapsed: boolean;
  /** The "how sessions and js_only work" panel was dismissed (it shows on the first step with a session). */
  sessionsHelpSeen: boolean;
}

const clamp = (v: number, lo: number, hi: number) => Math.round(Math.max(lo, Math.min(hi, v)));

/**
 * First-start sizes scale with the window so the preview gets most of it (at 1440×900 the preview
 * column is ~64% of everything right of the step list); after that the user's own sizes win.
 */
export function defaultLayout(w: number, h: number): LayoutPrefs {
  return {
    stepListWidth: clamp(w * 0.16, 200, 300),
    inspectorWidth: clamp(w * 0.3, 360, 540),
    inspectorTab: 'step',
    dockHeight: clamp(h * 0.3, 150, 420),
    dockCollapsed: false,
    dockTab: 'results',
    previewZoom: 'fit',
    pickerSide: 'right',
    pickerCollapsed: false,
    sessionsHelpSeen: false,
  };
}

const PREF_KEYS = Object.keys(defaultLayout(1440, 900)) as Array<keyof LayoutPrefs>;

/** Stored prefs over the defaults, ignoring values of the wrong type (an older or hand-edited entry). */
export function mergePrefs(defaults: LayoutPrefs, stored: unknown): LayoutPrefs {
  const out = { ...defaults };
  if (!stored || typeof stored !== 'object') return out;
  const s = stored as Record<string, unknown>;
  for (const k of PREF_KEYS) {
    const v = s[k];
    if (k === 'previewZoom') {
      if (ZOOM_LEVELS.includes(v as PreviewZoom)) out.previewZoom = v as PreviewZoom;
    } else if (typeof v === typeof defaults[k] && v !== null) (out as Record<string, unknown>)[k] = v;
  }
  if (!['step', 'schema'].includes(out.inspectorTab)) out.inspectorTab = defaults.inspectorTab;
  if (!['results', 'log', 'inputs', 'batch'].includes(out.dockTab)) out.dockTab = defaults.dockTab;
  if (!['left', 'right'].includes(out.pickerSide)) out.pickerSide = defaults.pickerSide;
  return out;
}

function loadPrefs(): LayoutPrefs {
  const defaults = defaultLayout(typeof window !== 'undefined' ? window.innerWidth : 1600, typeof window !== 'undefined' ? window.innerHeight : 1000);
  try {
    const raw = localStorage.getItem(KEY);
    if (raw) return mergePrefs(defaults, JSON.parse(raw));
    // From the first release only the step list width still means the same thing.
    const v1 = JSON.parse(localStorage.getItem(KEY_V1) ?? 'null') as { stepListWidth?: unknown } | null;
    return mergePrefs(defaults, typeof v1?.stepListWidth === 'number' ? { stepListWidth: v1.stepListWidth } : null);
  } catch {
    return defaults;
  }
}

interface LayoutState extends LayoutPrefs {
  set(patch: Partial<LayoutPrefs>): void;
}

export const useLayoutStore = create<LayoutState>((set, get) => ({
  ...loadPrefs(),
  set(patch) {
    set(patch);
    const now = get();
    const prefs = Object.fromEntries(PREF_KEYS.map((k) => [k, now[k]]));
    try {
      localStorage.setItem(KEY, JSON.stringify(prefs));
    } catch {
      /* storage full or disabled: sizes just are not remembered */
    }
  },
}));
