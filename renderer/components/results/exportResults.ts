// Results export: JSON (array), JSONL (one item per line) and CSV (RFC 4180; nested values as
// JSON text). Items carry no step metadata, so the output matches Crawl4AI's extracted_content.
export type ResultFormat = 'json' | 'jsonl' | 'csv';

function csvCell(v: unknown): string {
  const s = v === undefined || v === null ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function columnsOf(items: unknown[]): string[] {
  const cols: string[] = [];
  const seen = new Set<string>();
  for (const it of items) {
    if (it && typeof it === 'object' && !Array.isArray(it)) {
      for (const k of Object.keys(it)) if (!seen.has(k)) seen.add(k), cols.push(k);
    }
  }
  return cols;
}

export function formatResults(items: unknown[], format: ResultFormat): string {
  if (format === 'json') return JSON.stringify(items, null, 2) + '\n';
  if (format === 'jsonl') return items.map((i) => JSON.stringify(i)).join('\n') + (items.length ? '\n' : '');
  const cols = columnsOf(items);
  if (!cols.length) return items.map((i) => csvCell(i)).join('\r\n');
  const rows = items.map((it) => cols.map((c) => csvCell((it as Record<string, unknown>)?.[c])).join(','));
  return [cols.map(csvCell).join(','), ...rows].join('\r\n') + '\r\n';
}

export const MIME: Record<ResultFormat, string> = { json: 'application/json', jsonl: 'application/x-ndjson', csv: 'text/csv' };
