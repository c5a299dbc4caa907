// The builder window: toolbar on top; step list | step editor over live preview | results dock.
import { useFlowStore } from './store/flow.js';
import { useLayoutStore } from './store/layout.js';
import { Splitter } from './components/layout/Splitter.js';
import { PreviewPane } from './components/preview/PreviewPane.js';
import { SchemaTesterPanel } from './components/schema/SchemaTesterPanel.js';

export function App() {
  const layout = useLayoutStore();
  const selected = useFlowStore((s) => s.flow.steps.find((st) => st.id === s.selected[0]) ?? null);
  const sessionId = selected?.config.session_id ?? null;
  return (
    <div className="app">
      <div className="app-main">
        <section className="pane pane-steps" style={{ width: layout.stepListWidth }} aria-label="Steps">
          <div className="pane-header"><span className="title">Steps</span></div>
        </section>
        <Splitter orientation="vertical" size={layout.stepListWidth} min={200} max={600} onResize={(v) => layout.set({ stepListWidth: v })} label="Resize step list" />
        <section className="pane pane-centre" aria-label="Step editor and preview">
          <div className="pane pane-editor" style={{ height: layout.editorHeight }} />
          <Splitter orientation="horizontal" size={layout.editorHeight} min={120} max={2000} onResize={(v) => layout.set({ editorHeight: v })} label="Resize editor" />
          <div className="pane pane-preview">
            <PreviewPane sessionId={sessionId} />
          </div>
        </section>
        <Splitter orientation="vertical" size={layout.dockWidth} min={260} max={1200} direction={-1} onResize={(v) => layout.set({ dockWidth: v })} label="Resize results panel" />
        <section className="pane pane-dock" style={{ width: layout.dockWidth }} aria-label="Results">
          <SchemaTesterPanel stepId={selected?.id ?? null} />
        </section>
      </div>
    </div>
  );
}
