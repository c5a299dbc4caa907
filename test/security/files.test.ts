// Weak items of issue #14 around flow files, through the real web-mode server: a device or FIFO is
// refused instead of read forever, invalid UTF-8 is refused naming the byte offset, and one size
// limit holds for open and save (a save over it is an error, the socket stays open).
import { execFileSync } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_FLOW_BYTES } from '../../shared/api/limits.js';
import { CallError, connect, flowFile, startWebApp, tempDir, type ApiClient, type WebApp } from './helpers.js';

let app: WebApp;
let client: ApiClient;
let dir: string;
let cleanup: () => Promise<void>;

beforeAll(async () => {
  ({ dir, cleanup } = await tempDir());
  app = await startWebApp();
  client = await connect(app);
});
afterAll(async () => {
  client?.close();
  await app?.stop();
  await cleanup();
});

async function callError(channel: string, args: unknown): Promise<CallError> {
  try {
    await client.call(channel, args, 20_000);
  } catch (e) {
    if (e instanceof CallError) return e;
    throw e;
  }
  throw new Error(`${channel} did not fail`);
}

describe('opening flow files', () => {
  it('/dev/zero is refused at once (not read until "Invalid string length")', async () => {
    const t0 = Date.now();
    const e = await callError('flow.open', { path: '/dev/zero' });
    expect(e.code).toBe('bad_args');
    expect(e.message).toMatch(/\/dev\/zero: not a regular file/);
    expect(Date.now() - t0).toBeLessThan(5000);
  });

  it('a FIFO is refused without blocking', async () => {
    const fifo = join(dir, 'pipe.flow.json');
    execFileSync('mkfifo', [fifo]);
    const e = await callError('flow.open', { path: fifo });
    expect(e.message).toMatch(/not a regular file/);
  });

  it('invalid UTF-8 is refused with its byte offset instead of silently replaced', async () => {
    const text = Buffer.from(flowFile([{ id: 'a', name: 'caf\u00e9', config: { url: 'about:blank' } }]), 'utf8');
    const at = text.indexOf(Buffer.from('\u00e9', 'utf8'));
    text[at + 1] = 0x28; // é = C3 A9 → C3 28: a broken 2-byte sequence
    const path = join(dir, 'latin.flow.json');
    await writeFile(path, text);
    const e = await callError('flow.open', { path });
    expect(e.message).toContain(`invalid UTF-8 at byte offset ${at} (0xc3)`);
  });

  it('one limit: a file over MAX_FLOW_BYTES is refused on open, a save over it is an error and the socket survives', async () => {
    const big = join(dir, 'big.flow.json');
    await writeFile(big, Buffer.alloc(MAX_FLOW_BYTES + 10, 0x20));
    expect((await callError('flow.open', { path: big })).message).toMatch(/limit for a flow file/);
    const text = ' '.repeat(MAX_FLOW_BYTES + 10);
    const e = await callError('flow.save', { path: join(dir, 'out.flow.json'), text });
    expect(e.code).toBe('bad_args');
    expect(e.message).toMatch(/20\.0 MB limit for a flow file/);
    const r = await callError('recovery.save', { windowId: 'w-security', text, path: null });
    expect(r.message).toMatch(/limit for a flow file/);
    // A save of exactly the limit, with characters JSON must escape, still fits in one message.
    const quoted = '"'.repeat(MAX_FLOW_BYTES);
    await expect(client.call('flow.save', { path: join(dir, 'quoted.flow.json'), text: quoted }, 60_000)).resolves.toMatchObject({ sha256: expect.any(String) });
    expect(client.ws.readyState).toBe(client.ws.OPEN);
    await expect(client.call('flow.recent')).resolves.toBeDefined();
  });
});
