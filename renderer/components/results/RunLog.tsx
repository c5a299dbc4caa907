// The run log: run/step lifecycle, warnings and errors as they arrive; click a line to select its step.
import { useEffect, useRef } from 'react';
import { useRunStore } from '../../store/run.js';
import { useFlowStore } from '../../store/flow.js';

export function RunLog() {
  const log = useRunStore((s) => s.log);
  const end = useRef<HTMLDivElement>(null);
  useEffect(() => {
    end.current?.scrollIntoView({ block: 'end' });
  }, [log.length]);
  return (
    <div className="run-log" data-testid="run-log">
      <div className="row results-head">
        <span className="dim">{log.length} entries</span>
        <span className="grow" />
        <button className="ghost" onClick={() => void navigator.clipboard.writeText(log.map((l) => `${new Date(l.ts).toISOString()} ${l.level} ${l.message}`).join('\n'))}>
          Copy
        </button>
        <button className="ghost" onClick={() => useRunStore.setState({ log: [] })}>
          Clear
        </button>
      </div>
      <div className="log-lines pane-body">
        {log.length === 0 && <div className="empty">Nothing logged yet.</div>}
        {log.map((l, i) => (
          <div
            key={i}
            className={`log-line ${l.level === 'error' ? 'err' : l.level === 'warn' ? 'warn' : ''}${l.stepId ? ' clickable' : ''}`}
            data-testid="log-line"
            onClick={() => l.stepId && useFlowStore.getState().select([l.stepId])}
          >
            <span className="dim">{new Date(l.ts).toLocaleTimeString(undefined, { hour12: false })}</span> {l.message}
          </div>
        ))}
        <div ref={end} />
      </div>
    </div>
  );
}
