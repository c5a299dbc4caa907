// Which session the preview and the schema tester show (one choice for both). The selected step's
// session_id decides, unless the user picked another session in a session menu (a pin, dropped
// when the step's session changes). A step without session_id has no page of its own (Crawl4AI
// gives it a fresh page that is closed afterwards), so the preview stays on the session it showed
// last instead of jumping to an arbitrary live one; undoing the edit brings the step's own back.
import { create } from 'zustand';
import type { SessionInfo } from '../../shared/api/domains/session.js';

interface PreviewSessionState {
  /** Chosen in a session menu; wins until the selected step's session_id changes. */
  pinned: string | null;
  /** The session shown last (kept while the step has no session_id). */
  lastShown: string | null;
  pin(id: string | null): void;
  setLastShown(id: string | null): void;
}

export const usePreviewSessionStore = create<PreviewSessionState>((set) => ({
  pinned: null,
  lastShown: null,
  pin: (pinned) => set({ pinned }),
  setLastShown: (lastShown) => set({ lastShown }),
}));

export function resolvePreviewSession(stepSession: string | null | undefined, pinned: string | null, lastShown: string | null, sessions: readonly Pick<SessionInfo, 'id' | 'alive'>[]): string | null {
  return pinned ?? stepSession ?? lastShown ?? sessions.find((s) => s.alive)?.id ?? null;
}
