// The autosave timing (renderer/store/debounce.ts) on a manual clock: a change is saved 300 ms
// after the last one, fast typing saves at most every 2 s (not per key), and runs never overlap.
import { describe, expect, it } from 'vitest';
import { AUTOSAVE_DEBOUNCE_MS, AUTOSAVE_MAX_WAIT_MS, debounceWithMaxWait, type Clock } from '../../../renderer/store/debounce.js';

function manualClock() {
  let now = 0;
  let seq = 0;
  const timers = new Map<number, { at: number; fn: () => void }>();
  const clock: Clock = {
    now: () => now,
    setTimeout: (fn, ms) => {
      timers.set(++seq, { at: now + ms, fn });
      return seq;
    },
    clearTimeout: (h) => void timers.delete(h as number),
  };
  /** Advance to `t`, firing due timers in order (and letting their promises settle). */
  async function advanceTo(t: number) {
    for (let i = 0; i < 10; i++) await Promise.resolve(); // let finished runs settle first
    for (;;) {
      const due = [...timers.entries()].filter(([, x]) => x.at <= t).sort((a, b) => a[1].at - b[1].at)[0];
      if (!due) break;
      timers.delete(due[0]);
      now = due[1].at;
      due[1].fn();
      for (let i = 0; i < 10; i++) await Promise.resolve();
    }
    now = t;
  }
  return { clock, advanceTo };
}

describe('autosave debounce', () => {
  it('saves 300 ms after the last change, with a 2 s maximum wait', () => {
    expect([AUTOSAVE_DEBOUNCE_MS, AUTOSAVE_MAX_WAIT_MS]).toEqual([300, 2000]);
  });

  it('one change: saved once, 300 ms later', async () => {
    const { clock, advanceTo } = manualClock();
    const runs: number[] = [];
    const d = debounceWithMaxWait(async () => void runs.push(clock.now()), 300, 2000, clock);
    d.schedule();
    await advanceTo(299);
    expect(runs).toEqual([]);
    await advanceTo(1000);
    expect(runs).toEqual([300]);
  });

  it('typing every 100 ms for 5 s saves every 2 s, then once 300 ms after the last key', async () => {
    const { clock, advanceTo } = manualClock();
    const runs: number[] = [];
    const d = debounceWithMaxWait(async () => void runs.push(clock.now()), 300, 2000, clock);
    for (let t = 0; t <= 5000; t += 100) {
      await advanceTo(t);
      d.schedule();
    }
    await advanceTo(10_000);
    expect(runs).toEqual([2000, 4000, 5300]);
  });

  it('a change during a slow save is saved after it, never in parallel; flush runs at once', async () => {
    const { clock, advanceTo } = manualClock();
    let active = 0;
    let maxActive = 0;
    let release: () => void = () => undefined;
    const runs: number[] = [];
    const d = debounceWithMaxWait(
      async () => {
        active++;
        maxActive = Math.max(maxActive, active);
        runs.push(clock.now());
        await new Promise<void>((r) => (release = r));
        active--;
      },
      300,
      2000,
      clock,
    );
    d.schedule();
    await advanceTo(300); // first save starts and hangs
    d.schedule();
    await advanceTo(2000);
    expect(runs).toEqual([300]);
    release();
    await advanceTo(2000);
    await advanceTo(2300);
    expect(runs).toEqual([300, 2300]);
    release();
    const flushed = d.flush();
    for (let i = 0; i < 10; i++) await Promise.resolve();
    expect(runs).toEqual([300, 2300, 2300]);
    release();
    await flushed;
    expect(maxActive).toBe(1);
  });
});
