// Recovery offer after a crash, transient notices, and the connection-lost banner.
import { useEffect, useState } from 'react';
import { useFilesStore } from '../../store/files.js';
import { onTransportClosed, onTransportReopened } from '../../api/client.js';

export function RecoveryBanner() {
  const recovery = useFilesStore((s) => s.recovery);
  if (!recovery) return null;
  const when = new Date(recovery.savedAt).toLocaleString();
  return (
    <div className="banner info" role="alert" data-testid="recovery-banner">
      <span>
        Unsaved work from <b>{when}</b>
        {recovery.path ? (
          <>
            {' '}
            (<span className="mono">{recovery.path}</span>)
          </>
        ) : null}{' '}
        was found. Restore it?
      </span>
      <span className="grow" />
      <button className="primary" data-testid="recovery-restore" onClick={() => void useFilesStore.getState().restoreRecovery()}>
        Restore
      </button>
      <button data-testid="recovery-discard" onClick={() => void useFilesStore.getState().discardRecovery()}>
        Discard
      </button>
    </div>
  );
}

export function NoticeBar() {
  const notice = useFilesStore((s) => s.notice);
  const [hidden, setHidden] = useState<number | null>(null);
  useEffect(() => {
    if (!notice || notice.level === 'error') return;
    const t = setTimeout(() => setHidden(notice.at), 4000);
    return () => clearTimeout(t);
  }, [notice]);
  if (!notice || hidden === notice.at) return null;
  return (
    <div className={`notice ${notice.level}`} role={notice.level === 'error' ? 'alert' : 'status'} data-testid="notice">
      {notice.message}
      <button className="ghost icon" aria-label="Dismiss" onClick={() => setHidden(notice.at)}>
        ×
      </button>
    </div>
  );
}

export function ConnectionBanner() {
  const [lost, setLost] = useState(false);
  useEffect(() => onTransportClosed(() => setLost(true)), []);
  useEffect(() => onTransportReopened(() => setLost(false)), []);
  if (!lost) return null;
  return (
    <div className="banner err" role="alert" data-testid="connection-lost">
      Connection to the Crawlwright server was lost. It reconnects on the next action; your edits are kept in this window.
      <span className="grow" />
      <button onClick={() => setLost(false)}>Dismiss</button>
    </div>
  );
}
