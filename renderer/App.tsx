// The builder window: toolbar; step list | live preview over the results dock | inspector (step
// editor / schema). The preview gets the largest pane: it is what a visual builder is about.
import { useCallback, useEffect, useState } from 'react';
import { useFlowStore } from './store/flow.js';
import { useLayoutStore } from './store/layout.js';
import { startAutosave, useFilesStore } from './store/files.js';
import { setRunStartErrorHandler, useRunStore, wireRunEvents } from './store/run.js';
import { wireSessionEvents } from './store/sessions.js';
import { wireBatchEvents } from './store/batch.js';
import { wireRecorderEvents } from './store/recorder.js';
import { Splitter } from './components/layout/Splitter.js';
import { Toolbar } from './components/toolbar/Toolbar.js';
import { StepList } from './components/steps/StepList.js';
import { Dock } from './components/Dock.js';
import { Inspector } from './components/Inspector.js';
import { FileDialog } from './components/files/FileDialog.js';
import { InvalidFileView } from './components/files/InvalidFileView.js';
import { ConnectionBanner, NoticeBar, RecoveryBanner } from './components/files/Banners.js';
import { PreviewPane } from './components/preview/PreviewPane.js';
import { ExportDialog } from './components/export/ExportDialog.js';
import { TrustPrompt } from './components/trust/TrustPrompt.js';
import { PaginationWizard } from './components/wizard/PaginationWizard.js';
import { FlowSettings } from './components/flow/FlowSettings.js';
import { ShortcutsHelp } from './components/toolbar/ShortcutsHelp.js';
import { setFlowVariableNames } from './monaco/flowVariables.js';
import { BUILTIN_VARIABLES } from '../shared/flow/lint.js';
import { useGlobalShortcuts, useWindowTitle } from './shortcuts.js';

export function App() {
  const layout = useLayoutStore();
  const sessionId = useFlowStore((s) => s.flow.steps.find((st) => st.id === s.selected[0])?.config.session_id ?? null);
  const invalid = useFilesStore((s) => s.invalid);
  const [exportOpen, setExportOpen] = useState(false);
  const [settingsOpen, setSettingsOpen] = useState(false);
  const [helpOpen, setHelpOpen] = useState(false);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'F1') {
        e.preventDefault();
        setHelpOpen((o) => !o);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  const openExport = useCallback(() => setExportOpen(true), []);

  useEffect(() => {
    wireRunEvents();
    setRunStartErrorHandler((m) => useFilesStore.getState().notify('error', `Run could not start: ${m}`));
    wireSessionEvents();
    wireBatchEvents();
    wireRecorderEvents();
    void useFilesStore.getState().startup();
    startAutosave();
  }, []);
  // At a breakpoint, show the paused step in the editor (like a debugger revealing the line).
  const pausedAt = useRunStore((s) => s.pausedAt);
  useEffect(() => {
    if (pausedAt && useFlowStore.getState().selected[0] !== pausedAt) useFlowStore.getState().select([pausedAt]);
  }, [pausedAt]);
  // When a run fails, show the failing step and its result (error with phase and selector).
  const runStatus = useRunStore((s) => s.status);
  useEffect(() => {
    if (runStatus !== 'failed') return;
    const { results } = useRunStore.getState();
    const failed = [...results].reverse().find((r) => !r.success);
    if (failed) {
      useFlowStore.getState().select([failed.stepId]);
      useLayoutStore.getState().set({ dockTab: 'results', dockCollapsed: false });
    }
  }, [runStatus]);
  const variables = useFlowStore((s) => s.flow.variables);
  useEffect(() => setFlowVariableNames([...Object.keys(variables ?? {}), ...BUILTIN_VARIABLES]), [variables]);
  useGlobalShortcuts(openExport);
  useWindowTitle();

  return (
    <div className={`app${invalid ? ' has-invalid' : ''}`} data-testid="app">
      <Toolbar onExport={openExport} onSettings={() => setSettingsOpen(true)} onHelp={() => setHelpOpen(true)} />
      <ConnectionBanner />
      <RecoveryBanner />
      <div className="app-main">
        <div className="pane pane-steps" style={{ width: layout.stepListWidth }}>
          <StepList />
        </div>
        <Splitter orientation="vertical" size={layout.stepListWidth} min={180} max={560} onResize={(v) => layout.set({ stepListWidth: v })} label="Resize step list" testId="splitter-steps" />
        {invalid ? (
          <section className="pane pane-work" aria-label="Invalid flow file">
            <InvalidFileView invalid={invalid} />
          </section>
        ) : (
          <>
            <section className="pane pane-centre" aria-label="Live preview and results">
              <div className="pane pane-preview" aria-label="Live preview">
                <PreviewPane sessionId={sessionId} />
              </div>
              {!layout.dockCollapsed && (
                <Splitter orientation="horizontal" size={layout.dockHeight} min={90} max={1600} direction={-1} onResize={(v) => layout.set({ dockHeight: v })} label="Resize results panel" testId="splitter-dock" />
              )}
              <section className="pane pane-dock" style={layout.dockCollapsed ? undefined : { height: layout.dockHeight }} aria-label="Results and run log">
                <Dock />
              </section>
            </section>
            <Splitter orientation="vertical" size={layout.inspectorWidth} min={300} max={1200} direction={-1} onResize={(v) => layout.set({ inspectorWidth: v })} label="Resize step editor" testId="splitter-inspector" />
            <section className="pane pane-inspector" style={{ width: layout.inspectorWidth }} aria-label="Step editor and schema">
              <Inspector />
            </section>
          </>
        )}
      </div>
      <NoticeBar />
      <FileDialog />
      <TrustPrompt />
      <PaginationWizard />
      <ExportDialog open={exportOpen} onClose={() => setExportOpen(false)} />
      <FlowSettings open={settingsOpen} onClose={() => setSettingsOpen(false)} />
      <ShortcutsHelp open={helpOpen} onClose={() => setHelpOpen(false)} />
    </div>
  );
}
