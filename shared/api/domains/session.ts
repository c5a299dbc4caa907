import { z } from 'zod';
import { call, noArgs, ok } from '../define.js';

export const SessionInfoSchema = z.object({
  id: z.string(),
  /** Sessions with the same key share one browser context (cookies, storage), as in Crawl4AI. */
  contextKey: z.string(),
  sharedWith: z.array(z.string()),
  url: z.string(),
  title: z.string(),
  alive: z.boolean(),
  deadReason: z.string().optional(),
  createdAt: z.number(),
  lastUsed: z.number(),
});
export type SessionInfo = z.infer<typeof SessionInfoSchema>;

export const sessionCalls = {
  'session.list': call(noArgs, z.object({ sessions: z.array(SessionInfoSchema) })),
  /** Create (or re-create a dead) session on about:blank or a url. */
  'session.create': call(z.object({ id: z.string().min(1), url: z.string().optional() }).strict(), SessionInfoSchema),
  'session.kill': call(z.object({ id: z.string().min(1) }).strict(), ok),
  'session.killAll': call(noArgs, ok),
};

export const sessionEvents = {
  'session.changed': z.object({ sessions: z.array(SessionInfoSchema) }),
};
