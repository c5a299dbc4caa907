// The flow file, version 1: the single definition of its shape. TypeScript types, runtime
// validation (validate.ts), the generated JSON Schema (assets/flow.schema.json) and the step
// editor's help texts all come from the zod objects below. Step options use Crawl4AI's own
// CrawlerRunConfig names (crawl4ai-notes.md 1.1) so Crawl4AI users recognise them.
import { z } from 'zod';
import { ExtractionStrategySchema } from '../extract/schema.js';
import { checkBrowserFlag } from './browser-flags.js';

export const FLOW_FORMAT = 'crawlwright.flow';
export const FLOW_VERSION = 1;

export const CACHE_MODES = ['enabled', 'disabled', 'read_only', 'write_only', 'bypass'] as const;
export const WAIT_UNTIL = ['load', 'domcontentloaded', 'networkidle', 'commit'] as const;

/** Crawl4AI hooks that make sense per step; run page-side (async function bodies in the page). */
export const HOOK_NAMES = [
  'on_page_context_created',
  'before_goto',
  'after_goto',
  'before_retrieve_html',
  'on_execution_started',
  'on_execution_ended',
  'before_return_html',
] as const;
export type HookName = (typeof HOOK_NAMES)[number];

const jsSnippets = z
  .union([z.string(), z.array(z.string())])
  .describe('JavaScript function bodies run in the page in order (top-level await allowed, value via `return`).');

const ms = (d: string) => z.number().int().min(0).describe(d);
const seconds = (d: string) => z.number().min(0).describe(d);

export const BrowserSettingsSchema = z
  .object({
    headless: z.boolean().optional().describe('Run the browser without a window (default true).'),
    viewport_width: z.number().int().min(100).max(7680).optional().describe('Viewport width in px (Crawl4AI default 1080).'),
    viewport_height: z.number().int().min(100).max(4320).optional().describe('Viewport height in px (Crawl4AI default 600).'),
    user_agent: z.string().optional().describe('User-Agent header for every page.'),
    extra_args: z
      .array(
        z.string().superRefine((arg, ctx) => {
          const c = checkBrowserFlag(arg); // a flow file is untrusted: allow-listed flags only
          if (!c.ok) ctx.addIssue({ code: 'custom', message: c.message });
        }),
      )
      .optional()
      .describe('Extra Chromium command-line flags (allow-listed: window size, language, proxy, user agent, disable-features …).'),
    storage_state: z
      .union([z.string(), z.record(z.string(), z.unknown())])
      .optional()
      .describe('Playwright storage state (path or object) loaded into new contexts.'),
    java_script_enabled: z.boolean().optional().describe('Enable JavaScript in pages (default true).'),
    ignore_https_errors: z.boolean().optional().describe('Ignore TLS certificate errors (Crawl4AI default true).'),
    text_mode: z
      .boolean()
      .optional()
      .describe('Crawl4AI text mode: block images, fonts, media and documents by file extension, skip the image steps of the pipeline (default false).'),
    light_mode: z.boolean().optional().describe('Crawl4AI light mode: launch the browser with background features disabled (default false).'),
  })
  .strict()
  .describe('The BrowserConfig subset Crawlwright supports.');

const flag = (d: string) => z.boolean().optional().describe(d);

/** VirtualScrollConfig (Crawl4AI's fields and defaults). */
export const VirtualScrollSchema = z
  .object({
    container_selector: z.string().min(1).describe('CSS selector of the scrollable container whose rows the page recycles.'),
    scroll_count: z.number().int().min(1).max(1000).optional().describe('Maximum number of scrolls (default 10).'),
    scroll_by: z
      .union([z.enum(['container_height', 'page_height']), z.number().int().min(1)])
      .optional()
      .describe('Scroll amount: "container_height" (default), "page_height" (the window) or pixels.'),
    wait_after_scroll: z.number().min(0).max(60).optional().describe('Seconds to wait after each scroll (default 0.5).'),
  })
  .strict()
  .describe('Capture a virtualised feed: scroll its container and merge the rows it replaced (Crawl4AI virtual_scroll_config). Runs after wait_for.');

/**
 * CrawlerRunConfig options that change the page before capture, or add artifacts (Crawl4AI 0.9.2
 * `_crawl_web`; electron/engine/page-options.ts). Help texts: Crawl4AI's, with its defaults.
 */
const PageOptionsShape = {
  wait_for_images: flag('Wait for images to load before the rest of the step (Crawl4AI polls img.complete for at most 1 s; default false).'),
  adjust_viewport_to_content: flag('Adjust the viewport to the page content dimensions (also waits for images like wait_for_images; default false).'),
  simulate_user: flag('Simulate a user for anti-bot measures: two mouse moves and a wheel scroll after js_code_before_wait, plus the navigator overrides (default false).'),
  override_navigator: flag('Override navigator properties for more human-like behaviour (webdriver, plugins, languages, visibility; an init script for the context; default false).'),
  magic: flag('Crawl4AI\'s "magic" mode: navigator overrides + simulate_user (+ a random user agent in Crawl4AI, not modelled here; default false).'),
  virtual_scroll_config: VirtualScrollSchema.optional(),
  process_iframes: flag('Inline iframe content: each <iframe> is replaced by a <div class="extracted-iframe-content-N"> with its body HTML (default false).'),
  remove_consent_popups: flag('Remove GDPR/cookie consent popups of known CMPs (OneTrust, Cookiebot, TrustArc, Didomi, …): click "accept", then remove their containers (default false).'),
  remove_overlay_elements: flag('Remove overlays/popups before capturing the HTML (also every visible fixed, sticky or absolutely positioned element; default false).'),
  flatten_shadow_dom: flag('Capture the HTML with shadow DOM content inlined (replaces css_selector capture); also opens closed shadow roots made after this step starts (default false).'),
  target_elements: z
    .array(z.string().min(1))
    .optional()
    .describe('Crawl4AI: selectors whose content feeds markdown/cleaned_html only (not the captured HTML or JsonCss extraction). Crawlwright produces neither: kept for exports.'),
  screenshot_wait_for: seconds('Seconds to wait before taking the screenshot (default: none).').optional(),
  force_viewport_screenshot: flag('Screenshot the viewport only, even with scan_full_page (default false).'),
  pdf: flag('Save a PDF of the page (page.pdf with backgrounds; default false).'),
  capture_mhtml: flag('Save an MHTML archive of the page (waits up to 5 s for network idle, then 1 s; default false).'),
};

export const StepConfigSchema = z
  .object({
    url: z.string().optional().describe('Page to open. With js_only the page is not loaded again (the url only labels the result).'),
    session_id: z
      .string()
      .min(1)
      .optional()
      .describe('Reuse one live page across steps. Without it each step gets a fresh page that is closed afterwards.'),
    js_only: z.boolean().optional().describe('Skip navigation: run JS, waits and extraction on the session\'s current page.'),
    wait_until: z.enum(WAIT_UNTIL).optional().describe('Navigation readiness event (default "domcontentloaded").'),
    page_timeout: ms('Navigation timeout and default wait_for timeout, in ms (default 60000).').optional(),
    js_code_before_wait: jsSnippets.optional().describe('JS run before wait_for: "act, then wait" (Crawl4AI >= 0.8.5).'),
    wait_for: z
      .string()
      .optional()
      .describe('"css:<selector>" waits for a visible element (fails on timeout); "js:() => bool" polls every 100 ms (continues on timeout).'),
    wait_for_timeout: ms('Timeout for wait_for in ms (default: page_timeout).').optional(),
    delay_before_return_html: seconds('Pause before js_code and HTML capture, in seconds (default 0.1).').optional(),
    js_code: jsSnippets.optional().describe('JS run AFTER wait_for and the delay (Crawl4AI >= 0.8.5), before HTML capture.'),
    scan_full_page: z.boolean().optional().describe('Scroll through the page before waiting (triggers lazy loading).'),
    scroll_delay: seconds('Pause between scroll steps of scan_full_page, in seconds (default 0.2).').optional(),
    max_scroll_steps: z.number().int().min(1).optional().describe('Scroll steps of scan_full_page (Crawl4AI treats unset as 10).'),
    css_selector: z
      .string()
      .optional()
      .describe('Restrict the captured HTML to these elements (comma-separated), wrapped in <div class=\'crawl4ai-result\'>.'),
    extraction_strategy: ExtractionStrategySchema.optional(),
    cache_mode: z
      .enum(CACHE_MODES)
      .optional()
      .describe('Kept for exports. Crawlwright always loads live pages (as "bypass").'),
    screenshot: z.boolean().optional().describe('Save a screenshot (viewport, or full page with scan_full_page).'),
    ...PageOptionsShape,
  })
  .strict();

export const HooksSchema = z
  .object(Object.fromEntries(HOOK_NAMES.map((h) => [h, z.string().optional()])) as Record<HookName, z.ZodOptional<z.ZodString>>)
  .strict()
  .describe('Page-side hook snippets keyed by Crawl4AI hook name (async function bodies run in the page).');

export const RepeatSchema = z
  .union([
    z
      .object({ times: z.number().int().min(1).max(10000).describe('Run the step this many times.') })
      .strict(),
    z
      .object({
        until: z.string().min(1).describe('"js:() => bool" evaluated in the page after each iteration; stops when true.'),
        max: z.number().int().min(1).max(10000).describe('Upper bound on iterations.'),
      })
      .strict(),
  ])
  .describe('Repeat the step (pagination loops). Results are kept per iteration.');

/** Recorded selectors keep alternates: tried in order when the primary matches nothing. */
export const MAX_TARGET_ALTERNATES = 3;
/** Longer texts (a whole card) are not stored: they change with the content. */
export const MAX_TARGET_TEXT = 80;

export const TargetSchema = z
  .object({
    selector: z.string().min(1).describe('CSS selector of the element (unique on the page when it was recorded).'),
    alternates: z
      .array(z.string().min(1))
      .max(MAX_TARGET_ALTERNATES)
      .optional()
      .describe('Fallback selectors, tried in order when `selector` matches nothing; the step result reports which one matched.'),
    text: z
      .string()
      .min(1)
      .max(MAX_TARGET_TEXT)
      .optional()
      .describe("The element's text when it was recorded (whitespace collapsed). An alternate only counts when the element it finds has this text, so a fallback never clicks \"Previous\" for \"Next\"."),
  })
  .strict();

const target = TargetSchema.describe('The element to act on.');
const watch = z
  .string()
  .min(1)
  .optional()
  .describe(
    'Items selector whose count and first text are remembered just before this action (window.__crawlwright.before), so wait_for can wait until they changed.',
  );

/**
 * A recorded browser action. The runner and every export turn the step's actions into one
 * self-contained js_code_before_wait snippet (shared/flow/actions.ts), so they behave the same in
 * Crawlwright and in Crawl4AI.
 */
export const ActionSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('click'), target, watch }).strict().describe('Click (pointer and mouse events, then click()).'),
  z
    .object({
      type: z.literal('fill'),
      target,
      value: z.string().describe('Text to put in the field (input and change events); may hold {{variables}} and {{secret:NAME}}.'),
      watch,
    })
    .strict()
    .describe('Type into an input, textarea or contenteditable.'),
  z
    .object({ type: z.literal('select'), target, value: z.union([z.string(), z.array(z.string())]).describe('Option value(s) to select.'), watch })
    .strict()
    .describe('Choose option(s) of a <select>.'),
  z.object({ type: z.literal('check'), target, checked: z.boolean().describe('The state to reach (clicks only if it differs).'), watch }).strict().describe('Tick or untick a checkbox / radio.'),
  z
    .object({ type: z.literal('press'), target, key: z.string().min(1).describe('Key name, e.g. "Enter" (Enter in a form field submits it).'), watch })
    .strict()
    .describe('Press a key on an element.'),
  z.object({ type: z.literal('submit'), target, watch }).strict().describe('Submit the form that is or contains the element (requestSubmit).'),
  z
    .object({
      type: z.literal('scroll'),
      target: TargetSchema.optional().describe('Element to scroll (default: the page).'),
      to: z.union([z.literal('bottom'), z.number().min(0)]).describe('"bottom", or a scrollTop in px.'),
      watch,
    })
    .strict()
    .describe('Scroll the page or an element.'),
]);

export const StepSchema = z
  .object({
    id: z.string().min(1).describe('Stable identifier of the step.'),
    name: z.string().describe('Display name.'),
    disabled: z.boolean().optional().describe('Skipped when running.'),
    breakpoint: z.boolean().optional().describe('Pause before this step when running in the app.'),
    config: StepConfigSchema,
    actions: z
      .array(ActionSchema)
      .optional()
      .describe('Recorded actions, performed in order before the js_code_before_wait snippets (they become its first snippet in exports).'),
    repeat: RepeatSchema.optional(),
    hooks: HooksSchema.optional(),
    notes: z
      .string()
      .optional()
      .describe('Free text kept with the step (an import puts here what it could not represent, e.g. a Python hook\'s source).'),
  })
  .strict();

export const VARIABLE_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const variableName = z.string().regex(VARIABLE_NAME, 'variable names are letters, digits and _');

/**
 * Inputs: run the whole flow once per row, each row in its own session (own browser context).
 * A row gives values to {{name}} placeholders; its values are untrusted data (never re-expanded
 * as placeholders, never a secret name).
 */
export const InputsSchema = z
  .object({
    columns: z
      .array(variableName)
      .min(1)
      .describe('The variables each row sets ({{name}} placeholders), e.g. ["url"] for a list of start URLs.'),
    id: variableName.optional().describe('Column that identifies a row in results and the resume state (default: the row number, 1-based).'),
    rows: z
      .array(z.record(variableName, z.string()))
      .optional()
      .describe('Rows kept in the flow (pasted); `crawlwright run --inputs FILE` (CSV/JSONL) replaces them.'),
    concurrency: z.number().int().min(1).max(32).optional().describe('Rows run at the same time (default 1; --concurrency wins).'),
    retries: z.number().int().min(0).max(10).optional().describe('Extra attempts for a failed row, with exponential backoff (default 2; --retries wins).'),
  })
  .strict()
  .superRefine((inputs, ctx) => {
    if (inputs.id !== undefined && !inputs.columns.includes(inputs.id)) {
      ctx.addIssue({ code: 'custom', path: ['id'], message: `"${inputs.id}" is not one of the columns (${inputs.columns.join(', ')})` });
    }
    inputs.rows?.forEach((row, i) => {
      for (const key of Object.keys(row)) {
        if (!inputs.columns.includes(key)) {
          ctx.addIssue({ code: 'custom', path: ['rows', i, key], message: `"${key}" is not one of the columns (${inputs.columns.join(', ')})` });
        }
      }
    });
  })
  .describe('Run the flow once per row of values (CSV/JSONL or pasted), in parallel sessions.');

export const FlowSchema = z
  .object({
    $schema: z.string().optional().describe('Optional JSON Schema reference for editors (assets/flow.schema.json).'),
    format: z.literal(FLOW_FORMAT),
    version: z.literal(FLOW_VERSION),
    name: z.string().describe('Name of the flow.'),
    description: z.string().optional(),
    browser: BrowserSettingsSchema.optional(),
    variables: z
      .record(variableName, z.string())
      .optional()
      .describe('Default values for {{name}} placeholders. Secrets are {{secret:NAME}} and never stored here.'),
    inputs: InputsSchema.optional(),
    notes: z.string().optional().describe('Free text kept with the flow (an import puts here what it could not represent).'),
    steps: z.array(StepSchema),
  })
  .strict()
  .superRefine((flow, ctx) => {
    const seen = new Map<string, number>();
    flow.steps.forEach((s, i) => {
      const first = seen.get(s.id);
      if (first !== undefined) {
        ctx.addIssue({ code: 'custom', path: ['steps', i, 'id'], message: `duplicate step id "${s.id}" (also steps[${first}])` });
      } else seen.set(s.id, i);
    });
  });

export type Flow = z.infer<typeof FlowSchema>;
export type Step = z.infer<typeof StepSchema>;
export type StepConfig = z.infer<typeof StepConfigSchema>;
export type BrowserSettings = z.infer<typeof BrowserSettingsSchema>;
export type Repeat = z.infer<typeof RepeatSchema>;
export type VirtualScrollConfig = z.infer<typeof VirtualScrollSchema>;
export type Hooks = z.infer<typeof HooksSchema>;
export type Inputs = z.infer<typeof InputsSchema>;
export type Target = z.infer<typeof TargetSchema>;
export type Action = z.infer<typeof ActionSchema>;

export type { JsonCssSchema, JsonCssField, ExtractionStrategy } from '../extract/schema.js';
