import { z } from 'zod';
import { call, noArgs, ok } from '../define.js';
import { RunGrantSchema } from './run.js';

export const IssueSchema = z.object({ path: z.string(), message: z.string(), severity: z.enum(['error', 'warning']) });

/** Result of reading a flow file: the raw text is always returned so nothing the user wrote is lost. */
export const OpenedFlowSchema = z.object({
  path: z.string().nullable(),
  text: z.string(),
  errors: z.array(IssueSchema),
  warnings: z.array(IssueSchema),
  /** sha256 of the bytes on disk (null for the built-in demo): the identity grants are stored under. */
  sha256: z.string().nullable().optional(),
  /** The grant the user gave these exact bytes earlier (data dir, never the file), or null. */
  grant: RunGrantSchema.nullable().optional(),
});

export const flowCalls = {
  /** Validate flow JSON text (same code as `crawlwright validate`). */
  'flow.validate': call(z.object({ text: z.string() }).strict(), z.object({ errors: z.array(IssueSchema), warnings: z.array(IssueSchema) })),
  /** The built-in demo flow (logs in, paginates 3 pages, extracts). */
  'flow.demo': call(noArgs, OpenedFlowSchema),
  'flow.open': call(z.object({ path: z.string().min(1) }).strict(), OpenedFlowSchema),
  /** Atomic save (temp file + rename). The text is what the renderer serialised. */
  'flow.save': call(
    z.object({ path: z.string().min(1), text: z.string(), grant: RunGrantSchema.optional().describe('Kept for the saved bytes (the user\'s own edit).') }).strict(),
    z.object({ path: z.string(), sha256: z.string() }),
  ),
  /** Remember a grant for the file at `path`, as long as it still holds the bytes with this hash. */
  'flow.grant': call(z.object({ path: z.string().min(1), sha256: z.string().min(1), grant: RunGrantSchema }).strict(), ok),
  'flow.recent': call(noArgs, z.object({ paths: z.array(z.string()) })),
  /** Native open/save dialogs (desktop only; web mode uses its own file browser over fs.list). */
  'dialog.open': call(
    z
      .object({
        kind: z.enum(['flow', 'rows']).optional().describe('rows: a CSV/JSONL file of input rows (default: a flow)'),
        dir: z.string().optional().describe("the folder to start in (the open flow's); else the one last used"),
      })
      .strict(),
    z.object({ path: z.string().nullable() }),
    { electronOnly: true },
  ),
  'dialog.save': call(z.object({ suggestedName: z.string().optional(), dir: z.string().optional() }).strict(), z.object({ path: z.string().nullable() }), { electronOnly: true }),
  /** Directory listing for web mode's file dialog (the server is local; paths are the user's). */
  'fs.list': call(
    z.object({ dir: z.string().optional(), showHidden: z.boolean().optional() }).strict(),
    z.object({ dir: z.string(), parent: z.string().nullable(), entries: z.array(z.object({ name: z.string(), dir: z.boolean() })) }),
  ),
  /** New folder in web mode's file dialog: one path segment inside an existing folder. */
  'fs.mkdir': call(
    z
      .object({
        dir: z.string().min(1),
        name: z
          .string()
          .min(1)
          .max(255)
          .refine((n) => !/[\\/\0]/.test(n) && n !== '.' && n !== '..', 'a folder name, without / or \\'),
      })
      .strict(),
    z.object({ path: z.string() }),
  ),
  /** Crash recovery: the renderer autosaves its working copy every few seconds. */
  'recovery.save': call(z.object({ text: z.string(), path: z.string().nullable(), grant: RunGrantSchema.optional() }).strict(), ok),
  'recovery.load': call(noArgs, z.object({ text: z.string(), path: z.string().nullable(), savedAt: z.number(), grant: RunGrantSchema.optional() }).nullable()),
  'recovery.clear': call(noArgs, ok),
};

export const flowEvents = {};
