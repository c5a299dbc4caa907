import { z } from 'zod';
import { call, ok } from '../define.js';

export const PHASES = [
  'session',
  'variables',
  'navigate',
  'wait_for_images',
  'adjust_viewport',
  'scan_full_page',
  'js_code_before_wait',
  'simulate_user',
  'wait_for',
  'virtual_scroll',
  'hook',
  'delay',
  'js_code',
  'capture',
  'process_iframes',
  'remove_consent_popups',
  'remove_overlay_elements',
  'pdf',
  'capture_mhtml',
  'extraction',
  'screenshot',
  'repeat',
] as const;
export const PhaseSchema = z.enum(PHASES);
export type Phase = z.infer<typeof PhaseSchema>;

export const StepErrorSchema = z.object({
  phase: PhaseSchema,
  message: z.string(),
  selector: z.string().optional(),
  snippetIndex: z.number().optional(),
  hook: z.string().optional(),
});

export const JsExecutionResultSchema = z.object({ success: z.boolean(), results: z.array(z.unknown()) });

/**
 * What Crawl4AI 0.9.2's `arun` would have returned for this step: `result.success` and
 * `result.error_message`. It differs from the Crawlwright outcome (`success`) when the page passed
 * every step of the pipeline but Crawl4AI's anti-bot heuristic flags it (`blocked` = its reason):
 * Crawl4AI then reports success=False, "Blocked by anti-bot protection: <reason>", with html,
 * status and extraction still filled. A Crawlwright run continues past it unless asked to stop.
 */
export const Crawl4aiVerdictSchema = z.object({
  success: z.boolean(),
  error_message: z.string().nullable(),
  blocked: z.string().optional(),
});
export type Crawl4aiVerdict = z.infer<typeof Crawl4aiVerdictSchema>;
/** Which selector each recorded action (step.actions) used: 0 = the recorded one, k = alternate k, -1 = none. */
export const ActionOutcomeSchema = z.object({
  index: z.number().int(),
  type: z.string(),
  selector: z.string().nullable(),
  alternate: z.number().int(),
  error: z.string().optional(),
});

/**
 * Why a run "finished with warnings": an extracting iteration with 0 items, items already extracted
 * by an earlier iteration (counted), a js: wait_for that timed out, repeat.until still false after
 * `max`, a recorded action whose element was missing.
 */
export const HEALTH_KINDS = ['empty', 'duplicates', 'wait-timeout', 'max-exhausted', 'action-failed'] as const;
export const HealthIssueSchema = z.object({
  kind: z.enum(HEALTH_KINDS),
  message: z.string(),
  /** kind "duplicates": how many of the iteration's items repeat earlier ones. */
  duplicates: z.number().int().optional(),
});
export type HealthIssue = z.infer<typeof HealthIssueSchema>;
export const RunHealthIssueSchema = HealthIssueSchema.extend({ stepId: z.string(), stepName: z.string(), iteration: z.number().int() });
export type RunHealthIssue = z.infer<typeof RunHealthIssueSchema>;

/** ok: clean; warnings: finished, but see `health`; failed: a step failed; stopped: by the user. */
export const RUN_STATUSES = ['ok', 'warnings', 'failed', 'stopped'] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

export const ConsoleEntrySchema = z.object({ type: z.string(), text: z.string(), ts: z.number() });
export const NetworkEntrySchema = z.object({
  method: z.string(),
  url: z.string(),
  resourceType: z.string(),
  status: z.number().nullable(),
  failure: z.string().optional(),
  ts: z.number(),
});

export const StepResultSchema = z.object({
  runId: z.string(),
  stepId: z.string(),
  stepName: z.string(),
  /** 0-based iteration for `repeat`; 0 otherwise. */
  iteration: z.number().int(),
  success: z.boolean(),
  sessionId: z.string().nullable(),
  /**
   * The URL the step asked for (after variable substitution), as Crawl4AI's `result.url`: "The `url`
   * argument is still required [for js_only] and is used for `result.url`" (crawl4ai-notes.md 1.5).
   * A step without a url (allowed with js_only here) reports the page's URL instead.
   */
  url: z.string(),
  /**
   * Where the page actually is at the end of the step (page.url): after HTTP redirects, a form
   * submit or a click that navigated. Crawl4AI sets the default `redirected_url` "to `page.url` at
   * the end" (notes 1.5); issues #840 / #1656 report it not following JS navigation in some
   * versions — we always report the live page URL. null when no page was opened.
   */
  redirected_url: z.string().nullable(),
  /** The first response's status (of a redirect chain), 200 for js_only; null when the step failed (as Crawl4AI). */
  status_code: z.number().nullable(),
  /** page.url when the step ended, also when it failed (Crawl4AI then reports redirected_url null). */
  page_url: z.string().nullable().optional(),
  error: StepErrorSchema.optional(),
  /** Crawl4AI's view of the same arun (always set by the engine). */
  crawl4ai: Crawl4aiVerdictSchema.optional(),
  warnings: z.array(z.string()),
  /** Run-health problems of this iteration (the reason the run finished with warnings). */
  health: z.array(HealthIssueSchema).optional(),
  /** Recorded actions of the step (step.actions): which selector or alternate matched each. */
  actions: z.array(ActionOutcomeSchema).optional(),
  /** As Crawl4AI shapes it: {success, results[]} with falsy values replaced by {success: true}. */
  js_execution_result: JsExecutionResultSchema.nullable(),
  /** Exactly Crawl4AI's `extracted_content` string (json.dumps(indent=4, ensure_ascii=False)). */
  extracted_content: z.string().nullable(),
  items: z.array(z.unknown()).nullable(),
  timings: z.array(z.object({ phase: z.string(), ms: z.number() })),
  console: z.array(ConsoleEntrySchema),
  network: z.array(NetworkEntrySchema),
  /** Paths of run artifacts (HTML snapshot, screenshot, pdf, mhtml), readable with artifact.read. */
  artifacts: z.object({ html: z.string().optional(), screenshot: z.string().optional(), pdf: z.string().optional(), mhtml: z.string().optional() }),
  startedAt: z.number(),
  durationMs: z.number(),
  /**
   * Set in step-finished events: the big parts (items, extracted_content, js_execution_result,
   * console, network) were left out of the push and are fetched with run.result (a client that
   * does not read must not make the server queue megabytes). The counts say what was left out.
   */
  omitted: z.object({ items: z.number().int().nullable(), console: z.number().int(), network: z.number().int() }).optional(),
});
export type StepResult = z.infer<typeof StepResultSchema>;

/** The step-finished form of a result: the big parts left out (fetched with run.result). */
export function summaryOfResult(r: StepResult): StepResult {
  return {
    ...r,
    items: null,
    extracted_content: null,
    js_execution_result: null,
    console: [],
    network: [],
    omitted: { items: r.items ? r.items.length : null, console: r.console.length, network: r.network.length },
  };
}

/** Items extracted by a result, whether it is complete or a step-finished summary. */
export const itemCountOf = (r: StepResult): number | null => (r.omitted ? r.omitted.items : r.items ? r.items.length : null);

export const RunModeSchema = z.enum(['all', 'step', 'to', 'from']);

/** What the user allowed a flow (shared/flow/capabilities.ts RunGrant). */
export const RunGrantSchema = z
  .object({
    javascript: z.boolean().describe('The user reviewed and allowed the JavaScript the flow runs in pages.'),
    secrets: z.array(z.string()).describe('{{secret:NAME}} names that may resolve; every other name stays unresolved.'),
    local: z.boolean().describe('The flow may open local resources: file:/data:/chrome: … URLs and a storage_state file.'),
  })
  .strict();

export const FlowCapabilitiesSchema = z.object({
  javascript: z.array(z.object({ stepId: z.string(), stepName: z.string(), where: z.array(z.string()) })),
  secrets: z.array(z.string()),
  local: z.array(z.object({ stepId: z.string().nullable(), stepName: z.string().nullable(), path: z.string(), value: z.string() })),
});

/** details of a `needs_grant` error: what is missing, and where each missing secret would come from. */
export const NeedsGrantDetailsSchema = z.object({
  missing: FlowCapabilitiesSchema,
  /** Per missing secret: the variable or store its value would be read from once granted, or null (not set anywhere). */
  secretSources: z.record(z.string(), z.string().nullable()),
});
export type NeedsGrantDetails = z.infer<typeof NeedsGrantDetailsSchema>;

export const RunFinishedEventSchema = z.object({
  type: z.literal('run-finished'),
  runId: z.string(),
  status: z.enum(RUN_STATUSES),
  error: z.string().optional(),
  outDir: z.string().optional(),
  /** Step iterations Crawl4AI would report as blocked by anti-bot protection. */
  blocked: z.number().int().optional(),
  /** Step iterations that failed (more than one only with continueOnFailure). */
  failed: z.number().int().optional(),
  /** Why the run finished with warnings (also set, for information, on failed runs). */
  health: z.array(RunHealthIssueSchema).optional(),
});

export const RunEventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('run-started'), runId: z.string(), stepIds: z.array(z.string()) }),
  z.object({ type: z.literal('step-started'), runId: z.string(), stepId: z.string(), iteration: z.number() }),
  z.object({ type: z.literal('phase'), runId: z.string(), stepId: z.string(), iteration: z.number(), phase: z.string() }),
  z.object({ type: z.literal('step-finished'), runId: z.string(), result: StepResultSchema }),
  z.object({ type: z.literal('paused'), runId: z.string(), stepId: z.string() }),
  z.object({ type: z.literal('resumed'), runId: z.string() }),
  RunFinishedEventSchema,
  z.object({ type: z.literal('log'), runId: z.string(), level: z.enum(['info', 'warn', 'error']), message: z.string() }),
]);
export type RunEvent = z.infer<typeof RunEventSchema>;
export type RunFinishedEvent = z.infer<typeof RunFinishedEventSchema>;

/** run.state: a current or recent run, for a client that reconnected and may have missed events. */
export const RunStateReportSchema = z.object({
  runId: z.string(),
  status: z.enum(['running', 'paused', 'done']),
  stepIds: z.array(z.string()),
  pausedAt: z.string().nullable(),
  /** Summaries (as in step-finished) of the step iterations finished so far. */
  results: z.array(StepResultSchema),
  /** The run-finished event, once the run is done. */
  finished: RunFinishedEventSchema.optional(),
});
export type RunStateReport = z.infer<typeof RunStateReportSchema>;

export const runCalls = {
  /** Starts a run and returns at once; progress arrives as run.event. `flow` is validated again here. */
  'run.start': call(
    z
      .object({
        flow: z.unknown(),
        mode: RunModeSchema.default('all'),
        stepId: z.string().optional(),
        vars: z.record(z.string(), z.string()).optional(),
        /** Pause at breakpoints (the app does; the CLI does not). */
        breakpoints: z.boolean().default(true),
        /** Stop the run at a step Crawl4AI would report as blocked by anti-bot protection (default: report and go on). */
        stopOnBlocked: z.boolean().default(false),
        /** Run every later step after a failed one, as a plain Crawl4AI script that calls arun after arun does (default: stop). */
        continueOnFailure: z.boolean().default(false),
        /** What the user allowed this flow; absent = nothing (a flow with JavaScript, secrets or local URLs is refused with needs_grant). */
        grant: RunGrantSchema.optional(),
      })
      .strict(),
    z.object({ runId: z.string() }),
  ),
  'run.stop': call(z.object({ runId: z.string() }).strict(), ok),
  'run.continue': call(z.object({ runId: z.string() }).strict(), ok),
  /** Run one JS snippet now in a session's page ("run this snippet" button). */
  'snippet.eval': call(
    z.object({ sessionId: z.string().min(1), code: z.string(), kind: z.enum(['body', 'predicate']).default('body') }).strict(),
    z.object({ ok: z.boolean(), value: z.unknown().optional(), error: z.string().optional(), ms: z.number() }),
  ),
  /** The complete result of one step iteration (step-finished events carry a summary). */
  'run.result': call(
    z.object({ runId: z.string().min(1), stepId: z.string().min(1), iteration: z.number().int().min(0) }).strict(),
    StepResultSchema,
  ),
  /** Where a run is, with the summaries of its finished step iterations (to resync after a reconnect). */
  'run.state': call(z.object({ runId: z.string().min(1) }).strict(), RunStateReportSchema),
  'artifact.read': call(
    z.object({ path: z.string().min(1) }).strict(),
    z.object({ mime: z.string(), encoding: z.enum(['utf8', 'base64']), data: z.string() }),
  ),
};

export const runEvents = {
  'run.event': RunEventSchema,
};
