// The dock's Inputs tab: the flow's inputs declaration (columns, row id, retries, a pinned
// concurrency), its rows — pasted as CSV (header row) or JSONL and checked as you type with the
// same rules as `crawlwright run --inputs`, errors by line — or a CSV/JSONL file loaded through the
// file dialog (checked by the main process, never copied into the flow), a preview of the rows,
// and "Run batch".
import { useMemo } from 'react';
import Papa from 'papaparse';
import { useFlowStore } from '../../store/flow.js';
import { useBatchStore } from '../../store/batch.js';
import { guessFormat, inputColumns, parseInputRows, type InputRow } from '../../../shared/flow/inputs.js';
import { VARIABLE_NAME, type Flow, type Inputs } from '../../../shared/flow/schema.js';
import './inputs.css';

const PREVIEW = 100;

function editInputs(mutate: (inputs: Inputs, flow: Flow) => void, key?: string) {
  useFlowStore.getState().edit((f) => {
    if (f.inputs) mutate(f.inputs, f);
  }, key ? `inputs:${key}` : undefined);
}

/** The flow's rows as CSV, the text the paste box starts from. */
const rowsText = (inputs: Inputs) => (inputs.rows?.length ? Papa.unparse({ fields: inputs.columns, data: inputs.rows.map((r) => inputs.columns.map((c) => r[c] ?? '')) }) : '');

/** A labelled whole-number input, clamped to [min, max]. */
function IntField({ label, testId, min, max, value, onChange }: { label: string; testId: string; min: number; max: number; value: number; onChange(n: number): void }) {
  return (
    <label className="row">
      <span className="dim">{label}</span>
      <input type="number" min={min} max={max} className="num-input" data-testid={testId} value={value} onChange={(e) => onChange(Math.max(min, Math.min(max, Math.round(Number(e.target.value)) || min)))} />
    </label>
  );
}

function Declare({ proposed }: { proposed: string[] }) {
  const usable = proposed.filter((c) => VARIABLE_NAME.test(c));
  return (
    <div className="inputs-declare" data-testid="inputs-declare">
      <p>
        This flow declares no inputs. With inputs, a batch runs the whole flow once per row, each row in sessions of its own; a row sets the flow's{' '}
        <code>{'{{variables}}'}</code> named by its columns (for example a start URL written <code>{'{{url}}'}</code>).
      </p>
      <div className="row">
        <button
          className="primary"
          data-testid="inputs-declare-button"
          onClick={() => {
            const inputs: Inputs = { columns: usable.length ? usable : ['url'] };
            // Rows already pasted come along when they pass the checks.
            const draft = useBatchStore.getState().draft ?? '';
            const r = draft.trim() ? parseInputRows(draft, guessFormat(undefined, draft), inputs) : undefined;
            if (r && !r.errors.length && r.rows.length) inputs.rows = r.rows.map((row) => row.values);
            useFlowStore.getState().edit((f) => void (f.inputs = inputs));
          }}
        >
          Declare inputs{usable.length ? ` (columns ${usable.join(', ')})` : ''}
        </button>
        <span className="dim">Paste rows below first to take their columns.</span>
      </div>
    </div>
  );
}

function Declaration({ inputs }: { inputs: Inputs }) {
  const columnsText = inputs.columns.join(', ');
  return (
    <div className="inputs-declaration row wrap" data-testid="inputs-declaration">
      <label className="row">
        <span className="dim">Columns</span>
        <input
          className="mono-input"
          data-testid="inputs-columns"
          aria-label="Input columns (comma-separated variable names)"
          defaultValue={columnsText}
          key={columnsText}
          onBlur={(e) => {
            const cols = e.target.value.split(/[\s,]+/).filter(Boolean);
            if (cols.length && cols.every((c) => VARIABLE_NAME.test(c)) && cols.join(', ') !== columnsText) {
              editInputs((i) => {
                i.columns = [...new Set(cols)];
                if (i.id && !i.columns.includes(i.id)) delete i.id;
              });
            } else e.target.value = columnsText;
          }}
        />
      </label>
      <label className="row">
        <span className="dim">Row id</span>
        <select data-testid="inputs-id" value={inputs.id ?? ''} onChange={(e) => editInputs((i) => (e.target.value ? (i.id = e.target.value) : delete i.id))}>
          <option value="">row number</option>
          {inputs.columns.map((c) => (
            <option key={c} value={c}>
              {c}
            </option>
          ))}
        </select>
      </label>
      <IntField label="Retries" testId="inputs-retries" min={0} max={10} value={inputs.retries ?? 2} onChange={(n) => editInputs((i) => void (i.retries = n), 'retries')} />
      <label className="row" title="Keep the concurrency in the flow: crawlwright run uses it by default and the Python export then uses SemaphoreDispatcher">
        <input
          type="checkbox"
          data-testid="inputs-pin-concurrency"
          checked={inputs.concurrency !== undefined}
          onChange={(e) => editInputs((i) => (e.target.checked ? (i.concurrency = useBatchStore.getState().concurrency) : delete i.concurrency))}
        />
        <span className="dim">pin concurrency in the flow</span>
      </label>
      <span className="grow" />
      <button className="ghost danger" data-testid="inputs-remove" title="Remove the inputs declaration (and the rows kept in the flow)" onClick={() => useFlowStore.getState().edit((f) => void delete f.inputs)}>
        Remove inputs
      </button>
    </div>
  );
}

function RowsTable({ columns, rows, total }: { columns: string[]; rows: InputRow[]; total: number }) {
  if (!rows.length) return <div className="empty">No rows yet.</div>;
  return (
    <div className="table-wrap inputs-table">
      <table className="items-table" data-testid="inputs-rows">
        <thead>
          <tr>
            <th className="num">row</th>
            {columns.map((c) => (
              <th key={c}>{c}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.slice(0, PREVIEW).map((r) => (
            <tr key={r.id}>
              <td className="num dim">{r.id}</td>
              {columns.map((c) => (
                <td key={c}>{r.values[c]}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      {total > PREVIEW && <div className="dim">… and {total - PREVIEW} more rows</div>}
    </div>
  );
}

export function InputsPanel() {
  const inputs = useFlowStore((s) => s.flow.inputs);
  const { file, draft, loading, status, concurrency } = useBatchStore();
  const text = draft ?? (inputs ? rowsText(inputs) : '');
  const parsed = useMemo(() => {
    if (!text.trim()) return { rows: [] as InputRow[], errors: [] as string[], columns: [] as string[] };
    const format = guessFormat(undefined, text);
    const columns = inputColumns(text, format);
    if (!inputs) return { rows: [], errors: [], columns };
    return { ...parseInputRows(text, format, inputs), columns };
  }, [text, inputs]);

  const onPaste = (value: string) => {
    useBatchStore.getState().setDraft(value);
    if (!inputs) return;
    const r = parseInputRows(value, guessFormat(undefined, value), inputs);
    // Valid rows are kept in the flow (one undo step while typing); with errors the draft waits.
    if (!r.errors.length) editInputs((i) => (r.rows.length ? (i.rows = r.rows.map((row) => row.values)) : delete i.rows), 'rows');
  };

  const fromFile = file !== null;
  const rows = fromFile ? file.rows : parsed.rows;
  const total = fromFile ? file.total : parsed.rows.length;
  const errors = fromFile ? file.errors : parsed.errors;
  const columns = inputs?.columns ?? (fromFile ? file.columns : parsed.columns);
  const running = status === 'running' || status === 'starting';
  const canRun = Boolean(inputs) && total > 0 && errors.length === 0 && !running;

  return (
    <div className="inputs-panel" data-testid="inputs-panel">
      {inputs ? <Declaration inputs={inputs} /> : <Declare proposed={fromFile ? file.columns : parsed.columns} />}
      <div className="inputs-body">
        <div className="inputs-source">
          <div className="row">
            <span className="dim">Rows</span>
            {fromFile ? (
              <span className="mono ellipsis grow" data-testid="inputs-file" title={file.path}>
                {file.path.split(/[\\/]/).pop()} ({file.format.toUpperCase()})
              </span>
            ) : (
              <span className="dim ellipsis grow">kept in the flow — paste CSV (header row) or JSONL</span>
            )}
            <button className="ghost" data-testid="inputs-load-file" disabled={loading} onClick={() => void useBatchStore.getState().loadFile()}>
              {loading ? 'Loading…' : 'Load file…'}
            </button>
            {fromFile && (
              <button className="ghost" data-testid="inputs-clear-file" onClick={() => useBatchStore.getState().clearFile()}>
                Use the flow's rows
              </button>
            )}
          </div>
          {fromFile && (
            <div className="inputs-file-info dim">
              <div className="mono">{file.path}</div>
              <div>
                {file.total} rows · columns {file.columns.join(', ') || '—'}. The file is read again when the batch starts; its rows are not copied into the flow (the CLI: <code>crawlwright run flow.json --inputs {file.path.split(/[\\/]/).pop()}</code>).
              </div>
            </div>
          )}
          {!fromFile && (
            <textarea
              className="mono-input inputs-draft"
              data-testid="inputs-draft"
              aria-label="Input rows (CSV with a header row, or JSONL)"
              spellCheck={false}
              placeholder={'product\n1\n2\n\nor one JSON object per line: {"product": "1"}'}
              value={text}
              onChange={(e) => onPaste(e.target.value)}
            />
          )}
          {errors.length > 0 && (
            <ul className="inputs-errors err" data-testid="inputs-errors">
              {errors.slice(0, 50).map((e, i) => (
                <li key={i}>{e}</li>
              ))}
              {errors.length > 50 && <li>… and {errors.length - 50} more</li>}
            </ul>
          )}
        </div>
        <div className="inputs-preview">
          <div className="row">
            <span data-testid="inputs-count" data-count={total}>
              {total} row{total === 1 ? '' : 's'}
            </span>
            <span className="dim mono ellipsis">columns: {columns.join(', ') || '—'}</span>
          </div>
          <RowsTable columns={columns} rows={rows} total={total} />
        </div>
      </div>
      <div className="row inputs-foot">
        <IntField
          label="Concurrency"
          testId="batch-concurrency"
          min={1}
          max={32}
          value={inputs?.concurrency ?? concurrency}
          onChange={(n) => {
            useBatchStore.getState().setConcurrency(n);
            if (inputs?.concurrency !== undefined) editInputs((i) => void (i.concurrency = n), 'concurrency');
          }}
        />
        <button className="primary" data-testid="batch-run" disabled={!canRun} onClick={() => void useBatchStore.getState().start()} title={inputs ? undefined : 'Declare the inputs first'}>
          ▶ Run batch ({total} row{total === 1 ? '' : 's'})
        </button>
        <span className="dim ellipsis">Each row runs the whole flow in sessions of its own.</span>
      </div>
    </div>
  );
}
