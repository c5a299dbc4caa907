// Global keyboard shortcuts and desktop-menu commands. Undo/redo are left to Monaco when the focus
// is inside it (Monaco has its own history), and to inputs marked data-native-undo (values not yet
// in the flow, e.g. the inline rename box). Form fields bound to the flow use the flow's undo, whose
// entries are coalesced per field, so Ctrl+Z in a field undoes the typing burst in that field.
import { useEffect } from 'react';
import { useFlowStore, isDirty } from './store/flow.js';
import { useRunStore, isRunActive } from './store/run.js';
import { hasUnsavedWork, useFilesStore } from './store/files.js';
import { useDraftsStore } from './store/drafts.js';
import { onEvent, transport } from './api/client.js';
import { getFocusedEditor } from './monaco/CodeEditor.js';
import { useRecorderStore } from './store/recorder.js';
import { usePreviewSessionStore } from './store/previewSession.js';

/** Ctrl+Alt+R (Cmd+Alt+R): start / stop recording the preview. */
export function isRecordShortcut(e: { key: string; ctrlKey: boolean; metaKey: boolean; altKey: boolean }): boolean {
  return (e.ctrlKey || e.metaKey) && e.altKey && e.key.toLowerCase() === 'r';
}

function ownsUndo(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  return !!el?.closest?.('.monaco-editor, [data-native-undo]');
}

/** Undo/redo from the desktop menu: to the focused Monaco editor or native input, else the flow. */
function undoRedo(which: 'undo' | 'redo'): void {
  const ed = getFocusedEditor();
  if (ed) {
    ed.trigger('menu', which, null);
    return;
  }
  if (ownsUndo(document.activeElement)) {
    document.execCommand(which);
    return;
  }
  const flow = useFlowStore.getState();
  if (which === 'undo') flow.undo();
  else flow.redo();
}

/** Shortcuts that the Electron menu owns (its accelerators send app.menu instead). */
const MENU_KEYS = new Set(['s', 'o', 'n', 'e', 'z', 'y']);

export function runCommand(command: string, openExport: () => void, path?: string): void {
  const files = useFilesStore.getState();
  switch (command) {
    case 'new':
      files.newFlow();
      break;
    case 'open':
      void files.requestOpen();
      break;
    case 'save':
      void files.save();
      break;
    case 'saveAs':
      void files.saveAs();
      break;
    case 'export':
      openExport();
      break;
    case 'openRecent':
      if (path) void files.openPath(path);
      break;
    case 'undo':
    case 'redo':
      undoRedo(command);
      break;
  }
}

export function useGlobalShortcuts(openExport: () => void): void {
  useEffect(() => {
    function onKey(e: KeyboardEvent) {
      const mod = e.ctrlKey || e.metaKey;
      const key = e.key.toLowerCase();
      const run = useRunStore.getState();
      const selected = useFlowStore.getState().selected[0];
      // In Electron the native menu's accelerators deliver these as app.menu; handling the key here
      // too would run the command twice.
      if (transport.mode === 'electron' && mod && MENU_KEYS.has(key)) return;
      if (isRecordShortcut(e)) {
        e.preventDefault();
        const ps = usePreviewSessionStore.getState();
        void useRecorderStore.getState().toggle(ps.pinned ?? ps.lastShown);
      } else if (e.key === 'F5' && e.shiftKey) {
        e.preventDefault();
        void run.stop();
      } else if (e.key === 'F5') {
        e.preventDefault();
        if (run.status === 'paused') void run.resume();
        else if (!isRunActive(run.status)) void run.start('all');
      } else if (e.key === 'F10' && !e.shiftKey) {
        e.preventDefault();
        if (selected && !isRunActive(run.status)) void run.start('step', selected);
      } else if (mod && key === 's') {
        e.preventDefault();
        runCommand(e.shiftKey ? 'saveAs' : 'save', openExport);
      } else if (mod && key === 'o') {
        e.preventDefault();
        runCommand('open', openExport);
      } else if (mod && key === 'n') {
        e.preventDefault();
        runCommand('new', openExport);
      } else if (mod && key === 'e') {
        e.preventDefault();
        openExport();
      } else if (mod && (key === 'z' || key === 'y') && !ownsUndo(e.target)) {
        e.preventDefault();
        runCommand(key === 'y' || e.shiftKey ? 'redo' : 'undo', openExport);
      }
    }
    function onBeforeUnload(e: BeforeUnloadEvent) {
      if (hasUnsavedWork()) {
        e.preventDefault();
        e.returnValue = '';
      }
    }
    window.addEventListener('keydown', onKey);
    window.addEventListener('beforeunload', onBeforeUnload);
    const offMenu = onEvent('app.menu', ({ command, path }) => runCommand(command, openExport, path));
    return () => {
      window.removeEventListener('keydown', onKey);
      window.removeEventListener('beforeunload', onBeforeUnload);
      offMenu();
    };
  }, [openExport]);
}

/** Window title: "● name — Crawlwright" when dirty. */
export function useWindowTitle(): void {
  const name = useFlowStore((s) => s.flow.name);
  const flowDirty = useFlowStore((s) => isDirty(s));
  const drafts = useDraftsStore((s) => Object.keys(s.drafts).length > 0);
  const dirty = flowDirty || drafts;
  const path = useFlowStore((s) => s.path);
  useEffect(() => {
    document.title = `${dirty ? '● ' : ''}${name}${path ? ` (${path.split(/[\\/]/).pop()})` : ''} — Crawlwright`;
  }, [name, dirty, path]);
}
