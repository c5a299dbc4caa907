// extraction_strategy: the JsonCssExtractionStrategy schema as JSON in Monaco. Valid edits go to the
// flow store at once; while the text does not parse or validate, it stays local with the error shown
// (the schema tester tab edits the same value visually).
import { useEffect, useRef, useState } from 'react';
import { useFlowStore } from '../../store/flow.js';
import { JsonEditor } from '../../monaco/CodeEditor.js';
import { JsonCssSchemaSchema, type ExtractionStrategy } from '../../../shared/extract/schema.js';
import { fromZodIssues } from '../../../shared/flow/issues.js';
import { draftKey, useDraftsStore } from '../../store/drafts.js';

const pretty = (v: unknown) => JSON.stringify(v, null, 2);

export function ExtractionField({ stepId, value }: { stepId: string; value: ExtractionStrategy | undefined }) {
  // A draft that did not apply (invalid JSON or schema) survives switching steps (drafts store).
  const draft = useDraftsStore.getState().drafts[draftKey(stepId, 'extraction')];
  const [text, setText] = useState(draft?.text ?? (value ? pretty(value.schema) : ''));
  const [error, setErrorState] = useState<string | null>(draft?.problem ?? null);
  const setError = (problem: string | null, t: string) => {
    setErrorState(problem);
    if (problem) useDraftsStore.getState().put({ stepId, field: 'extraction', text: t, problem });
    else useDraftsStore.getState().drop(stepId, 'extraction');
  };
  const lastStored = useRef(value ? pretty(value.schema) : '');

  // Follow external changes (undo, schema tester) unless they are our own last write.
  useEffect(() => {
    const ext = value ? pretty(value.schema) : '';
    if (ext !== lastStored.current) {
      lastStored.current = ext;
      setText(ext);
      setError(null, ext);
    }
  }, [value]);

  if (!value) {
    return (
      <button
        className="ghost add-snippet"
        data-testid="add-extraction"
        onClick={() =>
          useFlowStore.getState().setConfig(stepId, {
            extraction_strategy: { type: 'JsonCssExtractionStrategy', schema: { name: 'Items', baseSelector: '.item', fields: [{ name: 'title', selector: '.title', type: 'text' }] } },
          })
        }
      >
        + Add JsonCssExtractionStrategy
      </button>
    );
  }

  return (
    <div className="extraction" data-testid="extraction">
      <div className="snippet-bar">
        <code className="dim">{value.type}.schema</code>
        <span className="grow" />
        <button className="ghost icon" aria-label="Remove extraction_strategy" title="Remove extraction" onClick={() => useFlowStore.getState().setConfig(stepId, { extraction_strategy: undefined })}>
          ×
        </button>
      </div>
      <JsonEditor
        value={text}
        minLines={6}
        maxLines={28}
        ariaLabel="extraction_strategy schema JSON"
        testId="editor-extraction-schema"
        onChange={(t, parsed) => {
          setText(t);
          if (!parsed.ok) {
            setError(`not valid JSON: ${parsed.error}`, t);
            return;
          }
          const r = JsonCssSchemaSchema.safeParse(parsed.value);
          if (!r.success) {
            const issue = fromZodIssues(r.error.issues, JsonCssSchemaSchema, parsed.value)[0];
            setError(issue ? `schema${issue.path ? `.${issue.path}` : ''}: ${issue.message}` : 'invalid schema', t);
            return;
          }
          setError(null, t);
          lastStored.current = pretty(r.data);
          useFlowStore.getState().setConfig(stepId, { extraction_strategy: { type: 'JsonCssExtractionStrategy', schema: r.data } }, `${stepId}:extraction`);
        }}
      />
      {error && (
        <div className="lint-line err" data-testid="extraction-error">
          ✗ {error} <span className="dim">(not applied until fixed)</span>
        </div>
      )}
    </div>
  );
}
