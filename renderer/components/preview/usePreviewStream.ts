// Attach the preview to a session and paint its screencast frames on a canvas: only the latest
// frame is decoded (frames arriving while one decodes replace each other), and each painted frame
// is acknowledged so the main process keeps at most two frames in flight.
import { useEffect, useRef, useState, type RefObject } from 'react';
import type { PreviewStatus } from '../../../shared/api/domains/preview.js';
import { api, onEvent } from '../../api/client.js';

export interface StreamInfo {
  url: string;
  title: string;
  /** Page viewport in CSS px (what the frame shows). */
  viewport: { width: number; height: number };
}

export interface StreamState {
  info: StreamInfo | null;
  error: string | null;
  /** Bumped on every navigation / page change, so dependants (highlight) can refresh. */
  navSeq: number;
  /**
   * Bumped when the page repainted (a frame arrived), at most every CONTENT_THROTTLE_MS: the page's
   * content may have changed without a navigation (client-side rendering, a run's js_code), so
   * live match counts re-check. Our own overlay is drawn outside the page, so it never triggers it.
   */
  contentSeq: number;
  status: PreviewStatus['state'] | null;
}

function base64ToBytes(b64: string): Uint8Array<ArrayBuffer> {
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

const CONTENT_THROTTLE_MS = 400;

export function usePreviewStream(sessionId: string | null, canvasRef: RefObject<HTMLCanvasElement | null>, retryKey: unknown): StreamState {
  const [state, setState] = useState<StreamState>({ info: null, error: null, navSeq: 0, contentSeq: 0, status: null });
  const viewportRef = useRef<{ width: number; height: number } | null>(null);

  useEffect(() => {
    if (!sessionId) {
      setState({ info: null, error: null, navSeq: 0, contentSeq: 0, status: null });
      return;
    }
    let disposed = false;
    let decoding = false;
    let latest: { data: string; seq?: number; viewportWidth?: number; viewportHeight?: number } | null = null;
    let painted = 0;
    let contentTimer: ReturnType<typeof setTimeout> | null = null;
    const contentChanged = () => {
      if (contentTimer || disposed) return;
      contentTimer = setTimeout(() => {
        contentTimer = null;
        if (!disposed) setState((s) => ({ ...s, contentSeq: s.contentSeq + 1 }));
      }, CONTENT_THROTTLE_MS);
    };

    const paintNext = async () => {
      if (decoding || !latest) return;
      const f = latest;
      latest = null;
      decoding = true;
      try {
        const bmp = await createImageBitmap(new Blob([base64ToBytes(f.data)], { type: 'image/jpeg' }));
        const canvas = canvasRef.current;
        if (canvas && !disposed) {
          if (canvas.width !== bmp.width || canvas.height !== bmp.height) {
            canvas.width = bmp.width;
            canvas.height = bmp.height;
          }
          canvas.getContext('2d')?.drawImage(bmp, 0, 0);
          canvas.dataset.frames = String(++painted);
          contentChanged();
          if (f.viewportWidth && f.viewportHeight) {
            const vp = viewportRef.current;
            if (!vp || vp.width !== f.viewportWidth || vp.height !== f.viewportHeight) {
              viewportRef.current = { width: f.viewportWidth, height: f.viewportHeight };
              setState((s) => (s.info ? { ...s, info: { ...s.info, viewport: viewportRef.current! } } : s));
            }
          }
        }
        bmp.close();
      } catch {
        /* a corrupt frame: skip it */
      } finally {
        decoding = false;
        if (f.seq !== undefined && !disposed) void api['preview.frameAck']({ sessionId, seq: f.seq }).catch(() => undefined);
        void paintNext();
      }
    };

    const offFrame = onEvent('preview.frame', (f) => {
      if (f.sessionId !== sessionId) return;
      latest = f;
      void paintNext();
    });
    const offStatus = onEvent('preview.status', (st) => {
      if (st.sessionId !== sessionId) return;
      setState((s) => ({
        ...s,
        status: st.state,
        navSeq: s.navSeq + 1,
        error: st.state === 'closed' || st.state === 'crashed' ? (st.message ?? `page ${st.state}`) : st.state === 'detached' ? s.error : null,
        info: s.info ? { ...s.info, url: st.url || s.info.url, ...(st.title ? { title: st.title } : {}), ...(st.viewport ? { viewport: st.viewport } : {}) } : s.info,
      }));
    });

    setState({ info: null, error: null, navSeq: 0, contentSeq: 0, status: null });
    // Attaching can fail while the session's page is being swapped (a run navigating it: "Not
    // attached to an active page"): try again a few times before showing the error.
    const ATTEMPTS = 4;
    const attach = async () => {
      for (let attempt = 1; !disposed; attempt++) {
        try {
          const r = await api['preview.attach']({ sessionId });
          if (disposed) return;
          viewportRef.current = { width: r.width, height: r.height };
          setState((s) => ({ ...s, info: { url: r.url, title: r.title, viewport: { width: r.width, height: r.height } }, error: null, status: 'attached' }));
          return;
        } catch (e) {
          // A failed attach still counted us as a viewer: balance it before the next try.
          await api['preview.detach']({ sessionId }).catch(() => undefined);
          if (disposed) return;
          if (attempt >= ATTEMPTS || /no live page|not found|unknown session/i.test((e as Error).message)) {
            setState((s) => ({ ...s, error: (e as Error).message }));
            return;
          }
          await new Promise((r) => setTimeout(r, 250 * 2 ** (attempt - 1)));
        }
      }
    };
    void attach();

    return () => {
      disposed = true;
      if (contentTimer) clearTimeout(contentTimer);
      offFrame();
      offStatus();
      void api['preview.detach']({ sessionId }).catch(() => undefined);
    };
  }, [sessionId, canvasRef, retryKey]);

  return state;
}
