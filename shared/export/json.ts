// The `json` export: the flow file itself in canonical form (serializeFlow: stable key order,
// 2-space indent). A flow holds no UI state and no secret values ({{secret:NAME}} placeholders
// stay placeholders), so nothing is stripped or approximated: the notes list is empty, and
// import.parse reads the text back losslessly.
import type { Flow } from '../flow/schema.js';
import { serializeFlow } from '../flow/serialize.js';
import { slug, type ExportResult } from './common.js';

export function exportJson(flow: Flow): ExportResult {
  return { text: serializeFlow(flow), fileName: `${slug(flow.name)}.flow.json`, notes: [] };
}
