// A transport carries contract calls and events between the renderer and the main process:
// `window.crawlwright` (Electron preload bridge) or a WebSocket to the web-mode server.
import { CLOSE_TOO_SLOW, MAX_MESSAGE_BYTES, formatBytes } from '../../shared/api/limits.js';

export interface Transport {
  invoke(channel: string, args: unknown): Promise<unknown>;
  subscribe(listener: (event: string, payload: unknown) => void): () => void;
  readonly mode: 'electron' | 'web';
}

/** Shape of the preload bridge (electron/preload.ts exposes it with contextBridge). */
export interface PreloadBridge {
  invoke(channel: string, args: unknown): Promise<unknown>;
  onEvent(listener: (event: string, payload: unknown) => void): () => void;
}

declare global {
  interface Window {
    crawlwright?: PreloadBridge;
  }
}

/** Error thrown by client calls; mirrors ApiError from the contract. */
export class ClientError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ClientError';
  }
}

export function electronTransport(bridge: PreloadBridge): Transport {
  return {
    mode: 'electron',
    async invoke(channel, args) {
      const res = (await bridge.invoke(channel, args)) as { ok: true; result: unknown } | { ok: false; error: { code: string; message: string; details?: unknown } };
      if (res.ok) return res.result;
      throw new ClientError(res.error.code, res.error.message, res.error.details);
    },
    subscribe: (listener) => bridge.onEvent(listener),
  };
}

/**
 * WebSocket transport. Messages: → {id, channel, args}; ← {id, ok, result|error} or
 * {event, payload}. The socket is authenticated by the HttpOnly cookie the server set when the page
 * was opened with ?token= (the page's script never holds the token).
 */
export function webSocketTransport(url: string): Transport {
  let nextId = 1;
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  const listeners = new Set<(event: string, payload: unknown) => void>();
  let socket: WebSocket | null = null;
  let opened: Promise<WebSocket> | null = null;
  let everOpened = false;

  function connect(): Promise<WebSocket> {
    if (opened) return opened;
    opened = new Promise((resolve, reject) => {
      const ws = new WebSocket(url);
      ws.onopen = () => {
        socket = ws;
        resolve(ws);
        // Events sent while there was no socket are lost: listeners catch up (run.state …).
        if (everOpened) for (const l of listeners) l('transport.reopened', {});
        everOpened = true;
      };
      ws.onerror = () => reject(new ClientError('failed', 'cannot connect to the Crawlwright server'));
      ws.onclose = (ev) => {
        const wasOpen = socket === ws;
        socket = null;
        opened = null;
        const why = ev.reason ? `: ${ev.reason}` : '';
        for (const p of pending.values()) p.reject(new ClientError('failed', `connection to the Crawlwright server closed${why}`));
        pending.clear();
        if (!wasOpen) return;
        // Tell listeners so the UI can show it. A socket the server dropped for falling behind
        // (CLOSE_TOO_SLOW, or 1006 when it had to cut the socket before the close frame got
        // through) reconnects at once; otherwise lazily, on the next call.
        for (const l of listeners) l('transport.closed', { code: ev.code, reason: ev.reason });
        if (ev.code === CLOSE_TOO_SLOW || ev.code === 1006) void connect().catch(() => undefined);
      };
      ws.onmessage = (msg) => {
        const data = JSON.parse(String(msg.data)) as
          | { id: number; ok: true; result: unknown }
          | { id: number; ok: false; error: { code: string; message: string; details?: unknown } }
          | { event: string; payload: unknown };
        if ('event' in data) {
          for (const l of listeners) l(data.event, data.payload);
          return;
        }
        const p = pending.get(data.id);
        if (!p) return;
        pending.delete(data.id);
        if (data.ok) p.resolve(data.result);
        else p.reject(new ClientError(data.error.code, data.error.message, data.error.details));
      };
    });
    return opened;
  }

  return {
    mode: 'web',
    async invoke(channel, args) {
      const id = nextId++;
      const text = JSON.stringify({ id, channel, args });
      // The server drops a socket whose message is over its limit: refuse it here, with a reason.
      const bytes = text.length * 3 <= MAX_MESSAGE_BYTES ? text.length : new TextEncoder().encode(text).length;
      if (bytes > MAX_MESSAGE_BYTES) throw new ClientError('bad_args', `${channel}: the message is ${formatBytes(bytes)}, more than the ${formatBytes(MAX_MESSAGE_BYTES)} the connection carries`);
      const ws = socket ?? (await connect());
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject });
        ws.send(text);
      });
    },
    subscribe(listener) {
      listeners.add(listener);
      void connect().catch(() => undefined);
      return () => listeners.delete(listener);
    },
  };
}
