// Recording the live preview into steps (server: electron/preview/recorder.ts). Step drafts arrive
// as recorder.event and are written into the flow through the flow store (so they can be undone,
// saved, edited): a new draft becomes a new step after the last recorded one, a later event with
// the same seq updates that step in place (actions merging). Thumbnails stay in this window.
import { create } from 'zustand';
import type { RecorderEvent } from '../../shared/api/domains/preview.js';
import type { Step } from '../../shared/flow/schema.js';
import { api, onEvent } from '../api/client.js';
import { useFlowStore } from './flow.js';
import { usePreviewSessionStore } from './previewSession.js';
import { useFilesStore } from './files.js';

export const DEFAULT_RECORDING_SESSION = 'main';

interface RecorderState {
  /** Session being recorded, or null. */
  sessionId: string | null;
  starting: boolean;
  /** This window's recording (recorder.event carries it), and the one before (its last drafts may still arrive). */
  recordingId: string | null;
  lastRecordingId: string | null;
  /** seq of a draft → the step it was written to. */
  steps: Record<number, string>;
  /** Step the next new draft goes after. */
  afterId: string | null;
  /** Re-recording: the first draft replaces this step. */
  replaceId: string | null;
  /** Step id → thumbnail (data URL) of the page after it; this window only. */
  thumbnails: Record<string, string>;
  /** Steps that came from a recording (the row shows it; "re-record" offers itself). */
  recorded: Record<string, true>;
  /** Secret names already announced in this window. */
  announced: string[];
  message: string | null;
  start(sessionId: string | null, opts?: { replaceId?: string }): Promise<void>;
  stop(): Promise<void>;
  toggle(sessionId: string | null): Promise<void>;
  handle(ev: RecorderEvent): void;
}

const sameSession = (s: Step, id: string) => s.config.session_id === id;

export const useRecorderStore = create<RecorderState>((set, get) => ({
  sessionId: null,
  starting: false,
  recordingId: null,
  lastRecordingId: null,
  steps: {},
  afterId: null,
  replaceId: null,
  thumbnails: {},
  recorded: {},
  announced: [],
  message: null,

  async start(sessionId, opts = {}) {
    if (get().sessionId || get().starting) return;
    set({ starting: true, message: null });
    try {
      // The flow decides which session is recorded: the preview may still show another flow's.
      const { flow: f0, selected: sel0 } = useFlowStore.getState();
      const own = new Set(f0.steps.map((s) => s.config.session_id).filter(Boolean));
      const selectedSession = f0.steps.find((s) => s.id === sel0[0])?.config.session_id;
      const lastSession = [...f0.steps].reverse().find((s) => s.config.session_id)?.config.session_id;
      const sid = (sessionId && own.has(sessionId) ? sessionId : null) ?? selectedSession ?? lastSession ?? DEFAULT_RECORDING_SESSION;
      const live = (await api['session.list']({})).sessions.find((s) => s.id === sid && s.alive);
      if (!live) await api['session.create']({ id: sid });
      usePreviewSessionStore.getState().pin(sid);
      const { flow, selected } = useFlowStore.getState();
      const replace = opts.replaceId ? flow.steps.find((s) => s.id === opts.replaceId) : undefined;
      // The first recorded step opens the page itself unless an earlier step of the flow brings the
      // session there (re-recording a navigating step opens it too).
      const openFirst = replace ? !replace.config.js_only : !flow.steps.some((s) => sameSession(s, sid));
      const afterId = replace ? null : (selected[selected.length - 1] ?? flow.steps[flow.steps.length - 1]?.id ?? null);
      // Events of an earlier recording on the same session id (its stop may still be on the way) are not this one's.
      const recordingId = `r${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
      set({ sessionId: sid, recordingId, steps: {}, afterId, replaceId: replace?.id ?? null });
      const r = await api['recorder.start']({ sessionId: sid, openFirst, recordingId });
      if (r.recordingId !== recordingId) set({ recordingId: r.recordingId }); // already recorded (another window): join it
    } catch (e) {
      set({ sessionId: null, recordingId: null, message: `Recording could not start: ${(e as Error).message}` });
      useFilesStore.getState().notify('error', `Recording could not start: ${(e as Error).message}`);
    } finally {
      set({ starting: false });
    }
  },

  async stop() {
    const sid = get().sessionId;
    if (!sid) return;
    const id = get().recordingId;
    await api['recorder.stop']({ sessionId: sid }).catch(() => undefined);
    set({ sessionId: null, replaceId: null, recordingId: null, lastRecordingId: id });
  },

  async toggle(sessionId) {
    if (get().sessionId) await get().stop();
    else await get().start(sessionId);
  },

  handle(ev) {
    const st = get();
    const ours = ev.recordingId === st.recordingId && st.recordingId !== null;
    // A stopped recording's last draft (what was typed but not committed) still updates its step.
    const late = ev.type === 'step' && ev.recordingId === st.lastRecordingId && st.steps[ev.seq] !== undefined;
    if (!ours && !late) return;
    if (ev.type === 'state') {
      if (!ev.recording) set({ sessionId: null, replaceId: null, recordingId: null, lastRecordingId: ev.recordingId, ...(ev.message ? { message: ev.message } : {}) });
      if (ev.message) useFilesStore.getState().notify(ev.recording ? 'error' : 'info', ev.message);
      return;
    }
    const flow = useFlowStore.getState();
    let id = st.steps[ev.seq];
    const draft = ev.step as Omit<Step, 'id'>;
    if (id && flow.flow.steps.some((s) => s.id === id)) {
      flow.updateStep(
        id,
        (s) => {
          s.name = draft.name;
          s.config = structuredClone(draft.config);
          if (draft.actions) s.actions = structuredClone(draft.actions);
          else delete s.actions;
        },
        `record:${ev.seq}`,
      );
    } else if (st.replaceId && !Object.keys(st.steps).length && flow.flow.steps.some((s) => s.id === st.replaceId)) {
      id = st.replaceId;
      flow.updateStep(id, (s) => {
        s.name = draft.name;
        s.config = structuredClone(draft.config);
        if (draft.actions) s.actions = structuredClone(draft.actions);
        else delete s.actions;
      });
    } else {
      id = flow.addStep(structuredClone(draft), st.afterId);
    }
    // A password typed while recording is only ever a {{secret:NAME}} placeholder. Granting it is
    // the trust prompt's job (docs/security.md): the first run asks for NAME like any other secret.
    const fresh = ev.secrets.filter((n) => !st.announced.includes(n));
    if (fresh.length) {
      set({ announced: [...st.announced, ...fresh] });
      useFilesStore.getState().notify('info', `The password was recorded as ${fresh.map((n) => `{{secret:${n}}}`).join(', ')}, never its value. A run asks you to allow it (the demo site's own is exempt); its value comes from CRAWLWRIGHT_SECRET_${fresh[0]} (or ${fresh[0]}, or the keychain).`);
    }
    set({
      steps: { ...get().steps, [ev.seq]: id },
      afterId: id,
      recorded: { ...get().recorded, [id]: true },
      ...(ev.thumbnail ? { thumbnails: { ...get().thumbnails, [id]: ev.thumbnail } } : {}),
    });
  },
}));

let wired = false;
export function wireRecorderEvents(): void {
  if (wired) return;
  wired = true;
  onEvent('recorder.event', (ev) => useRecorderStore.getState().handle(ev));
}
