// electron/main.ts against a recording fake of the `electron` module: the Electron binary cannot
// be downloaded on these machines, so this is the only way to execute the shell's wiring here.
// Everything behind the fake (services, dispatcher, handlers, demo site, files) is real.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { callNames, CHANNEL_PREFIX, EVENT_CHANNEL } from '../../../shared/api/contract.js';
import { CSP } from '../../../electron/api/server.js';
import { rendererDir } from '../../../electron/paths.js';

type Fn = (...args: any[]) => any; // eslint-disable-line @typescript-eslint/no-explicit-any

const rec = vi.hoisted(() => {
  const state = {
    appHandlers: new Map<string, Fn>(),
    ipc: new Map<string, Fn>(),
    schemes: [] as unknown[],
    opened: [] as string[],
    protocolHandlers: new Map<string, Fn>(),
    permissionRequest: undefined as Fn | undefined,
    permissionCheck: undefined as Fn | undefined,
    headersReceived: undefined as Fn | undefined,
    windows: [] as Array<{ opts: any; loaded: string[]; sent: unknown[][]; webContents: any }>, // eslint-disable-line @typescript-eslint/no-explicit-any
    menu: undefined as any, // eslint-disable-line @typescript-eslint/no-explicit-any
    quit: 0,
    sandboxEnabled: false,
    windowCreated: undefined as unknown as Promise<void>,
    resolveWindow: undefined as unknown as () => void,
  };
  state.windowCreated = new Promise<void>((r) => (state.resolveWindow = r));
  return state;
});

vi.mock('electron', async () => {
  const { readFile: read } = await import('node:fs/promises');
  const { fileURLToPath } = await import('node:url');
  const { EventEmitter } = await import('node:events');
  class BrowserWindow {
    webContents: any; // eslint-disable-line @typescript-eslint/no-explicit-any
    private rec: (typeof rec.windows)[number];
    constructor(opts: unknown) {
      const mainFrame = { parent: null, processId: 1, routingId: 1, url: 'app://crawlwright/index.html' };
      this.webContents = Object.assign(new EventEmitter(), { mainFrame, send: (...a: unknown[]) => this.rec.sent.push(a), isDestroyed: () => false });
      this.rec = { opts, loaded: [], sent: [], webContents: this.webContents };
      rec.windows.push(this.rec);
      rec.resolveWindow();
    }
    once() {}
    on() {}
    isDestroyed() {
      return false;
    }
    loadURL(url: string) {
      this.rec.loaded.push(url);
      return Promise.resolve();
    }
  }
  return {
    app: {
      enableSandbox: () => (rec.sandboxEnabled = true),
      requestSingleInstanceLock: () => true,
      on: (evt: string, fn: Fn) => rec.appHandlers.set(evt, fn),
      whenReady: () => Promise.resolve(),
      setAboutPanelOptions: () => undefined,
      getVersion: () => '0.0.0-test',
      isPackaged: false,
      quit: () => rec.quit++,
      exit: (code: number) => {
        throw new Error(`app.exit(${code})`);
      },
    },
    BrowserWindow,
    ipcMain: { handle: (ch: string, fn: Fn) => rec.ipc.set(ch, fn) },
    protocol: {
      registerSchemesAsPrivileged: (s: unknown[]) => rec.schemes.push(...s),
      handle: (scheme: string, fn: Fn) => rec.protocolHandlers.set(scheme, fn),
    },
    net: { fetch: async (url: string) => new Response(await read(fileURLToPath(url))) },
    session: {
      defaultSession: {
        setPermissionRequestHandler: (fn: Fn) => (rec.permissionRequest = fn),
        setPermissionCheckHandler: (fn: Fn) => (rec.permissionCheck = fn),
        webRequest: { onHeadersReceived: (fn: Fn) => (rec.headersReceived = fn) },
      },
    },
    Menu: { buildFromTemplate: (t: unknown) => t, setApplicationMenu: (m: unknown) => (rec.menu = m) },
    dialog: {
      showOpenDialog: async () => ({ canceled: false, filePaths: ['/home/u/picked.flow.json'] }),
      showSaveDialog: async () => ({ canceled: true }),
      showErrorBox: (title: string, body: string) => {
        throw new Error(`${title}: ${body}`);
      },
    },
    shell: { openExternal: async (url: string) => void rec.opened.push(url) },
  };
});

let dataDir: string;
const win = () => rec.windows[0];
const invoke = (name: string, args: unknown, sender = win().webContents, frame: unknown = win().webContents.mainFrame) =>
  rec.ipc.get(CHANNEL_PREFIX + name)!({ sender, senderFrame: frame }, args) as Promise<{ ok: boolean; result?: any; error?: any }>; // eslint-disable-line @typescript-eslint/no-explicit-any

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'cw-electron-'));
  process.env.CRAWLWRIGHT_DATA_DIR = dataDir;
  await import('../../../electron/main.js');
  await rec.windowCreated;
});

afterAll(async () => {
  // Quitting closes the services (demo site, engine) before the real quit.
  let prevented = false;
  rec.appHandlers.get('before-quit')?.({ preventDefault: () => (prevented = true) });
  expect(prevented).toBe(true);
  await vi.waitFor(() => expect(rec.quit).toBe(1), { timeout: 10_000 });
  delete process.env.CRAWLWRIGHT_DATA_DIR;
  await rm(dataDir, { recursive: true, force: true });
});

describe('electron/main.ts', () => {
  it('creates a sandboxed, isolated window with the preload and loads app://crawlwright/', () => {
    expect(rec.sandboxEnabled).toBe(true);
    const prefs = win().opts.webPreferences;
    expect(prefs).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true, webviewTag: false });
    expect(prefs.preload).toMatch(/dist[\\/]preload[\\/]preload\.js$|preload[\\/]preload\.js$/);
    expect(win().loaded).toEqual(['app://crawlwright/index.html']);
    expect(rec.schemes).toEqual([expect.objectContaining({ scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) })]);
  });

  it('registers one IPC handler per contract call, prefixed cw:', () => {
    expect([...rec.ipc.keys()].sort()).toEqual(callNames.map((n) => CHANNEL_PREFIX + n).sort());
  });

  it('a page holds its recovery window id until it navigates away (a reload frees it for the new page)', async () => {
    const wc = win().webContents;
    expect(await invoke('recovery.save', { windowId: 'welectron', text: 'work', path: null })).toMatchObject({ ok: true });
    // An in-page navigation (same document) is the same page: still its id.
    wc.emit('did-start-navigation', { isMainFrame: true, isSameDocument: true });
    expect(await invoke('recovery.load', { windowId: 'welectron' })).toMatchObject({ ok: true, result: { idTaken: false, offer: { windowId: 'welectron' } } });
    // A reload: the old page is gone, the new one (same webContents) gets its own copy back.
    wc.emit('did-start-navigation', { isMainFrame: true, isSameDocument: false });
    expect(await invoke('recovery.load', { windowId: 'welectron' })).toMatchObject({ ok: true, result: { idTaken: false, offer: { text: 'work' } } });
    expect(await invoke('recovery.clear', { windowId: 'welectron' })).toMatchObject({ ok: true });
  });

  it('answers our window’s main frame and refuses other senders and frames', async () => {
    const info = await invoke('app.info', {});
    expect(info).toMatchObject({ ok: true, result: { mode: 'electron', version: expect.any(String) } });
    expect(info.result.demoUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);

    const otherContents = { mainFrame: {} };
    expect((await invoke('app.info', {}, otherContents)).error.code).toBe('forbidden');
    const subFrame = { parent: win().webContents.mainFrame, processId: 1, routingId: 2, url: 'app://crawlwright/index.html' };
    expect((await invoke('app.info', {}, undefined, subFrame)).error.code).toBe('forbidden');
    const navigatedAway = { parent: null, processId: 1, routingId: 1, url: 'https://evil.example/' };
    expect((await invoke('app.info', {}, undefined, navigatedAway)).error.code).toBe('forbidden');
    expect((await invoke('app.info', {}, undefined, null)).error.code).toBe('forbidden');
  });

  it('validates IPC arguments like every transport', async () => {
    const r = await invoke('flow.open', { path: 3 });
    expect(r).toMatchObject({ ok: false, error: { code: 'bad_args' } });
  });

  it('implements the native dialogs (electronOnly calls)', async () => {
    expect(await invoke('dialog.open', {})).toEqual({ ok: true, result: { path: '/home/u/picked.flow.json' } });
    expect(await invoke('dialog.save', { suggestedName: 'x.json' })).toEqual({ ok: true, result: { path: null } });
  });

  it('forwards events to the window on cw-event', async () => {
    const before = win().sent.length;
    // Menu clicks go through the same bus.
    const file = rec.menu.find((m: { label?: string }) => m.label === 'File');
    file.submenu.find((i: { label?: string }) => i.label === 'Save').click();
    expect(win().sent.slice(before)).toEqual([[EVENT_CHANNEL, 'app.menu', { command: 'save' }]]);
  });

  it('has the File/Edit/View/Help menu with the documented commands', () => {
    const labels = rec.menu.map((m: { label?: string; role?: string }) => m.label ?? m.role);
    expect(labels).toEqual(expect.arrayContaining(['File', 'Edit', 'View', 'Help']));
    const file = rec.menu.find((m: { label?: string }) => m.label === 'File').submenu.map((i: { label?: string }) => i.label);
    expect(file).toEqual(expect.arrayContaining(['New', 'Open…', 'Open Recent', 'Save', 'Save As…', 'Export…']));
    const edit = rec.menu.find((m: { label?: string }) => m.label === 'Edit').submenu;
    expect(edit.map((i: { label?: string; role?: string }) => i.label ?? i.role)).toEqual(
      expect.arrayContaining(['Undo', 'Redo', 'cut', 'copy', 'paste']),
    );
  });

  it('updates Open Recent after a save, and its items send openRecent with the path', async () => {
    const path = join(dataDir, 'saved.flow.json');
    expect(await invoke('flow.save', { path, text: '{}' })).toEqual({ ok: true, result: { path, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) } });
    await vi.waitFor(() => {
      const recent = rec.menu.find((m: { label?: string }) => m.label === 'File').submenu.find((i: { label?: string }) => i.label === 'Open Recent');
      expect(recent.submenu[0].label).toBe(path);
    });
    const before = win().sent.length;
    rec.menu.find((m: { label?: string }) => m.label === 'File').submenu.find((i: { label?: string }) => i.label === 'Open Recent').submenu[0].click();
    expect(win().sent.slice(before)).toEqual([[EVENT_CHANNEL, 'app.menu', { command: 'openRecent', path }]]);
  });

  it('denies permissions, navigation, redirects, webviews and new windows', () => {
    let granted: boolean | undefined;
    rec.permissionRequest!({}, 'media', (g: boolean) => (granted = g));
    expect(granted).toBe(false);
    expect(rec.permissionCheck!({}, 'clipboard-read')).toBe(false);

    const handlers = new Map<string, Fn>();
    let openHandler: Fn | undefined;
    rec.appHandlers.get('web-contents-created')!({}, {
      on: (evt: string, fn: Fn) => handlers.set(evt, fn),
      setWindowOpenHandler: (fn: Fn) => (openHandler = fn),
    });
    for (const evt of ['will-navigate', 'will-redirect', 'will-attach-webview']) {
      let prevented = false;
      handlers.get(evt)!({ preventDefault: () => (prevented = true) });
      expect(prevented, evt).toBe(true);
    }
    expect(openHandler!({ url: 'https://example.com/' })).toEqual({ action: 'deny' });
    expect(rec.opened).toEqual([]);
    // An option's Crawl4AI docs link goes to the system browser, still no window; look-alikes go nowhere.
    for (const url of ['https://docs.crawl4ai.com/advanced/session-management/', 'https://docs.crawl4ai.com.evil.test/core/page-interaction/', 'http://docs.crawl4ai.com/core/page-interaction/', 'https://docs.crawl4ai.com/core/page-interaction/../../x', 'file:///etc/passwd']) {
      expect(openHandler!({ url })).toEqual({ action: 'deny' });
    }
    expect(rec.opened).toEqual(['https://docs.crawl4ai.com/advanced/session-management/']);
  });

  it('adds the CSP to every response of the session', () => {
    let out: any; // eslint-disable-line @typescript-eslint/no-explicit-any
    rec.headersReceived!({ responseHeaders: { 'X-A': ['1'] } }, (r: unknown) => (out = r));
    expect(out.responseHeaders).toEqual({ 'X-A': ['1'], 'Content-Security-Policy': [CSP] });
  });

  it.runIf(existsSync(join(rendererDir, 'index.html')))('serves dist/renderer on app:// with the CSP, nothing outside it', async () => {
    const handle = rec.protocolHandlers.get('app')!;
    const index = (await handle({ url: 'app://crawlwright/' })) as Response;
    expect(index.status).toBe(200);
    expect(index.headers.get('content-security-policy')).toBe(CSP);
    expect(index.headers.get('content-type')).toContain('text/html');
    expect(await index.text()).toBe(await readFile(join(rendererDir, 'index.html'), 'utf8'));
    expect(((await handle({ url: 'app://crawlwright/..%2f..%2fpackage.json' })) as Response).status).toBe(404);
    expect(((await handle({ url: 'app://other/index.html' })) as Response).status).toBe(404);
    expect(((await handle({ url: 'app://crawlwright/%E0%A4%A' })) as Response).status).toBe(400);
  });
});
