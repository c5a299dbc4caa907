// Input forwarding: events from the preview canvas (already in page CSS pixels) replayed through
// Playwright's page.mouse / page.keyboard, strictly in order. Mouse moves are coalesced: while
// one batch runs, queued consecutive moves collapse into the latest, so a fast pointer never
// builds a backlog behind a slow page.
import type { Page } from 'playwright-core';
import type { InputEvent } from '../../shared/api/domains/preview.js';

type Job = { ev: InputEvent; done: Array<(err?: Error) => void> };

export class InputQueue {
  private queue: Job[] = [];
  private running = false;

  constructor(private readonly page: () => Page) {}

  /** Resolves when these events ran (a coalesced move resolves when the move replacing it ran). */
  send(events: InputEvent[]): Promise<void> {
    const waits: Promise<void>[] = [];
    for (const ev of events) {
      waits.push(
        new Promise<void>((resolve, reject) => {
          const done = (err?: Error) => (err ? reject(err) : resolve());
          const last = this.queue[this.queue.length - 1];
          if (last && isMove(last.ev) && isMove(ev)) {
            last.ev = ev;
            last.done.push(done);
          } else this.queue.push({ ev, done: [done] });
        }),
      );
    }
    void this.pump();
    return Promise.all(waits).then(() => undefined);
  }

  private async pump(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      while (this.queue.length) {
        const job = this.queue.shift()!;
        let err: Error | undefined;
        try {
          await dispatch(this.page(), job.ev);
        } catch (e) {
          err = e instanceof Error ? e : new Error(String(e));
        }
        for (const d of job.done) d(err);
      }
    } finally {
      this.running = false;
    }
  }
}

const isMove = (ev: InputEvent) => ev.type === 'mouse' && ev.action === 'move';

async function withModifiers(page: Page, mods: string[] | undefined, fn: () => Promise<void>): Promise<void> {
  for (const m of mods ?? []) await page.keyboard.down(m);
  try {
    await fn();
  } finally {
    for (const m of [...(mods ?? [])].reverse()) await page.keyboard.up(m);
  }
}

export async function dispatch(page: Page, ev: InputEvent): Promise<void> {
  switch (ev.type) {
    case 'mouse': {
      const button = ev.button ?? 'left';
      const { x, y } = ev;
      return withModifiers(page, ev.modifiers, async () => {
        if (ev.action === 'move') await page.mouse.move(x, y);
        else if (ev.action === 'down') {
          await page.mouse.move(x, y);
          await page.mouse.down({ button, clickCount: ev.clickCount ?? 1 });
        } else if (ev.action === 'up') {
          await page.mouse.move(x, y);
          await page.mouse.up({ button, clickCount: ev.clickCount ?? 1 });
        } else if (ev.action === 'click') await page.mouse.click(x, y, { button });
        else await page.mouse.dblclick(x, y, { button });
      });
    }
    case 'wheel':
      await page.mouse.move(ev.x, ev.y);
      await page.mouse.wheel(ev.deltaX, ev.deltaY);
      return;
    case 'key':
      // Playwright knows US-layout keys only; a single other character (é, €) is typed as text.
      if (ev.action === 'press' && [...ev.key].length === 1 && !/^[\x20-\x7e]$/.test(ev.key)) return page.keyboard.insertText(ev.key);
      if (ev.action === 'down') await page.keyboard.down(ev.key);
      else if (ev.action === 'up') await page.keyboard.up(ev.key);
      else await page.keyboard.press(ev.key);
      return;
    case 'text':
      await page.keyboard.insertText(ev.text);
      return;
  }
}
