// The dock under the preview: Results · Run log. Folds to its tab bar with the chevron (a tab
// click always shows its panel); its height and state are remembered per user.
import { useLayoutStore } from '../store/layout.js';
import { useRunStore } from '../store/run.js';
import { ResultsPanel } from './results/ResultsPanel.js';
import { RunLog } from './results/RunLog.js';
import { InputsPanel } from './inputs/InputsPanel.js';
import { BatchPanel } from './inputs/BatchPanel.js';
import { useFlowStore } from '../store/flow.js';
import { useBatchStore } from '../store/batch.js';

export function Dock() {
  const tab = useLayoutStore((s) => s.dockTab);
  const collapsed = useLayoutStore((s) => s.dockCollapsed);
  const setLayout = useLayoutStore((s) => s.set);
  const errors = useRunStore((s) => s.log.filter((l) => l.level === 'error').length);
  const resultCount = useRunStore((s) => s.results.length);
  const inputRows = useFlowStore((s) => s.flow.inputs?.rows?.length ?? 0);
  const batch = useBatchStore((s) => (s.batchId ? `${(s.progress?.done ?? 0) + (s.progress?.failed ?? 0)}/${s.order.length}` : null));
  const batchFailed = useBatchStore((s) => (s.progress?.failed ?? 0) > 0);
  const tabs: Array<[typeof tab, string, React.ReactNode]> = [
    ['results', 'Results', resultCount ? <span className="badge">{resultCount}</span> : null],
    ['log', 'Run log', errors ? <span className="badge err">{errors}</span> : null],
    ['inputs', 'Inputs', inputRows ? <span className="badge">{inputRows}</span> : null],
    ['batch', 'Batch', batch ? <span className={`badge${batchFailed ? ' err' : ''}`}>{batch}</span> : null],
  ];
  return (
    <div className={`dock${collapsed ? ' collapsed' : ''}`} data-testid="dock" data-collapsed={collapsed}>
      <div className="tabs" role="tablist" aria-label="Results panels">
        {tabs.map(([k, label, badge]) => (
          <button
            key={k}
            role="tab"
            className="tab"
            aria-selected={tab === k && !collapsed}
            data-testid={`dock-tab-${k}`}
            onClick={() => setLayout({ dockTab: k, dockCollapsed: false })}
          >
            {label}
            {badge}
          </button>
        ))}
        <span className="grow" />
        <button className="ghost icon dock-fold" data-testid="dock-fold" aria-label={collapsed ? 'Show the results panel' : 'Fold the results panel'} title={collapsed ? 'Show' : 'Fold'} onClick={() => setLayout({ dockCollapsed: !collapsed })}>
          {collapsed ? '▴' : '▾'}
        </button>
      </div>
      {!collapsed && (
        <div className="dock-body" role="tabpanel">
          {tab === 'results' && <ResultsPanel />}
          {tab === 'log' && <RunLog />}
          {tab === 'inputs' && <InputsPanel />}
          {tab === 'batch' && <BatchPanel />}
        </div>
      )}
    </div>
  );
}
