// Issue #14 "must be closed" 2 and 6 through the real web-mode server and a real WebSocket
// client: a run only gets the secrets and local resources its grant names (the UI asks the user
// and sends the grant), and two runs can never drive one session, however its id is spelled.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CallError, connect, runOverSocket, startBeacon, startWebApp, type ApiClient, type Beacon, type WebApp } from './helpers.js';

let app: WebApp;
let client: ApiClient;
let beacon: Beacon;
const SECRET = 'wJalrXUtnFEMI-K7MDENG-sec14';
const flow = (steps: unknown[], extra: Record<string, unknown> = {}) => ({ format: 'crawlwright.flow', version: 1, name: 'probe', ...extra, steps });
const NONE = { javascript: false, secrets: [], local: false };

beforeAll(async () => {
  beacon = await startBeacon();
  app = await startWebApp({ env: { AWS_SECRET_ACCESS_KEY: SECRET, START_URL: 'file:///etc/passwd' } });
  client = await connect(app);
});
afterAll(async () => {
  client?.close();
  await app?.stop();
  await beacon?.close();
});

async function refusal(args: Record<string, unknown>): Promise<CallError> {
  try {
    await client.call('run.start', args);
  } catch (e) {
    if (e instanceof CallError) return e;
    throw e;
  }
  throw new Error('run.start was not refused');
}

describe('grants in web mode', () => {
  it('a flow naming AWS_SECRET_ACCESS_KEY is refused with needs_grant (no prompt = no value), and nothing is sent', async () => {
    const f = flow([{ id: 'a', name: 'Beacon', config: { url: `${beacon.url}/web?k={{secret:AWS_SECRET_ACCESS_KEY}}` } }]);
    for (const grant of [undefined, NONE, { javascript: true, secrets: ['OTHER'], local: true }]) {
      const e = await refusal({ flow: f, ...(grant ? { grant } : {}) });
      expect(e.code).toBe('needs_grant');
      expect(e.details).toMatchObject({ missing: { secrets: ['AWS_SECRET_ACCESS_KEY'] }, secretSources: { AWS_SECRET_ACCESS_KEY: 'the environment (AWS_SECRET_ACCESS_KEY)' } });
    }
    await new Promise((r) => setTimeout(r, 300));
    expect(JSON.stringify(beacon.hits)).not.toContain(SECRET);
  });

  it('JavaScript needs the review grant; the refusal lists the step and the field', async () => {
    const f = flow([{ id: 'js', name: 'Has JS', config: { url: `${beacon.url}/x`, js_code: 'return 1;', wait_for: 'js:() => true' } }]);
    const e = await refusal({ flow: f, grant: NONE });
    expect(e.details).toMatchObject({ missing: { javascript: [{ stepId: 'js', stepName: 'Has JS', where: ['js_code', 'wait_for (js)'] }], secrets: [], local: [] } });
  });

  it('file:///etc/passwd needs the local grant; the beacon gets nothing', async () => {
    const f = flow([{ id: 'f', name: 'passwd', config: { url: 'file:///etc/passwd' } }]);
    const e = await refusal({ flow: f, grant: { javascript: true, secrets: [], local: false } });
    expect(e.details).toMatchObject({ missing: { local: [{ path: 'steps[0].config.url', value: 'file:///etc/passwd' }] } });
    // Through a run variable: the same refusal.
    const viaVar = flow([{ id: 'v', name: 'via var', config: { url: '{{u}}' } }]);
    expect((await refusal({ flow: viaVar, vars: { u: 'file:///etc/passwd' }, grant: NONE })).details).toMatchObject({ missing: { local: [{ value: 'file:///etc/passwd' }] } });
    // Through a (granted) secret whose value is only known at run time: caught after substitution.
    const viaSecret = flow([{ id: 's', name: 'via secret', config: { url: '{{secret:START_URL}}' } }]);
    const fin = await runOverSocket(client, { flow: viaSecret, grant: { javascript: false, secrets: ['START_URL'], local: false } });
    expect(fin.status).toBe('failed');
    expect(fin.error).toMatch(/step "via secret" \(s\): url "\*\*\*" is a local resource/);
  });

  it('with the grant the run gets the value, and results mask it', async () => {
    const f = flow([{ id: 'a', name: 'Granted', config: { url: `${beacon.url}/granted?k={{secret:AWS_SECRET_ACCESS_KEY}}` } }]);
    const { runId } = await client.call<{ runId: string }>('run.start', { flow: f, grant: { javascript: false, secrets: ['AWS_SECRET_ACCESS_KEY'], local: false } });
    const done = await client.waitEvent<{ type: string; result: { url: string } }>((e, p) => e === 'run.event' && (p as { type: string; runId: string }).type === 'step-finished' && (p as { runId: string }).runId === runId);
    expect(done.result.url).toBe(`${beacon.url}/granted?k=***`);
    expect(beacon.hits.some((h) => h.url === `/granted?k=${SECRET}`)).toBe(true);
    const frames = JSON.stringify(client.events.filter((e) => (e.payload as { runId?: string }).runId === runId));
    expect(frames).not.toContain(SECRET);
  });

  it('the built-in demo flow needs no grant beyond its own JavaScript (the README quick start)', async () => {
    const demo = await client.call<{ text: string }>('flow.demo');
    const fin = await runOverSocket(client, { flow: JSON.parse(demo.text), grant: { javascript: true, secrets: [], local: false } });
    expect(fin.status, fin.error).toBe('ok');
  });
});

describe('one run per session', () => {
  it('session_id "{{sid}}" with sid=same is the session "same": the second run is refused', async () => {
    const busy = flow([{ id: 'hold', name: 'Hold', config: { url: `${app.demoUrl}/list`, session_id: 'same', wait_for: 'js:() => false', wait_for_timeout: 20000 } }]);
    const { runId } = await client.call<{ runId: string }>('run.start', { flow: busy, grant: { javascript: true, secrets: [], local: false } });
    await client.waitEvent((e, p) => e === 'run.event' && (p as { type: string; phase?: string; runId: string }).runId === runId && (p as { phase?: string }).phase === 'wait_for');
    const other = flow([{ id: 'b', name: 'B', config: { url: `${app.demoUrl}/list`, session_id: '{{sid}}' } }], { variables: { sid: 'other' } });
    for (const args of [{ vars: { sid: 'same' } }, { flow: { ...other, variables: { sid: 'same' } } }]) {
      const e = await refusal({ flow: other, grant: NONE, ...args });
      expect(e.code).toBe('bad_args');
      expect(e.message).toMatch(/session "same" is in use by run/);
    }
    await client.call('run.stop', { runId });
  });
});
