// step.actions in the step editor: recorded (or picked) actions, each with its selector and
// alternates, value, and the items it watches. "Check on page" re-checks every selector on the live
// session page (unique? the same element?); "Re-record" records the step again; "Convert to JS"
// replaces the actions by the exact snippet the runner and the exports generate from them.
import { useState } from 'react';
import type { Action } from '../../../shared/flow/schema.js';
import { MAX_TARGET_ALTERNATES } from '../../../shared/flow/schema.js';
import { compileActions, describeAction, targetSelectors } from '../../../shared/flow/actions.js';
import { api } from '../../api/client.js';
import { useFlowStore } from '../../store/flow.js';
import { useRecorderStore } from '../../store/recorder.js';

type Check = { selector: string; count: number; same: boolean };

function edit(stepId: string, i: number, mutate: (a: Action) => void, key: string) {
  useFlowStore.getState().updateStep(
    stepId,
    (s) => {
      const a = s.actions?.[i];
      if (a) mutate(a);
    },
    `${stepId}:actions[${i}].${key}`,
  );
}

function ActionRow({ stepId, a, i, n, checks }: { stepId: string; a: Action; i: number; n: number; checks?: Check[] }) {
  const update = useFlowStore.getState().updateStep;
  const move = (d: number) =>
    update(stepId, (s) => {
      const list = s.actions!;
      const [x] = list.splice(i, 1);
      list.splice(i + d, 0, x);
    });
  const remove = () =>
    update(stepId, (s) => {
      s.actions!.splice(i, 1);
      if (!s.actions!.length) delete s.actions;
    });
  const sels = a.target ? targetSelectors(a.target) : [];
  const mark = (k: number) => {
    const c = checks?.[k];
    if (!c) return null;
    const ok = c.count === 1 && c.same;
    return (
      <span className={`action-check ${ok ? 'ok' : 'bad'}`} data-testid="action-check" data-count={c.count} title={ok ? 'Unique on the page' : c.count === 0 ? 'Matches nothing now' : c.count < 0 ? 'Invalid selector' : c.count > 1 ? `${c.count} matches` : 'Another element than the first selector'}>
        {ok ? '✓' : c.count < 0 ? '!' : c.count}
      </span>
    );
  };
  return (
    <li className="action-row" data-testid="action-row" data-type={a.type}>
      <div className="action-head">
        <b className="action-type">{i + 1}. {a.type}</b>
        <span className="dim action-desc">{describeAction(a)}</span>
        <span className="grow" />
        <button className="ghost icon" aria-label="Move up" disabled={i === 0} onClick={() => move(-1)}>↑</button>
        <button className="ghost icon" aria-label="Move down" disabled={i === n - 1} onClick={() => move(1)}>↓</button>
        <button className="ghost icon" aria-label="Remove action" onClick={remove}>✕</button>
      </div>
      {a.target && (
        <div className="action-selectors">
          {sels.map((sel, k) => (
            <label key={k} className="row action-sel">
              <span className="dim">{k === 0 ? 'selector' : `alt ${k}`}</span>
              <input
                className="mono-input"
                data-testid={k === 0 ? 'action-selector' : 'action-alternate'}
                value={sel}
                spellCheck={false}
                onChange={(e) =>
                  edit(stepId, i, (x) => {
                    if (!x.target) return;
                    if (k === 0) x.target.selector = e.target.value;
                    else {
                      const alts = [...(x.target.alternates ?? [])];
                      if (e.target.value === '') alts.splice(k - 1, 1);
                      else alts[k - 1] = e.target.value;
                      if (alts.length) x.target.alternates = alts;
                      else delete x.target.alternates;
                    }
                  }, `sel${k}`)
                }
              />
              {mark(k)}
            </label>
          ))}
          {sels.length <= MAX_TARGET_ALTERNATES && (
            <button className="ghost small" onClick={() => edit(stepId, i, (x) => x.target && (x.target.alternates = [...(x.target.alternates ?? []), 'body']), 'alt+')}>
              + alternate
            </button>
          )}
        </div>
      )}
      {a.type === 'fill' && (
        <label className="row">
          <span className="dim">value</span>
          <input className="mono-input" data-testid="action-value" value={a.value} placeholder="text, {{variable}} or {{secret:NAME}}" onChange={(e) => edit(stepId, i, (x) => x.type === 'fill' && (x.value = e.target.value), 'value')} />
        </label>
      )}
      {a.type === 'select' && (
        <label className="row">
          <span className="dim">value</span>
          <input className="mono-input" value={[a.value].flat().join(', ')} onChange={(e) => edit(stepId, i, (x) => x.type === 'select' && (x.value = e.target.value.includes(',') ? e.target.value.split(',').map((v) => v.trim()) : e.target.value), 'value')} />
        </label>
      )}
      {a.type === 'check' && (
        <label className="row">
          <input type="checkbox" checked={a.checked} onChange={(e) => edit(stepId, i, (x) => x.type === 'check' && (x.checked = e.target.checked), 'checked')} /> checked
        </label>
      )}
      {a.type === 'press' && (
        <label className="row">
          <span className="dim">key</span>
          <input className="mono-input" value={a.key} onChange={(e) => edit(stepId, i, (x) => x.type === 'press' && (x.key = e.target.value || 'Enter'), 'key')} />
        </label>
      )}
      <label className="row">
        <span className="dim" title="Items whose count / first text are remembered before acting, so wait_for can wait until they changed">watch</span>
        <input className="mono-input" data-testid="action-watch" value={a.watch ?? ''} placeholder="(nothing)" spellCheck={false} onChange={(e) => edit(stepId, i, (x) => (e.target.value ? (x.watch = e.target.value) : delete x.watch), 'watch')} />
      </label>
    </li>
  );
}

export function ActionsField({ stepId, actions, sessionId }: { stepId: string; actions: Action[] | undefined; sessionId?: string }) {
  const [checks, setChecks] = useState<Record<number, Check[]> | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const recording = useRecorderStore((s) => s.sessionId);
  const thumb = useRecorderStore((s) => s.thumbnails[stepId]);
  const list = actions ?? [];

  const check = async () => {
    if (!sessionId) return setNote('The step has no session_id: no page to check against.');
    try {
      const out: Record<number, Check[]> = {};
      for (const [i, a] of list.entries()) if (a.target) out[i] = (await api['picker.check']({ sessionId, selectors: targetSelectors(a.target) })).checks;
      setChecks(out);
      const bad = Object.values(out).flat().filter((c) => c.count !== 1 || !c.same).length;
      setNote(bad ? `${bad} selector(s) are not unique on the page now (the page may be at another step: run up to the step first)` : 'Every selector is unique on the page now.');
    } catch (e) {
      setNote((e as Error).message);
    }
  };
  const toJs = () =>
    useFlowStore.getState().updateStep(stepId, (s) => {
      if (!s.actions?.length) return;
      const before = s.config.js_code_before_wait;
      s.config.js_code_before_wait = [compileActions(s.actions), ...(before === undefined ? [] : Array.isArray(before) ? before : [before])];
      delete s.actions;
    });

  return (
    <div className="actions-field" data-testid="actions-field">
      {thumb && <img className="step-thumb large" src={thumb} alt="The page after this step" />}
      {list.length ? (
        <ol className="action-list">
          {list.map((a, i) => (
            <ActionRow key={i} stepId={stepId} a={a} i={i} n={list.length} checks={checks?.[i]} />
          ))}
        </ol>
      ) : (
        <div className="dim">No actions. Record them (● Record in the preview) or use the picker's “Click it”.</div>
      )}
      <div className="row actions-buttons">
        {list.length > 0 && (
          <button className="ghost small" data-testid="actions-check" onClick={() => void check()} disabled={!sessionId}>
            Check on page
          </button>
        )}
        <button className="ghost small" data-testid="actions-rerecord" disabled={!!recording} onClick={() => void useRecorderStore.getState().start(sessionId ?? null, { replaceId: stepId })} title="Record this step again in the preview (it replaces the step's actions and wait)">
          Re-record
        </button>
        {list.length > 0 && (
          <button className="ghost small" data-testid="actions-to-js" onClick={toJs} title="Replace the actions by the JavaScript the runner and the exports generate from them">
            Convert to JS
          </button>
        )}
      </div>
      {note && <div className="field-note" role="status">{note}</div>}
    </div>
  );
}
