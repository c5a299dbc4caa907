// Preload bridge for the sandboxed renderer. With `sandbox: true` a preload may require only
// 'electron', so this file imports nothing else (the channel prefix and event channel are
// repeated here and checked against shared/api/contract.ts by a unit test). It is compiled to
// CommonJS on its own (tsconfig.preload.json), because sandboxed preloads cannot be ES modules.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';

const CHANNEL_PREFIX = 'cw:';
const EVENT_CHANNEL = 'cw-event';
const CALL_NAME = /^[a-z]+(\.[A-Za-z]+)+$/;

type Listener = (event: string, payload: unknown) => void;

const bridge = {
  /** Invoke a contract call: `invoke('flow.open', { path })` → `{ ok, result | error }`. */
  invoke(channel: string, args: unknown): Promise<unknown> {
    // Only contract-shaped names, always under our prefix: the page cannot reach other IPC.
    if (typeof channel !== 'string' || !CALL_NAME.test(channel)) {
      return Promise.resolve({ ok: false, error: { code: 'bad_args', message: `unknown call ${JSON.stringify(channel)}` } });
    }
    return ipcRenderer.invoke(CHANNEL_PREFIX + channel, args);
  },
  /** Subscribe to push events; returns the unsubscribe function. */
  onEvent(listener: Listener): () => void {
    if (typeof listener !== 'function') throw new TypeError('onEvent expects a function');
    // Never hand the IpcRendererEvent (which exposes `sender`) to the page.
    const wrapped = (_e: IpcRendererEvent, event: string, payload: unknown) => listener(event, payload);
    ipcRenderer.on(EVENT_CHANNEL, wrapped);
    return () => {
      ipcRenderer.removeListener(EVENT_CHANNEL, wrapped);
    };
  },
};

contextBridge.exposeInMainWorld('crawlwright', bridge);
