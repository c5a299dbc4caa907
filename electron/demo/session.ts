// Login sessions of the demo site: an HttpOnly cookie holding a random token, kept in memory.
import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export const SESSION_COOKIE = 'cw_demo_session';
export const DEMO_USER = 'demo';
export const DEMO_PASSWORD = 'demo';

export function parseCookies(header: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (!header) return out;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq <= 0) continue;
    const k = part.slice(0, eq).trim();
    let v = part.slice(eq + 1).trim();
    try {
      v = decodeURIComponent(v);
    } catch {
      /* keep raw */
    }
    if (k && !(k in out)) out[k] = v;
  }
  return out;
}

export class SessionStore {
  private readonly users = new Map<string, string>();

  create(username: string): string {
    const token = randomBytes(18).toString('base64url');
    this.users.set(token, username);
    return token;
  }

  /** The logged-in user of a request, or undefined. */
  userOf(req: IncomingMessage): string | undefined {
    const token = parseCookies(req.headers.cookie)[SESSION_COOKIE];
    return token ? this.users.get(token) : undefined;
  }

  destroy(req: IncomingMessage): void {
    const token = parseCookies(req.headers.cookie)[SESSION_COOKIE];
    if (token) this.users.delete(token);
  }

  cookie(token: string): string {
    return `${SESSION_COOKIE}=${token}; Path=/; HttpOnly; SameSite=Lax`;
  }

  clearCookie(): string {
    return `${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0`;
  }
}

/** Only same-site absolute paths are allowed as ?next= targets (no open redirect). */
export function safeNext(next: string | null | undefined, fallback: string): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.includes('\\')) return fallback;
  return next;
}
