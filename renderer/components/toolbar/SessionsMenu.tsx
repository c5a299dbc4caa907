// Live browser sessions (Crawl4AI's session_id pages): colour, url, shared context, and kill —
// the equivalent of crawler_strategy.kill_session(). Fed by session.changed.
import { useEffect, useRef, useState } from 'react';
import { api } from '../../api/client.js';
import { sessionColor, useSessionsStore } from '../../store/sessions.js';
import { useFilesStore } from '../../store/files.js';

export function SessionsMenu() {
  const sessions = useSessionsStore((s) => s.sessions);
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  const alive = sessions.filter((s) => s.alive).length;
  useEffect(() => {
    if (!open) return;
    void useSessionsStore.getState().refresh();
    const close = (e: MouseEvent) => !root.current?.contains(e.target as Node) && setOpen(false);
    window.addEventListener('mousedown', close);
    return () => window.removeEventListener('mousedown', close);
  }, [open]);
  const fail = (e: unknown) => useFilesStore.getState().notify('error', e instanceof Error ? e.message : String(e));
  return (
    <div className="menu-root" ref={root}>
      <button className="ghost" data-testid="sessions-menu" aria-haspopup="menu" aria-expanded={open} onClick={() => setOpen(!open)} title="Live browser sessions">
        Sessions <span className={`badge${alive ? ' ok' : ''}`}>{alive}</span>
      </button>
      {open && (
        <div className="menu sessions-menu" role="menu" onKeyDown={(e) => e.key === 'Escape' && setOpen(false)} data-testid="sessions-list">
          {sessions.length === 0 && <div className="menu-empty dim">No sessions yet: a step with a session_id opens one when it runs.</div>}
          {sessions.map((s) => (
            <div key={s.id} className="session-item" data-testid="session-item" data-session-id={s.id} data-alive={s.alive}>
              <span className="session-dot" style={{ background: sessionColor(s.id) }} />
              <div className="grow session-item-main">
                <div className="mono">
                  {s.id} <span className={s.alive ? 'ok' : 'dim'}>{s.alive ? '● live' : `✗ ${s.deadReason ?? 'closed'}`}</span>
                </div>
                <div className="dim ellipsis" title={s.url}>
                  {s.title || s.url || 'about:blank'}
                </div>
                {s.sharedWith.length > 0 && <div className="dim">shares cookies with {s.sharedWith.join(', ')}</div>}
              </div>
              <button className="ghost danger" role="menuitem" onClick={() => void api['session.kill']({ id: s.id }).catch(fail)}>
                Kill
              </button>
            </div>
          ))}
          {sessions.length > 0 && (
            <div className="row session-foot">
              <span className="grow" />
              <button className="danger" role="menuitem" data-testid="sessions-kill-all" onClick={() => void api['session.killAll']({}).catch(fail)}>
                Kill all
              </button>
            </div>
          )}
        </div>
      )}
    </div>
  );
}
