// The Engine: one browser per app (launched lazily), the session manager and the runner.
//
// PUBLIC API (stable; used by handlers, the preview service, the schema tester, the CLI, tests)
//
//   electron/engine/browser.ts
//     findBrowser(explicit?) → { found, executablePath, source: 'setting'|'env'|'playwright'|'system'|null, help? }
//     chromiumArgs() → string[]   (--no-sandbox only as root)
//   electron/engine/capture.ts
//     captureHtml(page, cssSelector?) → Promise<string>   (Crawl4AI's css_selector wrapper / page.content())
//   electron/engine/engine.ts
//     new Engine({ browserPath?, artifactsDir, emit, builtinVars?, headless?, sessionTtlMs?, launchArgs?, keepRuns? })
//     engine.browserStatus()  → BrowserDiscovery & { running, version? }
//     engine.getBrowser()     → Promise<Browser>        (lazy launch; relaunched after a crash)
//     engine.sessions         : SessionManager
//        .list(): SessionInfo[]   .get(id): Session|undefined   .getOrCreate(id, browser?): Promise<Session>
//        .kill(id)  .killAll()  .recreate(id, browser?)  .onPageReplaced(id, cb) → unsubscribe
//        .pin(id) → release   (refcounted; pinned sessions skip the idle-TTL cleanup. Every run
//        pins the session_ids of its steps until it ends, so a run paused at a breakpoint or in a
//        long step never loses its page to the TTL; the last release restarts the idle clock.
//        Expiry needs no request: a timer kills an idle session at its TTL. The preview pins a
//        session while a viewer is attached)
//        .on('changed', cb) (EventEmitter); session.changed is emitted through `emit` on every change
//        Session = { id, page, context, contextKey, alive, deadReason?, createdAt, lastUsed, title }
//     engine.startRun(flow, { mode, stepId?, vars?, breakpoints?, outDir?, grant?, stopOnBlocked?, continueOnFailure? })
//        → { runId, done: Promise<RunSummary> }    progress: emit('run.event', RunEvent)
//        throws Error (message lists the issues) for an invalid flow, an unknown stepId, or a
//        session_id (after filling variables) that a still-running run uses; throws
//        GrantRequiredError (.missing) when the selected steps need JavaScript, secrets or local
//        resources beyond `grant` (default ENGINE_DEFAULT_GRANT: JavaScript only). Only granted
//        {{secret:NAME}} resolve (shared/flow/capabilities.ts, docs/security.md). Artifacts: artifactsDir/<runId>/ (or outDir);
//        the newest `keepRuns` (50) run folders are kept. `partition` (batch rows): contexts of
//        its own; `silent`: no run.event (a batch reports its rows as batch.event).
//     engine.checkRun(flow, opts) → { flow, vars, steps, grant }: startRun's checks alone (the
//        same errors), for a batch before its first row
//        Semantics: Crawl4AI 0.9.2 (executor.ts has the pipeline; page-ops.ts the JS rules).
//        StepResult.url = the url the step asked for (after substitution; also for js_only, as
//        Crawl4AI's result.url), or the page url when the step has none; StepResult.redirected_url
//        = page.url at the end of the step (after redirects / JS navigation); as in Crawl4AI,
//        redirected_url and status_code are null when the step failed (page_url keeps the URL).
//        StepResult.crawl4ai = what Crawl4AI's arun would return ({success, error_message,
//        blocked?}): a page its anti-bot heuristic flags is success=False there while the step
//        succeeded here; the run goes on unless stopOnBlocked. RunSummary.blocked/failed count them.
//        Placeholders: textual in urls/selectors; in JS fields a value inside a '…' "…" `…`
//        literal is escaped for that quote (shared/flow/js-placeholders.ts substituteStep).
//        A dead session: js_only steps fail in phase "session"; navigating steps re-create it
//        (with a warning); sessions.recreate(id) / session.create re-create it explicitly.
//     engine.stopRun(runId) → boolean (run-finished 'stopped' within 1 s)   engine.continueRun(runId) → boolean
//     engine.evalSnippet(sessionId, code, kind: 'body'|'predicate') → { ok, value?, error?, ms }
//     engine.browserPid() → number | undefined   (tests kill the browser with it)
//     engine.extractPool : ExtractPool   every extraction (runs, schema tester) in worker threads
//        with a time limit (extractTimeoutMs, default 30 s); a job past it fails naming the field
//     engine.close()
import { readdirSync, readFileSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import type { Emit } from '../api/services.js';
import type { Flow, Step } from '../../shared/flow/schema.js';
import { validateFlow } from '../../shared/flow/validate.js';
import { isBlockedResult } from '../../shared/crawl4ai/verdict.js';
import { describeIssues } from '../../shared/flow/issues.js';
import { chromiumArgs, findBrowser, type BrowserDiscovery } from './browser.js';
import { SessionManager } from './sessions.js';
import { ExtractPool } from '../schema/extract-pool.js';
import { Run, newRunId, selectSteps, type RunOptions, type RunSummary } from './runner.js';
import { summaryOfResult, type RunEvent, type RunFinishedEvent, type RunStateReport, type StepResult } from '../../shared/api/domains/run.js';
import { flowCapabilities, missingGrants, describeCapabilities, type FlowCapabilities, type RunGrant } from '../../shared/flow/capabilities.js';
import { fillKnownVariables } from '../../shared/flow/variables.js';
import { exemptSecrets } from './secrets.js';
import { boundedEvaluate } from './page-ops.js';
import { pruneRuns } from './artifacts.js';
import { predicateExpression, snippetExpression, stripJsPrefix } from './page-scripts.js';
import { firstLine, settle, withTimeout } from './timeouts.js';

export type { RunOptions, RunSummary } from './runner.js';

/**
 * Finished runs whose complete results stay in memory for run.result / run.state: always the newest
 * KEEP_FINISHED_RUNS, and besides them runs finished in the last KEEP_FINISHED_MS, at most
 * KEEP_FINISHED_MAX runs and KEEP_FINISHED_EXTRA_BYTES of results (estimated). A UI fetches at
 * once, but with many clients running at the same time a count alone forgot a run a few ms after
 * it finished (20 clients: "run … is no longer kept"); the byte bound keeps big runs to the three.
 */
const KEEP_FINISHED_RUNS = 3;
const KEEP_FINISHED_MS = 30_000;
const KEEP_FINISHED_MAX = 24;
const KEEP_FINISHED_EXTRA_BYTES = 8 * 1024 * 1024;

/** A cheap estimate of what a run's kept results weigh (items are about their JSON text again). */
function resultsWeight(results: readonly StepResult[]): number {
  let n = 0;
  for (const r of results) n += 2 * (r.extracted_content?.length ?? 0) + 300 * (r.console.length + r.network.length) + 2000;
  return n;
}

/** Programmatic callers (tests, bench) may run JavaScript; secrets and local resources need a grant. */
export const ENGINE_DEFAULT_GRANT: RunGrant = Object.freeze({ javascript: true, secrets: [], local: false }) as RunGrant;

/** startRun refused: the flow needs something the grant does not cover (listed in `missing`). */
export class GrantRequiredError extends Error {
  constructor(readonly missing: FlowCapabilities) {
    super(`this flow needs permissions it was not granted:\n${describeCapabilities(missing).map((l) => `  - ${l}`).join('\n')}`);
    this.name = 'GrantRequiredError';
  }
}
export type { Session } from './sessions.js';

export interface EngineOptions {
  /** Explicit browser executable (setting / --browser); otherwise discovered. */
  browserPath?: string;
  artifactsDir: string;
  emit: Emit;
  /** Built-in variables ({{demo_url}}). */
  builtinVars?: Record<string, string>;
  /** Default true; the CLI's --headed sets false. */
  headless?: boolean;
  /** Idle session TTL (Crawl4AI: 30 min). */
  sessionTtlMs?: number;
  /** Extra Chromium flags for the one browser. */
  launchArgs?: string[];
  /** Run folders kept under artifactsDir (oldest removed when a run starts); default 50. */
  keepRuns?: number;
  /** Time limit of one extraction (default 30 s, CRAWLWRIGHT_EXTRACT_TIMEOUT_MS). */
  extractTimeoutMs?: number;
  /** Finished-run retention (defaults KEEP_FINISHED_*; tests shorten it). */
  keepFinished?: { runs?: number; ms?: number; max?: number; extraBytes?: number };
}

const LAUNCH_TIMEOUT = 30_000;

export class Engine {
  readonly sessions: SessionManager;
  /** Every extraction (runs and the schema tester) goes through these workers with a time limit. */
  readonly extractPool: ExtractPool;
  private browser: Browser | undefined;
  private launching: Promise<Browser> | undefined;
  private closingBrowser = false;
  private readonly closeController = new AbortController();
  /** Aborted when close() starts: work on this engine (a batch) stops instead of failing row after row. */
  readonly closing: AbortSignal = this.closeController.signal;
  private readonly runs = new Map<string, Run>();
  /** Finished run ids, oldest first (their results stay fetchable for a while). */
  private finished: Array<{ runId: string; at: number; weight: number }> = [];
  private pruneTimer: NodeJS.Timeout | undefined;
  /** Session ids (variables filled) of each active run, for the one-run-per-session guard. */
  private readonly runSessions = new Map<string, Set<string>>();

  constructor(readonly options: EngineOptions) {
    this.sessions = new SessionManager({
      getBrowser: () => this.getBrowser(),
      onChange: (sessions) => options.emit('session.changed', { sessions }),
      ttlMs: options.sessionTtlMs,
    });
    this.extractPool = new ExtractPool({ timeoutMs: options.extractTimeoutMs });
  }

  browserStatus(): BrowserDiscovery & { running: boolean; version?: string } {
    const d = findBrowser(this.options.browserPath);
    const running = Boolean(this.browser?.isConnected());
    return { ...d, running, ...(running && this.browser ? { version: this.browser.version() } : {}) };
  }

  async getBrowser(): Promise<Browser> {
    if (this.browser?.isConnected()) return this.browser;
    this.launching ??= this.launch().finally(() => (this.launching = undefined));
    return this.launching;
  }

  private async launch(): Promise<Browser> {
    const d = findBrowser(this.options.browserPath);
    if (!d.found || !d.executablePath) throw new Error(d.help ?? 'no browser found');
    const browser = await chromium.launch({
      executablePath: d.executablePath,
      headless: this.options.headless ?? true,
      args: [...chromiumArgs(), ...(this.options.launchArgs ?? [])],
      timeout: LAUNCH_TIMEOUT,
    });
    browser.on('disconnected', () => {
      if (this.browser === browser) this.browser = undefined;
      this.sessions.browserGone(this.closingBrowser ? 'the browser was closed' : 'the browser disconnected (crashed or was killed)');
    });
    this.browser = browser;
    return browser;
  }

  /** PID of the running browser process (a child of this process), for crash tests and diagnostics. */
  browserPid(): number | undefined {
    if (!this.browser?.isConnected()) return undefined;
    const exe = findBrowser(this.options.browserPath).executablePath;
    let procs: string[];
    try {
      procs = readdirSync('/proc'); // Linux only; elsewhere there is no cheap way (and no need)
    } catch {
      return undefined;
    }
    for (const name of procs) {
      if (!/^\d+$/.test(name)) continue;
      try {
        const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
        const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
        if (ppid !== process.pid) continue;
        const cmd = readFileSync(`/proc/${name}/cmdline`, 'utf8');
        if (cmd.includes('--remote-debugging-pipe') || (exe && cmd.startsWith(exe))) return Number(name);
      } catch {
        /* process vanished */
      }
    }
    return undefined;
  }

  /**
   * The flow's checks before a run: valid (Error listing the issues), and nothing needed beyond
   * the grant (GrantRequiredError). startRun does this; a batch does it once before its rows.
   */
  checkRun(flow: Flow | unknown, opts: RunOptions = {}): { flow: Flow; vars: Record<string, string>; steps: Step[]; grant: RunGrant } {
    const v = validateFlow(flow);
    if (!v.ok) throw new Error(`the flow is not valid:\n${describeIssues(v.errors)}`);
    const vars = { ...(v.flow.variables ?? {}), ...(this.options.builtinVars ?? {}), ...(opts.vars ?? {}) };
    // A flow file is untrusted: what it needs beyond the grant is refused before anything runs.
    const steps = selectSteps(v.flow, opts.mode ?? 'all', opts.stepId);
    const grant = opts.grant ?? ENGINE_DEFAULT_GRANT;
    const missing = missingGrants(flowCapabilities(v.flow, { steps, vars }), grant, exemptSecrets(v.flow));
    if (missing) throw new GrantRequiredError(missing);
    return { flow: v.flow, vars, steps, grant };
  }

  startRun(flow: Flow | unknown, opts: RunOptions = {}): { runId: string; done: Promise<RunSummary> } {
    const { flow: checked, vars, steps, grant } = this.checkRun(flow, opts);
    const v = { flow: checked };
    // Two runs driving the same live page would interleave their clicks: refuse the second. The
    // ids are compared after filling variables ("{{sid}}" with sid=same is session "same").
    const sessionIds = new Set(v.flow.steps.map((s) => s.config.session_id).filter((id): id is string => Boolean(id)).map((id) => fillKnownVariables(id, vars)));
    for (const [id, other] of this.runSessions) {
      const run = this.runs.get(id);
      if (!run || run.status === 'done') continue;
      const busy = [...sessionIds].find((sid) => other.has(sid));
      if (busy) throw new Error(`session "${busy}" is in use by run ${id}; stop it first`);
    }
    const runId = newRunId();
    this.runSessions.set(runId, sessionIds);
    if (steps.some((s) => s.config.extraction_strategy)) this.extractPool.warm();
    const run = new Run(runId, v.flow, { ...opts, grant }, {
      sessions: this.sessions,
      extract: (html, schema, o) => this.extractPool.extract(html, schema, o),
      // A batch row's run reports through its batch (batch.event), not as the app's run.
      emit: opts.silent ? () => undefined : (ev) => this.emitRunEvent(ev),
      artifactsDir: this.options.artifactsDir,
      builtinVars: this.options.builtinVars,
    });
    this.runs.set(runId, run);
    if (!opts.outDir) {
      const active = new Set([...this.runs.keys()]);
      void pruneRuns(this.options.artifactsDir, this.options.keepRuns ?? 50, active).catch(() => undefined);
    }
    const done = run.done
      .catch((e): RunSummary => {
        const error = `internal error: ${firstLine(e)}`;
        if (!opts.silent) this.emitRunEvent({ type: 'run-finished', runId, status: 'failed', error });
        return { runId, status: 'failed', error, health: [], results: run.results, outDir: run.outDir, blocked: run.results.filter(isBlockedResult).length, failed: run.results.filter((r) => !r.success).length };
      })
      .finally(() => {
        this.runSessions.delete(runId);
        this.finished.push({ runId, at: Date.now(), weight: resultsWeight(run.results) });
        // Finished runs stay fetchable (run.result, above); batch rows (silent runs) are not
        // fetched by anyone and go at once.
        if (opts.silent) this.forget(runId);
        this.pruneFinished();
      });
    return { runId, done };
  }

  private forget(runId: string): void {
    this.runs.delete(runId);
    this.progress.delete(runId);
    this.finished = this.finished.filter((f) => f.runId !== runId);
  }

  /** Forget finished runs beyond the retention rule (KEEP_FINISHED_*); re-armed while some age out. */
  private pruneFinished(): void {
    const k = this.options.keepFinished ?? {};
    const [runs, ms, max, extraBytes] = [k.runs ?? KEEP_FINISHED_RUNS, k.ms ?? KEEP_FINISHED_MS, k.max ?? KEEP_FINISHED_MAX, k.extraBytes ?? KEEP_FINISHED_EXTRA_BYTES];
    const now = Date.now();
    const extraWeight = () => this.finished.slice(0, -runs).reduce((n, f) => n + f.weight, 0);
    while (this.finished.length > runs && (this.finished.length > max || now - this.finished[0].at >= ms || extraWeight() > extraBytes)) this.forget(this.finished[0].runId);
    clearTimeout(this.pruneTimer);
    this.pruneTimer = undefined;
    if (this.finished.length > runs) {
      this.pruneTimer = setTimeout(() => this.pruneFinished(), Math.max(0, this.finished[0].at + ms - now));
      this.pruneTimer.unref();
    }
  }

  /** What run.state reports beside the results: the steps, where the run is paused, how it ended. */
  private readonly progress = new Map<string, { stepIds: string[]; pausedAt: string | null; finished?: RunFinishedEvent }>();

  private emitRunEvent(ev: RunEvent): void {
    const p = this.progress.get(ev.runId) ?? { stepIds: [], pausedAt: null };
    if (ev.type === 'run-started') p.stepIds = ev.stepIds;
    else if (ev.type === 'paused') p.pausedAt = ev.stepId;
    else if (ev.type === 'resumed') p.pausedAt = null;
    else if (ev.type === 'run-finished') p.finished = ev;
    this.progress.set(ev.runId, p);
    this.options.emit('run.event', ev);
  }

  /** The complete result of one step iteration of a current or recent run (step-finished carries a summary). */
  stepResult(runId: string, stepId: string, iteration: number): StepResult | undefined {
    return this.runs.get(runId)?.results.find((r) => r.stepId === stepId && r.iteration === iteration);
  }

  /** A current or recent run's state and result summaries (a client resyncing after a reconnect). */
  runState(runId: string): RunStateReport | undefined {
    const run = this.runs.get(runId);
    if (!run) return undefined;
    const p = this.progress.get(runId) ?? { stepIds: [], pausedAt: null };
    return { runId, status: run.status, stepIds: p.stepIds, pausedAt: p.pausedAt, results: run.results.map(summaryOfResult), ...(p.finished ? { finished: p.finished } : {}) };
  }

  stopRun(runId: string): boolean {
    const run = this.runs.get(runId);
    if (!run || run.status === 'done') return false;
    run.stop();
    return true;
  }

  continueRun(runId: string): boolean {
    return this.runs.get(runId)?.continue() ?? false;
  }

  /** Run one snippet now in a session's page: a function body ("body") or a predicate. */
  async evalSnippet(sessionId: string, code: string, kind: 'body' | 'predicate' = 'body'): Promise<{ ok: boolean; value?: unknown; error?: string; ms: number }> {
    const s = this.sessions.get(sessionId);
    if (!s) throw new Error(`no session "${sessionId}"`);
    if (!s.alive) throw new Error(`session "${sessionId}" is dead (${s.deadReason ?? 'unknown'}); re-create it first`);
    const t0 = Date.now();
    const mask = this.sessions.masker(sessionId); // the page may show a secret a run typed into it
    try {
      const expr = kind === 'body' ? snippetExpression(code) : predicateExpression(stripJsPrefix(code));
      const value = mask.deep(await boundedEvaluate(s.page, expr, 30_000, 'snippet'));
      this.sessions.touch(s);
      if (value && typeof value === 'object' && (value as { success?: unknown }).success === false) {
        return { ok: false, error: String((value as { error?: unknown }).error), value, ms: Date.now() - t0 };
      }
      return { ok: true, value, ms: Date.now() - t0 };
    } catch (e) {
      return { ok: false, error: mask.text(firstLine(e)), ms: Date.now() - t0 };
    }
  }

  async close(): Promise<void> {
    this.closeController.abort();
    for (const run of this.runs.values()) run.stop();
    clearTimeout(this.pruneTimer);
    await this.sessions.killAll();
    await this.extractPool.close();
    if (this.browser) {
      this.closingBrowser = true;
      await settle(withTimeout(this.browser.close(), 10_000, 'closing the browser'), 11_000);
      this.browser = undefined;
    }
  }
}
