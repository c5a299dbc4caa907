import { z } from 'zod';
import { call, noArgs, ok } from '../define.js';

export const IssueSchema = z.object({ path: z.string(), message: z.string(), severity: z.enum(['error', 'warning']) });

/** Result of reading a flow file: the raw text is always returned so nothing the user wrote is lost. */
export const OpenedFlowSchema = z.object({
  path: z.string().nullable(),
  text: z.string(),
  errors: z.array(IssueSchema),
  warnings: z.array(IssueSchema),
});

export const flowCalls = {
  /** Validate flow JSON text (same code as `crawlwright validate`). */
  'flow.validate': call(z.object({ text: z.string() }).strict(), z.object({ errors: z.array(IssueSchema), warnings: z.array(IssueSchema) })),
  /** The built-in demo flow (logs in, paginates 3 pages, extracts). */
  'flow.demo': call(noArgs, OpenedFlowSchema),
  'flow.open': call(z.object({ path: z.string().min(1) }).strict(), OpenedFlowSchema),
  /** Atomic save (temp file + rename). The text is what the renderer serialised. */
  'flow.save': call(z.object({ path: z.string().min(1), text: z.string() }).strict(), z.object({ path: z.string() })),
  'flow.recent': call(noArgs, z.object({ paths: z.array(z.string()) })),
  /** Native open/save dialogs (desktop only; web mode uses its own file browser over fs.list). */
  'dialog.open': call(noArgs, z.object({ path: z.string().nullable() }), { electronOnly: true }),
  'dialog.save': call(z.object({ suggestedName: z.string().optional() }).strict(), z.object({ path: z.string().nullable() }), { electronOnly: true }),
  /** Directory listing for web mode's file dialog (the server is local; paths are the user's). */
  'fs.list': call(
    z.object({ dir: z.string().optional(), showHidden: z.boolean().optional() }).strict(),
    z.object({ dir: z.string(), parent: z.string().nullable(), entries: z.array(z.object({ name: z.string(), dir: z.boolean() })) }),
  ),
  /** Crash recovery: the renderer autosaves its working copy every few seconds. */
  'recovery.save': call(z.object({ text: z.string(), path: z.string().nullable() }).strict(), ok),
  'recovery.load': call(noArgs, z.object({ text: z.string(), path: z.string().nullable(), savedAt: z.number() }).nullable()),
  'recovery.clear': call(noArgs, ok),
};

export const flowEvents = {};
