// The page image (frame canvas) with the picker overlay on top, and the input bridge: when not
// picking, mouse/wheel/keyboard/paste go to the page (in page CSS pixels); when picking, the
// pointer hit-tests, a click picks, arrows walk parent/child/siblings and Esc cancels.
//
// Zoom: "fit" scales the page to the pane (never past 100%: a screencast frame enlarged is only
// blurrier); a fixed factor shows it at that size and the pane scrolls. Every pointer position is
// mapped through the canvas's box as drawn at that moment, so picking is exact at any scale.
import { useEffect, useLayoutEffect, useMemo, useRef, useState, type RefObject } from 'react';
import type { Box, InputEvent } from '../../../shared/api/domains/preview.js';
import { api } from '../../api/client.js';
import { useLayoutStore } from '../../store/layout.js';
import { displayScale, stepZoom } from './zoom.js';
import { InputSender, keyCombo, modifiersOf } from './input-sender.js';
import { isRecordShortcut } from '../../shortcuts.js';

export interface OverlayBoxes {
  hover?: Box | null;
  selected?: Box | null;
  matches?: Box[];
  items?: Box[];
  containers?: Box[];
}

interface Props {
  sessionId: string;
  canvasRef: RefObject<HTMLCanvasElement | null>;
  viewport: { width: number; height: number } | null;
  picking: boolean;
  overlay: OverlayBoxes;
  onHover(x: number, y: number): void;
  /** (x, y) in page px; (-1, -1) = Enter (pick the keyboard-selected element); shift = add as a second example. */
  onPick(x: number, y: number, shift: boolean): void;
  onNavigate(direction: 'parent' | 'child' | 'next' | 'prev'): void;
  onCancel(): void;
  onError(message: string): void;
  /** The page may have scrolled/changed layout (after wheel or keys): boxes need refreshing. */
  onLayoutMaybeChanged(): void;
  /** Pointer position over the viewport (window px), for the picker strip to get out of the way. */
  onPointer?(clientX: number, clientY: number): void;
  /** The scale the page is drawn at (for the zoom control's "Fit (NN%)"). */
  onScale?(scale: number): void;
}

const BUTTONS = ['left', 'middle', 'right'] as const;
export function PreviewViewport(p: Props) {
  const overlayRef = useRef<HTMLCanvasElement | null>(null);
  const wrapRef = useRef<HTMLDivElement | null>(null);
  const zoom = useLayoutStore((s) => s.previewZoom);
  const setLayout = useLayoutStore((s) => s.set);
  const sender = useMemo(
    () => new InputSender((events: InputEvent[]) => api['preview.input']({ sessionId: p.sessionId, events }), (e) => p.onError(String((e as Error).message ?? e))),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [p.sessionId],
  );
  const hoverPending = useRef<{ x: number; y: number } | null>(null);
  // The pane's size decides the fitted scale.
  const [pane, setPane] = useState({ width: 0, height: 0 });
  useEffect(() => {
    const el = wrapRef.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    const measure = () => setPane((old) => (old.width === el.clientWidth && old.height === el.clientHeight ? old : { width: el.clientWidth, height: el.clientHeight }));
    measure();
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    return () => ro.disconnect();
  }, []);
  const vp = p.viewport;
  const scale = vp ? displayScale(zoom, pane, vp) : 1;
  const stage = vp ? { width: Math.round(vp.width * scale), height: Math.round(vp.height * scale) } : null;
  const { onScale } = p;
  useEffect(() => onScale?.(scale), [scale, onScale]);

  // Ctrl+wheel zooms around the pointer: keep the page point under it where it was.
  const anchor = useRef<{ px: number; py: number; cx: number; cy: number } | null>(null);
  useLayoutEffect(() => {
    const a = anchor.current;
    const el = wrapRef.current;
    const c = p.canvasRef.current;
    anchor.current = null;
    if (!a || !el || !c || !vp) return;
    const r = c.getBoundingClientRect();
    const nowX = r.left + (a.px / vp.width) * r.width;
    const nowY = r.top + (a.py / vp.height) * r.height;
    el.scrollLeft += nowX - a.cx;
    el.scrollTop += nowY - a.cy;
  }, [scale, vp, p.canvasRef]);

  /** Canvas client coordinates → page CSS pixels. */
  const toPage = (clientX: number, clientY: number) => {
    const c = p.canvasRef.current;
    if (!c || !vp) return null;
    const r = c.getBoundingClientRect();
    if (!r.width || !r.height) return null;
    return { x: ((clientX - r.left) / r.width) * vp.width, y: ((clientY - r.top) / r.height) * vp.height };
  };

  // Overlay painting: boxes are page CSS px; the overlay canvas covers the frame canvas exactly.
  useEffect(() => {
    const o = overlayRef.current;
    if (!o || !stage || !vp) return;
    const dpr = window.devicePixelRatio || 1;
    o.width = Math.max(1, Math.round(stage.width * dpr));
    o.height = Math.max(1, Math.round(stage.height * dpr));
    const ctx = o.getContext('2d');
    if (!ctx) return;
    const s = (stage.width / vp.width) * dpr;
    ctx.clearRect(0, 0, o.width, o.height);
    const draw = (b: Box, fill: string, stroke: string, dash: number[] = []) => {
      ctx.setLineDash(dash);
      ctx.fillStyle = fill;
      ctx.strokeStyle = stroke;
      ctx.lineWidth = 1.5 * dpr;
      ctx.fillRect(b.x * s, b.y * s, b.width * s, b.height * s);
      ctx.strokeRect(b.x * s, b.y * s, b.width * s, b.height * s);
    };
    for (const b of p.overlay.containers ?? []) draw(b, 'rgba(0,0,0,0)', 'rgba(198,120,221,0.9)', [4 * dpr, 3 * dpr]);
    for (const b of p.overlay.items ?? []) draw(b, 'rgba(198,120,221,0.08)', 'rgba(198,120,221,0.8)', [5 * dpr, 3 * dpr]);
    for (const b of p.overlay.matches ?? []) draw(b, 'rgba(63,185,104,0.18)', 'rgba(63,185,104,0.95)');
    if (p.overlay.hover) draw(p.overlay.hover, 'rgba(76,141,246,0.22)', 'rgba(76,141,246,1)');
    if (p.overlay.selected) draw(p.overlay.selected, 'rgba(217,165,58,0.2)', 'rgba(217,165,58,1)');
  });

  const onMouseMove = (e: React.MouseEvent) => {
    p.onPointer?.(e.clientX, e.clientY);
    const pt = toPage(e.clientX, e.clientY);
    if (!pt) return;
    if (p.picking) {
      hoverPending.current = pt;
      requestAnimationFrame(() => {
        const h = hoverPending.current;
        hoverPending.current = null;
        if (h) p.onHover(h.x, h.y);
      });
      return;
    }
    sender.push({ type: 'mouse', action: 'move', x: pt.x, y: pt.y, modifiers: modifiersOf(e) });
  };
  const onMouseButton = (e: React.MouseEvent, action: 'down' | 'up') => {
    const pt = toPage(e.clientX, e.clientY);
    if (!pt) return;
    e.preventDefault();
    wrapRef.current?.focus({ preventScroll: true });
    if (p.picking) {
      if (action === 'up' && e.button === 0) p.onPick(pt.x, pt.y, e.shiftKey);
      return;
    }
    sender.push({ type: 'mouse', action, x: pt.x, y: pt.y, button: BUTTONS[e.button] ?? 'left', clickCount: Math.min(3, Math.max(1, e.detail || 1)), modifiers: modifiersOf(e) });
    if (action === 'up') p.onLayoutMaybeChanged();
  };

  // Entering pick mode focuses the page so arrows / Enter / Esc work at once.
  useEffect(() => {
    if (p.picking) wrapRef.current?.focus({ preventScroll: true });
  }, [p.picking]);

  // Wheel must be non-passive to stop the app from scrolling. Ctrl+wheel zooms the preview.
  useEffect(() => {
    const el = wrapRef.current;
    if (!el) return;
    const onWheel = (e: WheelEvent) => {
      e.preventDefault();
      const pt = toPage(e.clientX, e.clientY);
      if (!pt) return;
      if (e.ctrlKey || e.metaKey) {
        const next = stepZoom(scale, e.deltaY < 0 ? 1 : -1);
        if (next !== zoom) {
          anchor.current = { px: pt.x, py: pt.y, cx: e.clientX, cy: e.clientY };
          setLayout({ previewZoom: next });
        }
        return;
      }
      const k = e.deltaMode === 1 ? 16 : e.deltaMode === 2 ? 400 : 1;
      sender.push({ type: 'wheel', x: pt.x, y: pt.y, deltaX: e.deltaX * k, deltaY: e.deltaY * k });
      p.onLayoutMaybeChanged();
    };
    el.addEventListener('wheel', onWheel, { passive: false });
    return () => el.removeEventListener('wheel', onWheel);
  });

  const onKeyDown = (e: React.KeyboardEvent) => {
    if (p.picking) {
      const dir = ({ ArrowUp: 'parent', ArrowDown: 'child', ArrowRight: 'next', ArrowLeft: 'prev' } as const)[e.key as 'ArrowUp'];
      if (dir) p.onNavigate(dir);
      else if (e.key === 'Escape') p.onCancel();
      else if (e.key === 'Enter') p.onPick(-1, -1, e.shiftKey);
      e.preventDefault();
      return;
    }
    // App shortcuts (F-keys: run/help; Ctrl/Cmd+S/O/N/E: files, export) stay with the app; every
    // other key goes to the page only (Ctrl+Z undoes in the page's field, not the flow).
    if (/^F\d{1,2}$/.test(e.key) || ((e.ctrlKey || e.metaKey) && /^[sone]$/i.test(e.key)) || isRecordShortcut(e)) return;
    if (e.nativeEvent.isComposing || e.key === 'Process') return;
    // Characters outside the US layout (é, ß, €) have no key definition in Playwright: insert them as text.
    if (e.key.length === 1 && !e.ctrlKey && !e.metaKey && !e.altKey && !/^[\x20-\x7e]$/.test(e.key)) {
      e.preventDefault();
      e.stopPropagation();
      sender.push({ type: 'text', text: e.key });
      return;
    }
    const combo = keyCombo(e);
    if (!combo) return;
    e.preventDefault();
    e.stopPropagation();
    sender.push({ type: 'key', action: 'press', key: combo });
    p.onLayoutMaybeChanged();
  };
  const onPaste = (e: React.ClipboardEvent) => {
    if (p.picking) return;
    const text = e.clipboardData.getData('text/plain');
    if (text) {
      e.preventDefault();
      sender.push({ type: 'text', text });
    }
  };

  return (
    <div
      ref={wrapRef}
      className={`preview-viewport${p.picking ? ' picking' : ''}${zoom === 'fit' ? ' fit' : ''}`}
      tabIndex={0}
      role="application"
      aria-label="Live page preview (mouse and keyboard go to the page)"
      data-testid="preview-viewport"
      onMouseMove={onMouseMove}
      onMouseDown={(e) => onMouseButton(e, 'down')}
      onMouseUp={(e) => onMouseButton(e, 'up')}
      onContextMenu={(e) => e.preventDefault()}
      onKeyDown={onKeyDown}
      onPaste={onPaste}
    >
      <div className="preview-stage" data-testid="preview-stage" data-scale={scale.toFixed(4)} style={stage ? { width: stage.width, height: stage.height } : { visibility: 'hidden' }}>
        <canvas ref={p.canvasRef} className="preview-canvas" data-testid="preview-canvas" data-viewport-width={vp?.width} data-viewport-height={vp?.height} />
        <canvas ref={overlayRef} className="preview-overlay" aria-hidden="true" />
      </div>
    </div>
  );
}
