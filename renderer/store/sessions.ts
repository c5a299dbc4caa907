// Live browser sessions (session.list + session.changed), for the session picker and colour chips.
import { create } from 'zustand';
import type { SessionInfo } from '../../shared/api/domains/session.js';
import { api, onEvent } from '../api/client.js';

interface SessionsState {
  sessions: SessionInfo[];
  refresh(): Promise<void>;
}

export const useSessionsStore = create<SessionsState>((set) => ({
  sessions: [],
  async refresh() {
    try {
      const { sessions } = await api['session.list']({});
      set({ sessions });
    } catch {
      /* engine not available yet: keep the list empty */
    }
  },
}));

let wired = false;
export function wireSessionEvents(): void {
  if (wired) return;
  wired = true;
  onEvent('session.changed', ({ sessions }) => useSessionsStore.setState({ sessions }));
  void useSessionsStore.getState().refresh();
}

const PALETTE = ['#4c8df6', '#3fb968', '#d9a53a', '#c678dd', '#e06c75', '#56b6c2', '#e5c07b', '#98c379', '#61afef', '#d19a66'];

/** A stable colour per session id (hash → palette), the same everywhere in the UI. */
export function sessionColor(id: string): string {
  let h = 0;
  for (let i = 0; i < id.length; i++) h = (h * 31 + id.charCodeAt(i)) >>> 0;
  return PALETTE[h % PALETTE.length];
}
