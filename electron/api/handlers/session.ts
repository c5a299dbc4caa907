// session.*: the session manager over the contract. session.create also re-creates a dead session.
import { ApiError, OK } from '../../../shared/api/define.js';
import { sessionCalls } from '../../../shared/api/domains/session.js';
import type { Services } from '../services.js';
import type { DomainHandlers } from './types.js';

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

export function createSessionHandlers(s: Services): DomainHandlers<typeof sessionCalls> {
  const sessions = s.engine.sessions;
  return {
    'session.list': () => ({ sessions: sessions.list() }),
    'session.create': async ({ id, url }) => {
      try {
        const existing = sessions.get(id);
        const session = existing && !existing.alive ? await sessions.recreate(id) : await sessions.getOrCreate(id);
        if (url) await session.page.goto(url, { waitUntil: 'domcontentloaded', timeout: 30_000 });
        sessions.touch(session);
        return sessions.info(session);
      } catch (e) {
        throw new ApiError('failed', `could not create session "${id}": ${message(e)}`);
      }
    },
    'session.kill': async ({ id }) => {
      if (!(await sessions.kill(id))) throw new ApiError('not_found', `no session "${id}"`);
      return OK;
    },
    'session.killAll': async () => {
      await sessions.killAll();
      return OK;
    },
  };
}
