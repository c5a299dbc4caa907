// Issue #14 "must be closed" 4: only exact copies of a secret were masked; HTML-escaped,
// URL-encoded and lower-cased copies stayed in HTML artifacts, network logs and errors, and
// snapshot.save wrote the page unmasked next to the flow file. A page here echoes the secret in
// every encoding a page or URL produces; no encoded copy may survive anywhere the engine writes.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, runCli, runOverSocket, startBeacon, startWebApp, tempDir, writeFlow, type ApiClient, type Beacon, type WebApp } from './helpers.js';

const SECRET = `Tr0ub4dor&3 "x" <y> é/+'z`;

const htmlEscape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
const numeric = (s: string) => [...s].map((c) => `&#${c.codePointAt(0)};`).join('');
const hexRefs = (s: string) => [...s].map((c) => `&#x${c.codePointAt(0)!.toString(16).toUpperCase()};`).join('');
const formEncode = (s: string) => encodeURIComponent(s).replace(/%20/g, '+');
const lowerHex = (s: string) => encodeURIComponent(s).replace(/%[0-9A-F]{2}/g, (m) => m.toLowerCase());
const jsonEscaped = (s: string) => JSON.stringify(s).slice(1, -1);
const unicodeEscaped = (s: string) => [...s].map((c) => (/[a-z0-9]/i.test(c) ? c : `\\u${c.codePointAt(0)!.toString(16).padStart(4, '0')}`)).join('');

/** Every encoded copy the page below produces (the test looks for each one in every output). */
const VARIANTS: Record<string, string> = {
  exact: SECRET,
  'html-escaped': htmlEscape(SECRET),
  'numeric refs': numeric(SECRET),
  'hex refs': hexRefs(SECRET),
  'url-encoded': encodeURIComponent(SECRET),
  'form-encoded (+)': formEncode(SECRET),
  'lower-case hex': lowerHex(SECRET),
  'json-escaped': jsonEscaped(SECRET),
  '\\u-escaped': unicodeEscaped(SECRET),
  'lower-cased': SECRET.toLowerCase(),
  'upper-cased': SECRET.toUpperCase(),
  'lower-cased, escaped': htmlEscape(SECRET.toLowerCase()),
};

/** The page: the secret arrives in ?t= and is shown in every encoding; its fetches carry it too. */
function echoPage(url: URL): string {
  const t = url.searchParams.get('t') ?? '';
  return `<!doctype html><html><head><title>${htmlEscape(t)}</title></head><body>
  <p id="text">${htmlEscape(t)}</p>
  <p id="num">${numeric(t)}</p>
  <p id="hex">${hexRefs(t)}</p>
  <p id="lower">${htmlEscape(t.toLowerCase())}</p>
  <p id="upper">${htmlEscape(t.toUpperCase())}</p>
  <a id="link" href="/next?t=${encodeURIComponent(t)}&amp;f=${formEncode(t)}&amp;l=${lowerHex(t)}">next</a>
  <input id="pw" value="${htmlEscape(t)}">
  <script id="data" type="application/json">{"t": "${jsonEscaped(t)}", "u": "${unicodeEscaped(t)}"}</script>
  <script>
    console.log('token ' + ${JSON.stringify(t)});
    console.log(${JSON.stringify(JSON.stringify({ t }))});
    fetch(${JSON.stringify(`/api?t=${formEncode(t)}`)}).catch(() => {});
    fetch(${JSON.stringify(`/api?l=${lowerHex(t)}`)}).catch(() => {});
  </script>
  </body></html>`;
}

const SCHEMA = {
  name: 'Echo',
  baseSelector: 'body',
  fields: [
    { name: 'text', type: 'text', selector: '#text' },
    { name: 'upper', type: 'text', selector: '#upper' },
    { name: 'link', type: 'attribute', selector: '#link', attribute: 'href' },
    { name: 'pw', type: 'attribute', selector: '#pw', attribute: 'value' },
    { name: 'json', type: 'html', selector: '#data' },
  ],
};

function leaks(text: string): string[] {
  return Object.entries(VARIANTS)
    .filter(([, v]) => text.includes(v))
    .map(([k]) => k);
}

async function allFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const d of await readdir(dir, { withFileTypes: true, recursive: true })) if (d.isFile()) out.push(join(d.parentPath, d.name));
  return out;
}

let beacon: Beacon;
let OPEN_ECHO: unknown[];
beforeAll(async () => {
  beacon = await startBeacon({ '/echo': echoPage });
  // The secret reaches the page the way a login does: typed in by the flow's JavaScript (the
  // literal is escaped for its quote), then sent in a URL, URL-encoded.
  OPEN_ECHO = [
    { id: 'start', name: 'Start', config: { url: `${beacon.url}/start`, session_id: 'echo' } },
    {
      id: 'open',
      name: 'Open echo',
      config: { url: `${beacon.url}/start`, session_id: 'echo', js_only: true, js_code_before_wait: "location.href = '/echo?t=' + encodeURIComponent('{{secret:TOKEN}}');", wait_for: 'css:#text', delay_before_return_html: 0.5 },
    },
  ];
});
afterAll(() => beacon.close());

describe('masking every encoding', () => {
  it('crawlwright run: results.json, HTML artifacts, console, network and errors hold no copy of the secret', async () => {
    const { dir, cleanup } = await tempDir();
    try {
      const flow = await writeFlow(dir, 'echo.flow.json', [
        ...OPEN_ECHO,
        {
          id: 'extract',
          name: 'Extract',
          config: {
            url: `${beacon.url}/echo`,
            session_id: 'echo',
            js_only: true,
            delay_before_return_html: 0.5,
            js_code: ["return document.querySelector('#pw').value;", 'return encodeURIComponent(document.title).toLowerCase();'],
            extraction_strategy: { type: 'JsonCssExtractionStrategy', schema: SCHEMA },
          },
        },
        // A failing step whose error message quotes the page's escaped copy.
        { id: 'fail', name: 'Fail', config: { url: `${beacon.url}/echo`, session_id: 'echo', js_only: true, js_code: "throw new Error('bad ' + document.querySelector('#text').innerHTML);", wait_for: 'css:#never', wait_for_timeout: 500 } },
      ]);
      const out = join(dir, 'out');
      const r = await runCli(['run', flow, '--out', out, '--allow-secret', 'TOKEN'], { env: { CRAWLWRIGHT_SECRET_TOKEN: SECRET, CRAWLWRIGHT_DATA_DIR: join(dir, 'data') } });
      expect(r.code, r.stderr).toBe(1); // the second step fails on purpose
      // The page really did produce the encodings (the server saw them in its requests).
      const requests = beacon.hits.map((h) => h.url).join('\n');
      expect(requests).toContain('/api?t=Tr0ub4dor%263+%22x%22+'); // '+' for spaces
      expect(requests).toContain('%3cy%3e%20%c3%a9'); // lower-case hex, UTF-8 bytes
      const files = await allFiles(out);
      expect(files.some((f) => f.endsWith('.html'))).toBe(true);
      for (const f of files) {
        if (f.endsWith('.png')) continue;
        expect(leaks(await readFile(f, 'utf8')), f).toEqual([]);
      }
      expect(leaks(r.stdout + r.stderr)).toEqual([]);
      const results = JSON.parse(await readFile(join(out, 'results.json'), 'utf8'));
      const step = results.steps[2];
      expect(step.items[0].text).toBe('***');
      expect(step.items[0].upper).toBe('***');
      expect(step.items[0].pw).toBe('***');
      // The echo page loads (and logs, and fetches) during the "open" step.
      const network = results.steps.flatMap((st: { network: Array<{ url: string }> }) => st.network.map((n) => n.url));
      const consoleText = results.steps.flatMap((st: { console: Array<{ text: string }> }) => st.console.map((c) => c.text));
      expect(network).toContain(`${beacon.url}/api?t=***`);
      expect(network).toContain(`${beacon.url}/api?l=***`);
      expect(network).toContain(`${beacon.url}/echo?t=***`);
      expect(consoleText).toContain('token ***');
      expect(consoleText).toContain('{"t":"***"}');
      expect(step.js_execution_result.results).toEqual(['***', '***']);
      expect(results.steps[3].success).toBe(false);
      expect(leaks(results.error ?? '')).toEqual([]);
    } finally {
      await cleanup();
    }
  });
});

describe('web mode: sessions, the schema tester and snapshots', () => {
  let app: WebApp;
  let client: ApiClient;
  let dir: string;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    ({ dir, cleanup } = await tempDir());
    app = await startWebApp({ env: { CRAWLWRIGHT_SECRET_TOKEN: SECRET } });
    client = await connect(app);
    const steps = JSON.parse(JSON.stringify(OPEN_ECHO).replace(/"echo"/g, '"masked"'));
    const flow = { format: 'crawlwright.flow', version: 1, name: 'echo', steps };
    const fin = await runOverSocket(client, { flow, grant: { javascript: true, secrets: ['TOKEN'], local: false } });
    expect(fin.status, fin.error).toBe('ok');
  });
  afterAll(async () => {
    client?.close();
    await app?.stop();
    await cleanup();
  });

  it('every event on the socket, the session list and Run now are masked', async () => {
    expect(leaks(JSON.stringify(client.events))).toEqual([]);
    const { sessions } = await client.call<{ sessions: Array<{ id: string; url: string; title: string }> }>('session.list');
    const s = sessions.find((x) => x.id === 'masked')!;
    expect(s.url).toBe(`${beacon.url}/echo?t=***`);
    expect(s.url).not.toContain('Tr0ub4dor');
    expect(s.title).toBe('***');
    const v = await client.call<{ value: unknown }>('snippet.eval', { sessionId: 'masked', code: 'return [document.body.innerHTML, location.href];' });
    expect(leaks(JSON.stringify(v))).toEqual([]);
  });

  it('the schema tester returns masked items and samples', async () => {
    const r = await client.call<Record<string, unknown>>('schema.test', { sessionId: 'masked', schema: SCHEMA });
    expect((r as { ok: boolean }).ok).toBe(true);
    expect(leaks(JSON.stringify(r))).toEqual([]);
  });

  it('snapshot.save writes the page masked and says how many copies it replaced', async () => {
    const flowPath = join(dir, 'echo.flow.json');
    const info = await client.call<{ id: string; masked?: number }>('snapshot.save', { flow: { flowPath, flowName: 'echo' }, sessionId: 'masked', name: 'with secret' });
    expect(info.masked).toBeGreaterThanOrEqual(10);
    const { dir: snapDir } = await client.call<{ dir: string }>('snapshot.list', { flow: { flowPath, flowName: 'echo' } });
    for (const f of await allFiles(snapDir)) expect(leaks(await readFile(f, 'utf8')), f).toEqual([]);
    const html = await readFile(join(snapDir, info.id, 'page.html'), 'utf8');
    expect(html).toContain('***');
    const listed = await client.call<{ snapshots: Array<{ id: string; masked?: number }> }>('snapshot.list', { flow: { flowPath, flowName: 'echo' } });
    expect(listed.snapshots.find((x) => x.id === info.id)?.masked).toBe(info.masked);
  });
});
