// CDP screencast of one page with renderer flow control: CDP frames are acknowledged at once (so
// Chromium keeps producing), but at most MAX_IN_FLIGHT frames are sent ahead of the renderer's
// last preview.frameAck; newer frames replace the one waiting (latest wins, nothing queues up).
import type { CDPSession } from 'playwright-core';

export const MAX_IN_FLIGHT = 2;

/** A CDP call to a crashed/closing target may never answer: wait at most `ms`, never throw. */
export function settleWithin(p: Promise<unknown>, ms = 1000): Promise<void> {
  return new Promise((resolve) => {
    const t = setTimeout(resolve, ms);
    p.then(
      () => (clearTimeout(t), resolve()),
      () => (clearTimeout(t), resolve()),
    );
  });
}
/** A renderer that stops acknowledging (reloaded, old client) is not waited for longer than this. */
const ACK_STALL_MS = 1000;

export interface Frame {
  data: string;
  width: number;
  height: number;
  viewportWidth: number;
  viewportHeight: number;
  seq: number;
  ts: number;
}

interface ScreencastFrameEvent {
  data: string;
  sessionId: number;
  metadata: { deviceWidth: number; deviceHeight: number; timestamp?: number };
}

/** Pixel size from a JPEG's SOF marker (no decoding). */
export function jpegSize(buf: Uint8Array): { width: number; height: number } | null {
  let i = 2;
  while (i + 9 < buf.length) {
    if (buf[i] !== 0xff) {
      i++;
      continue;
    }
    const marker = buf[i + 1];
    const len = (buf[i + 2] << 8) | buf[i + 3];
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      return { height: (buf[i + 5] << 8) | buf[i + 6], width: (buf[i + 7] << 8) | buf[i + 8] };
    }
    i += 2 + len;
  }
  return null;
}

export interface ScreencastOptions {
  maxWidth?: number;
  maxHeight?: number;
  quality?: number;
}

export class Screencast {
  private seq = 0;
  private acked = 0;
  private lastAckAt = Date.now();
  private waiting: Frame | null = null;
  private running = false;
  private readonly onFrameEvent = (e: ScreencastFrameEvent) => this.handle(e);
  /** Frames dropped because the renderer was behind (for diagnostics/bench). */
  dropped = 0;
  received = 0;

  constructor(
    private readonly cdp: CDPSession,
    private readonly send: (f: Frame) => void,
  ) {}

  async start(opts: ScreencastOptions = {}): Promise<void> {
    if (this.running) return;
    this.running = true;
    this.cdp.on('Page.screencastFrame', this.onFrameEvent);
    await this.cdp.send('Page.startScreencast', {
      format: 'jpeg',
      quality: opts.quality ?? 70,
      ...(opts.maxWidth ? { maxWidth: opts.maxWidth } : {}),
      ...(opts.maxHeight ? { maxHeight: opts.maxHeight } : {}),
      everyNthFrame: 1,
    });
  }

  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    this.cdp.off('Page.screencastFrame', this.onFrameEvent);
    this.waiting = null;
    await settleWithin(this.cdp.send('Page.stopScreencast'));
  }

  ack(seq: number): void {
    if (seq > this.acked) this.acked = seq;
    this.lastAckAt = Date.now();
    if (this.waiting && this.canSend()) {
      const f = this.waiting;
      this.waiting = null;
      this.emit(f);
    }
  }

  private canSend(): boolean {
    return this.seq - this.acked < MAX_IN_FLIGHT || Date.now() - this.lastAckAt > ACK_STALL_MS;
  }

  private emit(f: Frame): void {
    f.seq = ++this.seq;
    this.send(f);
  }

  private handle(e: ScreencastFrameEvent): void {
    // Ack first: Chromium sends the next frame only after the ack.
    this.cdp.send('Page.screencastFrameAck', { sessionId: e.sessionId }).catch(() => undefined);
    if (!this.running) return;
    this.received++;
    const size = jpegSize(Buffer.from(e.data.slice(0, 4096), 'base64'));
    const frame: Frame = {
      data: e.data,
      width: size?.width ?? Math.round(e.metadata.deviceWidth),
      height: size?.height ?? Math.round(e.metadata.deviceHeight),
      viewportWidth: e.metadata.deviceWidth,
      viewportHeight: e.metadata.deviceHeight,
      seq: 0,
      ts: Date.now(),
    };
    if (this.canSend()) this.emit(frame);
    else {
      if (this.waiting) this.dropped++;
      this.waiting = frame;
    }
  }
}
