// The one place where a contract call is executed, for every transport (Electron IPC, the web-mode
// WebSocket, tests). It validates the channel name and the arguments against the contract's zod
// schema, runs the handler and turns every outcome into a serialisable reply. It never throws:
// a bug in one handler becomes an 'internal' error reply instead of taking the process down.
import { calls, type CallName, type Handlers } from '../../shared/api/contract.js';
import { ApiError, type ApiErrorShape } from '../../shared/api/define.js';
import { fromZodIssues, describeIssues } from '../../shared/flow/issues.js';
import type { CallCtx, Services } from './services.js';

export type DispatchReply = { ok: true; result: unknown } | { ok: false; error: ApiErrorShape };
export type Dispatch = (channel: string, rawArgs: unknown, ctx: CallCtx) => Promise<DispatchReply>;

export interface DispatcherOptions {
  /** Validate every result against the contract (tests set CRAWLWRIGHT_CHECK_RESULTS=1). */
  checkResults?: boolean;
  /** Where unexpected handler exceptions are reported (default: console.error). */
  onInternalError?: (channel: string, err: unknown) => void;
}

const isCallName = (channel: string): channel is CallName => Object.prototype.hasOwnProperty.call(calls, channel);

function fail(code: ApiErrorShape['code'], message: string, details?: unknown): DispatchReply {
  return { ok: false, error: details === undefined ? { code, message } : { code, message, details } };
}

/** JSON-safe copy of error details (IPC and WebSocket both serialise the reply). */
function plainDetails(details: unknown): unknown {
  if (details === undefined) return undefined;
  try {
    return JSON.parse(JSON.stringify(details)) as unknown;
  } catch {
    return String(details);
  }
}

export function createDispatcher(
  handlers: Handlers<CallCtx>,
  services: Pick<Services, 'mode'>,
  opts: DispatcherOptions = {},
): Dispatch {
  const checkResults = opts.checkResults ?? process.env.CRAWLWRIGHT_CHECK_RESULTS === '1';
  const onInternalError = opts.onInternalError ?? ((channel, err) => console.error(`[crawlwright] ${channel} failed:`, err));

  return async function dispatch(channel, rawArgs, ctx) {
    if (typeof channel !== 'string' || !isCallName(channel)) {
      return fail('bad_args', `unknown call ${JSON.stringify(channel)}`);
    }
    const spec = calls[channel];
    if (spec.electronOnly && (services.mode !== 'electron' || ctx.transport !== 'electron')) {
      return fail('unsupported', `${channel} is only available in the desktop app`);
    }
    const parsed = spec.args.safeParse(rawArgs ?? {});
    if (!parsed.success) {
      const issues = fromZodIssues(parsed.error.issues, spec.args, rawArgs);
      return fail('bad_args', `invalid arguments for ${channel}: ${describeIssues(issues).replace(/\n/g, '; ')}`, { issues });
    }
    let result: unknown;
    try {
      const handler = handlers[channel] as (args: unknown, ctx: CallCtx) => unknown;
      result = await handler(parsed.data, ctx);
    } catch (err) {
      if (err instanceof ApiError) return fail(err.code, err.message, plainDetails(err.details));
      onInternalError(channel, err);
      const message = err instanceof Error ? err.message : String(err);
      return fail('internal', `${channel}: ${message}`);
    }
    if (checkResults) {
      const checked = spec.result.safeParse(result);
      if (!checked.success) {
        const issues = fromZodIssues(checked.error.issues, spec.result, result);
        onInternalError(channel, new Error(`result does not match the contract: ${describeIssues(issues)}`));
        return fail('internal', `${channel} returned a result that does not match the contract: ${describeIssues(issues).replace(/\n/g, '; ')}`, {
          issues,
        });
      }
    }
    return { ok: true, result: result === undefined ? null : result };
  };
}
