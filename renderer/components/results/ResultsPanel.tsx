// Results of the selected step, per iteration: error (phase, selector) and warnings on top, then
// sub-tabs Items (table / JSON) · JS · Console · Network · Timings · Snapshot. Export the step's or
// the whole run's items as JSON / JSONL / CSV.
import { useMemo, useState } from 'react';
import { useFlowStore } from '../../store/flow.js';
import { resultKey, useRunStore } from '../../store/run.js';
import type { StepResult } from '../../../shared/api/domains/run.js';
import { crawl4aiWouldReport } from '../../../shared/crawl4ai/verdict.js';
import { ItemsTable } from './ItemsTable.js';
import { Artifacts } from './Artifacts.js';
import { formatResults, MIME, type ResultFormat } from './exportResults.js';
import { downloadText } from '../../download.js';
import { iterationSuffix } from '../../../shared/flow/iterations.js';

type Sub = 'items' | 'js' | 'console' | 'network' | 'timings' | 'snapshot';

const time = (ts: number) => new Date(ts).toLocaleTimeString(undefined, { hour12: false });

function ExportMenu({ items, base }: { items: unknown[]; base: string }) {
  return (
    <span className="row export-results" data-testid="export-results">
      <span className="dim">Export</span>
      {(['json', 'jsonl', 'csv'] as ResultFormat[]).map((f) => (
        <button key={f} className="ghost" data-testid={`export-${f}`} disabled={!items.length} onClick={() => downloadText(`${base}.${f}`, formatResults(items, f), MIME[f])}>
          {f.toUpperCase()}
        </button>
      ))}
    </span>
  );
}

function ResultBody({ r }: { r: StepResult }) {
  const [sub, setSub] = useState<Sub>('items');
  const [asJson, setAsJson] = useState(false);
  const items = r.items ?? [];
  // A step-finished summary until run.result has brought the full result (store/run.ts).
  const o = r.omitted;
  const unloaded = useRunStore((s) => (o ? s.unloaded[resultKey(r)] : undefined));
  const tabs: Array<[Sub, string, number | null]> = [
    ['items', 'Items', o ? o.items : r.items ? items.length : null],
    ['js', 'JS', r.js_execution_result?.results.length ?? null],
    ['console', 'Console', o ? o.console : r.console.length],
    ['network', 'Network', o ? o.network : r.network.length],
    ['timings', 'Timings', null],
    ['snapshot', 'Snapshot', null],
  ];
  return (
    <div className="result-body" data-testid="result-body" data-step-id={r.stepId} data-iteration={r.iteration}>
      <div className="result-meta">
        <span className={r.success ? 'ok' : 'err'}>{r.success ? '✓ success' : '✗ failed'}</span>
        {r.status_code !== null && <span className="badge">{r.status_code}</span>}
        <span className="mono dim ellipsis" title={r.url}>
          {r.url}{r.redirected_url && r.redirected_url !== r.url ? ` → ${r.redirected_url}` : ''}
        </span>
        <span className="grow" />
        <span className="dim">{r.durationMs} ms</span>
      </div>
      {crawl4aiWouldReport(r) && (
        <div className="result-crawl4ai" data-testid="result-crawl4ai-verdict" title="Crawl4AI 0.9.2 applies its anti-bot check to this HTML and returns success=False; Crawlwright goes on (Run options: stop on blocked pages)">
          ⚠ {crawl4aiWouldReport(r)}. The step itself ran; html, status and items are what Crawl4AI returns too.
        </div>
      )}
      {r.error && (
        <div className="result-error" data-testid="result-error">
          <b>{r.error.phase}</b>
          {r.error.snippetIndex !== undefined && <span> (snippet {r.error.snippetIndex})</span>}
          {r.error.hook && <span> (hook {r.error.hook})</span>}: {r.error.message}
          {r.error.selector && (
            <div>
              selector: <code>{r.error.selector}</code>
            </div>
          )}
        </div>
      )}
      {(r.health?.length ?? 0) > 0 && (
        <ul className="result-warnings result-health" data-testid="result-health">
          {r.health!.map((h, i) => (
            <li key={i} data-kind={h.kind}>
              ⚠ <b>{h.kind === 'duplicates' ? `${h.duplicates} duplicate item${h.duplicates === 1 ? '' : 's'}` : h.kind.replace('-', ' ')}</b>: {h.message}
            </li>
          ))}
        </ul>
      )}
      {r.actions && r.actions.length > 0 && (
        <ul className="result-actions" data-testid="result-actions">
          {r.actions.map((a) => (
            <li key={a.index} className={a.error ? 'err' : a.alternate > 0 ? 'warn' : ''}>
              {a.index + 1}. {a.type} {a.selector ? <code>{a.selector}</code> : null}
              {a.alternate > 0 ? ` (alternate ${a.alternate})` : ''}
              {a.error ? ` — ${a.error}` : ''}
            </li>
          ))}
        </ul>
      )}
      {r.warnings.length > 0 && (
        <ul className="result-warnings" data-testid="result-warnings">
          {r.warnings.map((w, i) => (
            <li key={i}>⚠ {w}</li>
          ))}
        </ul>
      )}
      <div className="subtabs">
        <div className="row" role="tablist">
          {tabs.map(([k, label, n]) => (
            <button key={k} role="tab" aria-selected={sub === k} className="subtab" data-testid={`result-tab-${k}`} onClick={() => setSub(k)}>
              {label}
              {n !== null && <span className="badge">{n}</span>}
            </button>
          ))}
        </div>
        <span className="grow" />
        {/* The items view switches sit on the tab row: one row less above the table. */}
        {sub === 'items' && !o && r.items !== null && (
          <span className="row toolbar-mini">
            <button className={`ghost${!asJson ? ' active' : ''}`} onClick={() => setAsJson(false)} data-testid="items-as-table">
              Table
            </button>
            <button className={`ghost${asJson ? ' active' : ''}`} onClick={() => setAsJson(true)} data-testid="items-as-json">
              JSON
            </button>
            <button className="ghost" data-testid="copy-items" title="Copy extracted_content (Crawl4AI's JSON string)" onClick={() => void navigator.clipboard.writeText(r.extracted_content ?? JSON.stringify(items, null, 4))}>
              Copy
            </button>
          </span>
        )}
      </div>
      <div className="subtab-body">
        {o && sub !== 'timings' && sub !== 'snapshot' ? (
          <div className="empty" data-testid="result-loading">
            {unloaded ? `The full result could not be loaded: ${unloaded}` : 'Loading the full result…'}
          </div>
        ) : null}
        {!o && sub === 'items' &&
          (r.items === null ? (
            <div className="empty">{r.success ? 'This step has no extraction_strategy.' : `No items: the step failed in ${r.error?.phase ?? 'an earlier phase'}.`}</div>
          ) : asJson ? (
            <pre className="json-view" data-testid="items-json">{r.extracted_content ?? JSON.stringify(items, null, 4)}</pre>
          ) : (
            <ItemsTable items={items} />
          ))}
        {!o && sub === 'js' && (
          <pre className="json-view" data-testid="js-result">
            {r.js_execution_result ? JSON.stringify(r.js_execution_result, null, 2) : 'No js_code in this step.'}
          </pre>
        )}
        {!o && sub === 'console' && (
          <div className="log-lines" data-testid="console-log">
            {r.console.length === 0 && <div className="empty">No console output.</div>}
            {r.console.map((c, i) => (
              <div key={i} className={`log-line ${c.type === 'error' ? 'err' : c.type === 'warning' ? 'warn' : ''}`}>
                <span className="dim">{time(c.ts)}</span> <span className="dim">[{c.type}]</span> {c.text}
              </div>
            ))}
          </div>
        )}
        {!o && sub === 'network' && (
          <table className="items-table net-table" data-testid="network-log">
            <thead>
              <tr>
                <th>status</th>
                <th>method</th>
                <th>type</th>
                <th>url</th>
              </tr>
            </thead>
            <tbody>
              {r.network.map((n, i) => (
                <tr key={i} className={n.failure || (n.status ?? 0) >= 400 ? 'err' : ''}>
                  <td>{n.status ?? n.failure ?? '—'}</td>
                  <td>{n.method}</td>
                  <td className="dim">{n.resourceType}</td>
                  <td className="mono ellipsis" title={n.url}>
                    {n.url}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {sub === 'timings' && (
          <table className="items-table timings" data-testid="timings">
            <tbody>
              {r.timings.map((t, i) => (
                <tr key={i}>
                  <td className="mono">{t.phase}</td>
                  <td className="num">{t.ms} ms</td>
                  <td className="bar-cell">
                    <span className="bar" style={{ width: `${Math.min(100, (t.ms / Math.max(1, r.durationMs)) * 100)}%` }} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {sub === 'snapshot' && (r.artifacts.html || r.artifacts.screenshot ? <Artifacts html={r.artifacts.html} screenshot={r.artifacts.screenshot} /> : <div className="empty">No snapshot for this result (enable screenshot to capture one).</div>)}
      </div>
    </div>
  );
}

export function ResultsPanel() {
  const results = useRunStore((s) => s.results);
  const selectedId = useFlowStore((s) => s.selected[0]);
  const steps = useFlowStore((s) => s.flow.steps);
  const [scopeAll, setScopeAll] = useState(false);
  const [iteration, setIteration] = useState<number | null>(null);
  const stepResults = useMemo(() => results.filter((r) => r.stepId === selectedId), [results, selectedId]);
  const shown = iteration !== null ? stepResults.find((r) => r.iteration === iteration) ?? stepResults[stepResults.length - 1] : stepResults[stepResults.length - 1];
  const stepItems = stepResults.flatMap((r) => r.items ?? []);
  const allItems = results.flatMap((r) => r.items ?? []);
  const stepName = steps.find((s) => s.id === selectedId)?.name ?? 'step';
  const base = (scopeAll ? 'run' : stepName).replace(/[^\w.-]+/g, '-').toLowerCase();

  return (
    <div className="results-panel" data-testid="results-panel">
      <div className="row results-head">
        <select aria-label="Results scope" value={scopeAll ? 'all' : 'step'} onChange={(e) => setScopeAll(e.target.value === 'all')} data-testid="results-scope">
          <option value="step">This step ({stepItems.length} items)</option>
          <option value="all">Whole run ({allItems.length} items)</option>
        </select>
        {!scopeAll && stepResults.length > 1 && (
          <div className="iterations" role="tablist" aria-label="Iterations">
            {stepResults.map((r) => (
              <button key={r.iteration} role="tab" className={`iter ${r.success ? '' : 'err'}`} aria-selected={r === shown} data-testid="iteration-tab" onClick={() => setIteration(r.iteration)}>
                #{r.iteration + 1}
                <span className="badge">{r.items?.length ?? 0}</span>
              </button>
            ))}
          </div>
        )}
        <span className="grow" />
        <ExportMenu items={scopeAll ? allItems : stepItems} base={base} />
      </div>
      {scopeAll ? (
        <div className="pane-body">
          {/* Display only: which step/iteration each item came from (exports stay plain items). */}
          <ItemsTable items={results.flatMap((r) => (r.items ?? []).map((it) => ({ 'step ▸': r.stepName + iterationSuffix(steps.find((s) => s.id === r.stepId), r.iteration), ...(it !== null && typeof it === 'object' && !Array.isArray(it) ? it : { value: it }) })))} />
        </div>
      ) : !shown ? (
        <div className="empty">
          No results for this step yet. <br />
          Run the flow (<kbd>F5</kbd>) or just this step (<kbd>F10</kbd>).
        </div>
      ) : (
        <>
          <ResultBody r={shown} key={`${shown.runId}:${shown.stepId}:${shown.iteration}`} />
        </>
      )}
    </div>
  );
}
