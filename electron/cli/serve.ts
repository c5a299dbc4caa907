// `crawlwright serve` (= `npm run web`, `node dist/electron/web.js`): the app in web mode.
import { createServices, type AppServices, type CreateServicesOptions } from '../app.js';
import { createDispatcher } from '../api/dispatch.js';
import { createHandlers } from '../api/handlers/index.js';
import { startWebServer, isLoopbackHost, type WebServer } from '../api/server.js';
import { findBrowser } from '../engine/browser.js';
import { rendererDir } from '../paths.js';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseCliArgs, parsePort, UsageError, withUsage } from './args.js';
import { HELP } from './help.js';

export interface WebAppOptions extends Omit<CreateServicesOptions, 'mode'> {
  port?: number;
  host?: string;
  token?: string;
  /** Default: dist/renderer. */
  rendererDir?: string;
}

export interface WebApp {
  server: WebServer;
  services: AppServices;
  close(): Promise<void>;
}

/** Services + dispatcher + HTTP/WebSocket server, the whole web-mode app (also used by tests). */
export async function startWebApp(opts: WebAppOptions = {}): Promise<WebApp> {
  const services = await createServices({ mode: 'web', dataDir: opts.dataDir, browserPath: opts.browserPath, demoPort: opts.demoPort });
  let server: WebServer;
  try {
    const dispatch = createDispatcher(createHandlers(services), services);
    server = await startWebServer({
      dispatch,
      events: services.bus,
      rendererDir: opts.rendererDir ?? rendererDir,
      port: opts.port,
      host: opts.host,
      token: opts.token,
    });
  } catch (err) {
    await services.close();
    throw err;
  }
  let closing: Promise<void> | undefined;
  return {
    server,
    services,
    close: () => (closing ??= server.close().then(() => services.close())),
  };
}

export async function main(argv: string[]): Promise<number> {
  return withUsage(HELP.serve, async () => {
    const { values } = parseCliArgs(
      argv,
      {
        port: { type: 'string' },
        host: { type: 'string' },
        token: { type: 'string' },
        'demo-port': { type: 'string' },
        browser: { type: 'string' },
        'data-dir': { type: 'string' },
      },
      { allowPositionals: false },
    );
    const host = values.host ?? '127.0.0.1';
    if (!isLoopbackHost(host)) {
      throw new UsageError(`--host ${host} refused: web mode only listens on loopback (127.0.0.1, localhost, ::1), because the UI can drive a browser on this machine`);
    }
    const token = values.token ?? (process.env.CRAWLWRIGHT_TOKEN || undefined);
    if (token !== undefined && (token.length < 8 || !/^[\w.~-]+$/.test(token))) {
      throw new UsageError('--token must be at least 8 URL-safe characters (letters, digits, _ . ~ -)');
    }
    const opts: WebAppOptions = {
      port: parsePort(values.port, '--port') ?? 0,
      host,
      token,
      demoPort: parsePort(values['demo-port'], '--demo-port'),
      browserPath: values.browser,
      dataDir: values['data-dir'],
    };

    let app: WebApp;
    try {
      app = await startWebApp(opts);
    } catch (err) {
      const msg = err instanceof Error ? err.message : String(err);
      const hint = /EADDRINUSE/.test(msg) ? ' (is Crawlwright already running? choose another port, or --port 0 for any free one)' : '';
      process.stderr.write(`crawlwright: cannot start web mode: ${msg}${hint}\n`);
      return 1;
    }
    // Listen for Ctrl+C / SIGTERM before printing the URL: whoever reads it may stop us at once.
    const stopped = new Promise<void>((resolve) => {
      const stop = () => {
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
        // A second signal while shutting down means "now".
        process.once('SIGINT', () => process.exit(130));
        process.once('SIGTERM', () => process.exit(143));
        resolve();
      };
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
    });
    if (!existsSync(join(rendererDir, 'index.html'))) {
      process.stderr.write(`warning: the UI is not built (${rendererDir} is missing); run \`npm run build\`.\n`);
    }
    const browser = findBrowser(opts.browserPath);
    if (browser.found) process.stdout.write(`Browser: ${browser.executablePath} (${browser.source})\n`);
    else process.stdout.write(`No browser found: runs and the live preview will not work.\n${browser.help ?? ''}\n`);
    process.stdout.write(`Demo site: ${app.services.demoUrl}\n`);
    process.stdout.write(`Crawlwright is running at ${app.server.url}\n`);
    process.stdout.write('Press Ctrl+C to stop.\n');

    await stopped;
    process.stdout.write('\nStopping…\n');
    await app.close();
    return 0;
  });
}
