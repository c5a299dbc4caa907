// Web mode's Open / Save As dialog, browsing the server's file system with fs.list (the server is
// local and the files are the user's own). Electron uses native dialogs instead.
//
// It starts in the open flow's folder, else in the folder it was last used in (remembered per
// user), else at home. A name may include a folder relative to the one shown ("flows/shop.json").
// A failed save keeps the dialog open with the reason in it; "New folder" creates one and goes in.
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

const LAST_DIR_KEY = 'crawlwright.fileDialog.dir';
const join = (dir: string, name: string) => (dir.endsWith('/') || dir.endsWith('\\') ? dir + name : `${dir}${dir.includes('\\') && !dir.includes('/') ? '\\' : '/'}${name}`);
const parentOf = (path: string) => path.replace(/[\\/][^\\/]*$/, '') || '/';
const errText = (e: unknown) => (e instanceof Error ? e.message : String(e));

function rememberDir(dir: string): void {
  try {
    localStorage.setItem(LAST_DIR_KEY, dir);
  } catch {
    /* not remembered */
  }
}
function lastDir(): string | undefined {
  try {
    return localStorage.getItem(LAST_DIR_KEY) ?? undefined;
  } catch {
    return undefined;
  }
}

export function FileDialog() {
  const dialog = useFilesStore((s) => s.dialog);
  const [listing, setListing] = useState<Listing | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [name, setName] = useState('');
  const [dirInput, setDirInput] = useState('');
  const [folderName, setFolderName] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // Only the latest listing request may land (the initial one can resolve after a typed path).
  const seq = useRef(0);
  // A listing must not overwrite a folder the user typed after it was requested.
  const typedAt = useRef(0);

  async function list(dir?: string, fallback?: string): Promise<boolean> {
    const mine = ++seq.current;
    const started = performance.now();
    try {
      const res = await api['fs.list']({ dir });
      if (mine !== seq.current || typedAt.current > started) return true;
      setListing(res);
      setDirInput(res.dir);
      setError(null);
      return true;
    } catch (e) {
      // A remembered folder that has gone: start at the fallback (home) instead.
      if (fallback !== undefined || dir === undefined) {
        if (mine === seq.current) setError(errText(e));
        return false;
      }
      return mine === seq.current ? list(undefined, '') : false;
    }
  }

  useEffect(() => {
    if (!dialog) return;
    const path = useFlowStore.getState().path;
    const flowName = useFlowStore.getState().flow.name;
    setName(dialog.mode === 'save' ? (path ? path.split(/[\\/]/).pop()! : `${flowName.replace(/[^\w.-]+/g, '-').replace(/^-+|-+$/g, '') || 'flow'}.flow.json`) : '');
    setError(null);
    setFolderName(null);
    void list(path ? parentOf(path) : lastDir());
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
    if (!listing || !name.trim() || busy) return;
    // An absolute path typed as the name is taken as is; a relative one is inside the folder shown
    // (the one in the box, even if its listing has not arrived yet).
    const dir = dirInput.trim() || listing.dir;
    const raw = name.trim();
    const path = /^([/\\]|[A-Za-z]:[/\\])/.test(raw) ? raw : join(dir, raw);
    setBusy(true);
    try {
      if (dialog!.mode === 'rows') {
        rememberDir(parentOf(path));
        dialog!.pick(path);
        useFilesStore.getState().setDialog(null);
      } else if (dialog!.mode === 'open') {
        close();
        rememberDir(parentOf(path));
        await useFilesStore.getState().openPath(path);
      } else {
        const target = path.endsWith('.json') ? path : `${path}.flow.json`;
        const here = parentOf(target) === listing.dir;
        const exists = here && listing.entries.some((e) => e.name === target.split(/[\\/]/).pop() && !e.dir);
        if (exists && !window.confirm(`${raw} exists. Replace it?`)) return;
        const ok = await useFilesStore.getState().writeTo(target, setError);
        if (ok) {
          rememberDir(parentOf(target));
          close();
        }
      }
    } finally {
      setBusy(false);
    }
  }

  async function createFolder() {
    const n = folderName?.trim();
    if (!listing || !n) return;
    try {
      const { path } = await api['fs.mkdir']({ dir: listing.dir, name: n });
      setFolderName(null);
      // Into the new folder, unless the name already says "<new folder>/file".
      const rel = name.trim();
      if (rel.startsWith(`${n}/`) || rel.startsWith(`${n}\\`)) await list(listing.dir);
      else await list(path);
    } catch (e) {
      setError(errText(e));
    }
  }

  return (
    <Modal onClose={close} label={title} className="file-dialog" testId="file-dialog" nativeUndo>
      <div className="modal-head">{title}</div>
      <div className="row file-dialog-path">
        <button className="ghost icon" aria-label="Parent folder" title="Parent folder" disabled={!listing?.parent} onClick={() => listing?.parent && void list(listing.parent)}>
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
        <button className="ghost" data-testid="file-dialog-new-folder" disabled={!listing} onClick={() => setFolderName((f) => (f === null ? '' : null))} aria-expanded={folderName !== null}>
          New folder
        </button>
      </div>
      {folderName !== null && (
        <form
          className="row file-dialog-path"
          onSubmit={(e) => {
            e.preventDefault();
            void createFolder();
          }}
        >
          <input className="mono-input grow" aria-label="New folder name" data-testid="file-dialog-folder-name" placeholder="folder name" value={folderName} onChange={(e) => setFolderName(e.target.value)} autoFocus />
          <button type="submit" disabled={!folderName.trim()}>
            Create
          </button>
        </form>
      )}
      <div className="file-list" role="listbox" aria-label="Files">
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
      {error && (
        <div className="file-dialog-error" role="alert" data-testid="file-dialog-error">
          {error}
        </div>
      )}
      <div className="row modal-foot">
        <input
          className="mono-input grow"
          aria-label="File name"
          data-testid="file-dialog-name"
          value={name}
          placeholder="file name (may include a folder: flows/shop.flow.json)"
          onChange={(e) => {
            setName(e.target.value);
            setError(null);
          }}
          onKeyDown={(e) => e.key === 'Enter' && void confirm()}
          autoFocus
        />
        <button onClick={close}>Cancel</button>
        <button className="primary" data-testid="file-dialog-ok" disabled={!name.trim() || busy} onClick={() => void confirm()}>
          {dialog.mode === 'save' ? 'Save' : dialog.mode === 'rows' ? 'Load' : 'Open'}
        </button>
      </div>
    </Modal>
  );
}
