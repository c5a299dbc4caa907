// Building blocks of the IPC contract. A call is (argument schema, result schema); an event is a
// payload schema. Types for the renderer client, the Electron handlers and the web-mode server are
// all derived from these declarations (see contract.ts), so adding a call means touching the
// contract and its handler, nothing else.
import { z } from 'zod';

export interface CallSpec<A extends z.ZodType = z.ZodType, R extends z.ZodType = z.ZodType> {
  args: A;
  result: R;
  /** Only available in the desktop shell (e.g. native dialogs); web mode reports "unsupported". */
  electronOnly?: boolean;
}

export const call = <A extends z.ZodType, R extends z.ZodType>(args: A, result: R, opts: { electronOnly?: boolean } = {}): CallSpec<A, R> => ({
  args,
  result,
  ...opts,
});

export const noArgs = z.object({}).strict();
export const ok = z.object({ ok: z.literal(true) });
export const OK = { ok: true as const };

export type CallMap = Record<string, CallSpec>;
export type EventMap = Record<string, z.ZodType>;

export type ArgsOf<C extends CallSpec> = z.input<C['args']>;
export type ResultOf<C extends CallSpec> = z.output<C['result']>;

/** The typed client surface: `api['run.start'](args) → Promise<result>`. */
export type ApiOf<M extends CallMap> = { [K in keyof M]: (args: ArgsOf<M[K]>) => Promise<ResultOf<M[K]>> };

/** What the main process implements: the same surface, with validated (output-typed) arguments. */
export type HandlersOf<M extends CallMap, Ctx> = {
  [K in keyof M]: (args: z.output<M[K]['args']>, ctx: Ctx) => Promise<z.input<M[K]['result']>> | z.input<M[K]['result']>;
};

export type EventPayloads<E extends EventMap> = { [K in keyof E]: z.output<E[K]> };

/** Errors that cross the IPC boundary: a code the UI can branch on and a human message. */
export const ApiErrorSchema = z.object({
  /** needs_grant: the flow needs permissions the call did not carry; details = NeedsGrantDetails (run.ts). */
  code: z.enum(['bad_args', 'not_found', 'unsupported', 'failed', 'forbidden', 'needs_grant', 'internal']),
  message: z.string(),
  details: z.unknown().optional(),
});
export type ApiErrorShape = z.infer<typeof ApiErrorSchema>;

export class ApiError extends Error {
  constructor(
    readonly code: ApiErrorShape['code'],
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }
  toJSON(): ApiErrorShape {
    return { code: this.code, message: this.message, details: this.details };
  }
}
