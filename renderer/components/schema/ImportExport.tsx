// Import a Crawl4AI schema (paste or file; bare schema, strategy object or dump() form) and
// export/copy it (schema JSON, strategy JSON, Python).
import { useRef, useState } from 'react';
import { downloadText } from '../../download.js';
import type { JsonCssSchema } from '../../../shared/extract/schema.js';
import { exportSchema, parseSchemaText, type ExportForm } from './model.js';

export function ImportExport({ schema, onImport }: { schema: JsonCssSchema | null; onImport(schema: JsonCssSchema): void }) {
  const [open, setOpen] = useState<'import' | 'export' | null>(null);
  const [text, setText] = useState('');
  const [msg, setMsg] = useState<string | null>(null);
  const file = useRef<HTMLInputElement>(null);

  const tryImport = (t: string) => {
    const r = parseSchemaText(t);
    if (!r.ok) {
      setMsg(r.syntax ? `JSON error${r.syntax.line ? ` at line ${r.syntax.line}:${r.syntax.column}` : ''}: ${r.syntax.message}` : r.issues.map((i) => `${i.path || '(root)'}: ${i.message}`).join('\n'));
      return;
    }
    onImport(r.schema);
    setMsg(null);
    setText('');
    setOpen(null);
  };
  const copy = (form: ExportForm) => {
    if (!schema) return;
    void navigator.clipboard?.writeText(exportSchema(schema, form)).then(
      () => setMsg(`Copied (${form}).`),
      () => setMsg('Clipboard not available: select the text below and copy it.'),
    );
    setText(exportSchema(schema, form));
  };
  const download = () => {
    if (!schema) return;
    downloadText(`${(schema.name || 'schema').replace(/[^\w-]+/g, '_')}.json`, exportSchema(schema, 'schema'), 'application/json');
  };

  return (
    <span className="import-export">
      <button className="ghost small" onClick={() => (setOpen(open === 'import' ? null : 'import'), setMsg(null), setText(''))} data-testid="schema-import">
        Import
      </button>
      {schema && (
        <button className="ghost small" onClick={() => (setOpen(open === 'export' ? null : 'export'), setMsg(null), setText(exportSchema(schema, 'schema')))} data-testid="schema-export">
          Export
        </button>
      )}
      {open && (
        <div className="schema-popover" role="dialog" aria-label={open === 'import' ? 'Import schema' : 'Export schema'}>
          {open === 'import' ? (
            <>
              <div className="dim small">Paste a Crawl4AI schema: bare, {'{type: "JsonCssExtractionStrategy", schema}'} or a dump() JSON.</div>
              <textarea value={text} onChange={(e) => setText(e.target.value)} rows={10} className="mono" aria-label="Schema JSON to import" data-testid="schema-import-text" />
              <div className="row">
                <button onClick={() => tryImport(text)} disabled={!text.trim()} data-testid="schema-import-apply">
                  Import
                </button>
                <button className="ghost" onClick={() => file.current?.click()}>
                  From file…
                </button>
                <input
                  ref={file}
                  type="file"
                  accept=".json,application/json"
                  hidden
                  onChange={(e) => {
                    const f = e.target.files?.[0];
                    if (f) void f.text().then((t) => (setText(t), tryImport(t)));
                    e.target.value = '';
                  }}
                />
                <span className="grow" />
                <button className="ghost" onClick={() => setOpen(null)}>
                  Close
                </button>
              </div>
            </>
          ) : (
            <>
              <div className="row">
                <button className="ghost small" onClick={() => copy('schema')}>Copy schema</button>
                <button className="ghost small" onClick={() => copy('strategy')}>Copy strategy</button>
                <button className="ghost small" onClick={() => copy('python')}>Copy Python</button>
                <button className="ghost small" onClick={download}>Download</button>
                <span className="grow" />
                <button className="ghost small" onClick={() => setOpen(null)}>Close</button>
              </div>
              <textarea readOnly value={text} rows={12} className="mono" aria-label="Exported schema" data-testid="schema-export-text" />
            </>
          )}
          {msg && <pre className="schema-popover-msg">{msg}</pre>}
        </div>
      )}
    </span>
  );
}
