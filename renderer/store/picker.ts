// Picker state shared by the preview (which owns picking) and its consumers (step editor, schema
// builder). Owned by the live-preview work; the interface below is what consumers code against.
import { create } from 'zustand';

export interface SelectorCandidate {
  selector: string;
  /** Higher is better (Playwright-style scoring: test-id > stable id > role/aria/text > classes > nth-child). */
  score: number;
  kind: 'testid' | 'id' | 'role' | 'aria' | 'text' | 'attribute' | 'class' | 'structural';
  /** Live match count in the browser. */
  count: number;
  /** Valid for soupsieve (Crawl4AI) as well as the browser. */
  crawl4aiValid: boolean;
  note?: string;
}

export interface PickedElement {
  tagName: string;
  text: string;
  attributes: Record<string, string>;
  box: { x: number; y: number; width: number; height: number };
  candidates: SelectorCandidate[];
  /** Best candidate's selector. */
  selector: string;
  /** Inside an open shadow root: Crawl4AI's captured HTML (page.content()) will not contain it. */
  inShadowRoot: boolean;
  /** Inside a same-origin iframe (selector is relative to that frame's document). */
  framePath: string[];
}

export interface PickRequest {
  /** What the pick is for (shown in the preview's banner), e.g. "baseSelector", "field", "wait_for". */
  purpose: string;
  /** For field picks: selector of the item element; the result's selectors are relative to it. */
  relativeTo?: string;
}

interface PickerState {
  request: PickRequest | null;
  resolve: ((el: PickedElement | null) => void) | null;
  /** Selector currently highlighted in the preview (all matches, with a count). */
  highlight: { selector: string; relativeTo?: string } | null;
  /** Ask the preview to enter pick mode; resolves with the picked element or null if cancelled. */
  pick(req: PickRequest): Promise<PickedElement | null>;
  /** Called by the preview when the user picks (or cancels with null). */
  finish(el: PickedElement | null): void;
  setHighlight(h: { selector: string; relativeTo?: string } | null): void;
}

export const usePickerStore = create<PickerState>((set, get) => ({
  request: null,
  resolve: null,
  highlight: null,
  pick(req) {
    get().resolve?.(null);
    return new Promise((resolve) => set({ request: req, resolve }));
  },
  finish(el) {
    get().resolve?.(el);
    set({ request: null, resolve: null });
  },
  setHighlight(h) {
    set({ highlight: h });
  },
}));
