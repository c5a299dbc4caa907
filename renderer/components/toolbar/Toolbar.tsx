// Top bar: file commands, undo/redo, run controls with the progress bar, export.
import { useFlowStore, isDirty } from '../../store/flow.js';
import { isRunActive, runProgress, useRunStore } from '../../store/run.js';
import { useFilesStore } from '../../store/files.js';
import { useDraftsStore } from '../../store/drafts.js';
import { RecentMenu } from '../files/RecentMenu.js';
import { SessionsMenu } from './SessionsMenu.js';

export function Toolbar({ onExport, onSettings, onHelp }: { onExport(): void; onSettings(): void; onHelp(): void }) {
  const flowName = useFlowStore((s) => s.flow.name);
  const path = useFlowStore((s) => s.path);
  const drafts = useDraftsStore((s) => Object.keys(s.drafts).length);
  const flowDirty = useFlowStore((s) => isDirty(s));
  const dirty = flowDirty || drafts > 0;
  const canUndo = useFlowStore((s) => s.past.length > 0);
  const canRedo = useFlowStore((s) => s.future.length > 0);
  const selected = useFlowStore((s) => s.selected[0]);
  const run = useRunStore();
  const files = useFilesStore();
  const active = isRunActive(run.status);
  const progress = runProgress(run);

  return (
    <header className="toolbar" role="toolbar" aria-label="Main toolbar">
      <div className="brand" title="Crawlwright">
        <span className="logo">◆</span>
      </div>
      <div className="tb-group">
        <button className="ghost" data-testid="file-new" title="New flow (Ctrl+N)" onClick={() => files.newFlow()}>
          New
        </button>
        <button className="ghost" data-testid="file-open" title="Open… (Ctrl+O)" onClick={() => void files.requestOpen()}>
          Open…
        </button>
        <span className="file-extra">
          <RecentMenu />
        </span>
        <button className="ghost" data-testid="file-save" title="Save (Ctrl+S)" onClick={() => void files.save()}>
          Save
        </button>
        <button className="ghost" data-testid="file-save-as" title="Save As… (Ctrl+Shift+S)" onClick={() => void files.saveAs()}>
          Save As…
        </button>
        <button className="ghost" data-testid="export-open" title="Export (Crawl4AI Python, config JSON, Playwright…)" onClick={onExport}>
          Export…
        </button>
      </div>
      <div className="tb-sep" />
      <div className="tb-group">
        <button className="ghost icon" data-testid="undo" title="Undo (Ctrl+Z)" aria-label="Undo" disabled={!canUndo} onClick={() => useFlowStore.getState().undo()}>
          ↶
        </button>
        <button className="ghost icon" data-testid="redo" title="Redo (Ctrl+Shift+Z)" aria-label="Redo" disabled={!canRedo} onClick={() => useFlowStore.getState().redo()}>
          ↷
        </button>
      </div>
      <div className="tb-sep" />
      <div className="tb-group run-controls">
        <button className="run-btn primary" data-testid="run-all" title="Run all (F5)" disabled={active} onClick={() => void run.start('all')}>
          ▶ Run all
        </button>
        <button className="ghost" data-testid="run-step" title="Run the selected step only (F10)" disabled={active || !selected} onClick={() => void run.start('step', selected)}>
          Run step
        </button>
        <button className="ghost" data-testid="run-to" title="Run from the start up to and including the selected step" disabled={active || !selected} onClick={() => void run.start('to', selected)}>
          Run to here
        </button>
        <button className="ghost" data-testid="run-from" title="Run from the selected step to the end" disabled={active || !selected} onClick={() => void run.start('from', selected)}>
          Run from here
        </button>
        {run.status === 'paused' && (
          <button className="primary" data-testid="continue" title="Continue (F5)" onClick={() => void run.resume()}>
            ▶ Continue
          </button>
        )}
        <button className="ghost danger" data-testid="stop" title="Stop (Shift+F5)" disabled={!active} onClick={() => void run.stop()}>
          ■ Stop
        </button>
      </div>
      <div className="run-status" data-testid="run-status" data-status={run.status} title={run.health.map((h) => `${h.stepName}${h.iteration ? ` #${h.iteration + 1}` : ''}: ${h.message}`).join('\n') || undefined}>
        {run.status !== 'idle' && (
          <>
            <div className="progress" role="progressbar" aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(progress * 100)} data-testid="run-progress">
              <div className={`progress-bar ${run.status}`} style={{ width: `${Math.max(active ? 4 : 0, progress * 100)}%` }} />
            </div>
            <span className={`run-status-label ${run.status}`}>
              {run.status === 'paused' ? '⏸ paused' : run.status === 'running' || run.status === 'starting' ? 'running…' : run.status === 'warnings' ? '⚠ finished with warnings' : run.status}
              {run.stepIds.length > 0 && ` ${run.finishedSteps.length}/${run.stepIds.length}`}
            </span>
          </>
        )}
      </div>
      <span className="grow" />
      <SessionsMenu />
      <button className="ghost doc-title" data-testid="doc-title" title={`${path ?? 'Not saved yet'} — click for flow settings (name, variables, browser)`} onClick={onSettings}>
        <span className="doc-name">{flowName}</span>
        {dirty && (
          <span className="dirty" data-testid="dirty-indicator" title={drafts ? 'Unsaved changes (an editor holds text that is not applied yet)' : 'Unsaved changes'}>
            ●
          </span>
        )}
        <span className="doc-path dim">{path ? path.split(/[\\/]/).pop() : 'no file'}</span>
        <span className="dim">⚙</span>
      </button>
      <button className="ghost icon" data-testid="shortcuts" title="Keyboard shortcuts (F1)" aria-label="Keyboard shortcuts" onClick={onHelp}>
        ?
      </button>
    </header>
  );
}
