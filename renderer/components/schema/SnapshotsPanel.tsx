// Snapshots and regression: save the session page, accept a snapshot's current results as
// expected, and run the schema on every snapshot → matrix of snapshots × fields + diff.
import { useCallback, useEffect, useState } from 'react';
import { api } from '../../api/client.js';
import { useFilesStore } from '../../store/files.js';
import type { FlowRef, SnapshotInfo, SnapshotRun } from '../../../shared/api/domains/schema.js';
import type { JsonCssSchema } from '../../../shared/extract/schema.js';

const errText = (e: unknown) => (e instanceof Error ? e.message : String(e));

export function SnapshotsPanel({ flow, sessionId, schema, cssSelector }: { flow: FlowRef; sessionId: string | null; schema: JsonCssSchema; cssSelector?: string }) {
  const [snaps, setSnaps] = useState<SnapshotInfo[]>([]);
  const [dir, setDir] = useState('');
  const [name, setName] = useState('');
  const [runs, setRuns] = useState<SnapshotRun[] | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const flowKey = JSON.stringify(flow);

  const refresh = useCallback(async () => {
    try {
      const r = await api['snapshot.list']({ flow });
      setSnaps(r.snapshots);
      setDir(r.dir);
    } catch (e) {
      setError(errText(e));
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [flowKey]);
  useEffect(() => {
    void refresh();
    setRuns(null);
  }, [refresh]);

  const act = async (label: string, fn: () => Promise<unknown>) => {
    setBusy(label);
    setError(null);
    try {
      await fn();
    } catch (e) {
      setError(errText(e));
    } finally {
      setBusy(null);
    }
  };

  const runAll = () =>
    act('run', async () => {
      const r = await api['snapshot.runAll']({ flow, schema });
      setRuns(r.runs);
    });

  const fieldNames = [...(schema.baseFields ?? []).map((f, i) => ({ path: `baseFields[${i}]`, name: f.name })), ...schema.fields.map((f, i) => ({ path: `fields[${i}]`, name: f.name }))];
  const regressed = runs?.filter((r) => r.regressed).length ?? 0;

  return (
    <div className="snapshots" data-testid="snapshots">
      <form
        className="row"
        onSubmit={(e) => {
          e.preventDefault();
          if (!sessionId || !name.trim()) return;
          void act('save', async () => {
            const saved = await api['snapshot.save']({ flow, sessionId, name: name.trim(), ...(cssSelector ? { css_selector: cssSelector } : {}) });
            // The page showed a secret a run typed into it: it was masked, say so.
            if (saved.masked) useFilesStore.getState().notify('info', `Snapshot "${saved.name}" saved with ${saved.masked} secret value(s) replaced by ***`);
            setName('');
            await refresh();
          });
        }}
      >
        <input value={name} onChange={(e) => setName(e.target.value)} placeholder="Snapshot name (e.g. page 2, sold-out item)" aria-label="Snapshot name" data-testid="snapshot-name" />
        <button type="submit" disabled={!sessionId || !name.trim() || !!busy} data-testid="snapshot-save" title={sessionId ? 'Save the session page as the step captures it' : 'No session'}>
          Save page
        </button>
        <button type="button" onClick={runAll} disabled={!snaps.length || !!busy} data-testid="snapshot-run-all" title="Run the current schema on every snapshot">
          Run all
        </button>
      </form>
      {dir && (
        <div className="dim small" title={dir}>
          Stored in {dir}
        </div>
      )}
      {error && (
        <div className="diag-error" role="alert">
          {error}
        </div>
      )}
      {runs && (
        <div className={`regress-summary ${regressed ? 'bad' : 'ok'}`} data-testid="regression-summary">
          {regressed ? `${regressed} snapshot${regressed === 1 ? '' : 's'} regressed` : runs.some((r) => r.diff) ? 'All accepted snapshots unchanged' : 'No accepted results yet: Accept a snapshot to compare against it'}
        </div>
      )}
      <div className="matrix-scroll">
      <table className="snapshot-matrix" data-testid="snapshot-matrix">
        <thead>
          <tr>
            <th>snapshot</th>
            <th>items</th>
            {runs && fieldNames.map((f) => <th key={f.path}>{f.name}</th>)}
            {runs && <th>vs accepted</th>}
            <th />
          </tr>
        </thead>
        <tbody>
          {snaps.map((s) => {
            const run = runs?.find((r) => r.id === s.id);
            return (
              <tr key={s.id} className={run?.regressed ? 'regressed' : ''} data-testid="snapshot-row" data-snapshot={s.name} data-regressed={run ? String(run.regressed) : undefined}>
                <td title={`${s.url}\nsaved ${new Date(s.savedAt).toLocaleString()}${s.css_selector ? `\ncss_selector: ${s.css_selector}` : ''}`}>
                  {s.name}
                  {s.css_selector !== cssSelector && <span className="warn" title="Captured with a different css_selector than the step's current one"> ⚠</span>}
                </td>
                <td data-testid="snapshot-items">{run ? (run.ok ? run.itemCount : <span className="bad" title={run.error}>error</span>) : s.accepted ? <span className="dim">{s.accepted.itemCount} accepted</span> : '—'}</td>
                {runs &&
                  fieldNames.map((f) => {
                    const c = run?.fields.find((x) => x.path === f.path);
                    const changed = run?.diff?.changedByField[f.name] ?? 0;
                    if (!c) return <td key={f.path}>—</td>;
                    const total = c.value + c.default + c.missing;
                    return (
                      <td key={f.path} className={changed || c.value === 0 ? 'bad' : c.value === total ? 'ok' : ''} title={`value ${c.value} · default ${c.default} · missing ${c.missing}${changed ? ` · ${changed} changed vs accepted` : ''}`}>
                        {c.value}/{total}
                        {changed ? ` Δ${changed}` : ''}
                      </td>
                    );
                  })}
                {runs && (
                  <td data-testid="snapshot-diff">
                    {!run ? '—' : !run.diff ? (s.accepted ? (run.ok ? '' : 'fails') : <span className="dim">not accepted</span>) : run.diff.same ? <span className="ok">✓ same</span> : (
                      <span className="bad" title={run.diff.samples.slice(0, 10).map((x) => `#${x.index + 1} ${x.key}: ${JSON.stringify(x.expected)} → ${JSON.stringify(x.actual)}`).join('\n')}>
                        ✗ {run.diff.changedItems} changed
                        {run.diff.expectedCount !== run.diff.actualCount ? `, ${run.diff.expectedCount} → ${run.diff.actualCount} items` : ''}
                      </span>
                    )}
                  </td>
                )}
                <td className="actions">
                  <button
                    className="ghost small"
                    disabled={!!busy}
                    data-testid="snapshot-accept"
                    title="Accept the current schema's results on this snapshot as expected"
                    onClick={() =>
                      void act('accept', async () => {
                        await api['snapshot.accept']({ flow, id: s.id, schema });
                        await refresh();
                        if (runs) await api['snapshot.runAll']({ flow, schema }).then((r) => setRuns(r.runs));
                      })
                    }
                  >
                    Accept
                  </button>
                  <button
                    className="ghost small danger"
                    disabled={!!busy}
                    aria-label={`Delete snapshot ${s.name}`}
                    onClick={() =>
                      void act('delete', async () => {
                        await api['snapshot.delete']({ flow, id: s.id });
                        setRuns((r) => r?.filter((x) => x.id !== s.id) ?? null);
                        await refresh();
                      })
                    }
                  >
                    ×
                  </button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      </div>
      {runs?.some((r) => r.diff && !r.diff.same) && (
        <details className="diff-samples">
          <summary>Differences</summary>
          {runs
            .filter((r) => r.diff && !r.diff.same)
            .map((r) => (
              <div key={r.id}>
                <b>{r.name}</b>
                <ul>
                  {r.diff!.samples.slice(0, 20).map((x, i) => (
                    <li key={i}>
                      item {x.index + 1} · <code>{x.key}</code>: <code>{JSON.stringify(x.expected)}</code> → <code>{JSON.stringify(x.actual)}</code>
                    </li>
                  ))}
                </ul>
              </div>
            ))}
        </details>
      )}
      {!snaps.length && <div className="dim">No snapshots yet. Save the current page to test later schema changes against it.</div>}
    </div>
  );
}
