// The Node end of test/fixtures/export/engine-crawl4ai (a crawl4ai stand-in for exported Python
// scripts): a loopback TCP server that runs each arun(url, CrawlerRunConfig) the script sends as
// one step on Crawlwright's real engine (executeStep, real Chromium), calls the script's own
// hooks back at their pipeline points (their page.evaluate runs in the real page), and answers
// with the CrawlResult fields the script reads. Protocol: one JSON object per line, strictly
// request/answer; see the Python side for the messages.
import { createServer, type Server, type Socket } from 'node:net';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { Page } from 'playwright-core';
import { BrowserSettingsSchema, StepConfigSchema, type HookName, type Step } from '../../../shared/flow/schema.js';
import { executeStep } from '../../../electron/engine/executor.js';
import type { Engine } from '../../../electron/engine/engine.js';
import { Masker } from '../../../electron/engine/secrets.js';

/** What one arun answered, for the test to compare with the runner. */
export interface BridgeArun {
  url: string;
  hooks: string[];
  success: boolean;
  error_message: string | null;
}

export interface Bridge {
  address: string;
  /** Every arun of every script since the bridge started (or since reset()). */
  aruns: BridgeArun[];
  reset(): void;
  close(): Promise<void>;
}

type Message = Record<string, unknown> & { op: string };

function lines(socket: Socket): () => Promise<Message> {
  const queue: Message[] = [];
  const waiting: Array<(m: Message) => void> = [];
  const rl = createInterface({ input: socket });
  rl.on('line', (l) => {
    const m = JSON.parse(l) as Message;
    const w = waiting.shift();
    if (w) w(m);
    else queue.push(m);
  });
  rl.on('close', () => waiting.splice(0).forEach((w) => w({ op: 'close' })));
  return () => (queue.length ? Promise.resolve(queue.shift()!) : new Promise((resolve) => waiting.push(resolve)));
}

/** The script's CrawlerRunConfig keywords as a flow step config (validated: unknown keys fail). */
function stepConfig(url: string, config: Record<string, unknown>) {
  const parsed = StepConfigSchema.safeParse({ url, ...config });
  if (!parsed.success) throw new Error(`CrawlerRunConfig the bridge cannot map: ${parsed.error.message}`);
  return parsed.data;
}

export async function startBridge(engine: Engine, runDir: string): Promise<Bridge> {
  const aruns: BridgeArun[] = [];
  let n = 0;
  const serve = async (socket: Socket) => {
    const next = lines(socket);
    const send = (m: unknown) => socket.write(JSON.stringify(m) + '\n');
    for (;;) {
      const m = await next();
      if (m.op === 'close') return socket.end();
      if (m.op === 'kill_session') {
        await engine.sessions.kill(m.session_id as string);
        send({ op: 'ok' });
        continue;
      }
      if (m.op !== 'arun') throw new Error(`bridge: unexpected ${m.op}`);
      const hooks = new Set(m.hooks as string[]);
      const runHook = async (name: HookName, page: Page, args: { url: string; html?: string; result?: unknown }) => {
        send({ op: 'hook', name, url: args.url, ...(args.html !== undefined ? { html: args.html } : {}), ...(args.result !== undefined ? { result: args.result } : {}) });
        for (;;) {
          const h = await next();
          if (h.op === 'hook-done') return;
          if (h.op === 'hook-error') throw new Error(String(h.message));
          if (h.op === 'wait_for_load_state') {
            await page.waitForLoadState(h.state as 'load').catch(() => undefined);
            send({ op: 'ok' });
          } else if (h.op === 'evaluate') {
            // playwright-python's page.evaluate(expression, arg): a function expression is called with arg.
            const expr = h.arg === null || h.arg === undefined ? String(h.script) : `(${String(h.script)})(${JSON.stringify(h.arg)})`;
            try {
              send({ op: 'value', value: (await page.evaluate(expr)) ?? null });
            } catch (e) {
              send({ op: 'value', error: e instanceof Error ? e.message : String(e) });
            }
          } else throw new Error(`bridge: unexpected ${h.op} inside a hook`);
        }
      };
      const url = m.url as string;
      let answer: Record<string, unknown>;
      try {
        const step: Step = { id: `arun-${++n}`, name: `arun ${n}`, config: stepConfig(url, m.config as Record<string, unknown>) };
        const browser = BrowserSettingsSchema.parse(m.browser_config ?? {});
        const r = await executeStep({
          runId: 'bridge',
          step,
          stepIndex: n,
          iteration: 0,
          sessions: engine.sessions,
          browser,
          runDir,
          masker: new Masker([]),
          signal: new AbortController().signal,
          onPhase: () => undefined,
          externalHooks: { names: hooks, run: runHook },
          extract: (html, schema, o) => engine.extractPool.extract(html, schema, o),
        });
        const png = r.artifacts.screenshot ? (await readFile(r.artifacts.screenshot)).toString('base64') : null;
        const pdf = r.artifacts.pdf ? (await readFile(r.artifacts.pdf)).toString('base64') : null;
        const mhtml = r.artifacts.mhtml ? await readFile(r.artifacts.mhtml, 'utf8') : null;
        answer = {
          url: r.url,
          success: r.crawl4ai!.success,
          error_message: r.crawl4ai!.error_message,
          status_code: r.status_code,
          redirected_url: r.redirected_url,
          js_execution_result: r.js_execution_result,
          extracted_content: r.extracted_content,
          html: r.html ?? '',
          screenshot: png,
          pdf,
          mhtml,
        };
      } catch (e) {
        answer = { url, success: false, error_message: `bridge: ${e instanceof Error ? e.message : String(e)}`, extracted_content: null, screenshot: null, pdf: null, mhtml: null };
      }
      aruns.push({ url, hooks: [...hooks].sort(), success: answer.success as boolean, error_message: answer.error_message as string | null });
      send({ op: 'result', result: answer });
    }
  };
  const server: Server = createServer((socket) => void serve(socket).catch((e) => socket.destroy(e as Error)));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const addr = server.address() as { port: number };
  return {
    address: `127.0.0.1:${addr.port}`,
    aruns,
    reset: () => void aruns.splice(0),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export const ENGINE_CRAWL4AI = (root: string) => join(root, 'test/fixtures/export/engine-crawl4ai');
