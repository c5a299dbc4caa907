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

/** A window's id; it names its recovery file, so it is strictly one safe path segment. */
export const WINDOW_ID = /^[A-Za-z0-9_-]{1,64}$/;
export const WindowIdSchema = z.string().regex(WINDOW_ID, 'a window id: 1 to 64 letters, digits, _ or -');

/** Editor text the user typed that is not in the flow yet (renderer/store/drafts.ts): user work too. */
export const DraftSchema = z
  .object({
    stepId: z.string(),
    field: z.enum(['schema-json', 'extraction']),
    text: z.string(),
    /** Why it is not applied, e.g. "JSON syntax error at line 3, column 5: …". */
    problem: z.string(),
  })
  .strict();

/** What a window keeps for crash recovery: its working text (flow or invalid file) and drafts. */
const RecoveryCopyArgsSchema = z.object({
  text: z.string(),
  path: z.string().nullable(),
  grant: RunGrantSchema.optional(),
  drafts: z.array(DraftSchema).max(1000).optional(),
});
export const RecoveryCopySchema = RecoveryCopyArgsSchema.extend({ savedAt: z.number() });
/** A copy offered to a starting window, with the window it belongs to (this one, or a gone one). */
export const RecoveryOfferSchema = RecoveryCopySchema.extend({ windowId: WindowIdSchema });

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
  /**
   * Crash recovery, one copy per window (`recovery/<windowId>.json` in the data dir): the renderer
   * saves its unsaved work shortly after each change. load() offers the window its own copy, else
   * the newest copy of a window that is gone (electron/api/handlers/recovery.ts has the rule).
   */
  'recovery.save': call(RecoveryCopyArgsSchema.extend({ windowId: WindowIdSchema }).strict(), ok),
  'recovery.load': call(
    z.object({ windowId: WindowIdSchema }).strict(),
    z.object({
      offer: RecoveryOfferSchema.nullable(),
      /** Another open window holds this id (a duplicated browser tab): pick a new id and ask again. */
      idTaken: z.boolean(),
    }),
  ),
  /** Remove a copy: this window's, or an offered copy of a gone window (never another open window's). */
  'recovery.clear': call(z.object({ windowId: WindowIdSchema }).strict(), ok),
};

export const flowEvents = {};
