// "Recent" dropdown: flow.recent paths, most recent first.
import { useEffect, useRef, useState } from 'react';
import { useFilesStore } from '../../store/files.js';

export function RecentMenu() {
  const recent = useFilesStore((s) => s.recent);
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!open) return;
    void useFilesStore.getState().refreshRecent();
    const close = (e: MouseEvent) => !root.current?.contains(e.target as Node) && setOpen(false);
    window.addEventListener('mousedown', close);
    return () => window.removeEventListener('mousedown', close);
  }, [open]);
  return (
    <div className="menu-root" ref={root}>
      <button className="ghost" data-testid="file-recent" aria-haspopup="menu" aria-expanded={open} onClick={() => setOpen(!open)}>
        Recent ▾
      </button>
      {open && (
        <div className="menu" role="menu" onKeyDown={(e) => e.key === 'Escape' && setOpen(false)}>
          {recent.length === 0 && <div className="menu-empty dim">No recent files</div>}
          {recent.map((p) => (
            <button key={p} role="menuitem" className="menu-item" title={p} onClick={() => {
              setOpen(false);
              void useFilesStore.getState().openPath(p);
            }}>
              <span className="menu-item-label">{p.split(/[\\/]/).pop()}</span>
              <span className="menu-item-desc mono">{p}</span>
            </button>
          ))}
        </div>
      )}
    </div>
  );
}
