// The web-mode server for real: HTTP + WebSocket on 127.0.0.1 with the real services (demo site,
// handlers, dispatcher). Only the renderer directory is a small fixture, so this test does not
// depend on the UI build.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startWebApp, type WebApp } from '../../../electron/cli/serve.js';
import { CSP } from '../../../electron/api/server.js';

process.env.CRAWLWRIGHT_CHECK_RESULTS = '1';
const TOKEN = 'unit-test-token-0123';

let app: WebApp;
let tmp: string;
let base: string;

interface Res {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}
function get(path: string, headers: Record<string, string> = {}, method = 'GET'): Promise<Res> {
  return new Promise((resolve, reject) => {
    const req = request(`${base}${path}`, { method, headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** The `name=value` of the cookie the server sets for a ?token= request. */
async function serverCookie(): Promise<string> {
  return String((await get(`/?token=${TOKEN}`)).headers['set-cookie']).split(';')[0];
}

/** Opens a socket; resolves with it when open, or with the HTTP status of a refused upgrade. */
function connect(query: string, headers: Record<string, string> = {}): Promise<WebSocket | number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`${base.replace('http', 'ws')}/ws${query}`, { headers });
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    ws.once('error', reject);
  });
}

function nextMessage(ws: WebSocket, pred: (m: Record<string, unknown>) => boolean = () => true): Promise<Record<string, unknown>> {
  return new Promise((resolve) => {
    const on = (data: WebSocket.RawData) => {
      const m = JSON.parse(data.toString()) as Record<string, unknown>;
      if (pred(m)) {
        ws.off('message', on);
        resolve(m);
      }
    };
    ws.on('message', on);
  });
}

async function call(ws: WebSocket, id: number, channel: string, args: unknown) {
  const reply = nextMessage(ws, (m) => m.id === id);
  ws.send(JSON.stringify({ id, channel, args }));
  return reply;
}

beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'cw-server-'));
  const renderer = join(tmp, 'renderer');
  await mkdir(join(renderer, 'assets'), { recursive: true });
  await writeFile(join(renderer, 'index.html'), '<!doctype html><title>Crawlwright</title><script type="module" src="/assets/app.js"></script>');
  await writeFile(join(renderer, 'assets', 'app.js'), 'console.log(1)');
  await writeFile(join(tmp, 'secret.txt'), 'do not serve');
  app = await startWebApp({ dataDir: join(tmp, 'data'), token: TOKEN, rendererDir: renderer });
  base = app.server.origin;
});

afterAll(async () => {
  await app?.close();
  await rm(tmp, { recursive: true, force: true });
});

describe('web-mode HTTP', () => {
  it('binds 127.0.0.1 and prints a URL with the token', () => {
    expect(app.server.url).toBe(`http://127.0.0.1:${app.server.port}/?token=${TOKEN}`);
  });

  it('refuses requests without the token (403) and with a wrong one', async () => {
    expect((await get('/')).status).toBe(403);
    expect((await get('/assets/app.js')).status).toBe(403);
    expect((await get('/?token=wrong-token-0123456')).status).toBe(403);
    expect((await get('/', { Cookie: `crawlwright_token_${app.server.port}=nope` })).status).toBe(403);
    expect((await get('/', { Cookie: `crawlwright_token_${app.server.port}=%E0%A4%A` })).status).toBe(403);
    expect((await get('/%E0%A4%A?token=' + TOKEN)).status).toBe(400);
  });

  it('serves the app with the token, sets an HttpOnly SameSite=Strict cookie and the CSP', async () => {
    const r = await get(`/?token=${TOKEN}`);
    expect(r.status).toBe(200);
    expect(r.body).toContain('<title>Crawlwright</title>');
    expect(r.headers['content-security-policy']).toBe(CSP);
    expect(r.headers['content-type']).toBe('text/html; charset=utf-8');
    const cookie = String(r.headers['set-cookie']);
    // Named per port, and not the token itself: cookies ignore ports, so other local servers get it.
    expect(cookie).toMatch(new RegExp(`^crawlwright_token_${app.server.port}=[0-9a-f]{64};`));
    expect(cookie).not.toContain(TOKEN);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Strict');
  });

  it('accepts the cookie on later requests, also behind a decoy of the same name; not the raw token', async () => {
    const c = await serverCookie();
    const r = await get('/assets/app.js', { Cookie: `other=1; crawlwright_token_${app.server.port}=decoy; ${c}` });
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toContain('text/javascript');
    expect(r.body).toBe('console.log(1)');
    expect((await get('/assets/app.js', { Cookie: `crawlwright_token_${app.server.port}=${TOKEN}` })).status).toBe(403);
  });

  it('refuses foreign Host headers (DNS rebinding) even with the token', async () => {
    expect((await get(`/?token=${TOKEN}`, { Host: `evil.example:${app.server.port}` })).status).toBe(403);
    expect((await get(`/?token=${TOKEN}`, { Host: `localhost:${app.server.port}` })).status).toBe(200);
  });

  it('does not serve files outside the renderer directory', async () => {
    const r = await get(`/..%2fsecret.txt?token=${TOKEN}`);
    expect([403, 404]).toContain(r.status);
    expect(r.body).not.toContain('do not serve');
    expect((await get(`/nope.js?token=${TOKEN}`)).status).toBe(404);
  });

  it('allows only GET and HEAD', async () => {
    expect((await get(`/?token=${TOKEN}`, {}, 'POST')).status).toBe(405);
    const head = await get(`/?token=${TOKEN}`, {}, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.body).toBe('');
  });
});

describe('web-mode WebSocket', () => {
  it('refuses the socket without a token, with a wrong token, a foreign Origin or Host', async () => {
    expect(await connect('')).toBe(403);
    expect(await connect('?token=wrong-token-0123456')).toBe(403);
    expect(await connect(`?token=${TOKEN}`, { Origin: 'http://evil.example' })).toBe(403);
    expect(await connect(`?token=${TOKEN}`, { Origin: `http://127.0.0.1:${app.server.port + 1}` })).toBe(403);
    expect(await connect(`?token=${TOKEN}`, { Host: `evil.example:${app.server.port}` })).toBe(403);
  });

  it('answers contract calls with {id, ok, result|error}', async () => {
    const ws = await connect(`?token=${TOKEN}`, { Origin: base });
    expect(ws).toBeInstanceOf(WebSocket);
    const sock = ws as WebSocket;
    try {
      const info = await call(sock, 1, 'app.info', {});
      expect(info.ok).toBe(true);
      const result = info.result as { mode: string; demoUrl: string; version: string };
      expect(result.mode).toBe('web');
      expect(result.demoUrl).toBe(app.services.demoUrl);
      expect(result.version).toMatch(/^\d+\.\d+\.\d+/);

      const bad = await call(sock, 2, 'flow.open', { path: 7 });
      expect(bad).toMatchObject({ id: 2, ok: false, error: { code: 'bad_args' } });
      expect((bad.error as { message: string }).message).toContain('path: expected string');

      const dialog = await call(sock, 3, 'dialog.open', {});
      expect(dialog).toMatchObject({ id: 3, ok: false, error: { code: 'unsupported' } });

      const unknown = await call(sock, 'x-4' as unknown as number, 'no.such', {});
      expect(unknown).toMatchObject({ id: 'x-4', ok: false, error: { code: 'bad_args' } });
    } finally {
      sock.close();
    }
  });

  it('replies to invalid JSON and malformed messages with an error, and keeps serving', async () => {
    const sock = (await connect(`?token=${TOKEN}`)) as WebSocket;
    try {
      let reply = nextMessage(sock);
      sock.send('{not json');
      expect(await reply).toMatchObject({ id: null, ok: false, error: { code: 'bad_args' } });
      reply = nextMessage(sock);
      sock.send(JSON.stringify({ id: 9, args: {} }));
      expect(await reply).toMatchObject({ id: 9, ok: false, error: { code: 'bad_args' } });
      reply = nextMessage(sock);
      sock.send(JSON.stringify([1, 2]));
      expect(await reply).toMatchObject({ id: null, ok: false });
      expect(await call(sock, 10, 'flow.recent', {})).toMatchObject({ id: 10, ok: true });
    } finally {
      sock.close();
    }
  });

  it('broadcasts events to every connected client', async () => {
    const a = (await connect(`?token=${TOKEN}`)) as WebSocket;
    const b = (await connect(`?token=${TOKEN}`)) as WebSocket;
    try {
      const got = Promise.all([nextMessage(a, (m) => 'event' in m), nextMessage(b, (m) => 'event' in m)]);
      app.services.emit('app.menu', { command: 'save' });
      for (const m of await got) expect(m).toEqual({ event: 'app.menu', payload: { command: 'save' } });
    } finally {
      a.close();
      b.close();
    }
  });

  it('also accepts the cookie instead of ?token= on the socket', async () => {
    const ws = await connect('', { Cookie: await serverCookie() });
    expect(ws).toBeInstanceOf(WebSocket);
    (ws as WebSocket).close();
  });
});

describe('web-mode options', () => {
  it('refuses to bind a non-loopback host', async () => {
    const { startWebServer } = await import('../../../electron/api/server.js');
    await expect(
      startWebServer({ dispatch: async () => ({ ok: true, result: null }), events: { subscribe: () => () => undefined }, rendererDir: tmp, host: '0.0.0.0' }),
    ).rejects.toThrow(/loopback only/);
  });

  it('answers 503 with a hint when the UI is not built', async () => {
    const other = await startWebApp({ dataDir: join(tmp, 'data2'), token: TOKEN, rendererDir: join(tmp, 'missing') });
    try {
      const r = await new Promise<number>((resolve, reject) => {
        request(`${other.server.url}`, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        })
          .on('error', reject)
          .end();
      });
      expect(r).toBe(503);
      // Same token, other port: the first server's cookie (which this one receives too) is no key here.
      const first = (await serverCookie()).split('=')[1];
      const status = await new Promise<number>((resolve, reject) => {
        request(`http://127.0.0.1:${other.server.port}/`, { headers: { Cookie: `crawlwright_token_${other.server.port}=${first}` } }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        })
          .on('error', reject)
          .end();
      });
      expect(status).toBe(403);
    } finally {
      await other.close();
    }
  });
});
