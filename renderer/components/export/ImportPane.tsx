// Import: paste or open a Crawlwright flow, a Crawl4AI JsonCss schema (bare or wrapped), a
// CrawlerRunConfig (dump() form or keyword arguments), the crawl4ai-config export or a Crawl4AI
// Python script (.py: parsed, never run; the report lists by line what was kept as a note). The main
// process parses it (import.parse); the pane shows what it is, the notes (what is not carried
// over) and path-named errors, then opens the flow or adds the step after the selected one.
import { useEffect, useState, type ChangeEvent } from 'react';
import { api } from '../../api/client.js';
import { useFlowStore } from '../../store/flow.js';
import { confirmDiscard, useFilesStore } from '../../store/files.js';
import { useTrustStore } from '../../store/trust.js';
import { CodeEditor } from '../../monaco/index.js';
import type { ResultOf } from '../../../shared/api/define.js';
import type { exportCalls } from '../../../shared/api/domains/export.js';

type Parsed = ResultOf<(typeof exportCalls)['import.parse']>;

const KIND_LABEL: Record<Parsed['kind'], string> = {
  flow: 'Flow',
  schema: 'Crawl4AI JsonCss schema → an extraction step',
  'crawler-config': 'Crawl4AI CrawlerRunConfig → a step',
  'python-script': 'Crawl4AI Python script → a flow (parsed, never run)',
  unknown: 'Not recognised',
};

/** JSON starts with { [ or "; anything else is treated as a Python script (the same rule as import.parse). */
const looksLikeJson = (text: string) => /^\s*[[{"]/.test(text) || !text.trim();

export function ImportPane({ onDone }: { onDone(): void }) {
  const [text, setText] = useState('');
  const [parsed, setParsed] = useState<Parsed | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const notify = useFilesStore((s) => s.notify);

  // Parse as the user types (debounced); import.parse never fails on bad input.
  useEffect(() => {
    if (!text.trim()) {
      setParsed(null);
      return;
    }
    let stale = false;
    const timer = setTimeout(() => {
      api['import.parse']({ text })
        .then((r) => {
          if (stale) return;
          setParsed(r);
          setFailure(null);
        })
        .catch((e) => !stale && setFailure(e instanceof Error ? e.message : String(e)));
    }, 250);
    return () => {
      stale = true;
      clearTimeout(timer);
    };
  }, [text]);

  const openFile = (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    if (!file) return;
    void file.text().then(setText);
    e.target.value = '';
  };

  const apply = () => {
    if (!parsed) return;
    const store = useFlowStore.getState();
    if (parsed.flow) {
      if (!confirmDiscard()) return;
      store.load(parsed.flow, null, { dirty: true });
      useTrustStore.getState().opened('import'); // foreign content: reviewed before its first run
      useFilesStore.setState({ invalid: null });
      notify('info', `Imported the flow "${parsed.flow.name}" (unsaved)`);
    } else if (parsed.step) {
      const { id: _id, ...step } = parsed.step;
      store.addStep(step, store.selected[0] ?? null);
      useTrustStore.getState().importedStep(); // its JavaScript is reviewed before the next run
      notify('info', `Added the step "${parsed.step.name}"`);
    }
    onDone();
  };

  const canApply = Boolean(parsed && parsed.errors.length === 0 && (parsed.flow || parsed.step));
  return (
    <>
      <p className="export-help">
        Paste a Crawlwright flow, a Crawl4AI schema (<code>{'{"baseSelector", "fields"}'}</code> or <code>JsonCssExtractionStrategy</code>), a{' '}
        <code>CrawlerRunConfig</code> dump or its keyword arguments, a Docker <code>/crawl</code> request body, a Crawl4AI config export, or a Crawl4AI
        Python script (<code>.py</code>, parsed and never run) — or{' '}
        <label className="link-like">
          open a file
          <input type="file" accept=".json,.py,application/json,text/x-python" onChange={openFile} hidden data-testid="import-file" />
        </label>
        .
      </p>
      <div className="export-body">
        <div className="export-preview">
          <CodeEditor
            value={text}
            onChange={setText}
            language={looksLikeJson(text) ? 'json' : 'python'}
            fill
            ariaLabel="Text to import"
            testId="import-text"
            placeholder="Paste JSON or a Crawl4AI Python script here"
          />
        </div>
        <aside className="export-notes" aria-label="Import result" data-testid="import-result">
          {failure && (
            <div className="export-error" role="alert">
              {failure}
            </div>
          )}
          {!parsed && !failure && <p className="muted">Nothing to import yet.</p>}
          {parsed && (
            <>
              <div className="section-title">{KIND_LABEL[parsed.kind]}</div>
              {parsed.flow && (
                <p>
                  “{parsed.flow.name}”: {parsed.flow.steps.length} step{parsed.flow.steps.length === 1 ? '' : 's'}
                </p>
              )}
              {parsed.step && <p>Step “{parsed.step.name}”, added after the selected step.</p>}
              {parsed.errors.length > 0 && (
                <ul className="import-errors" data-testid="import-errors">
                  {parsed.errors.map((e, i) => (
                    <li key={i}>
                      <code>{e.path || '(root)'}</code>: {e.message}
                    </li>
                  ))}
                </ul>
              )}
              {parsed.notes.length > 0 && (
                <>
                  <div className="section-title">
                    {parsed.kind === 'python-script' ? 'Import report (kept in the flow’s notes)' : 'Not carried over / worth knowing'}
                  </div>
                  <ul data-testid="import-notes">
                    {parsed.notes.map((n, i) => (
                      <li key={i}>{n}</li>
                    ))}
                  </ul>
                </>
              )}
            </>
          )}
        </aside>
      </div>
      <div className="modal-foot export-foot">
        <span className="export-status" />
        <button onClick={apply} disabled={!canApply} data-testid="import-apply">
          {parsed?.flow ? 'Open as a new flow' : 'Add step'}
        </button>
        <button className="ghost" onClick={onDone}>
          Close
        </button>
      </div>
    </>
  );
}
