// Schema tester and snapshots (owned by the schema-builder work). The tester runs a JsonCss schema
// on a live session page with the Crawl4AI-faithful extractor; snapshots are saved pages in the
// flow's companion folder (`<flow file>.snapshots/`), used to check a schema change against pages
// the user has accepted results for.
import { z } from 'zod';
import { call, ok } from '../define.js';
import { IssueSchema } from './flow.js';
import { JsonCssFieldSchema } from '../../extract/schema.js';

const sessionId = z.string().min(1);

/** Which flow the snapshots belong to: its file, or (unsaved) its name under dataDir/snapshots/. */
export const FlowRefSchema = z.object({ flowPath: z.string().min(1).nullable(), flowName: z.string() }).strict();
export type FlowRef = z.infer<typeof FlowRefSchema>;

/** Per-field coverage over all items: how many got a real value, the default, or nothing. */
export const FieldCoverageSchema = z.object({
  /** `fields[2].fields[0]` (as in the schema JSON). */
  path: z.string(),
  name: z.string(),
  value: z.number().int(),
  default: z.number().int(),
  missing: z.number().int(),
  /** Browser side: items in which the field selector matches (null when not measured). */
  browserItems: z.number().int().nullable().optional(),
});
export type FieldCoverage = z.infer<typeof FieldCoverageSchema>;

export const DiagnosticsSchema = z.object({
  baseCount: z.number().int(),
  fields: z.array(FieldCoverageSchema),
  /** Lint: Crawl4AI traps in the schema (transform on a list, regex without group, ...). */
  lint: z.array(IssueSchema),
  /** outerHTML of the first base matches (shortened), for "what does an item look like". */
  samples: z.array(z.string()),
});
export type Diagnostics = z.infer<typeof DiagnosticsSchema>;

/** The browser and Crawl4AI disagree about a selector's match count, and why. */
export const CountMismatchSchema = z.object({
  selector: z.string(),
  /** Field path, or "baseSelector". */
  path: z.string(),
  browserCount: z.number().int(),
  crawl4aiCount: z.number().int(),
  reason: z.string(),
});
export type CountMismatch = z.infer<typeof CountMismatchSchema>;

export const SchemaTestResultSchema = z.object({
  /** Extraction ran (items/extracted_content are set). */
  ok: z.boolean(),
  /** Why it did not run: schema invalid, extractor error (Crawl4AI would fail the same way), capture failed. */
  error: z.string().optional(),
  /** Schema validation issues, path-named. */
  issues: z.array(IssueSchema),
  url: z.string(),
  extracted_content: z.string().nullable(),
  items: z.array(z.unknown()).nullable(),
  diagnostics: DiagnosticsSchema.nullable(),
  mismatches: z.array(CountMismatchSchema),
  /** css_selector parts Crawl4AI would skip, etc. */
  captureWarnings: z.array(z.string()),
  timing: z.object({ captureMs: z.number(), extractMs: z.number(), browserMs: z.number(), htmlBytes: z.number().int() }),
});
export type SchemaTestResult = z.infer<typeof SchemaTestResultSchema>;

export const RelativeCandidateSchema = z.object({
  selector: z.string(),
  matchesInBase: z.number().int(),
  firstIsTarget: z.boolean(),
  peerCoverage: z.number(),
});

export const FieldSelectorResultSchema = z.object({
  /** Null when the element is the item itself (leave `selector` empty) or is outside every item. */
  selector: z.string().nullable(),
  unique: z.boolean(),
  candidates: z.array(RelativeCandidateSchema),
  suggestion: z.object({ type: z.enum(['text', 'attribute']), attribute: z.string().optional() }),
  /** Index of the item (base match, document order) that contains the element; -1 if none. */
  itemIndex: z.number().int(),
  tagName: z.string(),
  text: z.string(),
  note: z.string().optional(),
});
export type FieldSelectorResult = z.infer<typeof FieldSelectorResultSchema>;

export const SnapshotInfoSchema = z.object({
  id: z.string(),
  name: z.string(),
  url: z.string(),
  savedAt: z.number(),
  /** The css_selector the HTML was captured with (the HTML is what the step's extractor sees). */
  css_selector: z.string().optional(),
  htmlBytes: z.number().int(),
  /** Copies of a secret (typed into the page by a run) replaced by *** before the page was written. */
  masked: z.number().int().optional(),
  accepted: z.object({ at: z.number(), itemCount: z.number().int() }).nullable(),
});
export type SnapshotInfo = z.infer<typeof SnapshotInfoSchema>;

export const ItemsDiffSchema = z.object({
  expectedCount: z.number().int(),
  actualCount: z.number().int(),
  /** Items compared by position; these counts cover positions present on both sides. */
  changedItems: z.number().int(),
  /** Per top-level key: how many items have a different value than expected. */
  changedByField: z.record(z.string(), z.number().int()),
  /** First differences (capped), for display. */
  samples: z.array(z.object({ index: z.number().int(), key: z.string(), expected: z.unknown(), actual: z.unknown() })),
  same: z.boolean(),
});
export type ItemsDiff = z.infer<typeof ItemsDiffSchema>;

export const SnapshotRunSchema = z.object({
  id: z.string(),
  name: z.string(),
  url: z.string(),
  ok: z.boolean(),
  error: z.string().optional(),
  itemCount: z.number().int(),
  fields: z.array(FieldCoverageSchema),
  /** Against the accepted results; null when none were accepted. */
  diff: ItemsDiffSchema.nullable(),
  /** Differs from the accepted results (or fails where it worked). */
  regressed: z.boolean(),
  extractMs: z.number(),
});
export type SnapshotRun = z.infer<typeof SnapshotRunSchema>;

export const schemaCalls = {
  /** Run a JsonCss schema on HTML with the Crawl4AI-faithful extractor. */
  'extract.html': call(
    z.object({ html: z.string(), schema: z.unknown() }).strict(),
    z.object({ ok: z.boolean(), extracted_content: z.string().nullable(), items: z.array(z.unknown()).nullable(), error: z.string().optional() }),
  ),
  /**
   * Run the schema on the session's current page: HTML captured exactly as the step would
   * (css_selector wrapper included), extracted in a worker thread, plus diagnostics and the
   * browser's own counts for the same selectors.
   */
  'schema.test': call(z.object({ sessionId, schema: z.unknown(), css_selector: z.string().optional() }).strict(), SchemaTestResultSchema),
  /**
   * A field selector relative to the item under the viewport point (x, y) (the centre of a picked
   * element), checked to be unique within the item, with href/src suggestions.
   */
  'schema.fieldSelector': call(
    z
      .object({
        sessionId,
        baseSelector: z.string().min(1),
        x: z.number(),
        y: z.number(),
        css_selector: z.string().optional(),
        /** "repeated": match the element and its repeated siblings (for list / nested_list fields). */
        mode: z.enum(['unique', 'repeated']).optional(),
      })
      .strict(),
    FieldSelectorResultSchema,
  ),
  /**
   * A first set of fields for the item under (x, y): every element with text of its own, links'
   * href and images' src, each relative to the item and unique in it (suggest-fields.ts).
   */
  'schema.suggest': call(
    z.object({ sessionId, baseSelector: z.string().min(1), x: z.number(), y: z.number(), css_selector: z.string().optional() }).strict(),
    z.object({ fields: z.array(JsonCssFieldSchema), itemIndex: z.number().int() }),
  ),
  /** Scroll the page so item `index` (as Crawl4AI numbers them for this css_selector) is in view. */
  'schema.scrollToItem': call(
    z.object({ sessionId, baseSelector: z.string().min(1), index: z.number().int().min(0), css_selector: z.string().optional() }).strict(),
    z.object({ found: z.boolean() }),
  ),

  'snapshot.list': call(z.object({ flow: FlowRefSchema }).strict(), z.object({ dir: z.string(), snapshots: z.array(SnapshotInfoSchema) })),
  /** Save the session's current page (HTML as the step captures it, URL, time) as a named snapshot. */
  'snapshot.save': call(
    z.object({ flow: FlowRefSchema, sessionId, name: z.string().min(1).max(120), css_selector: z.string().optional() }).strict(),
    SnapshotInfoSchema,
  ),
  'snapshot.delete': call(z.object({ flow: FlowRefSchema, id: z.string().min(1) }).strict(), ok),
  /** Accept the schema's current results on this snapshot as its expected results. */
  'snapshot.accept': call(z.object({ flow: FlowRefSchema, id: z.string().min(1), schema: z.unknown() }).strict(), SnapshotInfoSchema),
  /**
   * Move snapshots to another flow's folder (an unsaved flow's snapshots follow it when it is first
   * saved, or when it is saved under a new name). Snapshots whose id exists at the target stay.
   */
  'snapshot.adopt': call(z.object({ from: FlowRefSchema, to: FlowRefSchema }).strict(), z.object({ moved: z.number().int(), dir: z.string() })),
  /** Run the schema on every snapshot: counts, coverage and the diff against accepted results. */
  'snapshot.runAll': call(z.object({ flow: FlowRefSchema, schema: z.unknown() }).strict(), z.object({ runs: z.array(SnapshotRunSchema) })),
};

export const schemaEvents = {};
