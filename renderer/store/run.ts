// Run state fed by `run.event`: per-step status for the step list, results per step and iteration
// for the results dock, the run log, and the progress bar. One run at a time.
import { create } from 'zustand';
import { itemCountOf, type NeedsGrantDetails, type RunEvent, type RunHealthIssue, type StepResult } from '../../shared/api/domains/run.js';
import { api, onEvent, onTransportReopened } from '../api/client.js';
import { ClientError } from '../api/transport.js';
import { useTrustStore } from './trust.js';
import { crawl4aiWouldReport, isBlockedResult } from '../../shared/crawl4ai/verdict.js';
import { useFlowStore } from './flow.js';
import { useRecorderStore } from './recorder.js';
import { iterationSuffix } from '../../shared/flow/iterations.js';

export type RunMode = 'all' | 'step' | 'to' | 'from';
export type StepRunStatus = 'idle' | 'running' | 'paused' | 'ok' | 'warning' | 'failed';

export interface StepRunState {
  status: StepRunStatus;
  /** Items extracted over all iterations of the last run. */
  items: number;
  /** Whether any iteration had an extraction_strategy (items is meaningful). */
  extracts: boolean;
  iterations: number;
  phase?: string;
  error?: string;
  warnings: string[];
  /** "Crawl4AI would report: failed (blocked: …)" of the last iteration Crawl4AI flags, if any. */
  crawl4ai?: string;
  /** Iterations Crawl4AI would report as blocked by anti-bot protection. */
  blocked?: number;
  /** Run-health reasons (0 items, repeated items, wait timeout, max exhausted, failed action). */
  health: string[];
}

export interface LogEntry {
  ts: number;
  level: 'info' | 'warn' | 'error';
  message: string;
  stepId?: string;
}

export interface RunState {
  runId: string | null;
  status: 'idle' | 'starting' | 'running' | 'paused' | 'ok' | 'warnings' | 'failed' | 'stopped';
  /** Why the last run finished with warnings. */
  health: RunHealthIssue[];
  mode: RunMode | null;
  stepIds: string[];
  finishedSteps: string[];
  currentStepId: string | null;
  pausedAt: string | null;
  results: StepResult[];
  log: LogEntry[];
  byStep: Record<string, StepRunState>;
  outDir: string | null;
  /** Result shown in the results dock (step + iteration), null = latest of the selected step. */
  focus: { stepId: string; iteration: number } | null;
  /** Why a result's full form could not be fetched (key: resultKey), shown instead of its items. */
  unloaded: Record<string, string>;

  start(mode: RunMode, stepId?: string): Promise<void>;
  stop(): Promise<void>;
  resume(): Promise<void>;
  handle(ev: RunEvent): void;
  setFocus(f: { stepId: string; iteration: number } | null): void;
  clear(): void;
  /** After a reconnect: catch up with the current run from run.state (events may have been missed). */
  resync(): Promise<void>;
}

export const resultKey = (r: Pick<StepResult, 'runId' | 'stepId' | 'iteration'>) => `${r.runId}/${r.stepId}/${r.iteration}`;

const LOG_LIMIT = 2000;
/** Results kept in the UI (long repeat loops); the run's own output on disk keeps everything. */
const RESULTS_LIMIT = 2000;

/** Set by the app to surface "run could not start" (e.g. invalid flow) as a notice. */
let onStartError: ((message: string) => void) | undefined;
export function setRunStartErrorHandler(fn: (message: string) => void): void {
  onStartError = fn;
}

function summarize(prev: StepRunState | undefined, r: StepResult): StepRunState {
  const items = (prev?.items ?? 0) + (itemCountOf(r) ?? 0);
  const warnings = [...(prev?.warnings ?? []), ...r.warnings];
  const health = [...(prev?.health ?? []), ...(r.health ?? []).map((h) => h.message)];
  return {
    extracts: (prev?.extracts ?? false) || itemCountOf(r) !== null,
    // A page Crawl4AI flags as blocked passed here: shown as a warning, never as plain ok.
    blocked: (prev?.blocked ?? 0) + (isBlockedResult(r) ? 1 : 0),
    crawl4ai: crawl4aiWouldReport(r) ?? prev?.crawl4ai,
    status: !r.success ? 'failed' : warnings.length || health.length || isBlockedResult(r) || prev?.blocked ? 'warning' : 'ok',
    health,
    items,
    iterations: r.iteration + 1,
    error: r.error ? `${r.error.phase}: ${r.error.message}${r.error.selector ? ` (${r.error.selector})` : ''}` : undefined,
    warnings,
  };
}

export const useRunStore = create<RunState>((set, get) => ({
  runId: null,
  status: 'idle',
  mode: null,
  stepIds: [],
  finishedSteps: [],
  currentStepId: null,
  pausedAt: null,
  results: [],
  log: [],
  byStep: {},
  outDir: null,
  focus: null,
  health: [],
  unloaded: {},

  async start(mode, stepId) {
    const st = get().status;
    if (st === 'running' || st === 'starting' || st === 'paused') return;
    // A run drives the session's page: what it does must not be recorded as the user's actions.
    await useRecorderStore.getState().stop();
    const flow = useFlowStore.getState().flow;
    set({ status: 'starting', mode, runId: null, focus: null, health: [] });
    try {
      const startWith = () => api['run.start']({ flow, mode, stepId, breakpoints: true, grant: useTrustStore.getState().grant });
      let started: { runId: string };
      try {
        started = await startWith();
      } catch (e) {
        // The flow needs more than the user granted so far: ask, listing exactly what, then retry.
        if (!(e instanceof ClientError && e.code === 'needs_grant')) throw e;
        if (!(await useTrustStore.getState().ask(e.details as NeedsGrantDetails))) {
          set((s) => ({ status: 'idle', log: [...s.log, { ts: Date.now(), level: 'info' as const, message: 'Run cancelled: the permissions it needs were not granted' }].slice(-LOG_LIMIT) }));
          return;
        }
        started = await startWith();
      }
      // run-started may already have arrived; keep whatever it set.
      if (!get().runId) set({ runId: started.runId });
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      set((s) => ({ status: 'failed', log: [...s.log, { ts: Date.now(), level: 'error', message: `Run could not start: ${message}` }] }));
      onStartError?.(message);
    }
  },
  async stop() {
    const { runId } = get();
    if (runId) await api['run.stop']({ runId }).catch(() => undefined);
  },
  async resume() {
    const { runId } = get();
    if (runId) await api['run.continue']({ runId }).catch(() => undefined);
  },
  setFocus(focus) {
    set({ focus });
  },
  clear() {
    set({ results: [], log: [], byStep: {}, finishedSteps: [], stepIds: [], currentStepId: null, status: 'idle', focus: null, unloaded: {} });
  },
  async resync() {
    // Full results whose fetch failed with the connection are fetched again.
    const retry = get().results.filter((r) => r.omitted && get().unloaded[resultKey(r)] !== undefined);
    if (retry.length) {
      set((s) => ({ unloaded: Object.fromEntries(Object.entries(s.unloaded).filter(([k]) => !retry.some((r) => resultKey(r) === k))) }));
      retry.forEach(loadFullResult);
    }
    const { runId, status } = get();
    if (!runId || !isRunActive(status)) return;
    let st: Awaited<ReturnType<(typeof api)['run.state']>>;
    try {
      st = await api['run.state']({ runId });
    } catch {
      return; // the server restarted or forgot the run: nothing to catch up with
    }
    const { handle } = get();
    if (!get().stepIds.length && st.stepIds.length) handle({ type: 'run-started', runId, stepIds: st.stepIds });
    const have = new Set(get().results.filter((r) => r.runId === runId).map(resultKey));
    for (const r of st.results) if (!have.has(resultKey(r))) handle({ type: 'step-finished', runId, result: r });
    if (st.finished) handle(st.finished);
    else if (st.pausedAt && get().status !== 'paused') handle({ type: 'paused', runId, stepId: st.pausedAt });
    else if (!st.pausedAt && get().status === 'paused') handle({ type: 'resumed', runId });
  },

  handle(ev) {
    const s = get();
    if (ev.type !== 'run-started' && s.runId && ev.runId !== s.runId) return;
    const now = Date.now();
    switch (ev.type) {
      case 'run-started': {
        const byStep = { ...s.byStep };
        for (const id of ev.stepIds) byStep[id] = { status: 'idle', items: 0, extracts: false, iterations: 0, warnings: [], health: [] };
        // Results of steps that are not part of this run are kept (Run step keeps the others).
        const rerun = new Set(ev.stepIds);
        set({
          runId: ev.runId,
          status: 'running',
          stepIds: ev.stepIds,
          finishedSteps: [],
          currentStepId: null,
          pausedAt: null,
          outDir: null,
          byStep,
          results: s.results.filter((r) => !rerun.has(r.stepId)),
          log: [...s.log, { ts: now, level: 'info' as const, message: `Run started (${ev.stepIds.length} step${ev.stepIds.length === 1 ? '' : 's'})` }].slice(-LOG_LIMIT),
        });
        break;
      }
      case 'step-started':
        set({
          status: 'running',
          currentStepId: ev.stepId,
          pausedAt: null,
          byStep: { ...s.byStep, [ev.stepId]: { ...(s.byStep[ev.stepId] ?? { items: 0, extracts: false, iterations: 0, warnings: [], health: [] }), status: 'running', phase: undefined } },
        });
        break;
      case 'phase': {
        const cur = s.byStep[ev.stepId];
        if (cur) set({ byStep: { ...s.byStep, [ev.stepId]: { ...cur, phase: ev.phase } } });
        break;
      }
      case 'step-finished': {
        const r = ev.result;
        const prev = s.byStep[r.stepId];
        const next = summarize(r.iteration === 0 ? undefined : prev, r);
        const name = (r.stepName || r.stepId) + iterationSuffix(useFlowStore.getState().flow.steps.find((st) => st.id === r.stepId), r.iteration);
        const line: LogEntry = r.success
          ? {
              ts: now,
              level: r.warnings.length || isBlockedResult(r) ? 'warn' : 'info',
              stepId: r.stepId,
              message: `✓ ${name}: ${itemCountOf(r) !== null ? `${itemCountOf(r)} items, ` : ''}${r.durationMs} ms${r.warnings.length ? ` — ${r.warnings.length} warning(s)` : ''}${isBlockedResult(r) ? ` — ${crawl4aiWouldReport(r)}` : ''}`,
            }
          : { ts: now, level: 'error', stepId: r.stepId, message: `✗ ${name} failed in ${r.error?.phase ?? '?'}: ${r.error?.message ?? 'unknown error'}` };
        set({
          results: s.results.length >= RESULTS_LIMIT ? [...s.results.slice(s.results.length - RESULTS_LIMIT + 1), r] : [...s.results, r],
          byStep: { ...s.byStep, [r.stepId]: { ...next, status: next.status === 'failed' ? 'failed' : next.status } },
          finishedSteps: s.finishedSteps.includes(r.stepId) ? s.finishedSteps : [...s.finishedSteps, r.stepId],
          log: [
            ...s.log,
            line,
            ...(r.health ?? []).map((h) => ({ ts: now, level: 'warn' as const, stepId: r.stepId, message: `  ⚠ ${h.message}` })),
            ...r.warnings.map((w) => ({ ts: now, level: 'warn' as const, stepId: r.stepId, message: `  ⚠ ${w}` })),
          ].slice(-LOG_LIMIT),
        });
        if (r.omitted) loadFullResult(r);
        break;
      }
      case 'paused': {
        const cur = s.byStep[ev.stepId] ?? { items: 0, extracts: false, iterations: 0, warnings: [], health: [] };
        set({
          status: 'paused',
          pausedAt: ev.stepId,
          currentStepId: ev.stepId,
          byStep: { ...s.byStep, [ev.stepId]: { ...cur, status: 'paused' } },
          log: [...s.log, { ts: now, level: 'info' as const, stepId: ev.stepId, message: '⏸ Paused at breakpoint' }].slice(-LOG_LIMIT),
        });
        break;
      }
      case 'resumed':
        set({ status: 'running', pausedAt: null });
        break;
      case 'run-finished': {
        const byStep = { ...s.byStep };
        for (const [id, st] of Object.entries(byStep)) if (st.status === 'running' || st.status === 'paused') byStep[id] = { ...st, status: 'idle' };
        const health = ev.health ?? [];
        const word = ev.status === 'warnings' ? `finished with warnings (${health.length} issue${health.length === 1 ? '' : 's'})` : ev.status;
        set({
          status: ev.status,
          health,
          currentStepId: null,
          pausedAt: null,
          outDir: ev.outDir ?? null,
          byStep,
          log: [
            ...s.log,
            {
              ts: now,
              level: ev.status === 'failed' ? ('error' as const) : ev.status === 'warnings' ? ('warn' as const) : ('info' as const),
              message: `Run ${word}${ev.error ? `: ${ev.error}` : ''}${ev.blocked ? ` — Crawl4AI would report ${ev.blocked} step run(s) as blocked by anti-bot protection` : ''}${ev.outDir ? ` — results in ${ev.outDir}` : ''}`,
            },
          ].slice(-LOG_LIMIT),
        });
        break;
      }
      case 'log':
        set({ log: [...s.log, { ts: now, level: ev.level, message: ev.message }].slice(-LOG_LIMIT) });
        break;
    }
  },
}));

export function isRunActive(status: RunState['status']): boolean {
  return status === 'running' || status === 'starting' || status === 'paused';
}

/** Fraction of steps finished in the current run (0..1). */
export function runProgress(s: Pick<RunState, 'stepIds' | 'finishedSteps'>): number {
  return s.stepIds.length ? s.finishedSteps.length / s.stepIds.length : 0;
}

/**
 * step-finished carries a summary (the server does not push items, console and network to every
 * client): the full result is fetched with run.result, one at a time in finishing order, and
 * replaces the summary in place.
 */
let fetching: Promise<void> = Promise.resolve();
function loadFullResult(summary: StepResult): void {
  const key = resultKey(summary);
  fetching = fetching.then(async () => {
    if (!useRunStore.getState().results.some((r) => resultKey(r) === key && r.omitted)) return;
    try {
      const full = await api['run.result']({ runId: summary.runId, stepId: summary.stepId, iteration: summary.iteration });
      useRunStore.setState((s) => ({ results: s.results.map((r) => (resultKey(r) === key ? full : r)) }));
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      useRunStore.setState((s) => ({ unloaded: { ...s.unloaded, [key]: message } }));
    }
  });
}

let wired = false;
/** Subscribe the store to run events once at startup. */
export function wireRunEvents(): void {
  if (wired) return;
  wired = true;
  onEvent('run.event', (ev) => useRunStore.getState().handle(ev));
  onTransportReopened(() => void useRunStore.getState().resync());
}
