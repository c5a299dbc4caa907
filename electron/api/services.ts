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

/** Per-call context: which transport the call came from. */
export interface CallCtx {
  transport: 'electron' | 'web';
}
