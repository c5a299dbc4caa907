// The typed API client used by every component and store. `api['run.start']({...})` is typed from
// the contract in shared/api; the transport is picked once at startup.
import { callNames, type Api, type EventName, type EventPayload } from '../../shared/api/contract.js';
import { electronTransport, webSocketTransport, type Transport } from './transport.js';

function pickTransport(): Transport {
  if (typeof window !== 'undefined' && window.crawlwright) return electronTransport(window.crawlwright);
  // The server answered the ?token= page with an HttpOnly cookie, which authenticates everything
  // after it (assets, the WebSocket, a reload): the token leaves the address bar and history at
  // once, and this script never stores it.
  const url = new URL(location.href);
  if (url.searchParams.has('token')) {
    url.searchParams.delete('token');
    history.replaceState(history.state, '', url.pathname + url.search + url.hash);
  }
  const proto = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return webSocketTransport(`${proto}//${location.host}/ws`);
}

export const transport: Transport = pickTransport();

export const api: Api = Object.fromEntries(
  callNames.map((name) => [name, (args: unknown) => transport.invoke(name, args ?? {})]),
) as Api;

type Listener<E extends EventName> = (payload: EventPayload<E>) => void;
const listeners = new Map<string, Set<(payload: unknown) => void>>();
transport.subscribe((event, payload) => {
  for (const l of listeners.get(event) ?? []) l(payload);
});

/** Subscribe to a push event from the main process; returns the unsubscribe function. */
export function onEvent<E extends EventName>(name: E, listener: Listener<E>): () => void {
  let set = listeners.get(name);
  if (!set) listeners.set(name, (set = new Set()));
  set.add(listener as (payload: unknown) => void);
  return () => set!.delete(listener as (payload: unknown) => void);
}

function onTransportSignal(name: 'transport.closed' | 'transport.reopened', listener: () => void): () => void {
  let set = listeners.get(name);
  if (!set) listeners.set(name, (set = new Set()));
  set.add(listener);
  return () => set!.delete(listener);
}

/** For the "connection lost" banner in web mode. */
export const onTransportClosed = (listener: () => void) => onTransportSignal('transport.closed', listener);

/** After the socket opened again (events in between are lost: catch up). */
export const onTransportReopened = (listener: () => void) => onTransportSignal('transport.reopened', listener);
