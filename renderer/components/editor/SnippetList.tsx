// Editor for `js_code` / `js_code_before_wait` (a string or a list of snippets): one Monaco editor
// per snippet, add / remove / reorder, lint markers, and "Run now" per snippet. A single snippet is
// stored as a string (as most Crawl4AI code writes it), several as a list.
import { useFlowStore } from '../../store/flow.js';
import { CodeEditor, type EditorMarker } from '../../monaco/CodeEditor.js';
import { lintSnippetReturn } from '../../../shared/flow/lint.js';
import { PickButton } from './PickButton.js';
import { RunSnippetButton, SnippetOutput, useSnippetRunner } from './RunSnippetButton.js';

type Key = 'js_code' | 'js_code_before_wait';

function asList(v: string | string[] | undefined): string[] {
  return v === undefined ? [] : Array.isArray(v) ? v : [v];
}

function store(stepId: string, key: Key, list: string[], coalesce?: string) {
  const value = list.length === 0 ? undefined : list.length === 1 ? list[0] : list;
  useFlowStore.getState().setConfig(stepId, { [key]: value }, coalesce);
}

function Snippet({ stepId, k, index, list, sessionId, extraMarkers }: { stepId: string; k: Key; index: number; list: string[]; sessionId?: string; extraMarkers: EditorMarker[] }) {
  const code = list[index];
  const runner = useSnippetRunner(sessionId, 'body');
  const lint = k === 'js_code' ? lintSnippetReturn(code) : undefined;
  const markers: EditorMarker[] = [...extraMarkers];
  if (lint) {
    const lines = code.split('\n');
    let last = lines.length;
    while (last > 1 && !lines[last - 1].trim()) last--;
    markers.push({ message: lint, severity: 'warning', line: last });
  }
  return (
    <div className="snippet" data-testid={`snippet-${k}-${index}`}>
      <div className="snippet-bar">
        <span className="dim mono">{list.length > 1 ? `${k}[${index}]` : ''}</span>
        <span className="grow" />
        <PickButton
          purpose="click"
          sessionId={sessionId}
          testId={`pick-click-${k}-${index}`}
          label="Pick → click"
          hint="Pick an element in the live preview and add a click on it to this snippet"
          onPicked={(sel) => {
            const l = [...useSnippetsNow(stepId, k)];
            const line = `document.querySelector(${JSON.stringify(sel)}).click();`;
            l[index] = l[index].trim() ? `${l[index].replace(/\s*$/, '')}\n${line}` : line;
            store(stepId, k, l);
          }}
        />
        <RunSnippetButton sessionId={sessionId} busy={runner.busy} onRun={() => void runner.run(code)} testId={`run-snippet-${k}-${index}`} />
        {list.length > 1 && (
          <>
            <button className="ghost icon" aria-label="Move snippet up" title="Move up" disabled={index === 0} onClick={() => {
              const l = [...list];
              [l[index - 1], l[index]] = [l[index], l[index - 1]];
              store(stepId, k, l);
            }}>↑</button>
            <button className="ghost icon" aria-label="Move snippet down" title="Move down" disabled={index === list.length - 1} onClick={() => {
              const l = [...list];
              [l[index + 1], l[index]] = [l[index], l[index + 1]];
              store(stepId, k, l);
            }}>↓</button>
          </>
        )}
        <button className="ghost icon" aria-label="Remove snippet" title="Remove snippet" data-testid={`remove-snippet-${k}-${index}`} onClick={() => store(stepId, k, list.filter((_, i) => i !== index))}>
          ×
        </button>
      </div>
      <CodeEditor
        value={code}
        language="javascript"
        minLines={2}
        maxLines={20}
        ariaLabel={`${k} snippet ${index + 1}`}
        testId={`editor-${k}-${index}`}
        markers={markers}
        onChange={(text) => {
          const l = [...useSnippetsNow(stepId, k)];
          l[index] = text;
          store(stepId, k, l, `${stepId}:${k}:${index}`);
        }}
      />
      {lint && (
        <div className="lint-line warn" data-testid="lint-snippet-return">
          ⚠ {lint}
        </div>
      )}
      <SnippetOutput outcome={runner.outcome} onClose={runner.clear} />
    </div>
  );
}

/** Current list from the store (not from the render closure, which may be stale mid-typing). */
function useSnippetsNow(stepId: string, k: Key): string[] {
  const step = useFlowStore.getState().flow.steps.find((s) => s.id === stepId);
  return asList(step?.config[k]);
}

export function SnippetList({ stepId, k, value, sessionId, markers = [] }: { stepId: string; k: Key; value: string | string[] | undefined; sessionId?: string; markers?: EditorMarker[] }) {
  const list = asList(value);
  return (
    <div className="snippet-list" data-testid={`snippets-${k}`}>
      {list.map((_, i) => (
        <Snippet key={`${stepId}-${i}`} stepId={stepId} k={k} index={i} list={list} sessionId={sessionId} extraMarkers={i === 0 ? markers : []} />
      ))}
      <button className="ghost add-snippet" data-testid={`add-snippet-${k}`} onClick={() => store(stepId, k, [...list, ''])}>
        + {list.length ? 'Add snippet' : `Add ${k}`}
      </button>
    </div>
  );
}
