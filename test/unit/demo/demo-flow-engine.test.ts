// The built-in demo flow through the real engine (the app's first-start flow): it logs in with the
// built-in DEMO_PASSWORD secret and extracts 3 pages of members (30 distinct, in page order).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDemoServer, type DemoServer } from '../../../electron/demo/server.js';
import { Engine } from '../../../electron/engine/engine.js';
import { parseFlowText } from '../../../shared/flow/validate.js';
import { member } from '../../../electron/demo/data.js';

let demo: DemoServer;
let engine: Engine;
let dir: string;

beforeAll(async () => {
  demo = await startDemoServer();
  dir = await mkdtemp(join(tmpdir(), 'cw-demo-flow-'));
  engine = new Engine({ artifactsDir: join(dir, 'runs'), builtinVars: { demo_url: demo.url }, emit: () => {} });
});
afterAll(async () => {
  await engine?.close();
  await demo?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('demo flow on the engine', () => {
  it('logs in and extracts 3 pages of members in page order', async () => {
    const text = await readFile(new URL('../../../assets/demo-flows/demo.flow.json', import.meta.url), 'utf8');
    const parsed = parseFlowText(text);
    if (!parsed.ok) throw new Error('demo flow invalid');
    const summary = await engine.startRun(parsed.flow).done;
    expect(summary.error).toBeUndefined();
    expect(summary.status).toBe('ok');
    expect(summary.results.map((r) => `${r.stepId}#${r.iteration}`)).toEqual([
      'open-login#0',
      'log-in#0',
      'members#0',
      'next-page#0',
      'next-page#1',
    ]);
    const items = summary.results.flatMap((r) => (r.items ?? []) as Array<Record<string, unknown>>);
    expect(items).toHaveLength(30);
    expect(items.map((i) => i.id)).toEqual(Array.from({ length: 30 }, (_, k) => String(k + 1)));
    const m1 = member(1);
    expect(items[0]).toEqual({ id: '1', name: m1.name, email: m1.email, role: m1.role, joined: m1.joined });
  }, 90_000);
});
