// Web mode: the renderer served over HTTP and the API over a WebSocket, on loopback only.
//
// Threat model: any web page the user visits can make requests to 127.0.0.1. So (1) every request
// and the WebSocket need a random per-start token (first request carries ?token=, which is turned
// into an HttpOnly SameSite=Strict cookie; the UI then drops it from its URL), (2) the Host header
// must be a loopback name (defeats DNS rebinding, where evil.com resolves to 127.0.0.1), (3) the
// WebSocket's Origin must be this server (browsers do not apply same-origin rules to WebSockets).
// Cookies ignore ports, so every other server on 127.0.0.1 (a site being crawled, another
// Crawlwright) receives ours: the cookie is named per port and holds an HMAC of the token bound to
// this port, not the token, and every same-name cookie is checked (a page on another port may set a
// decoy of the same name with a longer path, which browsers send first).
//
// Memory: a client that does not read must not make the server buffer without bound. Big payloads
// (items, console, network, HTML) are not pushed but fetched (run.result, artifact.read); preview
// frames are dropped for a backed-up client; a client that stays behind (shared/api/limits.ts
// CLIENT_QUEUE_*) is disconnected with close code 4008 and a reason (the UI reconnects and resyncs).
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import type { Dispatch } from './dispatch.js';
import { createCallClient, type CallClient } from './services.js';
import { CLIENT_QUEUE_GRACE_MS, CLIENT_QUEUE_SOFT_BYTES, CLOSE_TOO_SLOW, MAX_MESSAGE_BYTES } from '../../shared/api/limits.js';

export const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  // Monaco and React inject inline styles.
  "style-src 'self' 'unsafe-inline'",
  // Preview frames and screenshots arrive as data:/blob: images.
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  // Monaco's language workers.
  "worker-src 'self' blob:",
  "connect-src 'self'",
  "frame-ancestors 'none'",
  "object-src 'none'",
  "base-uri 'none'",
].join('; ');

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);
export const isLoopbackHost = (host: string) => LOOPBACK_HOSTS.has(host.toLowerCase());

/** Events that are only useful while fresh: dropped for a client whose socket is backed up. */
const DROPPABLE_EVENTS = new Set(['preview.frame']);
const MAX_BUFFERED_BYTES = 4 * 1024 * 1024;

export const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
};

export interface EventFeed {
  subscribe(listener: (event: string, payload: unknown) => void): () => void;
}

export interface WebServerOptions {
  dispatch: Dispatch;
  events: EventFeed;
  /** Directory with index.html and the built assets (dist/renderer). */
  rendererDir: string;
  /** 0 (default) = any free port. */
  port?: number;
  /** Loopback only: 127.0.0.1 (default), localhost or ::1. */
  host?: string;
  /** Default: 32 random bytes, hex. */
  token?: string;
}

export interface WebServer {
  /** Full URL to open, including the token. */
  url: string;
  origin: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Every value of the cookies named `name` (a decoy may come first). */
function cookieValues(header: string | undefined, name: string): string[] {
  const out: string[] = [];
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    // Our value is hex, so the raw value is compared as is (no decoding that could throw).
    if (eq > 0 && part.slice(0, eq).trim() === name) out.push(part.slice(eq + 1).trim());
  }
  return out;
}

function securityHeaders(res: ServerResponse): void {
  res.setHeader('Content-Security-Policy', CSP);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('X-Frame-Options', 'DENY');
  res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
  res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
}

function sendText(res: ServerResponse, status: number, text: string): void {
  securityHeaders(res);
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(text + '\n');
}

type IncomingMessageShape = { id: number | string; channel: string; args?: unknown };
function isCallMessage(v: unknown): v is IncomingMessageShape {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const m = v as Record<string, unknown>;
  return (typeof m.id === 'number' || typeof m.id === 'string') && typeof m.channel === 'string';
}

export async function startWebServer(opts: WebServerOptions): Promise<WebServer> {
  const host = opts.host ?? '127.0.0.1';
  if (!isLoopbackHost(host)) {
    throw new Error(`refusing to listen on ${host}: web mode binds loopback only (127.0.0.1, localhost or ::1)`);
  }
  const bindHost = host === 'localhost' ? '127.0.0.1' : host.replace(/^\[|\]$/g, '');
  const token = opts.token ?? randomBytes(32).toString('hex');
  if (token.length < 8 || !/^[\w.~-]+$/.test(token)) throw new Error('the token must be at least 8 URL-safe characters');
  const rendererDir = normalize(opts.rendererDir);
  let port = 0;
  const cookieName = () => `crawlwright_token_${port}`; // cookies ignore ports: one name per server
  /** The cookie's value: bound to this port, so a copy another local server received is not the token. */
  const cookieSecret = () => createHmac('sha256', token).update(`crawlwright-cookie:${port}`).digest('hex');

  /** Host header must name this server on a loopback address (DNS-rebinding protection). */
  function hostAllowed(req: IncomingMessage): boolean {
    const h = req.headers.host;
    if (!h) return false;
    const m = /^(\[[^\]]+\]|[^:]+)(?::(\d+))?$/.exec(h);
    return !!m && isLoopbackHost(m[1]) && Number(m[2] ?? 80) === port;
  }

  function originAllowed(req: IncomingMessage): boolean {
    const origin = req.headers.origin;
    // Non-browser clients (tests, tools) send no Origin; browsers always do on WebSockets.
    if (origin === undefined) return true;
    return origin === `http://${req.headers.host}`;
  }

  function tokenFrom(req: IncomingMessage, url: URL): 'query' | 'cookie' | null {
    const q = url.searchParams.get('token');
    if (q !== null && sameSecret(q, token)) return 'query';
    const secret = cookieSecret();
    if (cookieValues(req.headers.cookie, cookieName()).some((c) => sameSecret(c, secret))) return 'cookie';
    return null;
  }

  async function serveFile(req: IncomingMessage, res: ServerResponse, pathname: string): Promise<void> {
    let rel: string;
    try {
      rel = decodeURIComponent(pathname);
    } catch {
      return sendText(res, 400, 'bad path');
    }
    if (rel.includes('\0')) return sendText(res, 400, 'bad path');
    if (rel === '/' || rel === '') rel = '/index.html';
    const file = normalize(join(rendererDir, rel));
    if (file !== rendererDir && !file.startsWith(rendererDir + sep)) return sendText(res, 403, 'forbidden');
    let size: number;
    try {
      const st = await stat(file);
      if (!st.isFile()) return sendText(res, 404, 'not found');
      size = st.size;
    } catch {
      if (rel === '/favicon.ico') {
        // Browsers ask for it unprompted; answer "no icon" instead of a console-visible 404.
        securityHeaders(res);
        res.writeHead(204, { 'Cache-Control': 'no-store' });
        res.end();
        return;
      }
      if (rel === '/index.html') {
        return sendText(res, 503, `The UI is not built (${rendererDir} is missing). Run \`npm run build\` and restart.`);
      }
      return sendText(res, 404, 'not found');
    }
    const ext = extname(file).toLowerCase();
    securityHeaders(res);
    res.writeHead(200, {
      'Content-Type': CONTENT_TYPES[ext] ?? 'application/octet-stream',
      'Content-Length': size,
      // Vite puts a content hash in asset names; index.html must always be fresh.
      'Cache-Control': rel.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-store',
    });
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    createReadStream(file)
      .on('error', () => res.destroy())
      .pipe(res);
  }

  const server = createServer((req, res) => {
    void (async () => {
      if (!hostAllowed(req)) return sendText(res, 403, 'forbidden: unexpected Host header');
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        res.setHeader('Allow', 'GET, HEAD');
        return sendText(res, 405, 'method not allowed');
      }
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const auth = tokenFrom(req, url);
      if (!auth) {
        return sendText(res, 403, 'forbidden: open the full URL that Crawlwright printed when it started (it contains ?token=…)');
      }
      if (auth === 'query') {
        res.setHeader('Set-Cookie', `${cookieName()}=${cookieSecret()}; HttpOnly; SameSite=Strict; Path=/`);
      }
      await serveFile(req, res, url.pathname);
    })().catch((err: unknown) => {
      console.error('[crawlwright] web request failed:', err);
      if (!res.headersSent) sendText(res, 500, 'internal error');
      else res.destroy();
    });
  });

  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  const clients = new Set<WebSocket>();

  server.on('upgrade', (req: IncomingMessage, socket: Socket, head: Buffer) => {
    const refuse = (status: string) => {
      socket.write(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
      socket.destroy();
    };
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname !== '/ws') return refuse('404 Not Found');
    if (!hostAllowed(req) || !originAllowed(req) || !tokenFrom(req, url)) return refuse('403 Forbidden');
    wss.handleUpgrade(req, socket, head, (ws) => {
      clients.add(ws);
      const client = createCallClient();
      const gone = () => {
        clients.delete(ws);
        client.close();
      };
      ws.on('close', gone);
      ws.on('error', gone);
      ws.on('message', (data: RawData, isBinary: boolean) => void onMessage(ws, client, data, isBinary));
    });
  });

  function send(ws: WebSocket, msg: unknown): void {
    if (ws.readyState !== ws.OPEN) return;
    let text: string;
    try {
      text = JSON.stringify(msg);
    } catch (err) {
      const id = (msg as { id?: unknown }).id ?? null;
      text = JSON.stringify({ id, ok: false, error: { code: 'internal', message: `reply is not serialisable: ${String(err)}` } });
    }
    deliver(ws, text);
  }

  /** Clients more than CLIENT_QUEUE_SOFT_BYTES behind: since when, and what was queued since. */
  const behind = new WeakMap<WebSocket, { since: number; bytes: number }>();

  /**
   * Queue one message for a client, within its bound. A droppable event is skipped for a client
   * that is behind. A client more than the soft bound behind may take the grace period to catch up
   * (a reader drains even a full-size reply well within it) and at most another soft bound of
   * messages meanwhile; past either it is disconnected: close code 4008 with the reason, and the
   * socket is destroyed a second later so its queue is freed even if the close frame never gets
   * through. So no client holds more than 2 × soft bound + 2 messages.
   */
  function deliver(ws: WebSocket, text: string, droppable = false): void {
    if (ws.readyState !== ws.OPEN) return;
    const queued = ws.bufferedAmount;
    if (droppable && queued > MAX_BUFFERED_BYTES) return;
    if (queued <= CLIENT_QUEUE_SOFT_BYTES) behind.delete(ws);
    else {
      const b = behind.get(ws) ?? { since: Date.now(), bytes: 0 };
      behind.set(ws, b);
      if (b.bytes > CLIENT_QUEUE_SOFT_BYTES || Date.now() - b.since > CLIENT_QUEUE_GRACE_MS) return dropSlowClient(ws, queued);
      b.bytes += Buffer.byteLength(text);
    }
    ws.send(text);
  }

  function dropSlowClient(ws: WebSocket, queued: number): void {
    clients.delete(ws);
    const mb = (queued / 1024 / 1024).toFixed(1);
    console.error(`[crawlwright] a WebSocket client fell ${mb} MB behind (it does not read its messages): disconnected`);
    ws.close(CLOSE_TOO_SLOW, `too slow: ${mb} MB of messages were waiting; reconnect to resync`);
    setTimeout(() => ws.terminate(), 1000).unref();
  }

  async function onMessage(ws: WebSocket, client: CallClient, data: RawData, isBinary: boolean): Promise<void> {
    let msg: unknown;
    try {
      if (isBinary) throw new Error('binary messages are not supported');
      msg = JSON.parse(data.toString());
    } catch (err) {
      return send(ws, { id: null, ok: false, error: { code: 'bad_args', message: `invalid message: ${err instanceof Error ? err.message : String(err)}` } });
    }
    if (!isCallMessage(msg)) {
      const id = typeof msg === 'object' && msg !== null && 'id' in msg ? (msg as { id: unknown }).id : null;
      return send(ws, {
        id: typeof id === 'number' || typeof id === 'string' ? id : null,
        ok: false,
        error: { code: 'bad_args', message: 'invalid message: expected {"id": number, "channel": string, "args": object}' },
      });
    }
    const reply = await opts.dispatch(msg.channel, msg.args, { transport: 'web', client });
    send(ws, { id: msg.id, ...reply });
  }

  const unsubscribe = opts.events.subscribe((event, payload) => {
    if (clients.size === 0) return;
    const text = JSON.stringify({ event, payload });
    const droppable = DROPPABLE_EVENTS.has(event);
    for (const ws of [...clients]) deliver(ws, text, droppable);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, bindHost, () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;
  const origin = `http://${bindHost.includes(':') ? `[${bindHost}]` : bindHost}:${port}`;

  let closing: Promise<void> | undefined;
  return {
    url: `${origin}/?token=${token}`,
    origin,
    port,
    token,
    close: () =>
      (closing ??= new Promise<void>((resolve) => {
        unsubscribe();
        for (const ws of clients) ws.terminate();
        wss.close();
        server.close(() => resolve());
        server.closeAllConnections();
      })),
  };
}
