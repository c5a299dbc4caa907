// The security suite drives the real, built product (`npm run build` first; npm test does): the
// CLI as a child process (`bin/crawlwright.js`), the web-mode server as a child process
// (`dist/electron/web.js`) with real WebSocket clients, and a "beacon" HTTP listener that plays
// the attacker's server: anything a flow manages to send out lands in `beacon.hits`.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import WebSocket from 'ws';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const CLI = join(ROOT, 'bin', 'crawlwright.js');
export const WEB = join(ROOT, 'dist', 'electron', 'web.js');
export const BROWSER = process.env.CRAWLWRIGHT_BROWSER || '/usr/bin/chromium';

export function requireBuild(): void {
  if (!existsSync(WEB)) throw new Error(`${WEB} is missing: run \`npm run build\` before the security suite`);
}

export async function tempDir(prefix = 'cw-sec-'): Promise<{ dir: string; cleanup(): Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

export interface Beacon {
  url: string;
  hits: Array<{ method: string; url: string; body: string }>;
  close(): Promise<void>;
}

/**
 * The attacker's listener: records every request (method, url, body) it receives. `pages` maps a
 * path (without query) to the HTML served there (a site under test); anything else gets a stub.
 */
export async function startBeacon(pages: Record<string, string | ((url: URL) => string)> = {}): Promise<Beacon> {
  const hits: Beacon['hits'] = [];
  const server = createServer((req: IncomingMessage, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => {
      hits.push({ method: req.method ?? '', url: req.url ?? '', body });
      const page = pages[(req.url ?? '/').split('?')[0]];
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Access-Control-Allow-Origin': '*' });
      res.end((typeof page === 'function' ? page(new URL(req.url ?? '/', 'http://x')) : page) ?? '<html><body><p id="ok">beacon</p></body></html>');
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    hits,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

export function flowFile(steps: unknown[], extra: Record<string, unknown> = {}): string {
  return JSON.stringify({ format: 'crawlwright.flow', version: 1, name: 'security probe', ...extra, steps }, null, 2);
}

export async function writeFlow(dir: string, name: string, steps: unknown[], extra: Record<string, unknown> = {}): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, flowFile(steps, extra));
  return path;
}

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

/** `crawlwright <args>` as a child process; stdin is closed (no terminal to answer a prompt). */
export async function runCli(args: string[], opts: { env?: Record<string, string | undefined>; timeoutMs?: number; cwd?: string } = {}): Promise<CliResult> {
  const t0 = Date.now();
  const env: NodeJS.ProcessEnv = { ...process.env, CRAWLWRIGHT_BROWSER: BROWSER };
  for (const [k, v] of Object.entries(opts.env ?? {})) {
    if (v === undefined) delete env[k];
    else env[k] = v;
  }
  const child = spawn(process.execPath, [CLI, ...args], { cwd: opts.cwd ?? ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 90_000);
  const [code] = (await once(child, 'exit')) as [number | null];
  clearTimeout(timer);
  return { code, stdout, stderr, ms: Date.now() - t0 };
}

export interface WebApp {
  url: string;
  origin: string;
  port: number;
  token: string;
  demoUrl: string;
  dataDir: string;
  child: ChildProcess;
  output(): string;
  /** RSS of the server process in MB (Linux /proc). */
  rssMb(): Promise<number>;
  stop(): Promise<void>;
}

/** The real web-mode server (`node dist/electron/web.js`) on a free port, with its own data dir. */
export async function startWebApp(opts: { env?: Record<string, string>; args?: string[] } = {}): Promise<WebApp> {
  requireBuild();
  const { dir: dataDir, cleanup } = await tempDir('cw-sec-data-');
  const token = `sec-${Math.random().toString(36).slice(2)}-token`;
  const child = spawn(process.execPath, [WEB, '--port', '0', '--token', token, '--data-dir', dataDir, ...(opts.args ?? [])], {
    cwd: ROOT,
    env: { ...process.env, CRAWLWRIGHT_BROWSER: BROWSER, ...(opts.env ?? {}) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (out += c.toString()));
  const started = Date.now();
  while (!/Crawlwright is running at (\S+)/.test(out)) {
    if (child.exitCode !== null) throw new Error(`web mode exited (${child.exitCode}):\n${out}`);
    if (Date.now() - started > 60_000) throw new Error(`web mode did not start:\n${out}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  const url = /Crawlwright is running at (\S+)/.exec(out)![1];
  const demoUrl = /Demo site: (\S+)/.exec(out)![1].replace(/\/+$/, '');
  const u = new URL(url);
  return {
    url,
    origin: u.origin,
    port: Number(u.port),
    token,
    demoUrl,
    dataDir,
    child,
    output: () => out,
    rssMb: () => rssMb(child.pid!),
    stop: async () => {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
        await once(child, 'exit').catch(() => undefined);
        clearTimeout(timer);
      }
      await cleanup();
    },
  };
}

export async function rssMb(pid: number): Promise<number> {
  const { readFile } = await import('node:fs/promises');
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)![1]) / 1024;
}

export interface ApiClient {
  ws: WebSocket;
  events: Array<{ event: string; payload: unknown }>;
  call<T = unknown>(channel: string, args?: unknown, timeoutMs?: number): Promise<T>;
  /** Resolves with the first event matching `pred` (already received or future). */
  waitEvent<T = unknown>(pred: (event: string, payload: unknown) => boolean, timeoutMs?: number): Promise<T>;
  close(): void;
}

export class CallError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(`${code}: ${message}`);
  }
}

/** A real WebSocket client speaking the app's protocol ({id, channel, args} ↔ {id, ok, …}). */
export async function connect(app: Pick<WebApp, 'port' | 'token'>, opts: { headers?: Record<string, string>; query?: boolean } = {}): Promise<ApiClient> {
  const ws = new WebSocket(`ws://127.0.0.1:${app.port}/ws${opts.query === false ? '' : `?token=${app.token}`}`, { headers: opts.headers });
  await once(ws, 'open');
  const events: ApiClient['events'] = [];
  const waiters = new Set<{ pred: (e: string, p: unknown) => boolean; resolve(p: unknown): void }>();
  const pending = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();
  let id = 0;
  ws.on('message', (data: Buffer) => {
    const msg = JSON.parse(data.toString()) as { id?: number; ok?: boolean; result?: unknown; error?: { code: string; message: string; details?: unknown }; event?: string; payload?: unknown };
    if (msg.event !== undefined) {
      events.push({ event: msg.event, payload: msg.payload });
      for (const w of [...waiters]) {
        if (w.pred(msg.event, msg.payload)) {
          waiters.delete(w);
          w.resolve(msg.payload);
        }
      }
      return;
    }
    const p = pending.get(msg.id as number);
    if (!p) return;
    pending.delete(msg.id as number);
    if (msg.ok) p.resolve(msg.result);
    else p.reject(new CallError(msg.error!.code, msg.error!.message, msg.error!.details));
  });
  ws.on('close', () => {
    for (const p of pending.values()) p.reject(new Error('socket closed'));
    pending.clear();
  });
  return {
    ws,
    events,
    call: <T>(channel: string, args: unknown = {}, timeoutMs = 60_000) =>
      new Promise<T>((resolve, reject) => {
        const n = ++id;
        const timer = setTimeout(() => {
          pending.delete(n);
          reject(new Error(`${channel}: no reply in ${timeoutMs} ms`));
        }, timeoutMs);
        pending.set(n, {
          resolve: (v) => {
            clearTimeout(timer);
            resolve(v as T);
          },
          reject: (e) => {
            clearTimeout(timer);
            reject(e);
          },
        });
        ws.send(JSON.stringify({ id: n, channel, args }));
      }),
    waitEvent: <T>(pred: (e: string, p: unknown) => boolean, timeoutMs = 60_000) =>
      new Promise<T>((resolve, reject) => {
        const seen = events.find((e) => pred(e.event, e.payload));
        if (seen) return resolve(seen.payload as T);
        const w = {
          pred,
          resolve: (p: unknown) => {
            clearTimeout(timer);
            resolve(p as T);
          },
        };
        const timer = setTimeout(() => {
          waiters.delete(w);
          reject(new Error(`event not seen in ${timeoutMs} ms`));
        }, timeoutMs);
        waiters.add(w);
      }),
    close: () => ws.close(),
  };
}

export interface RunFinished {
  type: 'run-finished';
  runId: string;
  status: 'ok' | 'failed' | 'stopped';
  error?: string;
}

/** Start a run over the socket and wait for its run-finished event. */
export async function runOverSocket(client: ApiClient, args: Record<string, unknown>, timeoutMs = 90_000): Promise<RunFinished & { runId: string }> {
  const { runId } = await client.call<{ runId: string }>('run.start', args);
  return client.waitEvent<RunFinished>((e, p) => e === 'run.event' && (p as RunFinished).type === 'run-finished' && (p as RunFinished).runId === runId, timeoutMs);
}

/** Child processes of `pid` whose command line names a Chromium (zombie/leak check). */
export async function chromiumDescendants(pid: number): Promise<number[]> {
  const { readdir, readFile } = await import('node:fs/promises');
  const parents = new Map<number, number>();
  const isChrome = new Set<number>();
  for (const name of await readdir('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = await readFile(`/proc/${name}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      parents.set(Number(name), ppid);
      const cmd = await readFile(`/proc/${name}/cmdline`, 'utf8');
      if (/chrom/i.test(cmd.split('\0')[0])) isChrome.add(Number(name));
    } catch {
      /* gone */
    }
  }
  const out: number[] = [];
  for (const p of isChrome) {
    let cur = parents.get(p);
    for (let depth = 0; cur && depth < 20; depth++) {
      if (cur === pid) {
        out.push(p);
        break;
      }
      cur = parents.get(cur);
    }
  }
  return out;
}
