// Input rows for a flow with `inputs`: CSV (papaparse, header row), JSONL (one object per line)
// or the rows kept in the flow. Rows are untrusted data like the flow itself: a row may only set
// the declared columns, its values are never placeholders (no {{secret:X}} smuggling: the
// runner does not expand values again, and such a row is refused outright), and a value that
// ends up as a step's url must be an http(s) URL.
import Papa from 'papaparse';
import type { Flow, Inputs } from './schema.js';
import { findPlaceholders } from './variables.js';

export interface InputRow {
  /** The row id: the `inputs.id` column's value, else the 1-based row number. */
  id: string;
  values: Record<string, string>;
}

export interface RowsResult {
  rows: InputRow[];
  /** `line 4: …` / `row 3: …` problems; a file with any error is refused as a whole. */
  errors: string[];
}

export type InputFormat = 'csv' | 'jsonl';

/** .jsonl/.ndjson → jsonl, else csv; text starting with `{` is jsonl too. */
export function guessFormat(fileName: string | undefined, text: string): InputFormat {
  if (fileName && /\.(jsonl|ndjson)$/i.test(fileName)) return 'jsonl';
  if (fileName && /\.csv$/i.test(fileName)) return 'csv';
  return /^\s*\{/.test(text) ? 'jsonl' : 'csv';
}

function rawRows(text: string, format: InputFormat): { records: { line: number; value: Record<string, unknown> }[]; errors: string[] } {
  const errors: string[] = [];
  const records: { line: number; value: Record<string, unknown> }[] = [];
  if (format === 'jsonl') {
    text.split(/\r?\n/).forEach((line, i) => {
      if (!line.trim()) return;
      try {
        const v = JSON.parse(line) as unknown;
        if (typeof v !== 'object' || v === null || Array.isArray(v)) errors.push(`line ${i + 1}: expected a JSON object`);
        else records.push({ line: i + 1, value: v as Record<string, unknown> });
      } catch (e) {
        errors.push(`line ${i + 1}: not valid JSON (${(e as Error).message})`);
      }
    });
    return { records, errors };
  }
  const parsed = Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: 'greedy' });
  // A one-column file has no delimiter to detect: papaparse says so and uses ",", which is right.
  for (const e of parsed.errors.filter((x) => x.code !== 'UndetectableDelimiter')) errors.push(`${e.row !== undefined ? `row ${e.row + 1}` : 'CSV'}: ${e.message}`);
  parsed.data.forEach((value, i) => records.push({ line: i + 2, value }));
  return { records, errors };
}

/** Check and normalise rows against the flow's inputs declaration. */
export function checkRows(records: { line: number; value: Record<string, unknown> }[], inputs: Inputs): RowsResult {
  const errors: string[] = [];
  const rows: InputRow[] = [];
  const seen = new Map<string, number>();
  records.forEach(({ line, value }, i) => {
    const where = `line ${line}`;
    const values: Record<string, string> = {};
    for (const [k, v] of Object.entries(value)) {
      if (!inputs.columns.includes(k)) {
        errors.push(`${where}: column "${k}" is not one of the flow's inputs.columns (${inputs.columns.join(', ')}); a row may only set those`);
        continue;
      }
      if (v === null || v === undefined) continue;
      if (typeof v === 'object') {
        errors.push(`${where}: "${k}" must be a string, number or boolean`);
        continue;
      }
      const s = String(v);
      if (findPlaceholders(s).length || /\{\{|\}\}/.test(s)) {
        errors.push(`${where}: "${k}" contains {{ }}; input values are data, never placeholders (no {{secret:…}} from a row)`);
        continue;
      }
      values[k] = s;
    }
    for (const c of inputs.columns) if (values[c] === undefined) errors.push(`${where}: no value for column "${c}"`);
    const id = inputs.id ? (values[inputs.id] ?? '') : String(i + 1);
    const dup = seen.get(id);
    if (dup !== undefined) errors.push(`${where}: row id "${id}" (column ${inputs.id}) repeats line ${dup}; ids must be unique to resume`);
    seen.set(id, line);
    rows.push({ id, values });
  });
  return { rows, errors };
}

/** The columns a rows text has: the CSV header, or the JSONL objects' keys in order of appearance. */
export function inputColumns(text: string, format: InputFormat): string[] {
  if (format === 'csv') return (Papa.parse<Record<string, string>>(text, { header: true, preview: 1 }).meta.fields ?? []).filter(Boolean);
  const seen = new Set<string>();
  for (const line of text.split(/\r?\n/)) {
    try {
      const v = JSON.parse(line) as unknown;
      if (v && typeof v === 'object' && !Array.isArray(v)) for (const k of Object.keys(v)) seen.add(k);
    } catch {
      /* reported by parseInputRows */
    }
  }
  return [...seen];
}

/** Rows from CSV/JSONL text. */
export function parseInputRows(text: string, format: InputFormat, inputs: Inputs): RowsResult {
  const { records, errors } = rawRows(text, format);
  const checked = checkRows(records, inputs);
  return { rows: checked.rows, errors: [...errors, ...checked.errors] };
}

/** The rows kept in the flow (`inputs.rows`), checked the same way. */
export function flowRows(flow: Flow): RowsResult {
  if (!flow.inputs) return { rows: [], errors: ['the flow declares no inputs'] };
  return checkRows((flow.inputs.rows ?? []).map((value, i) => ({ line: i + 1, value })), flow.inputs);
}

const ALLOWED_URL = /^https?:$/;

/**
 * A row whose values would make a step's url something other than http(s) (file:, data:,
 * javascript:, chrome:…) is refused: a row may change where the flow goes, not what it may open.
 */
export function checkRowUrls(flow: Flow, row: InputRow, defaults: Record<string, string> = {}): string | undefined {
  const columns = new Set(flow.inputs?.columns ?? []);
  for (const step of flow.steps) {
    const url = step.config.url;
    if (!url || step.disabled) continue;
    const used = findPlaceholders(url).filter((p) => !p.secret && columns.has(p.name));
    if (!used.length) continue;
    const filled = url.replace(/\{\{\s*(secret:)?([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g, (m, secret: string | undefined, name: string) =>
      // Only the scheme is judged: a secret or a variable without a value here stands in as "x".
      secret ? 'x' : (row.values[name] ?? defaults[name] ?? (m ? 'x' : m)),
    );
    let protocol: string;
    try {
      protocol = new URL(filled).protocol;
    } catch {
      return `step "${step.name}": url ${JSON.stringify(filled)} (from column ${used.map((p) => p.name).join(', ')}) is not a valid URL`;
    }
    if (!ALLOWED_URL.test(protocol)) {
      return `step "${step.name}": url ${JSON.stringify(filled)} (from column ${used.map((p) => p.name).join(', ')}) uses ${protocol}; only http(s) URLs may come from input rows`;
    }
  }
  return undefined;
}
