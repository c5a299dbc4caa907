// Extracted items as a table; nested objects/lists collapse to a badge that expands in place.
import { useState } from 'react';
import { columnsOf } from './exportResults.js';

function Cell({ value }: { value: unknown }) {
  const [open, setOpen] = useState(false);
  if (value === null || value === undefined) return <span className="dim">{String(value)}</span>;
  if (typeof value !== 'object') return <span title={String(value).length > 40 ? String(value) : undefined}>{String(value)}</span>;
  const label = Array.isArray(value) ? `[${value.length}]` : `{${Object.keys(value).length}}`;
  return (
    <span className="nested">
      <button className="ghost nested-toggle" aria-expanded={open} onClick={() => setOpen(!open)} data-testid="nested-toggle">
        {open ? '▾' : '▸'} {label}
      </button>
      {open && <pre className="nested-json">{JSON.stringify(value, null, 2)}</pre>}
    </span>
  );
}

export function ItemsTable({ items }: { items: unknown[] }) {
  const cols = columnsOf(items);
  if (!items.length) return <div className="empty">No items extracted.</div>;
  return (
    <div className="table-wrap">
      <table className="items-table" data-testid="results-table">
        <thead>
          <tr>
            <th className="num">#</th>
            {cols.length ? cols.map((c) => <th key={c}>{c}</th>) : <th>value</th>}
          </tr>
        </thead>
        <tbody>
          {items.map((it, i) => (
            <tr key={i} data-testid="result-row">
              <td className="num dim">{i + 1}</td>
              {cols.length ? (
                cols.map((c) => (
                  <td key={c}>
                    <Cell value={(it as Record<string, unknown>)?.[c]} />
                  </td>
                ))
              ) : (
                <td>
                  <Cell value={it} />
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
