// Shown instead of the editor when a loaded file does not validate: the path-named errors and the
// raw JSON in Monaco, which the user can fix and apply. Nothing the user wrote is lost.
import { useEffect, useState } from 'react';
import { useFilesStore, type InvalidFile } from '../../store/files.js';
import { JsonEditor } from '../../monaco/CodeEditor.js';
import type { Monaco } from '../../monaco/loader.js';
import type * as MonacoNs from 'monaco-editor';

/** Find the line of a JSON path like steps[2].config.wait_for in the text (best effort). */
function lineOfPath(text: string, path: string): number {
  const keys = [...path.matchAll(/([A-Za-z_$][\w$-]*)|\[(\d+)\]|\["([^"]+)"\]/g)].map((m) => m[1] ?? m[3] ?? null).filter((k): k is string => !!k);
  const lines = text.split('\n');
  let from = 0;
  for (const k of keys) {
    const i = lines.findIndex((l, n) => n >= from && l.includes(`"${k}"`));
    if (i >= 0) from = i;
  }
  return from + 1;
}

export function InvalidFileView({ invalid }: { invalid: InvalidFile }) {
  const [text, setText] = useState(invalid.text);
  const [editor, setEditor] = useState<{ ed: MonacoNs.editor.IStandaloneCodeEditor; m: Monaco } | null>(null);
  const files = useFilesStore();
  useEffect(() => setText(invalid.text), [invalid.path]);

  const jsonError = invalid.errors.find((e) => e.path === '' && /not valid JSON/.test(e.message));
  const markers = invalid.errors.map((e) => {
    const lc = /line (\d+), column (\d+)/.exec(e.message);
    return { message: `${e.path || '(file)'}: ${e.message}`, severity: 'error' as const, line: lc ? Number(lc[1]) : e.path ? lineOfPath(invalid.text, e.path) : 1, column: lc ? Number(lc[2]) : undefined };
  });

  function reveal(line: number) {
    if (!editor) return;
    editor.ed.revealLineInCenter(line);
    editor.ed.setPosition({ lineNumber: line, column: 1 });
    editor.ed.focus();
  }

  return (
    <div className="invalid-file" data-testid="invalid-file">
      <div className="invalid-head">
        <div>
          <div className="invalid-title">
            <span className="err">✗</span> This flow file is not valid {jsonError ? 'JSON' : 'for Crawlwright'} — nothing was changed or lost
          </div>
          <div className="dim mono">{invalid.path ?? '(unsaved text)'}</div>
        </div>
        <span className="grow" />
        <button className="primary" data-testid="invalid-apply" onClick={() => files.retryInvalid(text)}>
          Validate &amp; open
        </button>
        <button onClick={() => files.closeInvalid()} data-testid="invalid-close" title="Back to the previous flow (the text stays in the recovery file until you leave)">
          Close
        </button>
      </div>
      <ul className="invalid-errors" data-testid="invalid-errors">
        {invalid.errors.map((e, i) => (
          <li key={i} data-testid="invalid-error" onClick={() => reveal(markers[i].line)}>
            <code className="err">{e.path || '(file)'}</code> {e.message}
          </li>
        ))}
      </ul>
      <div className="invalid-editor">
        <JsonEditor
          value={text}
          fill
          ariaLabel="Flow file JSON"
          testId="invalid-json"
          markers={markers}
          onMount={(ed, m) => setEditor({ ed, m })}
          onChange={(t) => {
            setText(t);
            files.setInvalidText(t);
          }}
        />
      </div>
    </div>
  );
}
