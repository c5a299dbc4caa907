// createServices(): everything the handlers need, built once per process. The Electron shell, the
// web-mode server and the tests all start the app through here, so they run the same code.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { EventName, EventPayload } from '../shared/api/contract.js';
import type { Emit, Services } from './api/services.js';
import { startDemoServer } from './demo/server.js';
import { Engine } from './engine/engine.js';
import { PreviewService } from './preview/service.js';
import { defaultDataDir, packageVersion } from './paths.js';
import { sweepAppFolders } from './api/handlers/flow.js';

export interface CreateServicesOptions {
  mode: 'electron' | 'web';
  /** Default: CRAWLWRIGHT_DATA_DIR, else $XDG_CONFIG_HOME/crawlwright or ~/.config/crawlwright. */
  dataDir?: string;
  /** Explicit browser executable (--browser / setting); otherwise discovered. */
  browserPath?: string;
  /** Port of the built-in demo site (default 0 = any free port). */
  demoPort?: number;
}

export type BusListener = (event: EventName, payload: unknown) => void;

/** Fan-out of push events to every connected window / WebSocket. */
export class EventBus {
  private readonly listeners = new Set<BusListener>();
  readonly emit: Emit = <E extends EventName>(name: E, payload: EventPayload<E>) => {
    for (const l of this.listeners) {
      try {
        l(name, payload);
      } catch (err) {
        // A broken listener (e.g. a closed socket) must not stop the others or the emitter.
        console.error(`[crawlwright] event listener for ${name} failed:`, err);
      }
    }
  };
  subscribe(listener: BusListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

export interface AppServices extends Services {
  bus: EventBus;
  /** Stops the preview, the engine (browser) and the demo site. Safe to call twice. */
  close(): Promise<void>;
}

export async function createServices(opts: CreateServicesOptions): Promise<AppServices> {
  const dataDir = defaultDataDir(opts.dataDir);
  await mkdir(dataDir, { recursive: true });
  void sweepAppFolders(dataDir); // leftovers of interrupted saves; in the background, never throws
  const bus = new EventBus();
  const demo = await startDemoServer({ port: opts.demoPort ?? 0, host: '127.0.0.1' });
  const demoUrl = demo.url.replace(/\/+$/, '');
  const engine = new Engine({
    artifactsDir: join(dataDir, 'runs'),
    emit: bus.emit,
    builtinVars: { demo_url: demoUrl },
    browserPath: opts.browserPath,
  });
  const preview = new PreviewService(engine, bus.emit);

  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= (async () => {
      // Each step is attempted even if an earlier one fails, so the browser is never leaked.
      const steps: Array<[string, () => Promise<void>]> = [
        ['preview', () => preview.close()],
        ['engine', () => engine.close()],
        ['demo site', () => demo.close()],
      ];
      for (const [what, stop] of steps) {
        try {
          await stop();
        } catch (err) {
          console.error(`[crawlwright] closing the ${what} failed:`, err);
        }
      }
    })());

  return {
    mode: opts.mode,
    version: packageVersion(),
    dataDir,
    demoUrl,
    browserPath: opts.browserPath,
    emit: bus.emit,
    engine,
    preview,
    bus,
    close,
  };
}
