// session_id: pick one of the live sessions or the ids already used in the flow, or type a new one.
import { useFlowStore } from '../../store/flow.js';
import { sessionColor, useSessionsStore } from '../../store/sessions.js';

export function SessionField({ stepId, value }: { stepId: string; value: string | undefined }) {
  const live = useSessionsStore((s) => s.sessions);
  const steps = useFlowStore((s) => s.flow.steps);
  const inFlow = steps.map((st) => st.config.session_id).filter((x): x is string => !!x);
  const ids = [...new Set([...inFlow, ...live.map((s) => s.id)])].sort();
  const info = live.find((s) => s.id === value);
  return (
    <div className="row session-field">
      {value && <span className="session-dot" style={{ background: sessionColor(value) }} />}
      <input
        type="text"
        className="mono-input grow"
        list="session-ids"
        data-testid="opt-session_id"
        aria-label="session_id"
        spellCheck={false}
        placeholder="(none: fresh page per step)"
        value={value ?? ''}
        onChange={(e) => useFlowStore.getState().setConfig(stepId, { session_id: e.target.value || undefined }, `${stepId}:session_id`)}
      />
      <datalist id="session-ids">
        {ids.map((id) => (
          <option key={id} value={id} />
        ))}
      </datalist>
      {value && (
        <span className={`session-state ${info?.alive ? 'ok' : 'dim'}`} data-testid="session-state" title={info ? `${info.url}\ncontext: ${info.contextKey}` : 'not open yet: created on first use'}>
          {info ? (info.alive ? '● live' : `✗ ${info.deadReason ?? 'closed'}`) : '○ not open'}
        </span>
      )}
    </div>
  );
}
