// Lazy entry to Monaco: the editor core (several MB) is a separate chunk fetched the first time a
// code editor is shown, so the app's first paint does not wait for it.
type MonacoModule = typeof import('./setup.js');
export type Monaco = MonacoModule['monaco'];

let loading: Promise<Monaco> | null = null;
let loaded: Monaco | null = null;

export function loadMonaco(): Promise<Monaco> {
  loading ??= import('./setup.js').then((m) => (loaded = m.monaco));
  return loading;
}

/** Monaco if it is already loaded (synchronous fast path for re-mounts). */
export function monacoIfLoaded(): Monaco | null {
  return loaded;
}
