// Electron shell. Security posture (Electron security checklist): sandboxed, context-isolated
// renderer without Node; the UI is served from a privileged custom scheme (app://crawlwright/)
// with a strict CSP instead of file:// (file:// pages have an opaque origin, which breaks Monaco's
// module workers and would let any local file be loaded); navigation, new windows, <webview> and
// permission requests are refused; IPC answers only our own window's main frame.
import { app, BrowserWindow, dialog, ipcMain, Menu, net, protocol, session, shell, type IpcMainInvokeEvent, type MenuItemConstructorOptions, type WebContents } from 'electron';
import { statSync } from 'node:fs';
import { dirname, extname, isAbsolute, join, normalize, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { CHANNEL_PREFIX, EVENT_CHANNEL, callNames, type Handlers } from '../shared/api/contract.js';
import { createServices, type AppServices } from './app.js';
import { createDispatcher, type Dispatch } from './api/dispatch.js';
import { createHandlers } from './api/handlers/index.js';
import { createRecentList } from './api/handlers/flow.js';
import { CONTENT_TYPES, CSP } from './api/server.js';
import { createCallClient, type CallClient, type CallCtx } from './api/services.js';
import { rendererDir } from './paths.js';
import { isCrawl4aiDocsUrl } from '../shared/crawl4ai/docs.js';

const SCHEME = 'app';
const APP_ORIGIN = `${SCHEME}://crawlwright`;
const APP_URL = `${APP_ORIGIN}/index.html`;
const here = dirname(fileURLToPath(import.meta.url));
const PRELOAD = join(here, '..', 'preload', 'preload.js');


// Must run before 'ready': a standard+secure scheme behaves like https (origin, fetch, workers).
// corsEnabled: Vite emits <script type="module" crossorigin> and module workers, which are CORS-mode
// requests; Chromium refuses those for schemes not registered as CORS-enabled. Only our own UI is
// ever loaded in this session, so nothing else can read app:// responses.
protocol.registerSchemesAsPrivileged([
  { scheme: SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true, codeCache: true } },
]);
app.enableSandbox();

let mainWindow: BrowserWindow | null = null;
let services: AppServices | null = null;

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** app://crawlwright/<path> → dist/renderer/<path>, with the CSP; nothing outside that folder. */
function serveRenderer(): void {
  protocol.handle(SCHEME, async (req) => {
    const url = new URL(req.url);
    let rel: string;
    try {
      rel = decodeURIComponent(url.pathname === '/' ? '/index.html' : url.pathname);
    } catch {
      return new Response('bad path', { status: 400 });
    }
    const file = normalize(join(rendererDir, rel));
    if (url.host !== 'crawlwright' || !file.startsWith(rendererDir + sep) || !isFile(file)) return new Response('not found', { status: 404 });
    const res = await net.fetch(pathToFileURL(file).toString());
    return new Response(res.body, {
      status: res.status,
      headers: {
        'Content-Type': CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream',
        'Content-Security-Policy': CSP,
        'X-Content-Type-Options': 'nosniff',
      },
    });
  });
}

function hardenSession(): void {
  const ses = session.defaultSession;
  ses.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  // Belt and braces: every response to the app gets the CSP, whatever produced it.
  ses.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CSP] } });
  });
}

// Applies to every web contents ever created (the window, devtools, anything unexpected).
app.on('web-contents-created', (_e, contents) => {
  contents.on('will-navigate', (event) => event.preventDefault());
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  // No window ever opens from page content. The one kind of outbound link the UI has, an option's
  // Crawl4AI docs page (shared/crawl4ai/docs.ts), goes to the system browser, and only urls from that list.
  contents.setWindowOpenHandler(({ url }) => {
    // Reviewed: only an exact url from the fixed list gets out, so this is no open redirect.
    if (isCrawl4aiDocsUrl(url)) void shell.openExternal(new URL(url).href); /* eng-disable OPEN_EXTERNAL_JS_CHECK */
    return { action: 'deny' };
  });
});

/** Only our window's main frame, showing our app, may call the API. */
function trustedSender(event: IpcMainInvokeEvent): boolean {
  const frame = event.senderFrame; // null when the frame has navigated away or been destroyed
  if (!mainWindow || mainWindow.isDestroyed() || !frame || event.sender !== mainWindow.webContents) return false;
  const main = mainWindow.webContents.mainFrame;
  const isMainFrame = frame.parent === null && frame.processId === main.processId && frame.routingId === main.routingId;
  return isMainFrame && frame.url.startsWith(`${APP_ORIGIN}/`);
}

function nativeDialogs(): Pick<Handlers<CallCtx>, 'dialog.open' | 'dialog.save'> {
  // Where the last dialog was confirmed, so the next one starts there rather than at home (bug 5).
  let lastDir: string | undefined;
  const startIn = (dir: string | undefined, name?: string) => {
    const d = dir && isAbsolute(dir) ? dir : lastDir;
    return d ? (name ? join(d, name) : d) : name;
  };
  const chosen = (path: string | null) => {
    if (path) lastDir = dirname(path);
    return { path };
  };
  const filters = [
    { name: 'Crawlwright flow', extensions: ['json'] },
    { name: 'All files', extensions: ['*'] },
  ];
  return {
    'dialog.open': async ({ kind, dir }) => {
      const rows = [
        { name: 'Input rows (CSV, JSONL)', extensions: ['csv', 'jsonl', 'ndjson'] },
        { name: 'All files', extensions: ['*'] },
      ];
      const common = { defaultPath: startIn(dir), properties: ['openFile' as const] };
      const opts = kind === 'rows' ? { ...common, title: 'Load input rows', filters: rows } : { ...common, title: 'Open flow', filters };
      const r = mainWindow ? await dialog.showOpenDialog(mainWindow, opts) : await dialog.showOpenDialog(opts);
      return chosen(r.canceled || r.filePaths.length === 0 ? null : r.filePaths[0]);
    },
    'dialog.save': async ({ suggestedName, dir }) => {
      const opts = { title: 'Save flow', filters, defaultPath: startIn(dir, suggestedName ?? 'flow.json') };
      const r = mainWindow ? await dialog.showSaveDialog(mainWindow, opts) : await dialog.showSaveDialog(opts);
      return chosen(r.canceled || !r.filePath ? null : r.filePath);
    },
  };
}

function sendMenu(command: string, path?: string): void {
  services?.emit('app.menu', path === undefined ? { command } : { command, path });
}

async function buildMenu(): Promise<void> {
  const recent = services ? await createRecentList(services.dataDir).list() : [];
  const isMac = process.platform === 'darwin';
  const cmd = (label: string, command: string, accelerator?: string): MenuItemConstructorOptions => ({
    label,
    accelerator,
    click: () => sendMenu(command),
  });
  const template: MenuItemConstructorOptions[] = [
    ...(isMac ? [{ role: 'appMenu' as const }] : []),
    {
      label: 'File',
      submenu: [
        cmd('New', 'new', 'CmdOrCtrl+N'),
        cmd('Open…', 'open', 'CmdOrCtrl+O'),
        {
          label: 'Open Recent',
          submenu: recent.length
            ? recent.map((p) => ({ label: p, click: () => sendMenu('openRecent', p) }))
            : [{ label: 'No recent flows', enabled: false }],
        },
        { type: 'separator' },
        cmd('Save', 'save', 'CmdOrCtrl+S'),
        cmd('Save As…', 'saveAs', 'Shift+CmdOrCtrl+S'),
        cmd('Export…', 'export', 'CmdOrCtrl+E'),
        { type: 'separator' },
        isMac ? { role: 'close' } : { role: 'quit' },
      ],
    },
    {
      label: 'Edit',
      submenu: [
        cmd('Undo', 'undo', 'CmdOrCtrl+Z'),
        cmd('Redo', 'redo', isMac ? 'Shift+CmdOrCtrl+Z' : 'CmdOrCtrl+Y'),
        { type: 'separator' },
        { role: 'cut' },
        { role: 'copy' },
        { role: 'paste' },
        { role: 'selectAll' },
      ],
    },
    {
      label: 'View',
      submenu: [
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
        ...(app.isPackaged ? [] : [{ type: 'separator' as const }, { role: 'toggleDevTools' as const }]),
      ],
    },
    {
      label: 'Help',
      submenu: [
        { label: 'Crawl4AI documentation', click: () => void shell.openExternal('https://docs.crawl4ai.com/') },
        { type: 'separator' },
        { role: 'about' },
      ],
    },
  ];
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}

// One CallClient per page: a reload or a crash ends it (as a reloaded browser tab's socket
// closes), so does destroying the window; the next call comes from a new page.
const pageClients = new WeakMap<WebContents, CallClient>();
function clientOf(wc: WebContents): CallClient {
  const known = pageClients.get(wc);
  if (known) return known;
  const client = createCallClient();
  pageClients.set(wc, client);
  const onNavigate = (details: { isMainFrame: boolean; isSameDocument: boolean }) => {
    if (details.isMainFrame && !details.isSameDocument) end();
  };
  const end = () => {
    if (pageClients.get(wc) === client) pageClients.delete(wc);
    if (!wc.isDestroyed()) {
      wc.off('did-start-navigation', onNavigate);
      wc.off('render-process-gone', end);
    }
    client.close();
  };
  wc.on('did-start-navigation', onNavigate);
  wc.on('render-process-gone', end);
  wc.once('destroyed', end);
  return client;
}

function registerIpc(dispatch: Dispatch): void {
  for (const name of callNames) {
    ipcMain.handle(CHANNEL_PREFIX + name, async (event, args: unknown) => {
      if (!trustedSender(event)) return { ok: false, error: { code: 'forbidden', message: 'IPC from an untrusted frame' } };
      const reply = await dispatch(name, args, { transport: 'electron', client: clientOf(event.sender) });
      // Saving/opening changes the recent list shown in File > Open Recent.
      if (reply.ok && (name === 'flow.save' || name === 'flow.open')) void buildMenu();
      return reply;
    });
  }
}

function createWindow(): BrowserWindow {
  const win = new BrowserWindow({
    width: 1440,
    height: 900,
    minWidth: 900,
    minHeight: 600,
    show: false,
    title: 'Crawlwright',
    backgroundColor: '#1e1e1e',
    webPreferences: {
      preload: PRELOAD,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      webviewTag: false,
      spellcheck: false,
      // Middle-click would otherwise open links in new windows (bypassing will-navigate).
      disableBlinkFeatures: 'Auxclick',
    },
  });
  win.once('ready-to-show', () => win.show());
  // A crashed or killed renderer is reloaded; the UI then offers its crash-recovery copy.
  win.webContents.on('render-process-gone', (_e, details) => {
    if (details.reason !== 'clean-exit' && !win.isDestroyed()) void win.loadURL(APP_URL);
  });
  // The renderer's beforeunload vetoes closing while the flow has unsaved changes; Electron would
  // then silently keep the window open, so ask the user (preventDefault = close anyway).
  win.webContents.on('will-prevent-unload', (event) => {
    const choice = dialog.showMessageBoxSync(win, {
      type: 'question',
      buttons: ['Close without saving', 'Cancel'],
      defaultId: 1,
      cancelId: 1,
      title: 'Unsaved changes',
      message: 'The flow has unsaved changes.',
      detail: 'A recovery copy is kept, but closing now discards the changes from the flow file.',
    });
    if (choice === 0) event.preventDefault();
  });
  win.on('closed', () => {
    if (mainWindow === win) mainWindow = null;
  });
  void win.loadURL(APP_URL);
  return win;
}

async function start(): Promise<void> {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  app.on('second-instance', () => {
    if (mainWindow) {
      if (mainWindow.isMinimized()) mainWindow.restore();
      mainWindow.focus();
    }
  });
  await app.whenReady();
  app.setAboutPanelOptions({ applicationName: 'Crawlwright', applicationVersion: app.getVersion() });
  hardenSession();
  serveRenderer();

  // Browser discovery (electron/engine/browser.ts) reads CRAWLWRIGHT_BROWSER itself.
  services = await createServices({ mode: 'electron' });
  const handlers: Handlers<CallCtx> = { ...createHandlers(services), ...nativeDialogs() };
  registerIpc(createDispatcher(handlers, services));
  services.bus.subscribe((event, payload) => {
    if (mainWindow && !mainWindow.isDestroyed()) mainWindow.webContents.send(EVENT_CHANNEL, event, payload);
  });
  await buildMenu();
  mainWindow = createWindow();

  app.on('activate', () => {
    if (!mainWindow) mainWindow = createWindow();
  });
}

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});

// Close the browser and the demo site before exiting (quit is deferred once for that).
let shuttingDown = false;
app.on('before-quit', (event) => {
  if (shuttingDown || !services) return;
  shuttingDown = true;
  event.preventDefault();
  void services.close().finally(() => app.quit());
});

start().catch((err: unknown) => {
  dialog.showErrorBox('Crawlwright could not start', err instanceof Error ? (err.stack ?? err.message) : String(err));
  app.exit(1);
});
