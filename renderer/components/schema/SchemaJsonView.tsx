// JSON view of the schema (Monaco), in sync with the tree both ways. Monaco validates against the
// JSON Schema generated from the one zod definition; our path-named issues show next to it.
// Invalid text never reaches the tree and is never overwritten by it (model.reconcileText).
import { useEffect, useRef, useState } from 'react';
import { z } from 'zod';
import { JsonEditor, type EditorMarker } from '../../monaco/index.js';
import { JsonCssSchemaSchema, type JsonCssSchema } from '../../../shared/extract/schema.js';
import { applyText, reconcileText, schemaToText, type ParseResult } from './model.js';
import { draftKey, useDraftsStore } from '../../store/drafts.js';
import type { ValidationIssue } from '../../../shared/flow/issues.js';

const JSONCSS_SCHEMA_URI = 'crawlwright://schema/jsoncss.json';
const schemaUris = new Set<string>();
let jsonSchemaCache: unknown;
function jsonSchema(): unknown {
  jsonSchemaCache ??= z.toJSONSchema(JsonCssSchemaSchema, { unrepresentable: 'any' });
  return jsonSchemaCache;
}

/** Line of `"key"` for a path like fields[2].selector: a good-enough anchor for markers. */
function lineOf(text: string, path: string): number | undefined {
  const last = path.match(/([A-Za-z_$][\w$-]*)$/)?.[1];
  if (!last) return undefined;
  const idx = text.indexOf(`"${last}"`);
  return idx < 0 ? undefined : text.slice(0, idx).split('\n').length;
}

/** The problem that keeps a text from being applied, for the drafts store (Save names it). */
function problemOf(r: ParseResult): string {
  if (r.ok) return '';
  if (r.syntax) return `JSON syntax error${r.syntax.line ? ` at line ${r.syntax.line}, column ${r.syntax.column}` : ''}: ${r.syntax.message}`;
  const i = r.issues[0];
  return i ? `${i.path || '(root)'}: ${i.message}` : 'invalid schema';
}

export function SchemaJsonView({ stepId, schema, onChange }: { stepId: string; schema: JsonCssSchema; onChange(schema: JsonCssSchema): void }) {
  // Text that did not apply survives this view being closed (drafts store); it starts from there.
  const [text, setText] = useState(() => useDraftsStore.getState().drafts[draftKey(stepId, 'schema-json')]?.text ?? schemaToText(schema));
  const [parse, setParse] = useState<ParseResult | null>(() => (text === schemaToText(schema) ? null : applyText(text, schema).result));
  const keepDraft = (t: string, r: ParseResult | null) => {
    if (r && !r.ok) useDraftsStore.getState().put({ stepId, field: 'schema-json', text: t, problem: problemOf(r) });
    else useDraftsStore.getState().drop(stepId, 'schema-json');
  };
  const textRef = useRef(text);
  textRef.current = text;

  // Tree → text, unless the text is mid-edit (invalid) or already equivalent.
  useEffect(() => {
    const next = reconcileText(textRef.current, schema);
    if (next !== textRef.current) {
      setText(next);
      setParse(null);
      keepDraft(next, null);
    }
  }, [schema]);

  const issues: ValidationIssue[] = parse && !parse.ok ? parse.issues : [];
  const markers: EditorMarker[] = issues.map((i) => ({ message: `${i.path || '(root)'}: ${i.message}`, severity: i.severity, line: lineOf(text, i.path) }));
  const stale = parse && !parse.ok;

  return (
    <div className="schema-json" data-testid="schema-json">
      <JsonEditor
        value={text}
        minLines={10}
        maxLines={40}
        markers={markers}
        ariaLabel="Schema JSON"
        testId="schema-json-editor"
        onMount={(editor, monaco) => {
          const uri = editor.getModel()?.uri.toString();
          if (!uri) return;
          // Register this model for our JSON Schema, keeping schemas other panels registered.
          schemaUris.add(uri);
          const opts = monaco.json.jsonDefaults.diagnosticsOptions;
          const others = (opts.schemas ?? []).filter((s) => s.uri !== JSONCSS_SCHEMA_URI);
          monaco.json.jsonDefaults.setDiagnosticsOptions({
            ...opts,
            validate: true,
            schemas: [...others, { uri: JSONCSS_SCHEMA_URI, fileMatch: [...schemaUris], schema: jsonSchema() }],
          });
        }}
        onChange={(t) => {
          setText(t);
          const r = applyText(t, schema);
          setParse(r.result);
          keepDraft(t, r.result);
          if (r.changed) onChange(r.schema);
        }}
      />
      {parse && !parse.ok && (
        <div className="schema-json-errors" role="alert" data-testid="schema-json-error">
          {parse.syntax ? (
            <div>
              JSON syntax error{parse.syntax.line ? ` at line ${parse.syntax.line}, column ${parse.syntax.column}` : ''}: {parse.syntax.message}
            </div>
          ) : (
            issues.map((i, k) => (
              <div key={k}>
                <code>{i.path || '(root)'}</code>: {i.message}
              </div>
            ))
          )}
          {stale && (
            <div className="dim">
              The tree keeps the last valid schema.{' '}
              <button
                className="link"
                data-testid="schema-json-reset"
                onClick={() => {
                  setText(schemaToText(schema));
                  setParse(null);
                  keepDraft('', null);
                }}
              >
                Reset the text from the tree
              </button>
            </div>
          )}
        </div>
      )}
    </div>
  );
}
