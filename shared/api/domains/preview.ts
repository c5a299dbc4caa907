// Live preview (screencast + input) and the element picker. Owned by the live-preview work.
// Coordinates everywhere are CSS pixels of the session page's top-level viewport.
import { z } from 'zod';
import { call, ok } from '../define.js';
import { StepSchema, TargetSchema } from '../../flow/schema.js';

export const BoxSchema = z.object({ x: z.number(), y: z.number(), width: z.number(), height: z.number() });
export type Box = z.infer<typeof BoxSchema>;

const sessionId = z.string().min(1);

export const CANDIDATE_KINDS = ['testid', 'id', 'role', 'aria', 'text', 'attribute', 'class', 'structural'] as const;

export const SelectorCandidateSchema = z.object({
  selector: z.string(),
  /** Higher is better (Playwright-style: test-id > stable id > role/aria/text > attributes > classes > nth-child). */
  score: z.number(),
  kind: z.enum(CANDIDATE_KINDS),
  /** Live match count in the browser (within the element's document / shadow root, or per item with relativeTo). */
  count: z.number().int(),
  /** Valid for soupsieve (Crawl4AI's CSS engine) as well as the browser. */
  crawl4aiValid: z.boolean(),
  /** CSS the browser's querySelectorAll accepts; false for Playwright-only selectors (text="…"). */
  css: z.boolean().optional(),
  note: z.string().optional(),
});
export type SelectorCandidate = z.infer<typeof SelectorCandidateSchema>;

export const PickedElementSchema = z.object({
  tagName: z.string(),
  text: z.string(),
  attributes: z.record(z.string(), z.string()),
  box: BoxSchema,
  candidates: z.array(SelectorCandidateSchema),
  /** Best candidate's selector. */
  selector: z.string(),
  /** Inside an open shadow root: Crawl4AI's captured HTML (page.content()) will not contain it. */
  inShadowRoot: z.boolean(),
  /** Boxes of the shadow hosts containing the element, outermost first. */
  shadowHostBoxes: z.array(BoxSchema).optional(),
  /** Inside same-origin iframes: selectors of the iframe elements, outermost first (selector is relative to the innermost frame's document). */
  framePath: z.array(z.string()),
  /** Inside open shadow roots: selectors of the shadow hosts, outermost first (each relative to the previous root; the selector is relative to the innermost shadow root). */
  shadowPath: z.array(z.string()).optional(),
  /** Boxes of the iframes containing the element, outermost first. */
  frameBoxes: z.array(BoxSchema).optional(),
  /** Crawl4AI caveats for this element (shadow DOM, iframe), with what to do. */
  notes: z.array(z.string()).optional(),
  /** With relativeTo: selector of the item that contains the element (unset when it is in no item). */
  itemSelector: z.string().optional(),
  itemBox: BoxSchema.optional(),
  /** With `target: true`: the stored form for actions — a selector unique on the page + up to 3 alternates of other families. */
  target: TargetSchema.optional(),
});
export type PickedElement = z.infer<typeof PickedElementSchema>;

export const FrameInfoSchema = z.object({
  sessionId: z.string(),
  /** base64 JPEG */
  data: z.string(),
  /** Image size in pixels. */
  width: z.number(),
  height: z.number(),
  /** The page viewport in CSS pixels that the image shows (map canvas coordinates with it). */
  viewportWidth: z.number().optional(),
  viewportHeight: z.number().optional(),
  /** Sequence number: acknowledge with preview.frameAck so the service keeps sending. */
  seq: z.number().int().optional(),
  ts: z.number(),
});

const Modifiers = z.array(z.enum(['Alt', 'Control', 'Meta', 'Shift'])).optional();

export const InputEventSchema = z.discriminatedUnion('type', [
  z
    .object({
      type: z.literal('mouse'),
      action: z.enum(['move', 'down', 'up', 'click', 'dblclick']),
      x: z.number(),
      y: z.number(),
      button: z.enum(['left', 'right', 'middle']).optional(),
      /** For down/up: the DOM click count (2 on the second press of a double-click). */
      clickCount: z.number().int().min(1).max(3).optional(),
      modifiers: Modifiers,
    })
    .strict(),
  z.object({ type: z.literal('wheel'), x: z.number(), y: z.number(), deltaX: z.number(), deltaY: z.number() }).strict(),
  z.object({ type: z.literal('key'), action: z.enum(['down', 'up', 'press']), key: z.string().min(1) }).strict(),
  z.object({ type: z.literal('text'), text: z.string() }).strict(),
]);
export type InputEvent = z.infer<typeof InputEventSchema>;

export const PreviewStatusSchema = z.object({
  sessionId: z.string(),
  state: z.enum(['attached', 'navigated', 'page-replaced', 'detached', 'closed', 'crashed']),
  url: z.string(),
  title: z.string().optional(),
  viewport: z.object({ width: z.number(), height: z.number() }).optional(),
  message: z.string().optional(),
});
export type PreviewStatus = z.infer<typeof PreviewStatusSchema>;

export const MatchResultSchema = z.object({
  count: z.number().int(),
  /** Up to `limit` boxes (default 500), top-level viewport CSS px. */
  boxes: z.array(BoxSchema),
  /** With relativeTo: number of items and how many of them contain a match. */
  items: z.number().int().optional(),
  itemsWithMatch: z.number().int().optional(),
  itemBoxes: z.array(BoxSchema).optional(),
  /** Which engine matched: browser CSS, or Playwright's selector engine (text=, xpath=, >>). */
  engine: z.enum(['css', 'playwright']),
  crawl4aiValid: z.boolean(),
  /** Invalid selector: the reason (count is 0). */
  error: z.string().optional(),
  note: z.string().optional(),
});
export type MatchResult = z.infer<typeof MatchResultSchema>;

const Pos = { sessionId, x: z.number(), y: z.number() };

export const previewCalls = {
  /** Start streaming the session's page (preview.frame events). Attaching twice is harmless. */
  'preview.attach': call(
    z.object({ sessionId, maxWidth: z.number().int().optional(), maxHeight: z.number().int().optional(), quality: z.number().int().min(10).max(100).optional() }).strict(),
    z.object({ width: z.number(), height: z.number(), url: z.string(), title: z.string() }),
  ),
  /** Stop streaming (the session and its page stay alive). */
  'preview.detach': call(z.object({ sessionId }).strict(), ok),
  /** The renderer painted frame `seq`; the service sends at most 2 frames ahead of the last ack. */
  'preview.frameAck': call(z.object({ sessionId, seq: z.number().int() }).strict(), ok),
  /** Forward input to the page. Consecutive mouse moves are coalesced (only the last one runs). */
  'preview.input': call(z.object({ sessionId, events: z.array(InputEventSchema).min(1).max(200) }).strict(), ok),
  'preview.navigate': call(z.object({ sessionId, url: z.string().min(1) }).strict(), z.object({ url: z.string(), status: z.number().nullable() })),
  'preview.history': call(z.object({ sessionId, action: z.enum(['back', 'forward', 'reload']) }).strict(), z.object({ url: z.string() })),
  'preview.setViewport': call(
    z.object({ sessionId, width: z.number().int().min(200).max(7680), height: z.number().int().min(200).max(4320) }).strict(),
    ok,
  ),
  /**
   * Open the session in a visible browser window. A headless page cannot become headed, so this
   * launches a headed browser with a copy of the session's storage state at the same URL
   * ("unsupported" when there is no display).
   */
  'preview.openHeaded': call(z.object({ sessionId }).strict(), z.object({ url: z.string(), note: z.string() })),

  /** Element under (x, y) with ranked selector candidates. Also becomes the current element for picker.navigate. */
  'picker.hitTest': call(
    z
      .object({
        ...Pos,
        /** For field picks: candidates relative to the item (closest ancestor matching relativeTo). */
        relativeTo: z.string().optional(),
        /** Prefer selectors that match one element (default) or repeated elements (baseSelector picks). */
        prefer: z.enum(['unique', 'repeated']).optional(),
        /** Also return `target` (unique primary + alternates) for storing in actions. */
        target: z.boolean().optional(),
      })
      .strict(),
    z.object({ element: PickedElementSchema.nullable() }),
  ),
  /** Move the current element to its parent / first child / next / previous sibling. */
  'picker.navigate': call(
    z
      .object({ sessionId, direction: z.enum(['parent', 'child', 'next', 'prev']), relativeTo: z.string().optional(), prefer: z.enum(['unique', 'repeated']).optional() })
      .strict(),
    z.object({ element: PickedElementSchema.nullable() }),
  ),
  /** All matches of a selector (browser CSS, or Playwright engine for text=/xpath=/>>), for live highlight. */
  'picker.match': call(
    z
      .object({
        sessionId,
        selector: z.string(),
        relativeTo: z.string().optional(),
        /** Match inside a same-origin iframe / open shadow root (as in PickedElement). */
        framePath: z.array(z.string()).optional(),
        shadowPath: z.array(z.string()).optional(),
        limit: z.number().int().min(0).max(5000).optional(),
      })
      .strict(),
    MatchResultSchema,
  ),
  /**
   * The stored form of an element for actions, computed on the live page: `selectors` locate it
   * (the first matching exactly one element), `preferred` becomes the primary when it is unique.
   * null when none of `selectors` is unique any more.
   */
  'picker.target': call(
    z
      .object({ sessionId, selectors: z.array(z.string().min(1)).min(1).max(10), preferred: z.string().optional(), framePath: z.array(z.string()).optional(), shadowPath: z.array(z.string()).optional() })
      .strict(),
    z.object({ target: TargetSchema.nullable() }),
  ),
  /** Re-check stored selectors on the live page: each one's count and whether it selects the same element as the first unique one. */
  'picker.check': call(
    z.object({ sessionId, selectors: z.array(z.string().min(1)).min(1).max(10), framePath: z.array(z.string()).optional(), shadowPath: z.array(z.string()).optional() }).strict(),
    z.object({ checks: z.array(z.object({ selector: z.string(), count: z.number().int(), same: z.boolean() })) }),
  ),
  /**
   * Record what the user does in the session's preview as steps (recorder.event). `openFirst`: the
   * first step opens the page the session is on (the flow has no step that gets it there).
   * `recordingId` (chosen by the caller) tags every recorder.event of this recording, so a window
   * tells its recording from an earlier one on the same session id; when the session is already
   * being recorded, the answer names that recording instead.
   */
  'recorder.start': call(
    z.object({ sessionId, openFirst: z.boolean().default(false), recordingId: z.string().regex(/^[A-Za-z0-9_-]{1,40}$/).optional() }).strict(),
    z.object({ url: z.string(), recordingId: z.string() }),
  ),
  /** Stop recording; the step being recorded is closed as it is. */
  'recorder.stop': call(z.object({ sessionId }).strict(), ok),
  /** The repeated items (list rows, cards) the element located by `selectors` belongs to: their selector, count and a point inside the element's item. */
  'picker.items': call(
    z.object({ sessionId, selectors: z.array(z.string().min(1)).min(1).max(10) }).strict(),
    z.object({ items: z.object({ baseSelector: z.string(), count: z.number().int(), x: z.number(), y: z.number() }).nullable() }),
  ),
  /** For the pagination wizard: the page's next / load-more control (stored form), pager links and visible text. */
  'picker.paginationHints': call(
    z.object({ sessionId }).strict(),
    z.object({
      pager: z.object({ target: TargetSchema, text: z.string(), kind: z.enum(['next', 'load-more']), disabled: z.boolean() }).nullable(),
      pageLinks: z.array(z.string()),
      text: z.string(),
      url: z.string(),
    }),
  ),
  /** The page's login form for the Login template: user and password fields, submit button, and the secret name the password would get. */
  'picker.loginForm': call(
    z.object({ sessionId }).strict(),
    z.object({ form: z.object({ user: TargetSchema.nullable(), password: TargetSchema, submit: TargetSchema.nullable(), secret: z.string() }).nullable() }),
  ),
  /** Select similar: generalize one or two example elements (given by selectors) into a selector for all similar items. */
  'picker.similar': call(
    z
      .object({
        sessionId,
        selectors: z.array(z.string().min(1)).min(1).max(2),
        framePath: z.array(z.string()).optional(),
        shadowPath: z.array(z.string()).optional(),
        limit: z.number().int().min(0).max(5000).optional(),
      })
      .strict(),
    z.object({ selector: z.string(), count: z.number().int(), boxes: z.array(BoxSchema), crawl4aiValid: z.boolean(), alternatives: z.array(z.object({ selector: z.string(), count: z.number().int() })) }),
  ),
};

/** What the recorder reports: a step draft (new, or updated while actions merge into it), or its state. */
export const RecorderEventSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('step'),
    sessionId: z.string(),
    recordingId: z.string(),
    /** Stable per recording: a later event with the same seq updates that step. */
    seq: z.number().int(),
    step: StepSchema.omit({ id: true }),
    /** No more actions will join it. */
    closed: z.boolean(),
    /** {{secret:NAME}} names its password fields use (never the values). */
    secrets: z.array(z.string()),
    /** Small JPEG of the page after the step (data URL); kept in the window, never in the flow. */
    thumbnail: z.string().optional(),
  }),
  z.object({ type: z.literal('state'), sessionId: z.string(), recordingId: z.string(), recording: z.boolean(), message: z.string().optional() }),
]);
export type RecorderEvent = z.infer<typeof RecorderEventSchema>;

export const previewEvents = {
  /** Recording in the live preview (recorder.start / recorder.stop). */
  'recorder.event': RecorderEventSchema,
  'preview.frame': FrameInfoSchema,
  /** Attach/detach, navigations, page replaced (new page of the session), page closed or crashed. */
  'preview.status': PreviewStatusSchema,
};
