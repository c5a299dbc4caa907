// A debounce with a maximum wait, for saves: `run` goes `delayMs` after the last change, but at the
// latest `maxWaitMs` after the first unsaved one (fast typing still saves every maxWaitMs, not on
// every key). Runs never overlap: a change during a run schedules another one after it.
/** Autosave (store/files.ts): this soon after a change, at the latest this long after the first unsaved one. */
export const AUTOSAVE_DEBOUNCE_MS = 300;
export const AUTOSAVE_MAX_WAIT_MS = 2000;

export interface DebouncedRun {
  /** Something changed: run soon. */
  schedule(): void;
  /** Run now (after a run in progress), e.g. before the page goes away. */
  flush(): Promise<void>;
}

export interface Clock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const realClock: Clock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

export function debounceWithMaxWait(run: () => Promise<void>, delayMs: number, maxWaitMs: number, clock: Clock = realClock): DebouncedRun {
  let timer: unknown = null;
  let firstChangeAt: number | null = null;
  let running: Promise<void> | null = null;
  let changedWhileRunning = false;

  function schedule(): void {
    if (running) {
      changedWhileRunning = true;
      return;
    }
    const now = clock.now();
    firstChangeAt ??= now;
    if (timer !== null) clock.clearTimeout(timer);
    timer = clock.setTimeout(() => void fire(), Math.max(0, Math.min(delayMs, firstChangeAt + maxWaitMs - now)));
  }

  async function fire(): Promise<void> {
    if (timer !== null) clock.clearTimeout(timer);
    timer = null;
    firstChangeAt = null;
    changedWhileRunning = false;
    running = run().catch(() => undefined);
    try {
      await running;
    } finally {
      running = null;
    }
    if (changedWhileRunning) schedule();
  }

  return {
    schedule,
    async flush() {
      while (running) await running;
      await fire();
    },
  };
}
