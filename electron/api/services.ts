// Everything a handler may use. Built once per process by createServices() (electron/app.ts) for
// the Electron shell and for the web-mode server alike.
import type { EventName, EventPayload } from '../../shared/api/contract.js';
import type { Engine } from '../engine/engine.js';
import type { PreviewService } from '../preview/service.js';

export type Emit = <E extends EventName>(name: E, payload: EventPayload<E>) => void;

export interface Services {
  mode: 'electron' | 'web';
  version: string;
  /** Per-user data: recent files, recovery file, run artifacts. */
  dataDir: string;
  /** Base URL of the built-in demo site (served by this process). */
  demoUrl: string;
  /** Explicit browser executable (--browser / CRAWLWRIGHT_BROWSER handled by discovery). */
  browserPath?: string;
  emit: Emit;
  engine: Engine;
  preview: PreviewService;
}

/** The connection a call came over (one WebSocket, one Electron window's page). */
export interface CallClient {
  /** Runs once when the connection is gone (socket closed, window destroyed). */
  onClose(listener: () => void): void;
}

/** Per-call context: which transport the call came from, and over which connection. */
export interface CallCtx {
  transport: 'electron' | 'web';
  client?: CallClient;
}

/** A CallClient whose close() runs its listeners once (later listeners run at once). */
export function createCallClient(): CallClient & { close(): void } {
  let closed = false;
  const listeners: Array<() => void> = [];
  return {
    onClose(listener) {
      if (closed) listener();
      else listeners.push(listener);
    },
    close() {
      if (closed) return;
      closed = true;
      for (const l of listeners.splice(0)) l();
    },
  };
}
