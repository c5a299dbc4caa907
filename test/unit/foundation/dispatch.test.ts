import { describe, expect, it } from 'vitest';
import { ApiError, type Handlers } from '../../../shared/api/index.js';
import { createDispatcher } from '../../../electron/api/dispatch.js';
import type { CallCtx } from '../../../electron/api/services.js';

const web: CallCtx = { transport: 'web' };

/** Only the handlers a test needs; the dispatcher looks handlers up by channel. */
function dispatcherWith(partial: Partial<Handlers<CallCtx>>, mode: 'web' | 'electron' = 'web', checkResults = true) {
  const internal: unknown[] = [];
  const dispatch = createDispatcher(partial as Handlers<CallCtx>, { mode }, { checkResults, onInternalError: (_c, e) => internal.push(e) });
  return { dispatch, internal };
}

describe('createDispatcher', () => {
  it('runs a handler with validated arguments and returns its result', async () => {
    let seen: unknown;
    const { dispatch } = dispatcherWith({
      'flow.validate': (args) => {
        seen = args;
        return { errors: [], warnings: [] };
      },
    });
    expect(await dispatch('flow.validate', { text: '{}' }, web)).toEqual({ ok: true, result: { errors: [], warnings: [] } });
    expect(seen).toEqual({ text: '{}' });
  });

  it('refuses an unknown channel with bad_args', async () => {
    const { dispatch } = dispatcherWith({});
    const r = await dispatch('flow.nope', {}, web);
    expect(r).toEqual({ ok: false, error: { code: 'bad_args', message: 'unknown call "flow.nope"' } });
    // Prototype keys are not calls either.
    expect((await dispatch('constructor', {}, web)).ok).toBe(false);
    expect((await dispatch('__proto__', {}, web)).ok).toBe(false);
  });

  it('names the argument path in bad_args errors and does not call the handler', async () => {
    let called = false;
    const { dispatch } = dispatcherWith({
      'flow.save': () => {
        called = true;
        return { path: '/x', sha256: '0' };
      },
    });
    const r = await dispatch('flow.save', { path: '/tmp/a.json', text: 42, extra: 1 }, web);
    expect(called).toBe(false);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('bad_args');
    expect(r.error.message).toContain('text: expected string, got a number');
    expect(r.error.message).toContain('extra: unknown key "extra"');
    const issues = (r.error.details as { issues: Array<{ path: string }> }).issues;
    expect(issues.map((i) => i.path).sort()).toEqual(['extra', 'text']);
  });

  it('treats missing args as {} (calls without arguments)', async () => {
    const { dispatch } = dispatcherWith({ 'flow.recent': () => ({ paths: [] }) });
    expect(await dispatch('flow.recent', undefined, web)).toEqual({ ok: true, result: { paths: [] } });
  });

  it('answers electronOnly calls with unsupported in web mode, and runs them in Electron', async () => {
    const handlers = { 'dialog.open': () => ({ path: '/home/u/f.json' }) };
    const webD = dispatcherWith(handlers, 'web').dispatch;
    const r = await webD('dialog.open', {}, web);
    expect(r.ok === false && r.error.code).toBe('unsupported');
    const elD = dispatcherWith(handlers, 'electron').dispatch;
    expect(await elD('dialog.open', {}, { transport: 'electron' })).toEqual({ ok: true, result: { path: '/home/u/f.json' } });
  });

  it('passes ApiError code, message and details through', async () => {
    const { dispatch, internal } = dispatcherWith({
      'flow.open': () => {
        throw new ApiError('not_found', 'cannot open /x: no such file', { path: '/x' });
      },
    });
    expect(await dispatch('flow.open', { path: '/x' }, web)).toEqual({
      ok: false,
      error: { code: 'not_found', message: 'cannot open /x: no such file', details: { path: '/x' } },
    });
    expect(internal).toHaveLength(0);
  });

  it('turns any other exception (sync or async) into an internal error without throwing', async () => {
    const { dispatch, internal } = dispatcherWith({
      'flow.recent': () => {
        throw new TypeError('boom');
      },
      'recovery.load': async () => {
        await Promise.resolve();
        throw 'a string';
      },
    });
    expect(await dispatch('flow.recent', {}, web)).toEqual({ ok: false, error: { code: 'internal', message: 'flow.recent: boom' } });
    expect(await dispatch('recovery.load', { windowId: 'w1' }, web)).toEqual({ ok: false, error: { code: 'internal', message: 'recovery.load: a string' } });
    expect(internal).toHaveLength(2);
  });

  it('checks results against the contract when asked to', async () => {
    const bad = { 'flow.recent': () => ({ paths: 'not a list' }) } as unknown as Partial<Handlers<CallCtx>>;
    const checked = dispatcherWith(bad, 'web', true);
    const r = await checked.dispatch('flow.recent', {}, web);
    expect(r.ok === false && r.error.code).toBe('internal');
    expect(r.ok === false && r.error.message).toContain('paths: expected array');
    const unchecked = dispatcherWith(bad, 'web', false);
    expect((await unchecked.dispatch('flow.recent', {}, web)).ok).toBe(true);
  });

  it('reads CRAWLWRIGHT_CHECK_RESULTS=1 by default', async () => {
    const prev = process.env.CRAWLWRIGHT_CHECK_RESULTS;
    process.env.CRAWLWRIGHT_CHECK_RESULTS = '1';
    try {
      const dispatch = createDispatcher({ 'flow.recent': () => ({ nope: 1 }) } as unknown as Handlers<CallCtx>, { mode: 'web' }, { onInternalError: () => undefined });
      expect((await dispatch('flow.recent', {}, web)).ok).toBe(false);
    } finally {
      if (prev === undefined) delete process.env.CRAWLWRIGHT_CHECK_RESULTS;
      else process.env.CRAWLWRIGHT_CHECK_RESULTS = prev;
    }
  });
});
