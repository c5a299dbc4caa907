// Loading a flow: JSON text → version check → migration → schema validation → lint warnings.
// Never throws: every problem comes back as a path-named issue, so nothing crosses the UI/CLI
// boundary as an exception and the user's text is never lost.
import { FLOW_FORMAT, FLOW_VERSION, FlowSchema, type Flow } from './schema.js';
import { fromZodIssues, type ValidationIssue } from './issues.js';
import { lintFlow } from './lint.js';
import { attachExactDefaultsFromText } from '../extract/exact-defaults.js';

export type FlowParseResult =
  | { ok: true; flow: Flow; warnings: ValidationIssue[] }
  | { ok: false; errors: ValidationIssue[]; warnings: ValidationIssue[] };

/** Position (1-based line/column) of a character offset, for JSON syntax errors. */
function lineCol(text: string, offset: number): string {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const col = offset - before.lastIndexOf('\n');
  return `line ${line}, column ${col}`;
}

export function parseFlowText(text: string): FlowParseResult {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    const pos = /position (\d+)/.exec(msg);
    const where = pos ? ` at ${lineCol(text, Number(pos[1]))}` : '';
    return { ok: false, errors: [{ path: '', message: `not valid JSON${where}: ${msg}`, severity: 'error' }], warnings: [] };
  }
  // Schema defaults as Python's json reads them (0.0 stays a float): JSON.parse has accepted the
  // text, so parsePyJson does too.
  attachExactDefaultsFromText(value, text);
  return validateFlow(value);
}

/** Older versions would be migrated here; v1 is the first, so this only checks the envelope. */
function checkEnvelope(value: unknown): ValidationIssue | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { path: '', message: 'a flow file is a JSON object', severity: 'error' };
  }
  const v = value as Record<string, unknown>;
  if (v.format !== FLOW_FORMAT) {
    return {
      path: 'format',
      message: `expected "${FLOW_FORMAT}"${v.format === undefined ? ' (missing: is this a Crawlwright flow file?)' : `, got ${JSON.stringify(v.format)}`}`,
      severity: 'error',
    };
  }
  if (typeof v.version !== 'number' || !Number.isInteger(v.version) || v.version < 1) {
    return { path: 'version', message: `expected a positive integer flow version, got ${JSON.stringify(v.version)}`, severity: 'error' };
  }
  if (v.version > FLOW_VERSION) {
    return {
      path: 'version',
      message: `this flow was written by a newer Crawlwright (flow version ${v.version}); this version reads flow version ${FLOW_VERSION}. Update Crawlwright to open it.`,
      severity: 'error',
    };
  }
  return undefined;
}

export function validateFlow(value: unknown): FlowParseResult {
  const envelopeError = checkEnvelope(value);
  if (envelopeError) return { ok: false, errors: [envelopeError], warnings: [] };
  const parsed = FlowSchema.safeParse(value);
  if (!parsed.success) {
    return { ok: false, errors: fromZodIssues(parsed.error.issues, FlowSchema, value), warnings: [] };
  }
  return { ok: true, flow: parsed.data, warnings: lintFlow(parsed.data) };
}
