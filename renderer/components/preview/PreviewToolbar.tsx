// Toolbar of the preview: session choice, back/forward/reload, URL bar, viewport presets, zoom,
// pick toggle and "open headed".
import { useEffect, useRef, useState } from 'react';
import type { SessionInfo } from '../../../shared/api/domains/session.js';
import { api } from '../../api/client.js';
import { sessionColor } from '../../store/sessions.js';
import { useLayoutStore, ZOOM_LEVELS, type PreviewZoom } from '../../store/layout.js';
import { CrosshairIcon, ExternalWindowIcon } from '../icons.js';
import { useRecorderStore } from '../../store/recorder.js';

/** Size first, so a narrow select still shows it. */
export const VIEWPORT_PRESETS = [
  { label: '1080×600 · Crawl4AI default', width: 1080, height: 600 },
  { label: '1280×800 · Desktop', width: 1280, height: 800 },
  { label: '1440×900 · Laptop', width: 1440, height: 900 },
  { label: '1920×1080 · Full HD', width: 1920, height: 1080 },
  { label: '768×1024 · Tablet', width: 768, height: 1024 },
  { label: '390×844 · Phone', width: 390, height: 844 },
];

interface Props {
  sessionId: string | null;
  sessions: SessionInfo[];
  onSession(id: string | null): void;
  url: string;
  viewport: { width: number; height: number } | null;
  /** Scale the page is drawn at now (shown as "Fit (NN%)"). */
  scale: number;
  picking: boolean;
  onTogglePick(): void;
  onError(message: string): void;
}

export function PreviewToolbar(p: Props) {
  const [url, setUrl] = useState(p.url);
  const [editing, setEditing] = useState(false);
  const selectOnClick = useRef(false);
  useEffect(() => {
    if (!editing) setUrl(p.url);
  }, [p.url, editing]);
  const sid = p.sessionId;
  const run = (f: () => Promise<unknown>) => void f().catch((e: Error) => p.onError(e.message));
  const vpValue = p.viewport ? `${p.viewport.width}x${p.viewport.height}` : '';
  const isPreset = VIEWPORT_PRESETS.some((v) => `${v.width}x${v.height}` === vpValue);
  const ids = new Set(p.sessions.map((s) => s.id));
  if (sid) ids.add(sid);

  return (
    <div className="preview-toolbar" role="toolbar" aria-label="Preview">
      <select className="session-select" aria-label="Session" value={sid ?? ''} onChange={(e) => p.onSession(e.target.value || null)} style={sid ? { borderLeft: `3px solid ${sessionColor(sid)}` } : undefined}>
        {!sid && <option value="">No session</option>}
        {[...ids].map((id) => {
          const s = p.sessions.find((x) => x.id === id);
          return (
            <option key={id} value={id}>
              {id}
              {s && !s.alive ? ' (dead)' : !s ? ' (not open)' : ''}
            </option>
          );
        })}
      </select>
      <button type="button" aria-label="Back" title="Back" disabled={!sid} onClick={() => sid && run(() => api['preview.history']({ sessionId: sid, action: 'back' }))}>←</button>
      <button type="button" aria-label="Forward" title="Forward" disabled={!sid} onClick={() => sid && run(() => api['preview.history']({ sessionId: sid, action: 'forward' }))}>→</button>
      <button type="button" aria-label="Reload" title="Reload" disabled={!sid} onClick={() => sid && run(() => api['preview.history']({ sessionId: sid, action: 'reload' }))}>⟳</button>
      <form
        className="preview-url"
        onSubmit={(e) => {
          e.preventDefault();
          setEditing(false);
          if (sid && url.trim()) run(() => api['preview.navigate']({ sessionId: sid, url }));
        }}
      >
        <input
          aria-label="Page URL"
          data-testid="preview-url"
          value={url}
          disabled={!sid}
          onFocus={(e) => {
            setEditing(true);
            // As in a browser's address bar: the first click selects the whole URL, to type over it.
            e.currentTarget.select();
            selectOnClick.current = true;
          }}
          onMouseUp={(e) => {
            if (selectOnClick.current) e.preventDefault();
            selectOnClick.current = false;
          }}
          onBlur={() => {
            setEditing(false);
            selectOnClick.current = false;
          }}
          onChange={(e) => setUrl(e.target.value)}
          spellCheck={false}
        />
      </form>
      <select
        className="viewport-select"
        aria-label="Viewport size"
        value={isPreset ? vpValue : ''}
        disabled={!sid}
        onChange={(e) => {
          const [w, h] = e.target.value.split('x').map(Number);
          if (sid && w && h) run(() => api['preview.setViewport']({ sessionId: sid, width: w, height: h }));
        }}
      >
        {/* Only a size that is not a preset gets its own entry (one entry per size). */}
        {!isPreset && <option value="">{p.viewport ? `${p.viewport.width}×${p.viewport.height} · custom` : 'Viewport'}</option>}
        {VIEWPORT_PRESETS.map((v) => (
          <option key={v.label} value={`${v.width}x${v.height}`}>{v.label}</option>
        ))}
      </select>
      <ZoomSelect scale={p.scale} disabled={!sid} />
      <RecordButton sessionId={sid} />
      <button type="button" className={p.picking ? 'active' : ''} aria-pressed={p.picking} disabled={!sid} onClick={p.onTogglePick} title="Pick an element (Esc cancels)" data-testid="pick-toggle">
        <CrosshairIcon /> Pick
      </button>
      <button
        type="button"
        disabled={!sid}
        title="Open this session in a visible browser window (a copy of its cookies/storage)"
        aria-label="Open headed"
        onClick={() => sid && run(async () => p.onError((await api['preview.openHeaded']({ sessionId: sid })).note))}
      >
        <ExternalWindowIcon />
      </button>
    </div>
  );
}

function ZoomSelect({ scale, disabled }: { scale: number; disabled: boolean }) {
  const zoom = useLayoutStore((s) => s.previewZoom);
  const setLayout = useLayoutStore((s) => s.set);
  return (
    <select
      className="zoom-select"
      aria-label="Zoom"
      title="Page zoom in the preview (Ctrl+wheel over the page)"
      data-testid="preview-zoom"
      value={String(zoom)}
      disabled={disabled}
      onChange={(e) => setLayout({ previewZoom: (e.target.value === 'fit' ? 'fit' : Number(e.target.value)) as PreviewZoom })}
    >
      {ZOOM_LEVELS.map((z) => (
        <option key={String(z)} value={String(z)}>
          {z === 'fit' ? `Fit (${Math.round(scale * 100)}%)` : `${Math.round(z * 100)}%`}
        </option>
      ))}
    </select>
  );
}

/** Record / stop (Ctrl+Alt+R). Without a session it opens one ("main") to record on. */
function RecordButton({ sessionId }: { sessionId: string | null }) {
  const recording = useRecorderStore((s) => s.sessionId);
  const starting = useRecorderStore((s) => s.starting);
  const on = !!recording && !starting;
  return (
    <button
      type="button"
      className={`record-toggle${on ? ' active recording' : ''}`}
      aria-pressed={on}
      disabled={starting}
      data-state={starting ? 'starting' : on ? 'on' : 'off'}
      data-testid="record-toggle"
      title={on ? 'Stop recording (Ctrl+Alt+R)' : 'Record what you do in the page as steps (Ctrl+Alt+R)'}
      onClick={() => void useRecorderStore.getState().toggle(sessionId)}
    >
      <span className="record-dot" aria-hidden="true">{on ? '■' : '●'}</span> {on ? 'Stop' : 'Record'}
    </button>
  );
}
