// Toolbar of the preview: session choice, back/forward/reload, URL bar, viewport presets, pick
// toggle and "open headed".
import { useEffect, useState } from 'react';
import type { SessionInfo } from '../../../shared/api/domains/session.js';
import { api } from '../../api/client.js';
import { sessionColor } from '../../store/sessions.js';
import { CrosshairIcon, ExternalWindowIcon } from '../icons.js';

export const VIEWPORT_PRESETS = [
  { label: 'Desktop 1280×800', width: 1280, height: 800 },
  { label: 'Crawl4AI default 1080×600', width: 1080, height: 600 },
  { label: 'Laptop 1440×900', width: 1440, height: 900 },
  { label: 'Full HD 1920×1080', width: 1920, height: 1080 },
  { label: 'Tablet 768×1024', width: 768, height: 1024 },
  { label: 'Phone 390×844', width: 390, height: 844 },
];

interface Props {
  sessionId: string | null;
  sessions: SessionInfo[];
  onSession(id: string | null): void;
  url: string;
  viewport: { width: number; height: number } | null;
  picking: boolean;
  onTogglePick(): void;
  onError(message: string): void;
}

export function PreviewToolbar(p: Props) {
  const [url, setUrl] = useState(p.url);
  const [editing, setEditing] = useState(false);
  useEffect(() => {
    if (!editing) setUrl(p.url);
  }, [p.url, editing]);
  const sid = p.sessionId;
  const run = (f: () => Promise<unknown>) => void f().catch((e: Error) => p.onError(e.message));
  const vpValue = p.viewport ? `${p.viewport.width}x${p.viewport.height}` : '';
  const ids = new Set(p.sessions.map((s) => s.id));
  if (sid) ids.add(sid);

  return (
    <div className="preview-toolbar" role="toolbar" aria-label="Preview">
      <select aria-label="Session" value={sid ?? ''} onChange={(e) => p.onSession(e.target.value || null)} style={sid ? { borderLeft: `3px solid ${sessionColor(sid)}` } : undefined}>
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
        <input aria-label="Page URL" data-testid="preview-url" value={url} disabled={!sid} onFocus={() => setEditing(true)} onBlur={() => setEditing(false)} onChange={(e) => setUrl(e.target.value)} spellCheck={false} />
      </form>
      <select
        aria-label="Viewport size"
        value={VIEWPORT_PRESETS.some((v) => `${v.width}x${v.height}` === vpValue) ? vpValue : ''}
        disabled={!sid}
        onChange={(e) => {
          const [w, h] = e.target.value.split('x').map(Number);
          if (sid && w && h) run(() => api['preview.setViewport']({ sessionId: sid, width: w, height: h }));
        }}
      >
        <option value="">{p.viewport ? `${p.viewport.width}×${p.viewport.height}` : 'Viewport'}</option>
        {VIEWPORT_PRESETS.map((v) => (
          <option key={v.label} value={`${v.width}x${v.height}`}>{v.label}</option>
        ))}
      </select>
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
