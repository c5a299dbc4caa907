// Sends preview input with at most one preview.input call in flight. While one is in flight, new
// events are batched: mouse moves collapse to the latest, wheel deltas add up, everything else
// keeps its order. So a fast pointer never queues work behind a slow page.
import type { InputEvent } from '../../../shared/api/domains/preview.js';

export class InputSender {
  private pending: InputEvent[] = [];
  private inFlight = false;

  constructor(private readonly sendBatch: (events: InputEvent[]) => Promise<unknown>, private readonly onError?: (e: unknown) => void) {}

  push(ev: InputEvent): void {
    const last = this.pending[this.pending.length - 1];
    if (last && ev.type === 'mouse' && ev.action === 'move' && last.type === 'mouse' && last.action === 'move') this.pending[this.pending.length - 1] = ev;
    else if (last && ev.type === 'wheel' && last.type === 'wheel') this.pending[this.pending.length - 1] = { ...ev, deltaX: last.deltaX + ev.deltaX, deltaY: last.deltaY + ev.deltaY };
    else this.pending.push(ev);
    void this.flush();
  }

  private async flush(): Promise<void> {
    if (this.inFlight || !this.pending.length) return;
    const batch = this.pending.splice(0, 200);
    this.inFlight = true;
    try {
      await this.sendBatch(batch);
    } catch (e) {
      this.onError?.(e);
    } finally {
      this.inFlight = false;
      void this.flush();
    }
  }
}

const SPECIAL: Record<string, string> = { ' ': 'Space' };
const MOD_KEYS = new Set(['Shift', 'Control', 'Alt', 'Meta', 'CapsLock', 'Fn']);

/** A DOM KeyboardEvent → Playwright key combo for keyboard.press ("Control+a", "Enter"), or null for bare modifiers. */
export function keyCombo(e: { key: string; ctrlKey: boolean; altKey: boolean; metaKey: boolean; shiftKey: boolean }): string | null {
  if (MOD_KEYS.has(e.key) || e.key === 'Unidentified' || e.key === 'Dead') return null;
  const key = SPECIAL[e.key] ?? e.key;
  const mods: string[] = [];
  if (e.ctrlKey) mods.push('Control');
  if (e.altKey) mods.push('Alt');
  if (e.metaKey) mods.push('Meta');
  // Shift is already in the character for printable keys ("A"); keep it for named keys (Shift+Tab).
  if (e.shiftKey && key.length > 1) mods.push('Shift');
  return [...mods, key].join('+');
}

export type Modifier = 'Alt' | 'Control' | 'Meta' | 'Shift';
export function modifiersOf(e: { ctrlKey: boolean; altKey: boolean; metaKey: boolean; shiftKey: boolean }): Modifier[] | undefined {
  const m: Modifier[] = [];
  if (e.altKey) m.push('Alt');
  if (e.ctrlKey) m.push('Control');
  if (e.metaKey) m.push('Meta');
  if (e.shiftKey) m.push('Shift');
  return m.length ? m : undefined;
}
