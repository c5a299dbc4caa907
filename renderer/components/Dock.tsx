// The right-hand dock: Results · Run log · Schema (the schema tester slot).
import { useLayoutStore } from '../store/layout.js';
import { useRunStore } from '../store/run.js';
import { useFlowStore } from '../store/flow.js';
import { ResultsPanel } from './results/ResultsPanel.js';
import { RunLog } from './results/RunLog.js';
import { SchemaTesterPanel } from './schema/SchemaTesterPanel.js';

export function Dock() {
  const tab = useLayoutStore((s) => s.dockTab);
  const setLayout = useLayoutStore((s) => s.set);
  const errors = useRunStore((s) => s.log.filter((l) => l.level === 'error').length);
  const resultCount = useRunStore((s) => s.results.length);
  const stepId = useFlowStore((s) => s.selected[0] ?? null);
  const tabs: Array<[typeof tab, string, React.ReactNode]> = [
    ['results', 'Results', resultCount ? <span className="badge">{resultCount}</span> : null],
    ['log', 'Run log', errors ? <span className="badge err">{errors}</span> : null],
    ['schema', 'Schema', null],
  ];
  return (
    <div className="dock">
      <div className="tabs" role="tablist" aria-label="Results panels">
        {tabs.map(([k, label, badge]) => (
          <button key={k} role="tab" className="tab" aria-selected={tab === k} data-testid={`dock-tab-${k}`} onClick={() => setLayout({ dockTab: k })}>
            {label}
            {badge}
          </button>
        ))}
      </div>
      <div className="dock-body" role="tabpanel">
        {tab === 'results' && <ResultsPanel />}
        {tab === 'log' && <RunLog />}
        {/* The schema panel stays mounted so its state survives tab switches. */}
        <div className="dock-schema" hidden={tab !== 'schema'} data-testid="schema-panel">
          <SchemaTesterPanel stepId={stepId} />
        </div>
      </div>
    </div>
  );
}
