// URL → handler for the demo site. Pages are rendered by pages*.ts; this file only deals with
// HTTP: methods, auth redirects, bodies, delays and status codes.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { commit, feedSlice, item, member, pageOf, COMMIT_PAGES, LIST_PAGES, MEMBER_PAGES, INFINITE_MAX } from './data.js';
import {
  bigHtml, clampInt, indexHtml, itemDetailHtml, productDetailHtml, productSvg, productsHtml, statusHtml, tableHtml,
  BIG_DEFAULT, BIG_MAX, PRODUCTS_DEFAULT, PRODUCTS_MAX,
} from './pages.js';
import { commitLi, commitsHtml, commitsPagination, infiniteHtml, itemLi, listHtml, loadMoreHtml, memberLi, membersHtml, pagesHtml } from './pages-lists.js';
import { accountHtml, consoleHtml, delayedHtml, formHtml, headersHtml, newTabHtml, formResultHtml, frameContentHtml, framesHtml, loginHtml, shadowHtml } from './pages-misc.js';
import { DEMO_PASSWORD, DEMO_USER, parseCookies, safeNext, type SessionStore } from './session.js';
import { esc, layout } from './html.js';

export interface RouteCtx {
  sessions: SessionStore;
  /** A cancellable timer that the server clears on close(). */
  later(ms: number, fn: () => void): () => void;
  serveStatic(rel: string, res: ServerResponse): Promise<boolean>;
}

const MAX_BODY = 1 << 20;
const API_DELAY_MS = 150;
const SLOW_MAX_MS = 60000;

const STATUS_TEXT: Record<number, string> = {
  400: 'Bad request.',
  401: 'You need to log in.',
  403: 'You are not allowed to see this page.',
  404: 'This page does not exist.',
  405: 'Method not allowed.',
  410: 'This page is gone.',
  413: 'Request body too large.',
  429: 'Too many requests.',
  500: 'The server hit an error while rendering this page.',
  502: 'Bad gateway.',
  503: 'Service unavailable.',
};

function send(res: ServerResponse, status: number, body: string, type = 'text/html; charset=utf-8', headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'Content-Type': type, 'Content-Length': Buffer.byteLength(body), 'Cache-Control': 'no-store', ...headers });
  res.end(body);
}

const html = (res: ServerResponse, body: string, status = 200) => send(res, status, body);
const json = (res: ServerResponse, value: unknown, status = 200) => send(res, status, JSON.stringify(value), 'application/json; charset=utf-8');
const status = (res: ServerResponse, code: number, extra: Record<string, string> = {}) =>
  send(res, code, statusHtml(code, STATUS_TEXT[code] ?? `HTTP ${code}`), 'text/html; charset=utf-8', extra);

function redirect(res: ServerResponse, location: string, headers: Record<string, string | string[]> = {}): void {
  res.writeHead(302, { Location: location, 'Content-Length': 0, 'Cache-Control': 'no-store', ...headers });
  res.end();
}

async function readForm(req: IncomingMessage): Promise<Array<[string, string]> | 'too-large'> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) return 'too-large';
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  return [...new URLSearchParams(text).entries()];
}

/** Respond after `ms` unless the client went away or the server is closing. */
function delayed(ctx: RouteCtx, res: ServerResponse, ms: number, fn: () => void): void {
  if (ms <= 0) return fn();
  const cancel = ctx.later(ms, () => {
    if (!res.destroyed) fn();
  });
  res.on('close', cancel);
}

/** `?delay=ms` on a client-paginated page: the API delay its script asks for (default: the API's 150 ms). */
function optDelay(q: URLSearchParams): number | undefined {
  return q.has('delay') ? clampInt(q.get('delay'), API_DELAY_MS, 0, 10000) : undefined;
}

export async function route(req: IncomingMessage, res: ServerResponse, ctx: RouteCtx): Promise<void> {
  const method = req.method ?? 'GET';
  let url: URL;
  try {
    url = new URL(req.url ?? '/', 'http://demo.local');
  } catch {
    return status(res, 400);
  }
  const p = url.pathname.length > 1 ? url.pathname.replace(/\/+$/, '') : url.pathname;
  const q = url.searchParams;
  const user = ctx.sessions.userOf(req);

  if (method === 'POST') {
    if (p === '/login') return postLogin(req, res, ctx);
    if (p === '/form/result') {
      const form = await readForm(req);
      return form === 'too-large' ? status(res, 413) : html(res, formResultHtml(form));
    }
    return status(res, 405, { Allow: 'GET, HEAD' });
  }
  if (method !== 'GET' && method !== 'HEAD') return status(res, 405, { Allow: 'GET, HEAD, POST' });

  if (p.startsWith('/static/')) {
    if (await ctx.serveStatic(p.slice('/static/'.length), res)) return;
    return status(res, 404);
  }
  if (p.startsWith('/api/')) return api(p, q, res, ctx, user);

  let m: RegExpExecArray | null;
  switch (p) {
    case '/': return html(res, indexHtml());
    case '/favicon.ico': res.writeHead(204).end(); return;
    // The form is shown even when signed in, so the demo flow can be re-run in a live session.
    case '/login': return html(res, loginHtml({ next: q.get('next') ?? '', signedInAs: user }));
    case '/logout':
      ctx.sessions.destroy(req);
      return redirect(res, '/login', { 'Set-Cookie': ctx.sessions.clearCookie() });
    case '/account':
      return user ? html(res, accountHtml(user)) : redirect(res, `/login?next=${encodeURIComponent(p + url.search)}`);
    case '/members':
      return user ? html(res, membersHtml(user, optDelay(q))) : redirect(res, `/login?next=${encodeURIComponent(p + url.search)}`);
    case '/list': return html(res, listHtml(optDelay(q)));
    case '/pages': return html(res, pagesHtml(clampInt(q.get('page'), 1, 1, LIST_PAGES)));
    case '/load-more': return html(res, loadMoreHtml(optDelay(q)));
    case '/infinite': return html(res, infiniteHtml(optDelay(q)));
    case '/commits': return html(res, commitsHtml(clampInt(q.get('page'), 1, 1, COMMIT_PAGES), optDelay(q)));
    case '/products': return html(res, productsHtml(clampInt(q.get('n'), PRODUCTS_DEFAULT, 0, PRODUCTS_MAX)));
    case '/table': return html(res, tableHtml());
    case '/frames': return html(res, framesHtml());
    case '/frame-content': return html(res, frameContentHtml());
    case '/shadow': return html(res, shadowHtml());
    case '/delayed': return html(res, delayedHtml(clampInt(q.get('ms'), 1500, 0, 30000)));
    case '/form': return html(res, formHtml());
    case '/form/result': return redirect(res, '/form');
    case '/big': return html(res, bigHtml(clampInt(q.get('n'), BIG_DEFAULT, 10, BIG_MAX)));
    case '/slow': {
      const ms = clampInt(q.get('ms'), 1000, 0, SLOW_MAX_MS);
      return delayed(ctx, res, ms, () =>
        html(res, layout({ title: 'Slow', body: `<h1 id="title">Slow page</h1><p id="slow-ms" data-ms="${ms}">Answered after ${ms} ms.</p>` })),
      );
    }
    case '/redirect': {
      // Same-site redirect chains: /redirect?to=/list&n=3 answers 302 three times, then goes to `to`.
      const n = clampInt(q.get('n'), 1, 1, 10);
      const to = safeNext(q.get('to'), '/');
      return redirect(res, n > 1 ? `/redirect?n=${n - 1}&to=${encodeURIComponent(to)}` : to);
    }
    case '/console': return html(res, consoleHtml());
    case '/headers': return html(res, headersHtml(req.headers['user-agent'] ?? '', Object.keys(parseCookies(req.headers.cookie))));
    case '/new-tab': return html(res, newTabHtml());
    case '/never':
      // Never answers (timeouts in tests). The server's close() destroys the socket.
      return;
  }
  if ((m = /^\/status\/(\d{3})$/.exec(p))) {
    const code = Number(m[1]);
    if (code >= 200 && code <= 599 && code !== 204 && code !== 304) return status(res, code);
    return status(res, 400);
  }
  if ((m = /^\/products\/(\d+)$/.exec(p))) {
    const id = Number(m[1]);
    return id >= 1 && id <= PRODUCTS_MAX ? html(res, productDetailHtml(id)) : status(res, 404);
  }
  if ((m = /^\/img\/product\/(\d+)\.svg$/.exec(p))) {
    return send(res, 200, productSvg(Number(m[1]) % 100000), 'image/svg+xml');
  }
  if ((m = /^\/items\/(\d+)$/.exec(p))) {
    const id = Number(m[1]);
    return id >= 1 && id <= 100000 ? html(res, itemDetailHtml(id)) : status(res, 404);
  }
  if ((m = /^\/commits\/([0-9a-f]{40})$/.exec(p))) {
    for (let i = 1; i <= COMMIT_PAGES * 10; i++) {
      const c = commit(i);
      if (c.sha === m[1]) {
        return html(res, layout({ title: c.title, body: `<h1 id="title" class="commit-title">${esc(c.title)}</h1><p class="commit-sha">${c.sha}</p><p class="commit-author">${esc(c.author)}</p>` }));
      }
    }
  }
  return status(res, 404);
}

async function postLogin(req: IncomingMessage, res: ServerResponse, ctx: RouteCtx): Promise<void> {
  const form = await readForm(req);
  if (form === 'too-large') return status(res, 413);
  const get = (k: string) => form.find(([name]) => name === k)?.[1] ?? '';
  const username = get('username');
  const next = get('next');
  if (username !== DEMO_USER || get('password') !== DEMO_PASSWORD) {
    return html(res, loginHtml({ next, error: true, username }));
  }
  const token = ctx.sessions.create(username);
  return redirect(res, safeNext(next, '/account'), { 'Set-Cookie': ctx.sessions.cookie(token) });
}

function api(p: string, q: URLSearchParams, res: ServerResponse, ctx: RouteCtx, user: string | undefined): void {
  const delay = clampInt(q.get('delay'), API_DELAY_MS, 0, 10000);
  const page = clampInt(q.get('page'), 1, 1, 1000);
  const reply = (value: unknown, code = 200) => delayed(ctx, res, delay, () => json(res, value, code));
  switch (p) {
    case '/api/health': return json(res, { ok: true });
    case '/api/items': {
      const r = pageOf(item, page, LIST_PAGES);
      return reply({ ...r, html: r.items.map(itemLi).join('\n') });
    }
    case '/api/members': {
      if (!user) return reply({ error: 'login required' }, 401);
      const r = pageOf(member, page, MEMBER_PAGES);
      return reply({ ...r, html: r.items.map(memberLi).join('\n') });
    }
    case '/api/commits': {
      const r = pageOf(commit, page, COMMIT_PAGES);
      return reply({ ...r, html: r.items.map(commitLi).join('\n'), pagination: commitsPagination(r.page, r.pages) });
    }
    case '/api/feed': {
      const r = feedSlice(clampInt(q.get('offset'), 0, 0, INFINITE_MAX), clampInt(q.get('count'), 20, 1, 50));
      return reply({ ...r, html: r.items.map(itemLi).join('\n') });
    }
  }
  return json(res, { error: `unknown API ${p}` }, 404);
}
