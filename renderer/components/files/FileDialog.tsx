// Web mode's Open / Save As dialog, browsing the server's file system with fs.list (the server is
// local and the files are the user's own). Electron uses native dialogs instead.
import { useEffect, useRef, useState } from 'react';
import { api } from '../../api/client.js';
import { useFilesStore } from '../../store/files.js';
import { useFlowStore } from '../../store/flow.js';
import { Modal } from '../layout/Modal.js';

interface Listing {
  dir: string;
  parent: string | null;
  entries: Array<{ name: string; dir: boolean }>;
}

const join = (dir: string, name: string) => (dir.endsWith('/') || dir.endsWith('\\') ? dir + name : `${dir}${dir.includes('\\') && !dir.includes('/') ? '\\' : '/'}${name}`);

export function FileDialog() {
  const dialog = useFilesStore((s) => s.dialog);
  const [listing, setListing] = useState<Listing | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [name, setName] = useState('');
  const [dirInput, setDirInput] = useState('');
  // Only the latest listing request may land (the initial one can resolve after a typed path).
  const seq = useRef(0);
  // A listing must not overwrite a folder the user typed after it was requested.
  const typedAt = useRef(0);

  async function list(dir?: string) {
    const mine = ++seq.current;
    const started = performance.now();
    try {
      const res = await api['fs.list']({ dir });
      if (mine !== seq.current || typedAt.current > started) return;
      setListing(res);
      setDirInput(res.dir);
      setError(null);
    } catch (e) {
      if (mine === seq.current) setError(e instanceof Error ? e.message : String(e));
    }
  }

  useEffect(() => {
    if (!dialog) return;
    const path = useFlowStore.getState().path;
    const flowName = useFlowStore.getState().flow.name;
    setName(dialog.mode === 'save' ? (path ? path.split(/[\\/]/).pop()! : `${flowName.replace(/[^\w.-]+/g, '-').replace(/^-+|-+$/g, '') || 'flow'}.flow.json`) : '');
    void list(path ? path.replace(/[\\/][^\\/]*$/, '') : undefined);
  }, [dialog]);

  if (!dialog) return null;
  const close = () => {
    if (dialog.mode === 'rows') dialog.pick(null);
    useFilesStore.getState().setDialog(null);
  };
  const shown = dialog.mode === 'rows' ? /\.(csv|jsonl|ndjson)$/i : /\.json$/i;
  const title = dialog.mode === 'open' ? 'Open flow' : dialog.mode === 'rows' ? 'Load input rows (CSV or JSONL)' : 'Save flow as';
  const entries = (listing?.entries ?? []).filter((e) => e.dir || dialog.mode === 'save' || shown.test(e.name)).sort((a, b) => Number(b.dir) - Number(a.dir) || a.name.localeCompare(b.name));

  async function confirm() {
    if (!listing || !name.trim()) return;
    // An absolute path typed as the name is taken as is.
    // The folder shown in the box is the one meant, even if its listing has not arrived yet.
    const dir = dirInput.trim() || listing.dir;
    const path = /^([/\\]|[A-Za-z]:[/\\])/.test(name.trim()) ? name.trim() : join(dir, name.trim());
    if (dialog!.mode === 'rows') {
      dialog!.pick(path);
      useFilesStore.getState().setDialog(null);
    } else if (dialog!.mode === 'open') {
      close();
      await useFilesStore.getState().openPath(path);
    } else {
      const exists = listing.entries.some((e) => e.name === name.trim() && !e.dir);
      if (exists && !window.confirm(`${name} exists. Replace it?`)) return;
      close();
      await useFilesStore.getState().writeTo(path.endsWith('.json') ? path : `${path}.flow.json`);
    }
  }

  return (
    <Modal onClose={close} label={title} className="file-dialog" testId="file-dialog" nativeUndo>
        <div className="modal-head">{title}</div>
        <div className="row file-dialog-path">
          <button className="ghost icon" aria-label="Parent folder" disabled={!listing?.parent} onClick={() => listing?.parent && void list(listing.parent)}>
            ↑
          </button>
          <input
            className="mono-input grow"
            aria-label="Folder"
            data-testid="file-dialog-dir"
            value={dirInput}
            onChange={(e) => {
              typedAt.current = performance.now();
              setDirInput(e.target.value);
            }}
            onKeyDown={(e) => e.key === 'Enter' && void list(dirInput)}
          />
        </div>
        <div className="file-list" role="listbox" aria-label="Files">
          {error && <div className="err">{error}</div>}
          {entries.map((e) => (
            <div
              key={e.name}
              role="option"
              aria-selected={name === e.name}
              tabIndex={0}
              className={`file-entry${name === e.name ? ' selected' : ''}`}
              data-testid="file-entry"
              onClick={() => (e.dir ? void list(join(listing!.dir, e.name)) : setName(e.name))}
              onDoubleClick={() => !e.dir && void confirm()}
              onKeyDown={(ev) => ev.key === 'Enter' && (e.dir ? void list(join(listing!.dir, e.name)) : setName(e.name))}
            >
              <span className="file-icon">{e.dir ? '▸' : '·'}</span> {e.name}
            </div>
          ))}
          {listing && entries.length === 0 && <div className="empty">Empty folder</div>}
        </div>
        <div className="row modal-foot">
          <input className="mono-input grow" aria-label="File name" data-testid="file-dialog-name" value={name} placeholder="file name" onChange={(e) => setName(e.target.value)} onKeyDown={(e) => e.key === 'Enter' && void confirm()} autoFocus />
          <button onClick={close}>Cancel</button>
          <button className="primary" data-testid="file-dialog-ok" disabled={!name.trim()} onClick={() => void confirm()}>
            {dialog.mode === 'save' ? 'Save' : dialog.mode === 'rows' ? 'Load' : 'Open'}
          </button>
        </div>
    </Modal>
  );
}
