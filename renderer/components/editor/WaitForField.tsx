// wait_for editor: a kind selector (css: / js:) + the value. CSS is a plain input; the js: predicate
// gets Monaco. Crawl4AI's unprefixed forms are shown with their lint warning and a one-click fix.
import { useFlowStore } from '../../store/flow.js';
import { CodeEditor } from '../../monaco/CodeEditor.js';
import { classifyWaitFor, lintWaitFor } from '../../../shared/flow/lint.js';
import { PickButton, useHoverHighlight } from './PickButton.js';
import { RunSnippetButton, SnippetOutput, useSnippetRunner } from './RunSnippetButton.js';

function set(stepId: string, value: string | undefined, coalesce = true) {
  useFlowStore.getState().setConfig(stepId, { wait_for: value }, coalesce ? `${stepId}:wait_for` : undefined);
}

export function WaitForField({ stepId, value, sessionId }: { stepId: string; value: string | undefined; sessionId?: string }) {
  const runner = useSnippetRunner(sessionId, 'predicate');
  const kind = value === undefined ? 'none' : classifyWaitFor(value);
  const lint = value !== undefined ? lintWaitFor(value) : undefined;
  const trimmed = value?.trim() ?? '';
  const body = kind === 'css' || kind === 'js' ? trimmed.slice(kind.length + 1).trimStart() : trimmed;
  const shownKind = kind === 'bare-js' ? 'js' : kind === 'bare-css' ? 'css' : kind;
  const hover = useHoverHighlight(shownKind === 'css' ? body : undefined);

  function changeKind(k: string) {
    if (k === 'none') set(stepId, undefined, false);
    else if (k === 'css') set(stepId, `css:${shownKind === 'css' ? body : '.item'}`, false);
    else set(stepId, `js:${shownKind === 'js' ? body : "() => document.querySelectorAll('.item').length > 0"}`, false);
  }

  return (
    <div className="wait-for" data-testid="wait-for">
      <div className="row">
        <select value={shownKind} onChange={(e) => changeKind(e.target.value)} data-testid="wait-for-kind" aria-label="wait_for kind">
          <option value="none">— none —</option>
          <option value="css">css: selector</option>
          <option value="js">js: predicate</option>
        </select>
        {shownKind === 'css' && (
          <input
            type="text"
            className="mono-input grow"
            data-testid="wait-for-css"
            aria-label="wait_for CSS selector"
            spellCheck={false}
            value={body}
            placeholder=".item"
            onChange={(e) => set(stepId, `css:${e.target.value}`)}
            {...hover}
          />
        )}
        {shownKind === 'css' && <PickButton purpose="wait_for" sessionId={sessionId} onPicked={(sel) => set(stepId, `css:${sel}`, false)} />}
        {shownKind === 'js' && <span className="grow" />}
        {shownKind === 'js' && <RunSnippetButton sessionId={sessionId} busy={runner.busy} onRun={() => void runner.run(body)} testId="run-wait-for" />}
      </div>
      {shownKind === 'js' && (
        <CodeEditor
          value={body}
          language="javascript"
          minLines={1}
          maxLines={8}
          ariaLabel="wait_for JavaScript predicate"
          testId="editor-wait_for"
          markers={lint ? [{ message: lint, severity: 'warning' }] : []}
          onChange={(text) => set(stepId, `js:${text}`)}
        />
      )}
      {lint && (
        <div className="lint-line warn" data-testid="lint-wait-for">
          ⚠ {lint}
          {(kind === 'bare-css' || kind === 'bare-js') && (
            <button className="ghost fix" data-testid="fix-wait-for" onClick={() => set(stepId, `${kind === 'bare-js' ? 'js' : 'css'}:${trimmed}`, false)}>
              Fix: add “{kind === 'bare-js' ? 'js:' : 'css:'}”
            </button>
          )}
        </div>
      )}
      <SnippetOutput outcome={runner.outcome} onClose={runner.clear} />
    </div>
  );
}
