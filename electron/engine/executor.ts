// One step, one iteration, in Crawl4AI 0.9.2's `_crawl_web` order (crawl4ai-notes.md 1.3):
// page → init scripts → on_page_context_created → [before_goto → goto → after_goto] → body attached
// → wait_for_images / adjust_viewport_to_content → scan_full_page → js_code_before_wait →
// simulate_user → wait_for → virtual_scroll_config → before_retrieve_html →
// delay_before_return_html → js_code → on_execution_started → on_execution_ended →
// update_image_dimensions → process_iframes → remove_consent_popups → remove_overlay_elements →
// capture (flatten_shadow_dom | css_selector | page.content) → before_return_html → pdf →
// capture_mhtml → extraction → screenshot → (no session_id: close the page). Then, as `arun` does,
// the anti-bot verdict on the captured HTML (shared/crawl4ai/antibot.ts) becomes `result.crawl4ai`.
// The optional page steps are in page-options.ts.
import type { Page } from 'playwright-core';
import type { StepResult, Phase } from '../../shared/api/domains/run.js';
import type { BrowserSettings, HookName, JsonCssSchema, Step } from '../../shared/flow/schema.js';
import { captureHtml, type CaptureWarning } from './capture.js';
import { blockedMessage, isBlocked } from '../../shared/crawl4ai/antibot.js';
import { artifactBase, writeArtifact } from './artifacts.js';
import { maxIterations } from '../../shared/flow/iterations.js';
import { SessionDeadError, type Session, type SessionManager } from './sessions.js';
import type { Masker } from './secrets.js';
import { AbortedError, StepFailure, abortable, ensureCdp, runHook, runSnippets, smartWait, waitForBody, type HookArgs } from './page-ops.js';
import { scanFullPage } from './scroll.js';
import { firstStatus, updateImageDimensions } from './capture.js';
import { attachRecorders } from './recorders.js';
import { pageCrashedMessage, watchCrash, type CrashWatch } from './page-crash.js';
import { errorMessage, firstLine, settle, sleep, withTimeout } from './timeouts.js';
import { CRAWL4AI_VIEWPORT } from '../../shared/crawl4ai/defaults.js';
import { actionOutcomes, actionOutcomesFromConsole, isActionsSnippet } from '../../shared/flow/actions.js';
import { addInitScripts, adjustViewport, captureFlattened, captureMhtml, exportPdf, processIframes, runCleaner, simulateUser, virtualScroll, waitForImages } from './page-options.js';

export interface StepRunContext {
  runId: string;
  /** The step with variables already substituted. */
  step: Step;
  stepIndex: number;
  iteration: number;
  sessions: SessionManager;
  browser?: BrowserSettings;
  /** A batch row's own browser contexts (SessionManager partition); unset = the shared ones. */
  partition?: string;
  /** artifactsDir/<runId> */
  runDir: string;
  masker: Masker;
  signal: AbortSignal;
  /** Progress: a Phase, or `hook:<name>`. */
  onPhase(phase: string): void;
  /** Extra warnings known before the step started (lint). */
  warnings?: string[];
  /**
   * Hooks the caller runs instead of page-side bodies (names it handles, and how). A throw fails
   * the step in phase "hook" with the error's text, as a raising Python hook fails a Crawl4AI arun.
   * Used by the Python-export test bridge, which calls the exported script's own hooks.
   */
  externalHooks?: { names: ReadonlySet<string>; run(name: HookName, page: Page, args: HookArgs): Promise<void> };
  /** Runs the extraction in a worker with a time limit (ExtractPool.extract). */
  extract: ExtractFn;
}

export type ExtractFn = (html: string, schema: JsonCssSchema, opts: { signal: AbortSignal }) => Promise<{ extracted_content: string; items: unknown[] }>;

const snippetsOf = (v: string | string[] | undefined): string[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

export async function executeStep(ctx: StepRunContext): Promise<StepResult & { html?: string }> {
  const { step, signal } = ctx;
  const c = step.config;
  const startedAt = Date.now();
  const pageTimeout = c.page_timeout ?? 60_000;
  const warnings: string[] = [...(ctx.warnings ?? [])];
  const warn = (m: string) => void warnings.push(m);
  const timings: StepResult['timings'] = [];
  const result: StepResult = {
    runId: ctx.runId,
    stepId: step.id,
    stepName: step.name,
    iteration: ctx.iteration,
    success: false,
    sessionId: c.session_id ?? null,
    // Crawl4AI: result.url is the requested url (even for js_only); redirected_url is page.url.
    url: c.url ?? '',
    redirected_url: null,
    status_code: null,
    warnings,
    js_execution_result: null,
    extracted_content: null,
    items: null,
    timings,
    console: [],
    network: [],
    artifacts: {},
    startedAt,
    durationMs: 0,
  };
  let phase: Phase = 'session';
  /** What timings and progress show: the phase, or `hook:<name>` for hooks. */
  let label: string = phase;
  let phaseStart = Date.now();
  const enter = (p: Phase, detail?: string) => {
    timings.push({ phase: label, ms: Date.now() - phaseStart });
    phase = p;
    label = detail ? `${p}:${detail}` : p;
    phaseStart = Date.now();
    ctx.onPhase(label);
  };
  let page: Page | undefined;
  let release: (() => Promise<void>) | undefined;
  let detach: (() => void) | undefined;
  let crash: CrashWatch | undefined;
  let session: Session | undefined;
  let html: string | undefined;
  let stopDeferred = false;
  const hook = async (name: HookName, extra: { html?: string; result?: unknown } = {}) => {
    const body = step.hooks?.[name];
    const external = ctx.externalHooks?.names.has(name);
    if ((!body && !external) || !page) return;
    enter('hook', name);
    const args: HookArgs = { name, url: page.url(), stepId: step.id, iteration: ctx.iteration, ...extra };
    if (!external) return runHook(page, body!, args, pageTimeout, signal);
    try {
      await abortable(ctx.externalHooks!.run(name, page, args), signal);
    } catch (e) {
      if (e instanceof AbortedError) throw e;
      throw new StepFailure(`${firstLine(e)} (hook ${name})`, { phase: 'hook', hook: name });
    }
  };

  try {
    ctx.onPhase('session');
    // Crawl4AI's crawl() dispatches on the scheme before any page work.
    if (c.url !== undefined) checkUrlScheme(c.url, warnings);
    else warnings.push("no url: Crawl4AI's arun() needs one (the Python export passes the session's previous url); result.url here is the page's URL");
    // 1-2. The page: the session's live page, or a fresh one closed after the step.
    if (c.session_id) {
      if (c.js_only && !ctx.sessions.get(c.session_id)) {
        warnings.push(
          `js_only step on session "${c.session_id}", which does not exist (yet, or any more: killed or idle-expired): it runs on a new about:blank page, as in Crawl4AI. Run the step that opens the page first.`,
        );
      }
      try {
        session = await abortable(ctx.sessions.getOrCreate(c.session_id, ctx.browser, ctx.partition, c), signal);
      } catch (e) {
        if (!(e instanceof SessionDeadError) || c.js_only) {
          if (e instanceof SessionDeadError) throw new StepFailure(`${e.message} This js_only step needs the session's page.`, { phase: 'session' });
          throw e;
        }
        // A navigating step starts from a fresh page anyway: re-create and say so.
        warnings.push(`session "${c.session_id}" was dead (${e.reason}); re-created it (cookies and page state from before are lost)`);
        session = await abortable(ctx.sessions.recreate(c.session_id, ctx.browser, ctx.partition, c), signal);
      }
      page = session.page;
      ctx.sessions.touch(session);
      // Crawl4AI runs window.stop() on every arun with a session_id (aborts pending loads). When
      // nothing runs between here and the body check, it is done there (one round trip less).
      stopDeferred = Boolean(c.js_only && !step.hooks?.on_page_context_created);
      if (!stopDeferred) await withTimeout(page.evaluate('window.stop()'), 5000, 'window.stop()').catch(() => undefined);
    } else {
      const pending = ctx.sessions.freshPage(ctx.browser, ctx.partition, c);
      // If the run is stopped while the page opens, close it once it exists.
      signal.addEventListener('abort', () => void pending.then((f) => (page ? undefined : f.release())).catch(() => undefined), { once: true });
      const fresh = await abortable(pending, signal);
      page = fresh.page;
      release = fresh.release;
    }
    crash = watchCrash(page);
    void ensureCdp(page);
    detach = attachRecorders(page, result, ctx.masker);
    // 3. Crawl4AI's init scripts (navigator overrides, open shadow roots), once per context.
    await abortable(addInitScripts(page.context(), c), signal);
    await hook('on_page_context_created');

    // 5. Navigation (skipped by js_only; Crawl4AI then reports status 200).
    if (!c.js_only) {
      if (!c.url) throw new StepFailure('this step has no url and is not js_only', { phase: 'navigate' });
      await hook('before_goto');
      enter('navigate');
      try {
        const response = await abortable(page.goto(c.url, { waitUntil: c.wait_until ?? 'domcontentloaded', timeout: pageTimeout }), signal);
        result.status_code = response ? await firstStatus(response) : 200;
      } catch (e) {
        if (e instanceof AbortedError) throw e;
        throw new StepFailure(`Failed on navigating ACS-GOTO: ${firstLine(e)} (url ${c.url}, wait_until ${c.wait_until ?? 'domcontentloaded'}, page_timeout ${pageTimeout} ms)`, {
          phase: 'navigate',
        });
      }
      await hook('after_goto');
    } else {
      result.status_code = 200;
    }

    // 6. body attached, then body visible (Crawl4AI waits 30 s for each and ignores failures:
    // ignore_body_visibility defaults to true). For a js_only session step without an
    // on_page_context_created hook, window.stop() rides along in the same round trip.
    const bodyWarning = await waitForBody(page, Math.min(pageTimeout, 30_000), signal, stopDeferred);
    if (bodyWarning) warnings.push(bodyWarning);

    // 7. wait_for_images / adjust_viewport_to_content (not in text_mode)
    const textMode = Boolean(ctx.browser?.text_mode);
    if (!textMode && (c.wait_for_images || c.adjust_viewport_to_content)) {
      enter('wait_for_images');
      await waitForImages(page, signal, warn);
    }
    if (!textMode && c.adjust_viewport_to_content) {
      enter('adjust_viewport');
      await adjustViewport(page, ctx.browser?.viewport_width ?? CRAWL4AI_VIEWPORT.width, warn);
    }

    // 8. scan_full_page
    if (c.scan_full_page) {
      enter('scan_full_page');
      await scanFullPage(page, { scrollDelayS: c.scroll_delay ?? 0.2, maxSteps: c.max_scroll_steps ?? 10, capMs: pageTimeout, signal });
    }

    // 9. js_code_before_wait (result only logged by Crawl4AI; we keep failures as warnings)
    const before = snippetsOf(c.js_code_before_wait);
    if (before.length) {
      enter('js_code_before_wait');
      const r = await runSnippets(page, before, pageTimeout, 'js_code_before_wait', signal);
      warnings.push(...r.warnings);
      if (isActionsSnippet(before[0])) reportActions(result, r.result.results[0]);
    }

    // 10. simulate_user / magic
    if (c.simulate_user || c.magic) {
      enter('simulate_user');
      await abortable(simulateUser(page), signal);
    }

    // 11. wait_for
    if (c.wait_for !== undefined && c.wait_for.trim() !== '') {
      enter('wait_for');
      const w = await smartWait(page, c.wait_for, c.wait_for_timeout ?? pageTimeout, signal);
      warnings.push(...w.warnings);
      if (w.timedOut) (result.health ??= []).push({ kind: 'wait-timeout', message: `wait_for was still false after ${c.wait_for_timeout ?? pageTimeout} ms; the step went on without it (as Crawl4AI does), so the page may not have been ready` });
    }

    // 12. virtual_scroll_config (after wait_for, so the container exists)
    if (c.virtual_scroll_config) {
      enter('virtual_scroll');
      await virtualScroll(page, c.virtual_scroll_config, pageTimeout, signal, warn);
    }

    // 13. before_retrieve_html, delay_before_return_html
    await hook('before_retrieve_html');
    enter('delay');
    const delayMs = (c.delay_before_return_html ?? 0.1) * 1000;
    if (delayMs > 0) await abortable(sleep(delayMs, signal), signal);

    // 14. js_code, then both execution hooks (both *after* the code, as in Crawl4AI)
    const js = snippetsOf(c.js_code);
    if (js.length) {
      enter('js_code');
      const r = await runSnippets(page, js, pageTimeout, 'js_code', signal);
      result.js_execution_result = ctx.masker.deep(r.result);
      warnings.push(...r.warnings);
      await hook('on_execution_started');
      await hook('on_execution_ended', { result: r.result });
    }

    // 15. update_image_dimensions (Crawl4AI does it unless text_mode). It also absorbs a navigation
    // that js_code started: the evaluation waits for the commit and fails quietly (case 067).
    enter('capture');
    if (!textMode) await updateImageDimensions(page, pageTimeout, signal);
    if (c.process_iframes) {
      enter('process_iframes');
      await processIframes(page, pageTimeout, signal, warn);
    }
    if (c.remove_consent_popups) {
      enter('remove_consent_popups');
      await runCleaner(page, 'remove_consent_popups', pageTimeout, signal, warn);
    }
    if (c.remove_overlay_elements) {
      enter('remove_overlay_elements');
      await runCleaner(page, 'remove_overlay_elements', pageTimeout, signal, warn);
    }

    // 16. capture (flatten_shadow_dom replaces the css_selector capture, as in Crawl4AI)
    if (c.process_iframes || c.remove_consent_popups || c.remove_overlay_elements) enter('capture');
    const captureWarnings: CaptureWarning[] = [];
    const capture = c.flatten_shadow_dom ? captureFlattened(page, warn) : captureHtml(page, c.css_selector, captureWarnings);
    html = await abortable(withTimeout(capture, pageTimeout, 'HTML capture'), signal);
    warnings.push(...captureWarnings.map((w) => w.message));
    await hook('before_return_html', { html });

    // 18. pdf, then capture_mhtml (the screenshot comes after extraction; the page is not changed in between)
    const base = artifactBase(ctx.runDir, ctx.stepIndex, step.id, ctx.iteration, maxIterations(step) > 1);
    if (c.pdf) {
      enter('pdf');
      result.artifacts.pdf = await writeArtifact(`${base}.pdf`, await abortable(exportPdf(page, pageTimeout), signal));
    }
    if (c.capture_mhtml) {
      enter('capture_mhtml');
      const mhtml = await captureMhtml(page, signal, warn);
      if (mhtml !== undefined) result.artifacts.mhtml = await writeArtifact(`${base}.mhtml`, ctx.masker.text(mhtml));
    }

    // Extraction (on the captured HTML, like Crawl4AI's input_format "html")
    if (c.extraction_strategy) {
      enter('extraction');
      let out: Awaited<ReturnType<ExtractFn>>;
      try {
        // In a worker with a time limit: a runaway regex fails this step, it cannot freeze the app.
        out = await ctx.extract(html, c.extraction_strategy.schema, { signal });
      } catch (e) {
        if (signal.aborted) throw new AbortedError();
        throw new StepFailure(`extraction failed: ${firstLine(e)}`, { phase: 'extraction', selector: c.extraction_strategy.schema.baseSelector });
      }
      result.extracted_content = ctx.masker.text(out.extracted_content);
      result.items = ctx.masker.deep(out.items);
      if (out.items.length === 0) warnings.push(`extraction returned 0 items: baseSelector "${c.extraction_strategy.schema.baseSelector}" matched nothing in the captured HTML`);
    }

    // Artifacts: the HTML snapshot always, the screenshot when asked (viewport unless scan_full_page
    // without force_viewport_screenshot), after screenshot_wait_for seconds.
    result.artifacts.html = await writeArtifact(`${base}.html`, ctx.masker.text(html));
    if (c.screenshot) {
      enter('screenshot');
      if (c.screenshot_wait_for) await abortable(sleep(c.screenshot_wait_for * 1000, signal), signal);
      const fullPage = Boolean(c.scan_full_page && !c.force_viewport_screenshot);
      const png = await abortable(withTimeout(page.screenshot({ fullPage, timeout: pageTimeout }), pageTimeout + 1000, 'screenshot'), signal);
      result.artifacts.screenshot = await writeArtifact(`${base}.png`, png);
    }
    result.success = true;
  } catch (e) {
    if (e instanceof AbortedError) {
      result.error = { phase, message: 'stopped by the user' };
    } else if (session?.deadReason === 'the page crashed' || (await crash?.causedBy(e))) {
      // Dead now, not when the crash event arrives: the next step must not race it.
      if (session) ctx.sessions.markDead(session, 'the page crashed');
      const failedIn = e instanceof StepFailure ? ((e.detail as { phase?: Phase }).phase ?? phase) : phase;
      result.error = { phase: failedIn, message: pageCrashedMessage(failedIn, c.session_id) };
    } else if (e instanceof StepFailure) {
      result.error = { ...(e.detail as { phase: Phase }), message: ctx.masker.text(e.message) };
    } else {
      result.error = { phase, message: ctx.masker.text(describeUnexpected(e, ctx, phase)) };
    }
  } finally {
    timings.push({ phase: label, ms: Date.now() - phaseStart });
    // The page's URL at the end of the step (hooks after capture may still navigate), also on failure.
    if (page) {
      try {
        result.page_url = page.url();
      } catch {
        /* closed */
      }
    }
    result.page_url ??= null;
    if (!c.url && result.page_url !== null) result.url = result.page_url; // js_only step without url
    result.crawl4ai = crawl4aiView(result, html);
    // An error status alone does not fail a Crawl4AI crawl (the anti-bot check decides, above).
    if (result.success && !result.crawl4ai.blocked && result.status_code !== null && result.status_code >= 400) {
      warnings.push(`HTTP ${result.status_code} from ${c.url}: Crawl4AI still reports success=True for this error page; check status_code`);
    }
    detach?.();
    crash?.dispose();
    if (release) {
      // After a stop, do not make the user wait for the page to close.
      if (signal.aborted) void settle(release());
      else await settle(release());
    } else if (c.session_id) {
      const s = ctx.sessions.get(c.session_id);
      if (s) ctx.sessions.touch(s);
      // Popups the step opened (window.open, target=_blank) close with it; the preview may hold one.
      const closing = ctx.sessions.closePopups(c.session_id);
      if (!signal.aborted) await closing;
    }
  }
  result.warnings = warnings;
  result.durationMs = Date.now() - startedAt;
  // Secrets never leave the engine: mask every string of the result (url, errors, values, logs).
  return Object.assign(ctx.masker.deep(result), { html });
}

const SCHEMES = ['http://', 'https://', 'file://', 'raw:'];

function checkUrlScheme(url: string, warnings: string[]): void {
  if (url.startsWith('file://')) {
    warnings.push("file:// URL: Crawl4AI reads the file itself (its html is the file's text unless a browser option is set); Crawlwright loads it in the browser, so the captured HTML is Chromium's serialization");
  }
  if (!SCHEMES.some((p) => url.startsWith(p))) {
    throw new StepFailure(`URL must start with 'http://', 'https://', 'file://', or 'raw:' (got ${JSON.stringify(url)})`, { phase: 'navigate' });
  }
  if (url.startsWith('raw:')) {
    throw new StepFailure('raw: URLs (Crawl4AI sets the HTML directly) are not supported by Crawlwright; serve the HTML from a page instead', { phase: 'navigate' });
  }
}

/**
 * Crawl4AI's CrawlResult for this arun. An exception inside `_crawl_web` gives success=False, the
 * message, status_code None, redirected_url None and html "". A returned crawl (not raw:, no
 * download — Crawlwright has neither) is judged by `antibot_detector.is_blocked(status_code, html)`
 * on the captured HTML. Sets status_code/redirected_url to Crawl4AI's values as a side effect.
 */
function crawl4aiView(result: StepResult, html: string | undefined): NonNullable<StepResult['crawl4ai']> {
  if (!result.success || html === undefined) {
    result.status_code = null;
    result.redirected_url = null;
    return { success: false, error_message: result.error?.message ?? 'unknown error' };
  }
  result.redirected_url = result.page_url ?? null;
  const verdict = isBlocked(result.status_code, html);
  if (!verdict.blocked) return { success: true, error_message: null };
  return { success: false, error_message: blockedMessage(verdict.reason), blocked: verdict.reason };
}

/** Which selector each recorded action used (the generated snippet returns it); alternates are a warning. */
function reportActions(result: StepResult, value: unknown): void {
  // An action that loaded a new page destroys the snippet before it answers: it logged them first.
  const outcomes = actionOutcomes(value) ?? actionOutcomesFromConsole(result.console.map((c) => c.text));
  if (!outcomes) return;
  result.actions = outcomes;
  for (const o of outcomes) {
    if (o.error) (result.health ??= []).push({ kind: 'action-failed', message: `${o.error}; the later actions of the step did not run` });
    if (o.alternate > 0) {
      result.warnings.push(`action ${o.index + 1} (${o.type}): the recorded selector matched nothing; alternate ${o.alternate} "${o.selector}" did. Update the step's selector.`);
    }
  }
}

function describeUnexpected(e: unknown, ctx: StepRunContext, phase: Phase): string {
  const msg = errorMessage(e).split('\n')[0];
  if (/Target page, context or browser has been closed|Browser has been closed|browser has disconnected/i.test(msg)) {
    const s = ctx.step.config.session_id ? ctx.sessions.get(ctx.step.config.session_id) : undefined;
    return `the browser page went away during ${phase}${s?.deadReason ? ` (${s.deadReason})` : ''}: ${msg}. Re-create the session and run again.`;
  }
  return `${phase} failed: ${msg}`;
}
