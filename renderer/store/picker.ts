// Picker state shared by the preview (which owns picking) and its consumers (step editor, schema
// builder). Owned by the live-preview work; the interface below is what consumers code against.
// The element/candidate shapes are the contract's (shared/api/domains/preview.ts).
import { create } from 'zustand';
import type { PickedElement, SelectorCandidate } from '../../shared/api/domains/preview.js';

export type { PickedElement, SelectorCandidate };

export interface PickRequest {
  /** What the pick is for (shown in the preview's banner), e.g. "baseSelector", "field", "wait_for". */
  purpose: string;
  /** For field picks: selector of the item element; the result's selectors are relative to it. */
  relativeTo?: string;
  /** Prefer selectors matching many elements (baseSelector) or one (default for everything else). */
  prefer?: 'unique' | 'repeated';
}

export interface HighlightRequest {
  selector: string;
  relativeTo?: string;
}

/** Result of the live highlight (the preview fills it; editors can show the count next to the selector). */
export interface HighlightResult {
  selector: string;
  count: number;
  error?: string;
  crawl4aiValid?: boolean;
  itemsWithMatch?: number;
  items?: number;
}

interface PickerState {
  request: PickRequest | null;
  resolve: ((el: PickedElement | null) => void) | null;
  /** Selector currently highlighted in the preview (all matches, with a count). */
  highlight: HighlightRequest | null;
  /** Count/validity of the highlighted selector, set by the preview after matching it. */
  highlightResult: HighlightResult | null;
  /** The element last picked in the preview (candidate list and actions show it). */
  picked: PickedElement | null;
  /** Ask the preview to enter pick mode; resolves with the picked element or null if cancelled. */
  pick(req: PickRequest): Promise<PickedElement | null>;
  /** Called by the preview when the user picks (or cancels with null). */
  finish(el: PickedElement | null): void;
  setHighlight(h: HighlightRequest | null): void;
  setHighlightResult(r: HighlightResult | null): void;
  setPicked(el: PickedElement | null): void;
}

export const usePickerStore = create<PickerState>((set, get) => ({
  request: null,
  resolve: null,
  highlight: null,
  highlightResult: null,
  picked: null,
  pick(req) {
    get().resolve?.(null);
    return new Promise((resolve) => set({ request: req, resolve }));
  },
  finish(el) {
    get().resolve?.(el);
    set({ request: null, resolve: null, ...(el ? { picked: el } : {}) });
  },
  setHighlight(h) {
    set({ highlight: h, ...(h ? {} : { highlightResult: null }) });
  },
  setHighlightResult(r) {
    set({ highlightResult: r });
  },
  setPicked(el) {
    set({ picked: el });
  },
}));
