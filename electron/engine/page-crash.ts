// A page crash as one step sees it. Playwright reports a crash as the crash itself ("Target
// crashed", "Page crashed") or, when the step's operation lost the race with the crash event, as an
// aborted navigation (net::ERR_ABORTED) or a closed target. Those ambiguous errors wait briefly for
// the event, so the step says "the page crashed" instead of the symptom.
import type { Page } from 'playwright-core';
import { errorMessage } from './timeouts.js';

const CRASH = /Target crashed|Page crashed|Renderer process (crashed|gone)/i;
const AMBIGUOUS = /net::ERR_ABORTED|Target closed|Execution context was destroyed|frame (was|got) detached/i;
/** How long an ambiguous error waits for the crash event (it follows within a few ms when it comes). */
const GRACE_MS = 500;

export interface CrashWatch {
  crashed(): boolean;
  /** Whether `e` (a step's failure) was caused by the page crashing. */
  causedBy(e: unknown): Promise<boolean>;
  dispose(): void;
}

export function watchCrash(page: Page): CrashWatch {
  let crashed = false;
  let wake: () => void = () => undefined;
  const onCrash = () => {
    crashed = true;
    wake();
  };
  page.on('crash', onCrash);
  return {
    crashed: () => crashed,
    async causedBy(e) {
      if (crashed) return true;
      const msg = errorMessage(e);
      if (CRASH.test(msg)) return true;
      if (!AMBIGUOUS.test(msg) || page.isClosed()) return false;
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, GRACE_MS);
        wake = () => {
          clearTimeout(t);
          resolve();
        };
      });
      return crashed;
    },
    dispose: () => void page.off('crash', onCrash),
  };
}

export function pageCrashedMessage(phase: string, sessionId: string | undefined): string {
  const what = `the page crashed during ${phase} (its renderer process died: out of memory, a Chromium bug or a killed process)`;
  return sessionId
    ? `${what}; session "${sessionId}" is dead: re-create it (Sessions panel → Re-create, or session.create) or run a step that navigates`
    : what;
}
