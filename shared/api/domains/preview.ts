// Live preview (screencast + input) and the element picker. Owned by the live-preview work:
// extend these declarations as needed.
import { z } from 'zod';
import { call, ok } from '../define.js';

export const BoxSchema = z.object({ x: z.number(), y: z.number(), width: z.number(), height: z.number() });

export const previewCalls = {
  'preview.attach': call(
    z.object({ sessionId: z.string().min(1), maxWidth: z.number().int().optional(), maxHeight: z.number().int().optional() }).strict(),
    z.object({ width: z.number(), height: z.number(), url: z.string() }),
  ),
  'preview.detach': call(z.object({ sessionId: z.string().min(1) }).strict(), ok),
};

export const previewEvents = {
  'preview.frame': z.object({
    sessionId: z.string(),
    /** base64 JPEG */
    data: z.string(),
    width: z.number(),
    height: z.number(),
    ts: z.number(),
  }),
};
