// repeat (times | until+max) and page-side hooks (Monaco per hook).
import { useFlowStore } from '../../store/flow.js';
import { CodeEditor } from '../../monaco/CodeEditor.js';
import { HOOK_NAMES, type HookName, type Step } from '../../../shared/flow/schema.js';
import { isFunctionExpression } from '../../../shared/flow/lint.js';

export function RepeatField({ step }: { step: Step }) {
  const r = step.repeat;
  const kind = !r ? 'none' : 'times' in r ? 'times' : 'until';
  const upd = (mutate: (s: Step) => void, key?: string) => useFlowStore.getState().updateStep(step.id, mutate, key ? `${step.id}:repeat:${key}` : undefined);
  const untilBody = r && 'until' in r ? r.until.replace(/^\s*js:/, '') : '';
  const untilLint = r && 'until' in r && !isFunctionExpression(untilBody) ? 'must be a function expression: "js:() => …"' : undefined;
  return (
    <div className="repeat" data-testid="repeat">
      <div className="row">
        <select
          data-testid="repeat-kind"
          aria-label="repeat kind"
          value={kind}
          onChange={(e) =>
            upd((s) => {
              if (e.target.value === 'none') delete s.repeat;
              else if (e.target.value === 'times') s.repeat = { times: 3 };
              else s.repeat = { until: "js:() => !document.querySelector('#next:not([disabled])')", max: 10 };
            })
          }
        >
          <option value="none">— run once —</option>
          <option value="times">times: N</option>
          <option value="until">until: js predicate (max N)</option>
        </select>
        {r && 'times' in r && (
          <label className="row">
            <code>times</code>
            <input type="number" min={1} max={10000} data-testid="repeat-times" value={r.times} onChange={(e) => {
              const n = Math.max(1, Math.min(10000, Math.floor(Number(e.target.value) || 1)));
              upd((s) => void (s.repeat = { times: n }), 'times');
            }} />
          </label>
        )}
        {r && 'until' in r && (
          <label className="row">
            <code>max</code>
            <input type="number" min={1} max={10000} data-testid="repeat-max" value={r.max} onChange={(e) => {
              const n = Math.max(1, Math.min(10000, Math.floor(Number(e.target.value) || 1)));
              upd((s) => {
                if (s.repeat && 'until' in s.repeat) s.repeat.max = n;
              }, 'max');
            }} />
          </label>
        )}
      </div>
      {r && 'until' in r && (
        <CodeEditor
          value={untilBody}
          minLines={1}
          maxLines={6}
          ariaLabel="repeat.until predicate"
          testId="editor-repeat-until"
          markers={untilLint ? [{ message: untilLint, severity: 'warning' }] : []}
          onChange={(text) =>
            upd((s) => {
              if (s.repeat && 'until' in s.repeat) s.repeat.until = `js:${text}`;
            }, 'until')
          }
        />
      )}
    </div>
  );
}

export function HooksField({ step }: { step: Step }) {
  const hooks = step.hooks ?? {};
  const used = HOOK_NAMES.filter((h) => hooks[h] !== undefined);
  const unused = HOOK_NAMES.filter((h) => hooks[h] === undefined);
  const setHook = (h: HookName, code: string | undefined, coalesce?: boolean) =>
    useFlowStore.getState().updateStep(
      step.id,
      (s) => {
        const next = { ...(s.hooks ?? {}) };
        if (code === undefined) delete next[h];
        else next[h] = code;
        if (Object.keys(next).length) s.hooks = next;
        else delete s.hooks;
      },
      coalesce ? `${step.id}:hook:${h}` : undefined,
    );
  return (
    <div className="hooks" data-testid="hooks">
      {used.map((h) => (
        <div key={h} className="snippet">
          <div className="snippet-bar">
            <code>{h}</code>
            <span className="grow" />
            <button className="ghost icon" aria-label={`Remove hook ${h}`} onClick={() => setHook(h, undefined)}>
              ×
            </button>
          </div>
          <CodeEditor value={hooks[h] ?? ''} minLines={2} maxLines={16} ariaLabel={`hook ${h}`} testId={`editor-hook-${h}`} onChange={(t) => setHook(h, t, true)} />
        </div>
      ))}
      {unused.length > 0 && (
        <select data-testid="add-hook" aria-label="Add hook" value="" onChange={(e) => e.target.value && setHook(e.target.value as HookName, '// runs in the page\n')}>
          <option value="">+ Add hook…</option>
          {unused.map((h) => (
            <option key={h} value={h}>
              {h}
            </option>
          ))}
        </select>
      )}
    </div>
  );
}
