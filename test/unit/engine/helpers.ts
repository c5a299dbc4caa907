// Shared setup for engine tests: the real demo site, a real Chromium via the Engine, and an event log.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RunEvent } from '../../../shared/api/domains/run.js';
import type { Flow } from '../../../shared/flow/schema.js';
import { startDemoServer, type DemoServer } from '../../../electron/demo/server.js';
import { Engine, type RunOptions, type RunSummary } from '../../../electron/engine/engine.js';

export const FIXTURES = fileURLToPath(new URL('../../fixtures/flows/', import.meta.url));

export async function loadFixture(name: string): Promise<Flow> {
  return JSON.parse(await readFile(join(FIXTURES, name), 'utf8')) as Flow;
}

export interface Harness {
  demo: DemoServer;
  engine: Engine;
  events: RunEvent[];
  sessionEvents: number;
  dir: string;
  run(flow: Flow, opts?: RunOptions): Promise<RunSummary>;
  close(): Promise<void>;
}

export async function createHarness(): Promise<Harness> {
  const demo = await startDemoServer();
  const dir = await mkdtemp(join(tmpdir(), 'cw-engine-'));
  const h = {
    demo,
    dir,
    events: [] as RunEvent[],
    sessionEvents: 0,
  } as Harness;
  h.engine = new Engine({
    artifactsDir: join(dir, 'runs'),
    builtinVars: { demo_url: demo.url },
    emit: (name, payload) => {
      if (name === 'run.event') h.events.push(payload as RunEvent);
      if (name === 'session.changed') h.sessionEvents++;
    },
  });
  h.run = (flow, opts) => h.engine.startRun(flow, opts).done;
  h.close = async () => {
    await h.engine.close();
    await demo.close();
    await rm(dir, { recursive: true, force: true });
  };
  return h;
}

/** A flow from steps (ids = names). */
export function flowOf(steps: Array<{ id: string; config: Flow['steps'][number]['config'] } & Partial<Flow['steps'][number]>>, extra: Partial<Flow> = {}): Flow {
  return {
    format: 'crawlwright.flow',
    version: 1,
    name: 'test',
    ...extra,
    steps: steps.map((s) => ({ name: s.id, ...s })),
  } as Flow;
}

export const titles = (items: unknown[] | null) => (items ?? []).map((i) => (i as { title?: string }).title);
