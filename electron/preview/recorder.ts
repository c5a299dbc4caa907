// Recording the live preview into steps. The page side (shared/selectors/record.ts) runs in its own
// isolated world, installed on every new document of the session page with
// Page.addScriptToEvaluateOnNewDocument; it reports through a CDP binding that exists only in that
// world (Runtime.addBinding with executionContextName), so the page's scripts can neither call it
// nor see it. Here, in Node, messages and page loads go through one queue into the pure
// RecordingBuilder (shared/flow/recording.ts), and every new or changed step draft goes out as a
// recorder.event, with a small thumbnail once the step is complete. No page code ever runs in Node:
// messages are parsed as JSON and only their fields are read.
import { randomBytes } from 'node:crypto';
import type { CDPSession, Page } from 'playwright-core';
import { ActionSchema } from '../../shared/flow/schema.js';
import { RecordingBuilder, type StepDraft } from '../../shared/flow/recording.js';
import type { Emit } from '../api/services.js';
import type { PickerWorld } from './picker-world.js';
import { recorderScript } from './picker-script.js';

export interface RecorderChannel {
  page: Page;
  cdp: CDPSession;
  world: PickerWorld;
}

export interface RecorderOptions {
  sessionId: string;
  openFirst: boolean;
  /** Tags this recording's events (default: a random id). */
  recordingId?: string;
  /** The built-in demo site's base URL: its pages are written as {{demo_url}}/… */
  demoUrl?: string;
}

type PageMessage =
  | { kind: 'action'; id: number; action: unknown; label?: unknown; url?: unknown; keys?: unknown; secret?: unknown }
  | { kind: 'change'; id: number; watch: unknown; count?: unknown }
  | { kind: 'hello'; url?: unknown; keys?: unknown };

const THUMB_SCALE = 0.25;
/** After a page load, how long to let it render before choosing its landmark. */
const LANDMARK_SETTLE_MS = 150;

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string').slice(0, 3000) : []);

export class Recorder {
  private readonly token = randomBytes(6).toString('hex');
  private readonly binding = `__cwrec_${this.token}`;
  private readonly worldName = `__crawlwright_recorder_${this.token}`;
  private readonly flushEvent = `__cwrec_flush_${this.token}`;
  readonly id: string;
  private scriptId: string | null = null;
  private builder: RecordingBuilder | null = null;
  /** Landmark keys of the document the user acted in last (what the next page's landmark must not be). */
  private keys: string[] = [];
  private queue: Promise<unknown> = Promise.resolve();
  private stopped = false;
  private readonly off: Array<() => void> = [];

  constructor(
    private readonly ch: RecorderChannel,
    private readonly opts: RecorderOptions,
    private readonly emit: Emit,
  ) {
    this.id = opts.recordingId ?? this.token;
  }

  private templateUrl = (u: string): string => {
    const d = this.opts.demoUrl;
    return d && (u === d || u.startsWith(d + '/') || u.startsWith(d + '?')) ? '{{demo_url}}' + u.slice(d.length) : u;
  };

  private serial(fn: () => Promise<void> | void): void {
    this.queue = this.queue.then(fn).catch((e: Error) => this.state(true, `recorder: ${e.message}`));
  }

  private state(recording: boolean, message?: string): void {
    this.emit('recorder.event', { type: 'state', sessionId: this.opts.sessionId, recordingId: this.id, recording, ...(message ? { message } : {}) });
  }

  private async thumbnail(): Promise<string | undefined> {
    const vp = this.ch.page.viewportSize();
    if (!vp) return undefined;
    try {
      const shot = (await this.ch.cdp.send('Page.captureScreenshot', { format: 'jpeg', quality: 55, clip: { x: 0, y: 0, width: vp.width, height: vp.height, scale: THUMB_SCALE } })) as { data: string };
      return `data:image/jpeg;base64,${shot.data}`;
    } catch {
      return undefined; // the page is navigating or gone: no thumbnail, the step stays
    }
  }

  private async send(d: StepDraft | null): Promise<void> {
    if (!d) return;
    const thumbnail = d.closed ? await this.thumbnail() : undefined;
    this.emit('recorder.event', { type: 'step', sessionId: this.opts.sessionId, recordingId: this.id, seq: d.seq, step: structuredClone(d.step), closed: d.closed, secrets: [...d.secrets], ...(thumbnail ? { thumbnail } : {}) });
  }

  private async landmark(before: string[]): Promise<string | null> {
    return this.ch.world.call<string | null>('landmark', before).catch(() => null);
  }

  async start(): Promise<{ url: string; recordingId: string }> {
    const { cdp, page } = this.ch;
    await cdp.send('Runtime.enable');
    await cdp.send('Runtime.addBinding', { name: this.binding, executionContextName: this.worldName });
    const onBinding = (e: { name: string; payload: string }) => {
      if (e.name !== this.binding || this.stopped) return;
      let m: PageMessage;
      try {
        m = JSON.parse(e.payload) as PageMessage;
      } catch {
        return;
      }
      this.serial(() => this.onMessage(m));
    };
    const onNavigated = (e: { frame: { parentId?: string; url: string } }) => {
      if (e.frame.parentId || this.stopped) return;
      const url = e.frame.url;
      this.serial(() => this.onNavigated(url));
    };
    cdp.on('Runtime.bindingCalled', onBinding);
    cdp.on('Page.frameNavigated', onNavigated);
    this.off.push(() => cdp.off('Runtime.bindingCalled', onBinding), () => cdp.off('Page.frameNavigated', onNavigated));
    this.keys = await this.ch.world.call<string[]>('landmarkKeys').catch(() => []);
    const url = page.url();
    this.builder = new RecordingBuilder({
      sessionId: this.opts.sessionId,
      url,
      openFirst: this.opts.openFirst,
      landmark: this.opts.openFirst ? await this.landmark([]) : null,
      templateUrl: this.templateUrl,
    });
    const source = await recorderScript(this.binding, { demoHost: this.opts.demoUrl ? new URL(this.opts.demoUrl).host : null, flushEvent: this.flushEvent });
    const r = (await cdp.send('Page.addScriptToEvaluateOnNewDocument', { source, worldName: this.worldName, runImmediately: true })) as { identifier: string };
    this.scriptId = r.identifier;
    await this.send(this.builder.start());
    this.state(true);
    return { url, recordingId: this.id };
  }

  private async onMessage(m: PageMessage): Promise<void> {
    const b = this.builder;
    if (!b) return;
    if (m.kind === 'hello') return;
    if (m.kind === 'action') {
      const parsed = ActionSchema.safeParse(m.action);
      if (!parsed.success || typeof m.id !== 'number') return; // not what our page side sends: ignore
      this.keys = strings(m.keys);
      await this.send(
        b.action({ id: m.id, action: parsed.data, label: typeof m.label === 'string' ? m.label.slice(0, 60) : '', url: typeof m.url === 'string' ? m.url : this.ch.page.url(), ...(typeof m.secret === 'string' && /^[A-Z_][A-Z0-9_]*$/.test(m.secret) ? { secret: m.secret } : {}) }),
      );
      return;
    }
    if (m.kind === 'change' && typeof m.id === 'number') {
      await this.send(b.change(m.id, typeof m.watch === 'string' && m.watch ? m.watch : null));
    }
  }

  private async onNavigated(url: string): Promise<void> {
    const b = this.builder;
    if (!b) return;
    await this.ch.page.waitForLoadState('domcontentloaded', { timeout: 15_000 }).catch(() => undefined);
    await new Promise((r) => setTimeout(r, LANDMARK_SETTLE_MS));
    const landmark = await this.landmark(this.keys);
    for (const d of b.navigated(url, landmark)) await this.send(d);
    this.keys = await this.ch.world.call<string[]>('landmarkKeys').catch(() => this.keys);
  }

  async stop(): Promise<void> {
    if (this.stopped) return;
    // What was typed but not committed yet (no blur, no Enter) is still recorded.
    await this.ch.world.call('dispatch', this.flushEvent).catch(() => undefined);
    await new Promise((r) => setTimeout(r, 200));
    await this.queue;
    this.stopped = true;
    for (const f of this.off.splice(0)) f();
    await this.send(this.builder?.finish() ?? null);
    if (this.scriptId) await this.ch.cdp.send('Page.removeScriptToEvaluateOnNewDocument', { identifier: this.scriptId }).catch(() => undefined);
    // The binding stops reporting; the old world's listeners stay silent (a new recording has its own names).
    await this.ch.cdp.send('Runtime.removeBinding', { name: this.binding }).catch(() => undefined);
    this.state(false);
  }
}
