// Export… dialog: pick a format, preview the exported text (read-only Monaco), read what the
// format approximates or leaves out, copy or save it. Its second tab imports flows, Crawl4AI
// schemas and CrawlerRunConfig dumps (ImportPane). All rendering happens in the main process
// (export.render), so the dialog shows exactly what the CLI writes.
import { useEffect, useState } from 'react';
import { downloadText } from '../../download.js';
import { api, transport } from '../../api/client.js';
import { useFlowStore } from '../../store/flow.js';
import { useFilesStore } from '../../store/files.js';
import { CodeEditor } from '../../monaco/index.js';
import { EXPORT_FORMATS } from '../../../shared/api/domains/export.js';
import { ImportPane } from './ImportPane.js';
import { Modal } from '../layout/Modal.js';
import './export.css';

type Format = (typeof EXPORT_FORMATS)[number];
type Rendered = { text: string; fileName: string; notes: string[]; companions?: ('crawlwright-extract.mjs')[] };

const FORMAT_INFO: Record<Format, { label: string; help: string; language: 'json' | 'python' | 'javascript' }> = {
  json: { label: 'Flow JSON', help: 'The flow file itself, canonical key order. Lossless: Import reads it back.', language: 'json' },
  'crawl4ai-python': {
    label: 'Crawl4AI Python',
    help: 'A runnable script: AsyncWebCrawler, one CrawlerRunConfig per step, sessions, hooks and repeat loops.',
    language: 'python',
  },
  'crawl4ai-config': {
    label: 'Crawl4AI config JSON',
    help: 'CrawlerRunConfig.dump() per step + BrowserConfig, for .load(). The Docker API rejects session flows.',
    language: 'json',
  },
  playwright: {
    label: 'Playwright script',
    help: "Standalone Node script with Crawl4AI's step semantics: run it from any folder after `npm install playwright`. Saving also writes Crawlwright's extractor (crawlwright-extract.mjs) beside it, which the script imports.",
    language: 'javascript',
  },
};

const errMsg = (e: unknown) => (e instanceof Error ? e.message : String(e));

function ExportPane({ onClose }: { onClose(): void }) {
  const flow = useFlowStore((s) => s.flow);
  const notify = useFilesStore((s) => s.notify);
  const [format, setFormat] = useState<Format>('crawl4ai-python');
  const [rendered, setRendered] = useState<Rendered | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);

  useEffect(() => {
    let stale = false;
    setError(null);
    setStatus(null);
    api['export.render']({ flow, format })
      .then((r) => !stale && setRendered(r))
      .catch((e) => {
        if (stale) return;
        setRendered(null);
        setError(errMsg(e));
      });
    return () => {
      stale = true;
    };
  }, [flow, format]);

  const copy = async () => {
    if (!rendered) return;
    try {
      await navigator.clipboard.writeText(rendered.text);
      setStatus('Copied to the clipboard');
    } catch (e) {
      setStatus(`Could not copy: ${errMsg(e)}`);
    }
  };

  const save = async () => {
    if (!rendered) return;
    if (transport.mode !== 'electron') {
      try {
        downloadText(rendered.fileName, rendered.text);
        // The script imports these from its own folder: download them too, to go beside it.
        for (const name of rendered.companions ?? []) downloadText(name, (await api['export.companion']({ name })).text);
        setStatus(`Downloaded ${[rendered.fileName, ...(rendered.companions ?? [])].join(' and ')}`);
      } catch (e) {
        setStatus(`Could not download: ${errMsg(e)}`);
      }
      return;
    }
    try {
      const { path } = await api['dialog.save']({ suggestedName: rendered.fileName });
      if (!path) return;
      const saved = await api['export.save']({ path, text: rendered.text, companions: rendered.companions });
      notify('info', `Exported ${saved.written.join(', ')}`);
      setStatus(`Saved ${saved.written.join(' and ')}`);
    } catch (e) {
      setStatus(`Could not save: ${errMsg(e)}`);
    }
  };

  const info = FORMAT_INFO[format];
  return (
    <>
      <div className="export-formats" role="radiogroup" aria-label="Export format">
        {EXPORT_FORMATS.map((f) => (
          <button
            key={f}
            role="radio"
            aria-checked={f === format}
            className={f === format ? 'export-format selected' : 'export-format'}
            data-testid={`export-format-${f}`}
            onClick={() => setFormat(f)}
          >
            {FORMAT_INFO[f].label}
          </button>
        ))}
      </div>
      <p className="export-help">{info.help}</p>
      <div className="export-body">
        <div className="export-preview" data-testid="export-preview">
          {error ? (
            <div className="export-error" role="alert">
              {error}
            </div>
          ) : rendered ? (
            <CodeEditor key={format} value={rendered.text} language={info.language} readOnly fill ariaLabel={`${info.label} export preview`} testId="export-text" />
          ) : (
            <div className="export-loading">Rendering…</div>
          )}
        </div>
        <aside className="export-notes" aria-label="Export notes" data-testid="export-notes">
          <div className="section-title">What this export approximates or leaves out</div>
          {rendered && rendered.notes.length === 0 && <p className="muted">Nothing: the export carries the whole flow.</p>}
          {rendered && rendered.notes.length > 0 && (
            <ul>
              {rendered.notes.map((n, i) => (
                <li key={i}>{n}</li>
              ))}
            </ul>
          )}
          {rendered && rendered.notes.length > 0 && <p className="muted">The same notes are written as comments into the exported file.</p>}
        </aside>
      </div>
      <div className="modal-foot export-foot">
        <span className="export-file muted">{rendered?.fileName}</span>
        <span className="export-status" role="status">
          {status}
        </span>
        <button onClick={copy} disabled={!rendered} data-testid="export-copy">
          Copy
        </button>
        <button onClick={save} disabled={!rendered} data-testid="export-save">
          {transport.mode === 'electron' ? 'Save…' : 'Download'}
        </button>
        <button className="ghost" onClick={onClose}>
          Close
        </button>
      </div>
    </>
  );
}

export function ExportDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const [tab, setTab] = useState<'export' | 'import'>('export');
  if (!open) return null;
  return (
    <Modal onClose={onClose} label="Export" className="export-dialog" testId="export-dialog">
        <div className="modal-head export-tabs" role="tablist">
          <button role="tab" aria-selected={tab === 'export'} className={tab === 'export' ? 'tab selected' : 'tab'} onClick={() => setTab('export')} data-testid="export-tab">
            Export
          </button>
          <button role="tab" aria-selected={tab === 'import'} className={tab === 'import' ? 'tab selected' : 'tab'} onClick={() => setTab('import')} data-testid="import-tab">
            Import
          </button>
        </div>
        {tab === 'export' ? <ExportPane onClose={onClose} /> : <ImportPane onDone={onClose} />}
    </Modal>
  );
}

/** The import pane as a dialog of its own (for a File > Import… menu entry). */
export function ImportDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  if (!open) return null;
  return (
    <Modal onClose={onClose} label="Import" className="export-dialog" testId="import-dialog">
        <div className="modal-head">Import</div>
        <ImportPane onDone={onClose} />
    </Modal>
  );
}
