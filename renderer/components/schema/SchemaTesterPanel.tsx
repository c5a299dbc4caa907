// Slot for the schema builder/tester (owned by the schema work; placeholder keeps the layout buildable).
export function SchemaTesterPanel({ stepId }: { stepId: string | null }) {
  return <div className="schema-placeholder">{stepId ? `Schema of step ${stepId}` : 'Select a step'}</div>;
}
