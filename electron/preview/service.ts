// The preview service: per session, one CDP channel to the session's live page carrying the
// screencast (screencast.ts), the picker's isolated world (picker-world.ts) and input
// (input.ts). It follows the session's page: re-created pages (engine onPageReplaced) and popups
// opened by it (a popup followed while a viewer watches is held open across step ends; the engine
// closes the others when a step ends); it stops cleanly when the page closes or crashes.
import type { CDPSession, Page } from 'playwright-core';
import { ApiError } from '../../shared/api/define.js';
import type { PreviewStatus } from '../../shared/api/domains/preview.js';
import type { Engine } from '../engine/engine.js';
import type { Emit } from '../api/services.js';
import { PickerWorld } from './picker-world.js';
import { Screencast, settleWithin, type ScreencastOptions } from './screencast.js';
import { InputQueue } from './input.js';
import { closeHeaded } from './navigation.js';
import { Recorder } from './recorder.js';

/** Where pages come from: the engine's sessions (tests may pass their own). */
export interface PageSource {
  page(sessionId: string): Page | undefined;
  /** Called with the new page when the session's page is re-created. Returns an unsubscribe. */
  onPageReplaced?(sessionId: string, cb: (page: Page) => void): () => void;
  /** Masks secret values a run put into the session's page (its URL in preview.status). */
  mask?(sessionId: string, text: string): string;
  /** Keep a popup open across step ends while a viewer watches it (engine: sessions.holdPopup). */
  holdPopup?(sessionId: string, page: Page): () => void;
  /** Keep a watched session from idle-expiring (engine: sessions.pin). Returns the release. */
  pin?(sessionId: string): () => void;
}

export function enginePageSource(engine: Engine): PageSource {
  return {
    page: (id) => {
      const s = engine.sessions.get(id);
      return s && s.alive ? s.page : undefined;
    },
    onPageReplaced: (id, cb) => engine.sessions.onPageReplaced(id, cb),
    mask: (id, text) => engine.sessions.masker(id).text(text),
    holdPopup: (id, page) => engine.sessions.holdPopup(id, page),
    pin: (id) => engine.sessions.pin(id),
  };
}

class Channel {
  readonly world: PickerWorld;
  screencast: Screencast | null = null;
  disposed = false;
  /** Removes the page listeners installed for this channel. */
  offPage: () => void = () => undefined;
  private constructor(
    readonly page: Page,
    readonly cdp: CDPSession,
  ) {
    this.world = new PickerWorld(cdp);
  }
  static async open(page: Page): Promise<Channel> {
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Page.enable');
    return new Channel(page, cdp);
  }
  async dispose(): Promise<void> {
    this.disposed = true;
    this.offPage();
    await this.screencast?.stop();
    this.screencast = null;
    await settleWithin(this.cdp.detach());
  }
}

interface Entry {
  sessionId: string;
  /** The session's own page. */
  sessionPage: Page;
  /** A popup opened by the session page that the preview follows while it is open. */
  popup: Page | null;
  /** Releases the engine's hold on `popup` (held while a viewer watches it, so step ends keep it). */
  popupHold: (() => void) | null;
  /** Releases the session's pin: a session someone watches is not idle (the TTL timer skips it). */
  unpin: (() => void) | null;
  channel: Promise<Channel>;
  streaming: ScreencastOptions | null;
  /** attach() calls minus detach() calls: the stream stops when the last viewer detaches. */
  viewers: number;
  /** Serializes screencast start/stop so concurrent attach/detach cannot interleave. */
  op: Promise<unknown>;
  input: InputQueue;
  cleanup: Array<() => void>;
}

export class PreviewService {
  private readonly entries = new Map<string, Entry>();
  /** Active recordings, per session (recorder.ts). */
  private readonly recorders = new Map<string, Recorder>();
  readonly source: PageSource;

  constructor(
    readonly engine: Engine,
    readonly emit: Emit,
    opts: { source?: PageSource } = {},
  ) {
    this.source = opts.source ?? enginePageSource(engine);
  }

  /** The page currently previewed for a session (popup if one is open). */
  currentPage(sessionId: string): Page {
    const e = this.entries.get(sessionId);
    if (e?.popup && !e.popup.isClosed()) return e.popup;
    const p = this.source.page(sessionId);
    if (!p || p.isClosed()) throw new ApiError('not_found', `Session "${sessionId}" has no live page. Run a step with session_id "${sessionId}" (or create the session) first.`);
    return p;
  }

  /** The channel of a session, (re)bound to its current page. */
  async channel(sessionId: string): Promise<Channel> {
    const page = this.currentPage(sessionId);
    let e = this.entries.get(sessionId);
    if (!e) {
      e = this.createEntry(sessionId, page);
      this.entries.set(sessionId, e);
    } else {
      const cur = await e.channel.catch(() => null);
      if (!cur || cur.disposed || cur.page !== page) await this.rebind(e, page, 'page-replaced');
    }
    return e.channel;
  }

  private createEntry(sessionId: string, page: Page): Entry {
    const e: Entry = {
      sessionId,
      sessionPage: page,
      popup: null,
      popupHold: null,
      unpin: null,
      channel: Promise.resolve(null as unknown as Channel),
      streaming: null,
      viewers: 0,
      op: Promise.resolve(),
      input: new InputQueue(() => this.currentPage(sessionId)),
      cleanup: [],
    };
    e.channel = this.openChannel(e, page);
    const unsub = this.source.onPageReplaced?.(sessionId, (p) => {
      e.sessionPage = p;
      this.follow(e, null);
      void this.rebind(e, p, 'page-replaced').catch(() => undefined);
    });
    if (unsub) e.cleanup.push(unsub);
    return e;
  }

  private async openChannel(e: Entry, page: Page): Promise<Channel> {
    const ch = await Channel.open(page);
    const onNav = (f: { parentFrame(): unknown; url(): string }) => {
      if (!f.parentFrame()) this.status(e, 'navigated', page);
    };
    const onClose = () => {
      if (e.popup === page) {
        this.follow(e, null);
        const back = this.source.page(e.sessionId);
        if (back) void this.rebind(e, back, 'page-replaced').catch(() => undefined);
        return;
      }
      // Keep the entry: the engine may re-create the session's page (onPageReplaced → rebind).
      this.status(e, 'closed', page, 'The session page was closed.');
      void ch.dispose();
    };
    const onCrash = () => {
      this.status(e, 'crashed', page, 'The session page crashed.');
      void ch.dispose();
    };
    const onPopup = (p: Page) => {
      this.follow(e, p);
      void this.rebind(e, p, 'page-replaced').catch(() => undefined);
    };
    page.on('framenavigated', onNav);
    page.on('close', onClose);
    page.on('crash', onCrash);
    page.on('popup', onPopup);
    ch.offPage = () => {
      page.off('framenavigated', onNav);
      page.off('close', onClose);
      page.off('crash', onCrash);
      page.off('popup', onPopup);
    };
    if (e.streaming) await this.startScreencast(e, ch, e.streaming);
    return ch;
  }

  /** Set the popup the entry follows; a watched popup is held open across step ends. */
  private follow(e: Entry, popup: Page | null): void {
    e.popupHold?.();
    e.popupHold = null;
    e.popup = popup;
    this.holdIfWatched(e);
  }

  private holdIfWatched(e: Entry): void {
    if (e.popup && !e.popupHold && e.viewers > 0) e.popupHold = this.source.holdPopup?.(e.sessionId, e.popup) ?? null;
  }

  /** Switch the entry to `page`. e.channel is replaced synchronously, so concurrent callers chain instead of racing. */
  private rebind(e: Entry, page: Page, state: PreviewStatus['state']): Promise<void> {
    const rec = this.recorders.get(e.sessionId);
    if (rec) {
      // The recording belongs to the page it started on (a popup or a re-created page is another one).
      this.recorders.delete(e.sessionId);
      void rec.stop().finally(() => this.emit('recorder.event', { type: 'state', sessionId: e.sessionId, recordingId: rec.id, recording: false, message: 'The session switched to another page (popup or re-created page): recording stopped.' }));
    }
    const prev = e.channel;
    const next = (async () => {
      const old = await prev.catch(() => null);
      if (old && !old.disposed && old.page === page) return old;
      await old?.dispose();
      const ch = await this.openChannel(e, page);
      this.status(e, state, page);
      return ch;
    })();
    e.channel = next;
    return next.then(() => undefined);
  }

  private async dropEntry(e: Entry): Promise<void> {
    if (this.entries.get(e.sessionId) !== e) return;
    this.entries.delete(e.sessionId);
    e.popupHold?.();
    e.popupHold = null;
    e.unpin?.();
    e.unpin = null;
    for (const c of e.cleanup) c();
    const ch = await e.channel.catch(() => null);
    await ch?.dispose();
  }

  private status(e: Entry, state: PreviewStatus['state'], page: Page, message?: string): void {
    let url = '';
    try {
      url = page.url();
    } catch {
      /* closed */
    }
    const vp = page.isClosed() ? null : page.viewportSize();
    // The URL may carry a secret a run put there (the page itself is the user's live view).
    this.emit('preview.status', { sessionId: e.sessionId, state, url: this.source.mask?.(e.sessionId, url) ?? url, ...(vp ? { viewport: vp } : {}), ...(message ? { message } : {}) });
  }

  private async startScreencast(e: Entry, ch: Channel, opts: ScreencastOptions): Promise<void> {
    const old = ch.screencast;
    ch.screencast = null;
    await old?.stop();
    const sc = new Screencast(ch.cdp, (f) => this.emit('preview.frame', { sessionId: e.sessionId, ...f }));
    ch.screencast = sc;
    await sc.start(opts);
  }

  private serial<T>(e: Entry, fn: () => Promise<T>): Promise<T> {
    const p = e.op.then(fn, fn);
    e.op = p.catch(() => undefined);
    return p;
  }

  // ---- calls

  async attach(sessionId: string, opts: ScreencastOptions): Promise<{ width: number; height: number; url: string; title: string }> {
    const ch = await this.channel(sessionId);
    const e = this.entries.get(sessionId)!;
    e.viewers++;
    e.unpin ??= this.source.pin?.(sessionId) ?? null;
    this.holdIfWatched(e);
    // (Re)start even when already streaming: Chromium sends a first frame on start, which a new
    // viewer needs on a static page.
    await this.serial(e, async () => {
      e.streaming = opts;
      await this.startScreencast(e, ch, opts);
    });
    const vp = ch.page.viewportSize() ?? (await ch.page.evaluate(() => ({ width: innerWidth, height: innerHeight })));
    const title = await ch.page.title().catch(() => '');
    this.status(e, 'attached', ch.page);
    return { width: vp.width, height: vp.height, url: ch.page.url(), title };
  }

  async detach(sessionId: string): Promise<void> {
    const e = this.entries.get(sessionId);
    if (!e) return;
    e.viewers = Math.max(0, e.viewers - 1);
    if (e.viewers > 0) return; // another window still watches
    e.popupHold?.(); // nobody watches the popup any more: the next step end may close it
    e.popupHold = null;
    e.unpin?.(); // nor the session: its idle clock starts now
    e.unpin = null;
    const ch = await e.channel.catch(() => null);
    await this.serial(e, async () => {
      if (e.viewers > 0) return;
      e.streaming = null;
      const sc = ch?.screencast;
      if (ch) ch.screencast = null;
      await sc?.stop();
    });
    this.status(e, 'detached', ch?.page ?? e.sessionPage);
  }

  frameAck(sessionId: string, seq: number): void {
    void this.entries
      .get(sessionId)
      ?.channel.then((ch) => ch.screencast?.ack(seq))
      .catch(() => undefined);
  }

  /** Screencast counters (bench, diagnostics). */
  async stats(sessionId: string): Promise<{ received: number; dropped: number } | null> {
    const ch = await this.entries.get(sessionId)?.channel.catch(() => null);
    return ch?.screencast ? { received: ch.screencast.received, dropped: ch.screencast.dropped } : null;
  }

  async input(sessionId: string, events: Parameters<InputQueue['send']>[0]): Promise<void> {
    await this.channel(sessionId);
    await this.entries.get(sessionId)!.input.send(events);
  }

  /** Start recording the session's preview into steps (recorder.event). Recording twice is harmless. */
  async startRecording(sessionId: string, opts: { openFirst: boolean; recordingId?: string; demoUrl?: string }): Promise<{ url: string; recordingId: string }> {
    const running = this.recorders.get(sessionId);
    if (running) return { url: this.currentPage(sessionId).url(), recordingId: running.id };
    const ch = await this.channel(sessionId);
    const rec = new Recorder(ch, { sessionId, ...opts }, this.emit);
    this.recorders.set(sessionId, rec);
    try {
      return await rec.start();
    } catch (err) {
      this.recorders.delete(sessionId);
      await rec.stop().catch(() => undefined);
      throw err;
    }
  }

  async stopRecording(sessionId: string): Promise<void> {
    const rec = this.recorders.get(sessionId);
    this.recorders.delete(sessionId);
    await rec?.stop();
  }

  async close(): Promise<void> {
    for (const id of [...this.recorders.keys()]) await this.stopRecording(id).catch(() => undefined);
    for (const e of [...this.entries.values()]) await this.dropEntry(e);
    await closeHeaded();
  }
}
