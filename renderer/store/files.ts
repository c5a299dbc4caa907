// Opening, saving and recovering flow files, plus the "invalid file" state. Loading never loses the
// user's text: an invalid file is kept verbatim (with its path-named errors) until it is fixed.
import { create } from 'zustand';
import { parseFlowText } from '../../shared/flow/validate.js';
import { serializeFlow } from '../../shared/flow/serialize.js';
import type { ValidationIssue } from '../../shared/flow/issues.js';
import { api, onTransportReopened, transport } from '../api/client.js';
import { isDirty, useFlowStore } from './flow.js';
import { describeDraft, hasDrafts, useDraftsStore } from './drafts.js';
import { isRunActive, useRunStore } from './run.js';
import { useTrustStore, type FlowOrigin } from './trust.js';
import type { RunGrant } from '../../shared/flow/capabilities.js';
import type { z } from 'zod';
import type { RecoveryOfferSchema } from '../../shared/api/domains/flow.js';
import { AUTOSAVE_DEBOUNCE_MS, AUTOSAVE_MAX_WAIT_MS, debounceWithMaxWait } from './debounce.js';
import { renewWindowId, windowId } from './window-id.js';

export interface InvalidFile {
  path: string | null;
  text: string;
  errors: ValidationIssue[];
  warnings: ValidationIssue[];
}

/** A copy offered at start: this window's, or a gone window's (`windowId` says whose). */
export type RecoveryOffer = z.infer<typeof RecoveryOfferSchema>;

export interface Notice {
  level: 'info' | 'error';
  message: string;
  at: number;
}

interface FilesState {
  mode: 'electron' | 'web';
  invalid: InvalidFile | null;
  recovery: RecoveryOffer | null;
  /** Web mode's own open/save dialog (Electron uses native dialogs); 'rows' picks an input rows file. */
  dialog: { mode: 'open' | 'save' } | { mode: 'rows'; pick(path: string | null): void } | null;
  recent: string[];
  notice: Notice | null;
  demoUrl: string | null;
  startupDone: boolean;

  startup(): Promise<void>;
  loadDemo(): Promise<void>;
  /** Apply the result of flow.open / flow.demo: load it, or show the invalid-file view. */
  applyOpened(
    opened: { path: string | null; text: string; sha256?: string | null; grant?: RunGrant | null },
    opts?: { dirty?: boolean; origin?: FlowOrigin },
  ): boolean;
  openPath(path: string): Promise<void>;
  requestOpen(): Promise<void>;
  /** The path of a CSV/JSONL rows file the user picks (native dialog or the web file dialog), or null. */
  pickRowsFile(): Promise<string | null>;
  save(): Promise<boolean>;
  saveAs(): Promise<boolean>;
  /** `onError`: where a failure is reported instead of a notice (the file dialog shows it in place). */
  writeTo(path: string, onError?: (message: string) => void): Promise<boolean>;
  newFlow(): void;
  restoreRecovery(): Promise<void>;
  discardRecovery(): Promise<void>;
  /** From the invalid-file view: try the edited text again. */
  retryInvalid(text: string): boolean;
  closeInvalid(): void;
  /** Keep the invalid file's edited text (autosaved for recovery) without re-validating. */
  setInvalidText(text: string): void;
  refreshRecent(): Promise<void>;
  setDialog(d: FilesState['dialog']): void;
  notify(level: Notice['level'], message: string): void;
}

const errMsg = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** "Could not save /p: …" without saying the path twice when the server's message already names it. */
export function failureMessage(action: string, path: string, e: unknown): string {
  const m = errMsg(e);
  return m.includes(path) ? m.charAt(0).toUpperCase() + m.slice(1) : `Could not ${action} ${path}: ${m}`;
}

// The flow file this window has open, so a reload (or the next start) reopens it.
const LAST_FLOW_KEY = 'crawlwright.lastFlow';
function readLastFlow(): string | null {
  try {
    return localStorage.getItem(LAST_FLOW_KEY);
  } catch {
    return null;
  }
}
useFlowStore.subscribe((now, prev) => {
  if (now.path === prev.path) return;
  try {
    if (now.path) localStorage.setItem(LAST_FLOW_KEY, now.path);
    else localStorage.removeItem(LAST_FLOW_KEY);
  } catch {
    /* storage disabled: nothing is reopened */
  }
});

/** The open flow's folder, where a native dialog starts (else main's last-used folder). */
function flowDir(): { dir?: string } {
  const path = useFlowStore.getState().path;
  const dir = path?.replace(/[\\/][^\\/]*$/, '');
  return dir ? { dir } : {};
}

/** Startup calls retry while the server is still coming up (web mode: socket not open yet). */
async function withRetry<T>(fn: () => Promise<T>, attempts = 6): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await fn();
    } catch (e) {
      const transient = e instanceof Error && /connect|closed/i.test(e.message);
      if (!transient || i >= attempts) throw e;
      await new Promise((r) => setTimeout(r, 250 * i));
    }
  }
}

/**
 * Another document: the old one's results (shown against steps with the same ids) and its
 * unapplied drafts go.
 */
function clearStaleResults(): void {
  if (!isRunActive(useRunStore.getState().status)) useRunStore.getState().clear();
  useDraftsStore.getState().clearAll();
}

/** Edits not on disk: the flow differs from the file, or an editor holds text that is not applied. */
export function hasUnsavedWork(): boolean {
  return isDirty(useFlowStore.getState()) || hasDrafts();
}

/** Ask before throwing away unsaved edits. */
export function confirmDiscard(): boolean {
  if (!hasUnsavedWork()) return true;
  return window.confirm('The flow has unsaved changes. Discard them?');
}

/**
 * Saving while an editor holds invalid text would write the last valid value and call it saved:
 * refuse, say where the draft is and show it (the text stays as typed).
 */
function refuseWithDrafts(notify: (level: 'error', message: string) => void): boolean {
  const first = Object.values(useDraftsStore.getState().drafts)[0];
  if (!first) return false;
  notify('error', `Not saved: ${describeDraft(first)}. Fix it (or reset the text) and save again; your text is kept.`);
  useDraftsStore.getState().showDraft(first);
  return true;
}

export const useFilesStore = create<FilesState>((set, get) => ({
  mode: transport.mode,
  invalid: null,
  recovery: null,
  dialog: null,
  recent: [],
  notice: null,
  demoUrl: null,
  startupDone: false,

  async startup() {
    void api['app.info']({})
      .then((info) => set({ demoUrl: info.demoUrl }))
      .catch(() => undefined);
    void get().refreshRecent();
    const recovery = await loadRecoveryOffer();
    // The flow this window had open (a reload), else the demo, opens underneath either way, so the
    // window is never empty; "Restore" replaces it.
    const last = readLastFlow();
    let reopened = false;
    if (last) {
      try {
        reopened = get().applyOpened(await withRetry(() => api['flow.open']({ path: last })), { origin: 'file' }) || !!get().invalid;
      } catch (e) {
        get().notify('info', `${failureMessage('reopen', last, e)} — showing the demo flow instead.`);
      }
    }
    if (!reopened) await get().loadDemo();
    set({ recovery, startupDone: true });
  },

  async loadDemo() {
    try {
      const opened = await withRetry(() => api['flow.demo']({}));
      get().applyOpened(opened, { origin: 'builtin' });
    } catch (e) {
      get().notify('error', `Could not load the demo flow: ${errMsg(e)}`);
    }
  },

  applyOpened(opened, opts) {
    // What the flow may use starts from where it came from (store/trust.ts), valid or not.
    useTrustStore.getState().opened(opts?.origin ?? 'file', opened);
    const parsed = parseFlowText(opened.text);
    if (!parsed.ok) {
      set({ invalid: { path: opened.path, text: opened.text, errors: parsed.errors, warnings: parsed.warnings } });
      return false;
    }
    useFlowStore.getState().load(parsed.flow, opened.path, { dirty: opts?.dirty });
    clearStaleResults();
    set({ invalid: null });
    return true;
  },

  async openPath(path) {
    if (!confirmDiscard()) return;
    try {
      const opened = await api['flow.open']({ path });
      if (get().applyOpened(opened, { origin: 'file' })) get().notify('info', `Opened ${path}`);
      void get().refreshRecent();
    } catch (e) {
      get().notify('error', failureMessage('open', path, e));
    }
  },

  async requestOpen() {
    if (get().mode === 'electron') {
      try {
        const { path } = await api['dialog.open'](flowDir());
        if (path) await get().openPath(path);
      } catch (e) {
        get().notify('error', errMsg(e));
      }
      return;
    }
    set({ dialog: { mode: 'open' } });
  },

  async pickRowsFile() {
    if (get().mode === 'electron') {
      try {
        return (await api['dialog.open']({ kind: 'rows', ...flowDir() })).path;
      } catch (e) {
        get().notify('error', errMsg(e));
        return null;
      }
    }
    return new Promise<string | null>((resolve) => set({ dialog: { mode: 'rows', pick: resolve } }));
  },

  async save() {
    if (refuseWithDrafts(get().notify)) return false;
    const { path } = useFlowStore.getState();
    if (!path) return get().saveAs();
    return get().writeTo(path);
  },

  async saveAs() {
    if (refuseWithDrafts(get().notify)) return false;
    const flow = useFlowStore.getState().flow;
    const suggestedName = `${flow.name.replace(/[^\w.-]+/g, '-').replace(/^-+|-+$/g, '') || 'flow'}.flow.json`;
    if (get().mode === 'electron') {
      try {
        const { path } = await api['dialog.save']({ suggestedName, ...flowDir() });
        return path ? get().writeTo(path) : false;
      } catch (e) {
        get().notify('error', errMsg(e));
        return false;
      }
    }
    set({ dialog: { mode: 'save' } });
    return false;
  },

  async writeTo(path, onError) {
    if (refuseWithDrafts(get().notify)) return false;
    const flow = useFlowStore.getState().flow;
    try {
      const saved = await api['flow.save']({ path, text: serializeFlow(flow), grant: useTrustStore.getState().grant });
      useFlowStore.getState().markSaved(saved.path);
      useTrustStore.getState().saved(saved.path, saved.sha256);
      void autosave.flush(); // clean now: the recovery copy goes
      get().notify('info', `Saved ${saved.path}`);
      void get().refreshRecent();
      return true;
    } catch (e) {
      const message = failureMessage('save', path, e);
      if (onError) onError(message);
      else get().notify('error', message);
      return false;
    }
  },

  newFlow() {
    if (!confirmDiscard()) return;
    useFlowStore.getState().newFlow();
    useTrustStore.getState().opened('authored');
    clearStaleResults();
    set({ invalid: null });
  },

  async restoreRecovery() {
    const r = get().recovery;
    if (!r) return;
    // Restored work is unsaved by definition: keep it dirty so autosave and the title say so.
    get().applyOpened({ path: r.path, text: r.text, grant: r.grant }, { dirty: true, origin: 'recovery' });
    const steps = new Set(useFlowStore.getState().flow.steps.map((st) => st.id));
    for (const d of r.drafts ?? []) if (steps.has(d.stepId)) useDraftsStore.getState().put(d);
    set({ recovery: null });
    // The work is this window's copy now; the copy it came from goes once that is written.
    await autosave.flush();
    const work = currentWork();
    const written = !!work && lastAutosaved === JSON.stringify(work);
    if (written && r.windowId !== windowId()) await api['recovery.clear']({ windowId: r.windowId }).catch(() => undefined);
  },

  async discardRecovery() {
    const r = get().recovery;
    set({ recovery: null });
    if (r) await api['recovery.clear']({ windowId: r.windowId }).catch(() => undefined);
  },

  retryInvalid(text) {
    const inv = get().invalid;
    if (!inv) return false;
    const parsed = parseFlowText(text);
    if (!parsed.ok) {
      set({ invalid: { ...inv, text, errors: parsed.errors, warnings: parsed.warnings } });
      return false;
    }
    // Fixed in the app but not yet on disk: dirty.
    useFlowStore.getState().load(parsed.flow, inv.path, { dirty: true });
    set({ invalid: null });
    return true;
  },

  closeInvalid() {
    set({ invalid: null });
  },

  setInvalidText(text) {
    const inv = get().invalid;
    if (inv) set({ invalid: { ...inv, text } });
  },

  async refreshRecent() {
    try {
      const { paths } = await api['flow.recent']({});
      set({ recent: paths });
    } catch {
      /* not available */
    }
  },

  setDialog(dialog) {
    set({ dialog });
  },

  notify(level, message) {
    set({ notice: { level, message, at: Date.now() } });
  },
}));

/**
 * The copy a starting window is offered (its own, else a gone window's; see
 * electron/api/handlers/recovery.ts). An own copy on offer keeps its id: this window saves under a
 * new one from now on, so its edits never overwrite the copy before the user chose.
 */
async function loadRecoveryOffer(): Promise<RecoveryOffer | null> {
  try {
    for (let attempt = 0; attempt < 3; attempt++) {
      const id = windowId();
      const { offer, idTaken } = await withRetry(() => api['recovery.load']({ windowId: id }));
      if (idTaken) {
        renewWindowId(); // a duplicated tab: its id belongs to the tab it was copied from
        continue;
      }
      if (offer?.windowId === id) renewWindowId();
      return offer;
    }
  } catch {
    /* no offer */
  }
  return null;
}

let lastAutosaved = '';

/** The window's unsaved work, or null when there is none (clean flow, no drafts, no invalid file). */
function currentWork() {
  const s = useFlowStore.getState();
  const inv = useFilesStore.getState().invalid;
  const drafts = Object.values(useDraftsStore.getState().drafts);
  // An invalid file being fixed is work too: keep its raw text. Drafts are kept with the flow.
  if (!inv && !isDirty(s) && !drafts.length) return null;
  return {
    text: inv ? inv.text : serializeFlow(s.flow),
    path: inv ? inv.path : s.path,
    grant: useTrustStore.getState().grant,
    ...(inv || !drafts.length ? {} : { drafts }),
  };
}

async function autosaveNow(): Promise<void> {
  // Not before startup chose the window id (an own copy on offer must not be overwritten).
  if (!useFilesStore.getState().startupDone) return;
  const work = currentWork();
  if (!work) {
    // Back to a clean state (saved, or edits discarded): the old copy is no longer work to recover.
    if (lastAutosaved) {
      await api['recovery.clear']({ windowId: windowId() });
      lastAutosaved = '';
    }
    return;
  }
  const key = JSON.stringify(work);
  if (key === lastAutosaved) return;
  await api['recovery.save']({ windowId: windowId(), ...work });
  lastAutosaved = key;
}

const autosave = debounceWithMaxWait(autosaveNow, AUTOSAVE_DEBOUNCE_MS, AUTOSAVE_MAX_WAIT_MS);
let autosaveStarted = false;

/** Write the working copy to this window's recovery copy shortly after each change. */
export function startAutosave(): void {
  if (autosaveStarted) return;
  autosaveStarted = true;
  useFlowStore.subscribe((now, prev) => {
    if (now.flow !== prev.flow || now.path !== prev.path || isDirty(now) !== isDirty(prev)) autosave.schedule();
  });
  useFilesStore.subscribe((now, prev) => {
    if (now.invalid !== prev.invalid || now.startupDone !== prev.startupDone) autosave.schedule();
  });
  useDraftsStore.subscribe((now, prev) => {
    if (now.drafts !== prev.drafts) autosave.schedule();
  });
  useTrustStore.subscribe((now, prev) => {
    if (now.grant !== prev.grant) autosave.schedule();
  });
  // A new connection (the server restarted): save again, so the server knows this window's id is
  // open and its copy is on disk.
  onTransportReopened(() => {
    if (lastAutosaved) lastAutosaved = ' ';
    autosave.schedule();
  });
  // Leaving (reload, close): send what is pending now rather than after the debounce.
  window.addEventListener('pagehide', () => void autosave.flush());
}
