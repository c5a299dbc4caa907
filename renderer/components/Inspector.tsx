// The inspector beside the preview: the selected step's editor, or its extraction schema builder
// and tester. Both stay mounted so switching tabs keeps their state (open groups, tree selection).
import { useLayoutStore } from '../store/layout.js';
import { useFlowStore } from '../store/flow.js';
import { StepEditor } from './editor/StepEditor.js';
import { SchemaTesterPanel } from './schema/SchemaTesterPanel.js';

export function Inspector() {
  const tab = useLayoutStore((s) => s.inspectorTab);
  const setLayout = useLayoutStore((s) => s.set);
  const stepId = useFlowStore((s) => s.selected[0] ?? null);
  const fields = useFlowStore((s) => s.flow.steps.find((st) => st.id === s.selected[0])?.config.extraction_strategy?.schema.fields.length);
  const tabs: Array<[typeof tab, string, React.ReactNode]> = [
    ['step', 'Step', null],
    ['schema', 'Schema', fields !== undefined ? <span className="badge">{fields}</span> : null],
  ];
  return (
    <div className="inspector">
      <div className="tabs" role="tablist" aria-label="Step editor and schema">
        {tabs.map(([k, label, badge]) => (
          <button key={k} role="tab" className="tab" aria-selected={tab === k} data-testid={`inspector-tab-${k}`} onClick={() => setLayout({ inspectorTab: k })}>
            {label}
            {badge}
          </button>
        ))}
      </div>
      <div className="inspector-body pane-body" role="tabpanel" hidden={tab !== 'step'} data-testid="step-panel">
        <StepEditor />
      </div>
      <div className="inspector-body" role="tabpanel" hidden={tab !== 'schema'} data-testid="schema-panel">
        <SchemaTesterPanel stepId={stepId} active={tab === 'schema'} />
      </div>
    </div>
  );
}
