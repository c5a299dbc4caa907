// Inputs and batch runs in the app: where the rows come from (the rows kept in the flow, or a
// CSV/JSONL file loaded with inputs.load), the draft of pasted rows, and the batch being run
// (fed by batch.event): per-row status, progress, the finished row whose results are open.
import { create } from 'zustand';
import { ResumeRefusedSchema, type BatchEvent, type BatchProgress, type BatchRow, type ResumableBatch, type ResumeRefused, type RowRecordShape } from '../../shared/api/domains/batch.js';
import type { NeedsGrantDetails } from '../../shared/api/domains/run.js';
import type { InputRow } from '../../shared/flow/inputs.js';
import { api, onEvent } from '../api/client.js';
import { ClientError } from '../api/transport.js';
import { useFlowStore } from './flow.js';
import { useTrustStore } from './trust.js';
import { useLayoutStore } from './layout.js';
import { useFilesStore } from './files.js';

export interface RowsFile {
  path: string;
  format: 'csv' | 'jsonl';
  columns: string[];
  total: number;
  /** The first rows (inputs.load sends at most INPUT_PREVIEW_ROWS). */
  rows: InputRow[];
  errors: string[];
}

export type BatchStatus = 'idle' | 'starting' | 'running' | 'ok' | 'failed' | 'stopped';

interface BatchState {
  /** Rows from a file instead of the flow's own (kept until cleared; never written into the flow). */
  file: RowsFile | null;
  /** Pasted rows being edited (CSV with a header, or JSONL); null = show the flow's rows. */
  draft: string | null;
  loading: boolean;

  batchId: string | null;
  status: BatchStatus;
  error: string | null;
  outDir: string | null;
  progress: BatchProgress | null;
  order: string[];
  rows: Record<string, BatchRow>;
  concurrency: number;
  /** The finished row whose results are shown, and its record once fetched. */
  openRow: string | null;
  record: RowRecordShape | null;

  /** This flow file's unfinished batches (batch.list), for Resume. */
  resumable: ResumableBatch[];
  /** The last Resume refused because the flow or rows changed (the panel offers Start fresh). */
  refused: (ResumeRefused & { message: string }) | null;

  setDraft(text: string | null): void;
  loadFile(): Promise<void>;
  clearFile(): void;
  setConcurrency(n: number): void;
  start(opts?: { resume?: string }): Promise<void>;
  refreshResumable(): Promise<void>;
  stop(): Promise<void>;
  open(row: string | null): Promise<void>;
  handle(ev: BatchEvent): void;
}

const errMsg = (e: unknown) => (e instanceof Error ? e.message : String(e));

export const useBatchStore = create<BatchState>((set, get) => ({
  file: null,
  draft: null,
  loading: false,
  batchId: null,
  status: 'idle',
  error: null,
  outDir: null,
  progress: null,
  order: [],
  rows: {},
  concurrency: 2,
  openRow: null,
  record: null,
  resumable: [],
  refused: null,

  setDraft(draft) {
    set({ draft });
  },
  async loadFile() {
    const path = await useFilesStore.getState().pickRowsFile();
    if (!path) return;
    set({ loading: true });
    try {
      const r = await api['inputs.load']({ path, flow: useFlowStore.getState().flow });
      set({ file: r, loading: false });
    } catch (e) {
      set({ loading: false });
      useFilesStore.getState().notify('error', `Could not load ${path}: ${errMsg(e)}`);
    }
  },
  clearFile() {
    set({ file: null });
  },
  setConcurrency(concurrency) {
    set({ concurrency: Math.max(1, Math.min(32, Math.round(concurrency) || 1)) });
  },

  async start(opts = {}) {
    const st = get().status;
    if (st === 'starting' || st === 'running') return;
    const { flow, path } = useFlowStore.getState();
    const file = get().file;
    const resume = opts.resume ? get().resumable.find((b) => b.batchId === opts.resume) : undefined;
    set({ status: 'starting', error: null, openRow: null, record: null, refused: null });
    // A resumed batch runs the rows it was started with (its file), whatever the Inputs tab holds now.
    const inputsPath = resume ? resume.inputsPath : file?.path;
    const args = {
      flow,
      ...(inputsPath ? { inputsPath } : {}),
      ...(path ? { flowPath: path } : {}),
      ...(resume ? { resume: resume.batchId } : {}),
      concurrency: flow.inputs?.concurrency ?? get().concurrency,
      retries: flow.inputs?.retries ?? 2,
    };
    try {
      let started: { batchId: string; total: number; outDir: string };
      try {
        started = await api['batch.start']({ ...args, grant: useTrustStore.getState().grant });
      } catch (e) {
        // As for a run: the flow needs more than granted so far; ask, then try again.
        if (!(e instanceof ClientError && e.code === 'needs_grant')) throw e;
        if (!(await useTrustStore.getState().ask(e.details as NeedsGrantDetails))) {
          set({ status: 'idle', error: 'Batch not started: the permissions it needs were not granted' });
          return;
        }
        started = await api['batch.start']({ ...args, grant: useTrustStore.getState().grant });
      }
      if (get().batchId !== started.batchId) set({ batchId: started.batchId, outDir: started.outDir });
      useLayoutStore.getState().set({ dockTab: 'batch', dockCollapsed: false });
    } catch (e) {
      const refused = e instanceof ClientError && e.code === 'failed' ? ResumeRefusedSchema.safeParse(e.details) : null;
      if (refused?.success) set({ status: st, refused: { ...refused.data, message: errMsg(e) } });
      else set({ status: 'failed', error: errMsg(e) });
    }
  },
  async refreshResumable() {
    const path = useFlowStore.getState().path;
    if (!path) return set({ resumable: [] });
    try {
      const { batches } = await api['batch.list']({ flowPath: path });
      if (useFlowStore.getState().path === path) set({ resumable: batches });
    } catch {
      set({ resumable: [] });
    }
  },
  async stop() {
    const { batchId } = get();
    if (batchId) await api['batch.stop']({ batchId }).catch(() => undefined);
  },
  async open(row) {
    const { batchId } = get();
    set({ openRow: row, record: null });
    if (!row || !batchId) return;
    try {
      const record = await api['batch.row']({ batchId, row });
      if (get().openRow === row) set({ record });
    } catch (e) {
      set({ error: errMsg(e) });
    }
  },

  handle(ev) {
    const s = get();
    if (ev.type === 'started') {
      // Our batch.start answer may come after this event: any started batch while we start is ours.
      if (s.status !== 'starting' && s.batchId !== ev.batchId) return;
      const rows: Record<string, BatchRow> = {};
      for (const id of ev.rows) rows[id] = { row: id, status: 'queued' };
      set({ batchId: ev.batchId, status: 'running', order: ev.rows, rows, outDir: ev.outDir, progress: null, error: null });
      return;
    }
    if (ev.batchId !== s.batchId) return;
    if (ev.type === 'row') set({ rows: { ...s.rows, [ev.row.row]: ev.row }, progress: ev.progress });
    else {
      // Rows still shown as running when the batch ends were stopped: they run again on a new batch.
      const rows = Object.fromEntries(Object.entries(s.rows).map(([id, r]) => [id, r.status === 'running' ? { ...r, status: 'queued' as const } : r]));
      set({ status: ev.status, progress: ev.progress, rows, error: ev.error ?? null });
    }
    // A batch that ended (stopped ones are resumable) or started changes what Resume offers.
    if (ev.type !== 'row') void get().refreshResumable();
  },
}));

let wired = false;
export function wireBatchEvents(): void {
  if (wired) return;
  wired = true;
  onEvent('batch.event', (ev) => useBatchStore.getState().handle(ev));
}
