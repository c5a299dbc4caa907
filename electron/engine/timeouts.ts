// Small promise helpers: nothing in the engine may wait forever on a browser that died.

export class TimeoutError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TimeoutError';
  }
}

/** Resolve/reject with `p`, or reject with TimeoutError after `ms`. */
export function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const t = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new TimeoutError(`${what} timed out after ${ms} ms`)), ms);
  });
  return Promise.race([p, t]).finally(() => clearTimeout(timer));
}

/** Best effort: run `p` for at most `ms`, swallow every error. */
export async function settle(p: Promise<unknown> | undefined, ms = 5000): Promise<void> {
  if (!p) return;
  try {
    await withTimeout(p, ms, 'cleanup');
  } catch {
    /* best effort */
  }
}

export const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    if (signal?.aborted) return resolve();
    const t = setTimeout(done, ms);
    function done() {
      clearTimeout(t);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });

export const errorMessage = (e: unknown): string => (e instanceof Error ? e.message : String(e));
export const firstLine = (e: unknown): string => errorMessage(e).split('\n')[0];
