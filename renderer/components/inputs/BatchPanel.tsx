// The dock's Batch tab: the batch run from the Inputs tab — progress (rows done/failed, rows/s,
// ETA), Cancel, one line per row with its status, attempts, items and time, and the results of a
// finished row (click it): its values and its items per step and iteration. Above them, this flow
// file's unfinished batches (cancelled, or the app closed mid-batch) with Resume.
import { useEffect } from 'react';
import { useBatchStore } from '../../store/batch.js';
import { useFlowStore } from '../../store/flow.js';
import { batchProgressText, type RowRecordShape } from '../../../shared/api/domains/batch.js';
import { ItemsTable } from '../results/ItemsTable.js';
import './inputs.css';

const STATUS_ICON = { queued: '·', running: '◌', ok: '✓', failed: '✗' } as const;

function RowResults({ record }: { record: RowRecordShape }) {
  const groups = new Map<string, unknown[]>();
  for (const it of record.items) {
    const key = `${it.stepName}${it.iteration ? ` #${it.iteration + 1}` : ''}`;
    groups.set(key, [...(groups.get(key) ?? []), it.item]);
  }
  return (
    <div className="batch-row-results" data-testid="batch-row-results" data-row={record.row}>
      <div className="row">
        <strong>Row {record.row}</strong>
        <span className="mono dim ellipsis">{Object.entries(record.values).map(([k, v]) => `${k}=${v}`).join(' · ')}</span>
        <span className="grow" />
        <span className="dim">
          {record.attempts} attempt{record.attempts === 1 ? '' : 's'} · {(record.durationMs / 1000).toFixed(1)} s
        </span>
      </div>
      {record.error && <div className="err">{record.error}</div>}
      {groups.size === 0 && <div className="empty">No items.</div>}
      {[...groups].map(([step, items]) => (
        <div key={step} className="batch-step-items">
          <div className="dim">
            {step}: {items.length} item{items.length === 1 ? '' : 's'}
          </div>
          <ItemsTable items={items} />
        </div>
      ))}
    </div>
  );
}

const baseName = (p: string) => p.replace(/^.*[\\/]/, '');

/** Unfinished batches of this flow file, each with Resume; a refused Resume offers Start fresh. */
function ResumeList({ active }: { active: boolean }) {
  const { resumable, refused } = useBatchStore();
  const path = useFlowStore((s) => s.path);
  useEffect(() => void useBatchStore.getState().refreshResumable(), [path]);
  if (!refused && (active || !resumable.length)) return null;
  return (
    <div className="batch-resumable" data-testid="batch-resumable">
      {!active &&
        resumable.map((b) => (
          <div key={b.batchId} className="row" data-testid="batch-resumable-item" data-batch={b.batchId}>
            <span className="dim">Unfinished batch</span>
            <span className="mono ellipsis" title={b.outDir}>
              {b.batchId}
            </span>
            <span className="dim ellipsis">
              {b.inputsPath ? baseName(b.inputsPath) : 'the rows kept in the flow'} · {b.finished}/{b.total} rows finished
            </span>
            <span className="grow" />
            <button data-testid="batch-resume" title="Run the rows not finished yet, in the same folder; finished rows are not run again" onClick={() => void useBatchStore.getState().start({ resume: b.batchId })}>
              ▶ Resume ({b.total - b.finished} of {b.total} rows left)
            </button>
          </div>
        ))}
      {refused && (
        <div className="err row" data-testid="batch-resume-refused" data-batch={refused.batchId}>
          <span className="grow">{refused.message}</span>
          <button data-testid="batch-start-fresh" disabled={active} onClick={() => void useBatchStore.getState().start()}>
            Start fresh
          </button>
        </div>
      )}
    </div>
  );
}

export function BatchPanel() {
  const { batchId, status, error, progress, order, rows, openRow, record, outDir } = useBatchStore();
  const active = status === 'running' || status === 'starting';
  if (!batchId && status === 'idle')
    return (
      <div className="batch-panel" data-testid="batch-panel" data-status={status}>
        <ResumeList active={false} />
        <div className="empty">No batch yet: declare inputs and rows in the Inputs tab, then Run batch.</div>
      </div>
    );
  const total = progress?.total ?? order.length;
  const finished = progress ? progress.done + progress.failed : 0;
  return (
    <div className="batch-panel" data-testid="batch-panel" data-status={status}>
      <div className="row batch-head">
        <div className="progress" role="progressbar" aria-valuemin={0} aria-valuemax={total} aria-valuenow={finished}>
          <div className={`progress-bar ${status}`} style={{ width: `${total ? (finished / total) * 100 : 0}%` }} />
        </div>
        <span data-testid="batch-progress" data-done={progress?.done ?? 0} data-failed={progress?.failed ?? 0} data-total={total}>
          {progress ? batchProgressText(progress) : status === 'starting' ? 'starting…' : `0/${total} rows`}
        </span>
        <span className={`batch-status ${status}`} data-testid="batch-status">
          {status === 'ok' ? 'done' : status === 'failed' ? 'finished with failures' : status}
        </span>
        <span className="grow" />
        {outDir && (
          <span className="mono dim ellipsis" data-testid="batch-outdir" title={`results.jsonl is in ${outDir}`}>
            {outDir}
          </span>
        )}
        <button className="ghost danger" data-testid="batch-stop" disabled={!active} onClick={() => void useBatchStore.getState().stop()}>
          ■ Cancel
        </button>
      </div>
      <ResumeList active={active} />
      {error && <div className="err" data-testid="batch-error">{error}</div>}
      <div className="batch-body">
        <div className="table-wrap batch-rows">
          <table className="items-table">
            <thead>
              <tr>
                <th>row</th>
                <th>status</th>
                <th className="num">attempts</th>
                <th className="num">items</th>
                <th className="num">time</th>
                <th>error</th>
              </tr>
            </thead>
            <tbody>
              {order.map((id) => {
                const r = rows[id];
                const done = r.status === 'ok' || r.status === 'failed';
                return (
                  <tr
                    key={id}
                    data-testid="batch-row"
                    data-row={id}
                    data-status={r.status}
                    className={`${openRow === id ? 'selected' : ''}${done ? ' clickable' : ''}`}
                    onClick={() => done && void useBatchStore.getState().open(id)}
                    title={done ? 'Show this row’s results' : undefined}
                  >
                    <td className="mono">{id}</td>
                    <td className={`batch-status ${r.status}`}>
                      {STATUS_ICON[r.status]} {r.status}
                    </td>
                    <td className="num">{r.attempts ?? ''}</td>
                    <td className="num">{r.items ?? ''}</td>
                    <td className="num">{r.durationMs !== undefined ? `${(r.durationMs / 1000).toFixed(1)} s` : ''}</td>
                    <td className="err ellipsis" title={r.error}>
                      {r.error ?? ''}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
        {openRow && (record ? <RowResults record={record} /> : <div className="batch-row-results empty">Loading row {openRow}…</div>)}
      </div>
    </div>
  );
}
