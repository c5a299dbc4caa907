// Crawl4AI's JsonCssExtractionStrategy schema (crawl4ai-notes.md 4.1), as a zod definition.
// This is the single definition of the schema shape: the flow file, the schema tester, the
// extractor and the importers all use it. Validation here only rejects what makes Crawl4AI
// fail or what is certainly a typo (unknown keys); the quirks Crawl4AI accepts (unknown `type`,
// regex without a group, ...) are accepted here and reported by the extractor's lint.
import { z } from 'zod';

export const KNOWN_FIELD_TYPES = [
  'text',
  'attribute',
  'html',
  'regex',
  'nested',
  'list',
  'nested_list',
  'computed',
] as const;
export type KnownFieldType = (typeof KNOWN_FIELD_TYPES)[number];

export const TRANSFORMS = ['lowercase', 'uppercase', 'strip'] as const;

const fieldShape = {
  name: z.string().min(1).describe('Key of this value in each extracted item.'),
  type: z
    .union([z.string().min(1), z.array(z.string().min(1))])
    .describe(
      'text | attribute | html | regex | nested | list | nested_list | computed, or a list of single-value types run as a pipeline (e.g. ["attribute", "regex"]).',
    ),
  selector: z
    .string()
    .optional()
    .describe('CSS selector (soupsieve) relative to the item; omitted = the item element itself.'),
  attribute: z.string().optional().describe('Attribute name for type "attribute".'),
  pattern: z.string().optional().describe('Python `re` pattern for type "regex".'),
  group: z
    .union([z.number().int().min(0), z.string().min(1)])
    .optional()
    .describe('Regex group number or name (default 1).'),
  transform: z
    .string()
    .optional()
    .describe('lowercase | uppercase | strip (anything else is a no-op in Crawl4AI).'),
  default: z.unknown().optional().describe('Value used when the selector matches nothing or the value is missing.'),
  // Not written to files (see exact-defaults.ts): set by the loaders when JSON.parse would change
  // `default` (0.0, -0.0, integers above 2^53, integer-like keys), written back as `default`.
  default_text: z
    .string()
    .optional()
    .describe('Internal: `default` exactly as written (e.g. "0.0"); used while it parses to `default`, saved as `default`.'),
  source: z
    .string()
    .optional()
    .describe('Sibling lookup: "+ tag.cls" finds the first following sibling matching tag/classes.'),
  expression: z
    .string()
    .optional()
    .describe('computed: disabled since Crawl4AI 0.8.7 (always yields `default`).'),
  // Crawl4AI calls field["function"](item): a Python callable, which JSON cannot hold. From JSON it
  // is a value that is not callable, so the call raises and the field gets its default; accepted
  // (Crawl4AI accepts it) and reported by lint.
  function: z.unknown().optional().describe('computed: a Python callable in Crawl4AI; from JSON it cannot be called, so the field gets `default`.'),
};

export interface JsonCssField {
  name: string;
  type: string | string[];
  selector?: string;
  attribute?: string;
  pattern?: string;
  group?: number | string;
  transform?: string;
  default?: unknown;
  default_text?: string;
  source?: string;
  expression?: string;
  function?: unknown;
  fields?: JsonCssField[];
}

export const JsonCssFieldSchema: z.ZodType<JsonCssField> = z.lazy(() =>
  z
    .object({
      ...fieldShape,
      fields: z
        .array(JsonCssFieldSchema)
        .optional()
        .describe('Sub-fields for nested, list and nested_list.'),
    })
    .strict(),
);

export const JsonCssSchemaSchema = z
  .object({
    name: z.string().optional().describe('Informational name of the schema.'),
    baseSelector: z.string().min(1).describe('CSS selector of each item (one extracted object per match).'),
    baseFields: z
      .array(JsonCssFieldSchema)
      .optional()
      .describe('Fields read from the item element itself, before `fields` (no error guard in Crawl4AI).'),
    fields: z.array(JsonCssFieldSchema).describe('Fields of each item.'),
  })
  .strict();

export type JsonCssSchema = z.infer<typeof JsonCssSchemaSchema>;

export const ExtractionStrategySchema = z
  .object({
    type: z.literal('JsonCssExtractionStrategy'),
    schema: JsonCssSchemaSchema,
  })
  .strict()
  .describe('Crawl4AI JsonCssExtractionStrategy with its schema JSON.');

export type ExtractionStrategy = z.infer<typeof ExtractionStrategySchema>;
