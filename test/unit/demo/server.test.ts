// The demo site over real HTTP: free port, login cookie flow, statuses, APIs, bad requests, close().
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect } from 'node:net';
import { startDemoServer, type DemoServer } from '../../../electron/demo/server.js';

let server: DemoServer;
beforeAll(async () => {
  server = await startDemoServer();
});
afterAll(async () => {
  await server.close();
});

const get = (path: string, init: RequestInit = {}) => fetch(server.url + path, { redirect: 'manual', ...init });

async function login(username = 'demo', password = 'demo', next = ''): Promise<Response> {
  return get('/login', {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ username, password, next }).toString(),
  });
}

describe('demo server', () => {
  it('listens on a free loopback port and gives a URL without trailing slash', async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const other = await startDemoServer({ port: 0 });
    try {
      expect(other.url).not.toBe(server.url);
      const r = await fetch(other.url + '/');
      expect(r.status).toBe(200);
      expect(await r.text()).toContain('id="routes"');
    } finally {
      await other.close();
    }
  });

  it('refuses to bind anything but loopback', async () => {
    await expect(startDemoServer({ host: '0.0.0.0' })).rejects.toThrow(/loopback only/);
  });

  it('serves static assets and refuses path traversal', async () => {
    const css = await get('/static/style.css');
    expect(css.status).toBe(200);
    expect(css.headers.get('content-type')).toContain('text/css');
    expect((await get('/static/js/pager.js')).status).toBe(200);
    expect((await get('/static/../package.json')).status).toBe(404);
    expect((await get('/static/%2e%2e/%2e%2e/package.json')).status).toBe(404);
    expect((await get('/static/%E0%A4%A')).status).toBe(404);
  });

  it('redirects protected pages to /login?next= without the cookie', async () => {
    for (const p of ['/account', '/members']) {
      const r = await get(p);
      expect(r.status).toBe(302);
      expect(r.headers.get('location')).toBe(`/login?next=${encodeURIComponent(p)}`);
    }
    expect((await get('/members?delay=0')).headers.get('location')).toBe('/login?next=%2Fmembers%3Fdelay%3D0');
    expect((await get('/api/members?page=1&delay=0')).status).toBe(401);
  });

  it('shows an error on wrong credentials and sets no cookie', async () => {
    const r = await login('demo', 'wrong');
    expect(r.status).toBe(200);
    expect(r.headers.get('set-cookie')).toBeNull();
    expect(await r.text()).toContain('id="login-error"');
  });

  it('logs in with demo/demo: HttpOnly cookie, redirect, protected pages, logout', async () => {
    const r = await login();
    expect(r.status).toBe(302);
    expect(r.headers.get('location')).toBe('/account');
    const setCookie = r.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(/^cw_demo_session=[\w-]+;/);
    expect(setCookie).toContain('HttpOnly');
    const cookie = setCookie.split(';')[0];
    const account = await get('/account', { headers: { cookie } });
    expect(account.status).toBe(200);
    expect(await account.text()).toContain('<h1 id="welcome" class="welcome">Welcome, demo</h1>');
    const members = await get('/members', { headers: { cookie } });
    expect(members.status).toBe(200);
    const body = await members.text();
    expect(body.match(/<li class="member /g)).toHaveLength(10);
    const api = await get('/api/members?page=2&delay=0', { headers: { cookie } });
    const data = (await api.json()) as { page: number; pages: number; items: Array<{ id: number }>; html: string };
    expect(data.page).toBe(2);
    expect(data.items[0].id).toBe(11);
    expect(data.html).toContain('data-id="11"');
    const out = await get('/logout', { headers: { cookie } });
    expect(out.status).toBe(302);
    expect(out.headers.get('set-cookie')).toContain('Max-Age=0');
    expect((await get('/account', { headers: { cookie } })).status).toBe(302);
  });

  it('honours a safe ?next= and ignores an open redirect', async () => {
    expect((await login('demo', 'demo', '/members')).headers.get('location')).toBe('/members');
    expect((await login('demo', 'demo', '//evil.example/')).headers.get('location')).toBe('/account');
  });

  it('returns real status codes with HTML bodies', async () => {
    for (const code of [404, 500, 503]) {
      const r = await get(`/status/${code}`);
      expect(r.status).toBe(code);
      expect(r.headers.get('content-type')).toContain('text/html');
      expect(await r.text()).toContain(`<h1 id="title" class="status-code">${code}</h1>`);
    }
    expect((await get('/no/such/page')).status).toBe(404);
    expect((await get('/', { method: 'DELETE' })).status).toBe(405);
    expect((await get('/list', { method: 'POST', body: 'x' })).status).toBe(405);
  });

  it('paginates /api/items and clamps bad page numbers', async () => {
    const p5 = (await (await get('/api/items?page=5&delay=0')).json()) as { page: number; items: Array<{ id: number }> };
    expect(p5.page).toBe(5);
    expect(p5.items.map((i) => i.id)).toEqual([41, 42, 43, 44, 45, 46, 47, 48, 49, 50]);
    const bad = (await (await get('/api/items?page=abc&delay=0')).json()) as { page: number };
    expect(bad.page).toBe(1);
    const big = (await (await get('/api/items?page=99&delay=0')).json()) as { page: number };
    expect(big.page).toBe(5);
    expect((await get('/api/nope')).status).toBe(404);
  });

  it('serves /pages with a real rel="next" link until the last page', async () => {
    expect(await (await get('/pages?page=2')).text()).toContain('rel="next" href="/pages?page=3"');
    expect(await (await get('/pages?page=5')).text()).not.toContain('rel="next"');
  });

  it('echoes a posted form', async () => {
    const r = await get('/form/result', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'name=A%20%3Cb%3E&color=blue&subscribe=yes&message=hi',
    });
    const body = await r.text();
    expect(body).toContain('<dd data-field="name">A &lt;b&gt;</dd>');
    expect(body).toContain('<dd data-field="color">blue</dd>');
  });

  it('answers /slow after the delay and caps nothing below 0', async () => {
    const t0 = Date.now();
    const r = await get('/slow?ms=200');
    expect(r.status).toBe(200);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(190);
    expect(await r.text()).toContain('data-ms="200"');
  });

  it('survives malformed HTTP', async () => {
    const port = Number(new URL(server.url).port);
    const reply = await new Promise<string>((resolve) => {
      const s = connect(port, '127.0.0.1', () => s.write('GARBAGE \x00\r\n\r\n'));
      let data = '';
      s.on('data', (d) => (data += d.toString()));
      s.on('close', () => resolve(data));
      s.on('error', () => resolve(data));
    });
    expect(reply).toContain('400');
    expect((await get('/')).status).toBe(200);
  });

  it('close() ends hanging /never requests and pending /slow timers', async () => {
    const s = await startDemoServer();
    const never = fetch(s.url + '/never').then(
      () => 'answered',
      () => 'aborted',
    );
    const slow = fetch(s.url + '/slow?ms=60000').then(
      () => 'answered',
      () => 'aborted',
    );
    await new Promise((r) => setTimeout(r, 100));
    const t0 = Date.now();
    await s.close();
    expect(Date.now() - t0).toBeLessThan(2000);
    expect(await never).toBe('aborted');
    expect(await slow).toBe('aborted');
  });
});

describe('demo server helpers', () => {
  it('follows same-site redirect chains only', async () => {
    const r1 = await get('/redirect?n=2&to=/list');
    expect(r1.status).toBe(302);
    expect(r1.headers.get('location')).toBe('/redirect?n=1&to=%2Flist');
    const r2 = await get(r1.headers.get('location')!);
    expect(r2.headers.get('location')).toBe('/list');
    expect((await get('/redirect?to=https://evil.example/')).headers.get('location')).toBe('/');
    const followed = await fetch(server.url + '/redirect?n=3&to=/table');
    expect(followed.url).toBe(server.url + '/table');
  });

  it('/headers shows the user agent and the cookie names', async () => {
    const body = await (await get('/headers', { headers: { 'user-agent': 'Bench/1.0 <x>', cookie: 'a=1; b=2' } })).text();
    expect(body).toContain('<dd id="user-agent">Bench/1.0 &lt;x&gt;</dd>');
    expect(body).toContain('<dd id="cookie-names">a, b</dd>');
  });
});
