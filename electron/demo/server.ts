// The built-in demo site: plain node:http on 127.0.0.1, static files from assets/demo-site under
// /static/, server-rendered pages and small JSON APIs. Used by the app's demo flow, the tests and
// the benchmarks. Every handler is wrapped so a bad request gets a 4xx/5xx page, never a crash.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { assetsDir } from '../paths.js';
import { route, type RouteCtx } from './routes.js';
import { SessionStore } from './session.js';

export interface DemoServerOptions {
  /** 0 (default) = a free port. */
  port?: number;
  /** Loopback only (127.0.0.1, ::1 or localhost); default 127.0.0.1. */
  host?: string;
  /** Folder with the static files (default: <package root>/assets/demo-site). */
  siteDir?: string;
}

export interface DemoServer {
  /** Base URL without a trailing slash, e.g. http://127.0.0.1:40123 */
  url: string;
  close(): Promise<void>;
}

/** The static files of the demo site (package root found by electron/paths.ts). */
export const DEMO_SITE_DIR = path.join(assetsDir, 'demo-site');

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.txt': 'text/plain; charset=utf-8',
};

async function serveStatic(siteDir: string, rel: string, res: ServerResponse): Promise<boolean> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(rel);
  } catch {
    return false;
  }
  const file = path.resolve(siteDir, '.' + path.posix.normalize('/' + decoded));
  if (!file.startsWith(siteDir + path.sep)) return false;
  let body: Buffer;
  try {
    body = await readFile(file);
  } catch {
    return false;
  }
  res.writeHead(200, {
    'Content-Type': CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream',
    'Content-Length': body.length,
    'Cache-Control': 'no-cache',
  });
  res.end(body);
  return true;
}

export async function startDemoServer(opts: DemoServerOptions = {}): Promise<DemoServer> {
  const siteDir = path.resolve(opts.siteDir ?? DEMO_SITE_DIR);
  const host = opts.host ?? '127.0.0.1';
  if (!LOOPBACK.has(host)) throw new Error(`the demo site binds loopback only (127.0.0.1, ::1, localhost), not ${host}`);
  const sessions = new SessionStore();
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  let closing = false;

  /** setTimeout that close() cancels, so /slow and API delays never keep the process alive. */
  const later = (ms: number, fn: () => void): (() => void) => {
    const t = setTimeout(() => {
      timers.delete(t);
      fn();
    }, ms);
    timers.add(t);
    return () => {
      clearTimeout(t);
      timers.delete(t);
    };
  };

  const ctx: RouteCtx = { sessions, later, serveStatic: (rel, res) => serveStatic(siteDir, rel, res) };

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    if (closing) {
      res.writeHead(503, { Connection: 'close' }).end();
      return;
    }
    route(req, res, ctx).catch((e: unknown) => {
      if (res.headersSent) {
        res.destroy();
        return;
      }
      const msg = e instanceof Error ? e.message : String(e);
      res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' }).end(`demo server error: ${msg}\n`);
    });
  });
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  // Malformed HTTP: answer 400 instead of letting the error surface.
  server.on('clientError', (_err, socket: Socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
    else socket.destroy();
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const addr = server.address();
  if (!addr || typeof addr === 'string') throw new Error('demo server: no TCP address');
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${addr.port}`;

  let closed: Promise<void> | undefined;
  return {
    url,
    close() {
      closed ??= new Promise<void>((resolve) => {
        closing = true;
        for (const t of timers) clearTimeout(t);
        timers.clear();
        server.close(() => resolve());
        // /never and keep-alive connections would otherwise hold close() open forever.
        for (const s of sockets) s.destroy();
      });
      return closed;
    },
  };
}
