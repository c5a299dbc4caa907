// Test results: a virtualised table (one row per item; nested values open in a detail pane), the
// exact extracted_content string, and the diagnostics (counts, coverage, lint, engine mismatch).
import { useEffect, useMemo, useRef, useState } from 'react';
import type { SchemaTestResult } from '../../../shared/api/domains/schema.js';
import type { JsonCssSchema } from '../../../shared/extract/schema.js';

const ROW_H = 24;
const OVERSCAN = 8;

function cellText(v: unknown): string {
  if (v === undefined) return '';
  if (typeof v === 'string') return v;
  if (Array.isArray(v)) return `[${v.length}]`;
  if (v && typeof v === 'object') return `{${Object.keys(v).length}}`;
  return JSON.stringify(v);
}
const isComplex = (v: unknown) => !!v && typeof v === 'object';

/** Columns: every top-level key in schema order (baseFields then fields), then any others seen. */
function columnsOf(schema: JsonCssSchema, items: unknown[]): string[] {
  const cols = [...(schema.baseFields ?? []), ...schema.fields].map((f) => f.name);
  const seen = new Set(cols);
  for (const it of items.slice(0, 200)) if (it && typeof it === 'object') for (const k of Object.keys(it)) if (!seen.has(k)) (seen.add(k), cols.push(k));
  return [...new Set(cols)];
}

export function ResultTable({ schema, items, onRowClick }: { schema: JsonCssSchema; items: unknown[]; onRowClick(index: number): void }) {
  const cols = useMemo(() => columnsOf(schema, items), [schema, items]);
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(320);
  const [detail, setDetail] = useState<{ index: number; key: string } | null>(null);
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = box.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    const ro = new ResizeObserver(() => setHeight(el.clientHeight || 320));
    ro.observe(el);
    return () => ro.disconnect();
  }, []);
  const first = Math.max(0, Math.floor(scrollTop / ROW_H) - OVERSCAN);
  const last = Math.min(items.length, Math.ceil((scrollTop + height) / ROW_H) + OVERSCAN);
  const detailValue = detail ? (items[detail.index] as Record<string, unknown> | undefined)?.[detail.key] : undefined;

  return (
    <div className="result-table-wrap">
      <div
        className="result-table"
        ref={box}
        role="grid"
        aria-rowcount={items.length}
        data-testid="result-table"
        onScroll={(e) => {
          setScrollTop(e.currentTarget.scrollTop);
          setHeight(e.currentTarget.clientHeight);
        }}
      >
        <div className="rt-head" role="row" style={{ gridTemplateColumns: `48px repeat(${cols.length}, minmax(90px, 1fr))` }}>
          <span role="columnheader">#</span>
          {cols.map((c) => (
            <span key={c} role="columnheader" title={c}>
              {c}
            </span>
          ))}
        </div>
        {/* Only the visible rows are in the DOM: 2,000 items stay cheap to render. */}
        <div style={{ height: items.length * ROW_H, position: 'relative' }}>
          {items.slice(first, last).map((it, k) => {
            const i = first + k;
            const rec = (it && typeof it === 'object' ? it : {}) as Record<string, unknown>;
            return (
              <div
                key={i}
                role="row"
                aria-rowindex={i + 1}
                className="rt-row"
                data-testid="result-row"
                style={{ top: i * ROW_H, height: ROW_H, gridTemplateColumns: `48px repeat(${cols.length}, minmax(90px, 1fr))` }}
                onClick={() => onRowClick(i)}
                title="Click: scroll the preview to this item"
              >
                <span className="dim">{i + 1}</span>
                {cols.map((c) => {
                  const v = rec[c];
                  return (
                    <span
                      key={c}
                      role="gridcell"
                      className={`${v === undefined ? 'absent' : ''}${isComplex(v) ? ' complex' : ''}`}
                      data-col={c}
                      title={v === undefined ? 'absent (no value, no default)' : isComplex(v) ? 'Click to expand' : cellText(v)}
                      onClick={(e) => {
                        if (!isComplex(v)) return;
                        e.stopPropagation();
                        setDetail({ index: i, key: c });
                      }}
                    >
                      {v === undefined ? '—' : cellText(v)}
                      {isComplex(v) ? ' ▸' : ''}
                    </span>
                  );
                })}
              </div>
            );
          })}
        </div>
      </div>
      {detail && (
        <div className="rt-detail" data-testid="result-detail">
          <div className="row">
            <span>
              Item {detail.index + 1} · <code>{detail.key}</code>
            </span>
            <span className="grow" />
            <button className="ghost small" onClick={() => setDetail(null)} aria-label="Close detail">
              ×
            </button>
          </div>
          <pre>{JSON.stringify(detailValue, null, 2)}</pre>
        </div>
      )}
    </div>
  );
}

export function ExtractedJson({ text }: { text: string }) {
  // Very large outputs: show the start; "Copy" always copies everything.
  const MAX = 200_000;
  return (
    <div className="extracted-json">
      <div className="row">
        <span className="dim">extracted_content ({text.length.toLocaleString()} chars, exactly as Crawl4AI returns it)</span>
        <span className="grow" />
        <button className="ghost small" onClick={() => void navigator.clipboard?.writeText(text)}>
          Copy
        </button>
      </div>
      <pre data-testid="extracted-json">{text.length > MAX ? `${text.slice(0, MAX)}\n… (${(text.length - MAX).toLocaleString()} more chars)` : text}</pre>
    </div>
  );
}

export function DiagnosticsView({ result, schema }: { result: SchemaTestResult; schema: JsonCssSchema }) {
  const d = result.diagnostics;
  const names = new Map<string, string>((schema.baseFields ?? []).map((f, i) => [`baseFields[${i}]`, f.name]));
  return (
    <div className="schema-diagnostics" data-testid="schema-diagnostics">
      {d && (
        <div className="diag-counts">
          Crawl4AI sees <b data-testid="diag-base-count">{d.baseCount}</b> base element{d.baseCount === 1 ? '' : 's'} → <b>{result.items?.length ?? 0}</b> item
          {(result.items?.length ?? 0) === 1 ? '' : 's'}
          {result.items && d.baseCount > result.items.length ? <span className="dim"> ({d.baseCount - result.items.length} empty items dropped, as Crawl4AI does)</span> : null}
        </div>
      )}
      {result.captureWarnings.map((w, i) => (
        <div key={i} className="diag-warn">
          {w}
        </div>
      ))}
      {d && d.fields.length > 0 && (
        <table className="coverage">
          <thead>
            <tr>
              <th>field</th>
              <th title="Items where the field has a real value">value</th>
              <th title="Items where the field fell back to its default">default</th>
              <th title="Items where the key is absent (or nested/list matched nothing)">missing</th>
              <th title="Items in which the browser finds the field selector">browser</th>
            </tr>
          </thead>
          <tbody>
            {d.fields.map((f) => {
              const total = f.value + f.default + f.missing;
              return (
                <tr key={f.path} data-testid="coverage-row" data-field-path={f.path}>
                  <td title={f.path}>
                    <code>{names.get(f.path) ?? f.name}</code> <span className="dim">{f.path}</span>
                  </td>
                  <td className={f.value === 0 ? 'bad' : f.value === total ? 'ok' : ''}>{f.value}</td>
                  <td>{f.default}</td>
                  <td className={f.missing ? 'warn' : ''}>{f.missing}</td>
                  <td>{f.browserItems ?? '—'}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {d && d.lint.length > 0 && (
        <ul className="diag-lint" data-testid="schema-lint">
          {d.lint.map((l, i) => (
            <li key={i} className={l.severity}>
              <code>{l.path || '(schema)'}</code>: {l.message}
            </li>
          ))}
        </ul>
      )}
      {d && d.samples.length > 0 && (
        <details>
          <summary>First item HTML</summary>
          <pre className="sample">{d.samples[0]}</pre>
        </details>
      )}
      <div className="dim timing">
        capture {result.timing.captureMs.toFixed(0)} ms · extract {result.timing.extractMs.toFixed(0)} ms · browser count {result.timing.browserMs.toFixed(0)} ms ·{' '}
        {(result.timing.htmlBytes / 1024).toFixed(0)} KiB HTML
      </div>
    </div>
  );
}

/** "Browser sees N, Crawl4AI sees M" — shown above everything when the engines disagree. */
export function MismatchBanner({ result }: { result: SchemaTestResult }) {
  if (!result.mismatches.length) return null;
  return (
    <div className="mismatch-banner" role="alert" data-testid="count-mismatch">
      {result.mismatches.map((m, i) => (
        <div key={i}>
          <b>
            Browser sees {m.browserCount}, Crawl4AI sees {m.crawl4aiCount}
          </b>{' '}
          for <code>{m.path === 'baseSelector' ? m.selector : `${m.path} (${m.selector})`}</code>. {m.reason}
        </div>
      ))}
    </div>
  );
}
