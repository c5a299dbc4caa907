// The one IPC contract between the renderer and the main process. Each domain declares its calls
// and events in domains/*.ts; this file only merges them. Electron main, the preload bridge, the
// web-mode server and the renderer's client are all derived from `calls` and `events`.
import type { ApiOf, EventPayloads, HandlersOf } from './define.js';
import { appCalls, appEvents } from './domains/app.js';
import { flowCalls, flowEvents } from './domains/flow.js';
import { runCalls, runEvents } from './domains/run.js';
import { sessionCalls, sessionEvents } from './domains/session.js';
import { previewCalls, previewEvents } from './domains/preview.js';
import { schemaCalls, schemaEvents } from './domains/schema.js';
import { exportCalls, exportEvents } from './domains/export.js';
import { batchCalls, batchEvents } from './domains/batch.js';

export const calls = {
  ...appCalls,
  ...flowCalls,
  ...runCalls,
  ...sessionCalls,
  ...previewCalls,
  ...schemaCalls,
  ...exportCalls,
  ...batchCalls,
};

export const events = {
  ...appEvents,
  ...flowEvents,
  ...runEvents,
  ...sessionEvents,
  ...previewEvents,
  ...schemaEvents,
  ...exportEvents,
  ...batchEvents,
};

export type Calls = typeof calls;
export type Events = typeof events;
export type CallName = keyof Calls & string;
export type EventName = keyof Events & string;
export type Api = ApiOf<Calls>;
export type Handlers<Ctx> = HandlersOf<Calls, Ctx>;
export type EventPayload<E extends EventName> = EventPayloads<Events>[E];

/** Prefix of every Electron IPC channel, so the main process ignores anything else. */
export const CHANNEL_PREFIX = 'cw:';
export const EVENT_CHANNEL = 'cw-event';

export const callNames = Object.keys(calls) as CallName[];
export const eventNames = Object.keys(events) as EventName[];
