// Right-click menu on a step row (desktop-tool habit): run commands and the row actions.
import { useEffect, useRef } from 'react';
import { useFlowStore } from '../../store/flow.js';
import { isRunActive, useRunStore } from '../../store/run.js';
import { copySteps } from './clipboard.js';

export interface ContextMenuState {
  x: number;
  y: number;
  stepId: string;
}

export function StepContextMenu({ menu, onClose, onRename }: { menu: ContextMenuState; onClose(): void; onRename(id: string): void }) {
  const ref = useRef<HTMLDivElement>(null);
  const runActive = useRunStore((s) => isRunActive(s.status));
  useEffect(() => {
    ref.current?.querySelector<HTMLButtonElement>('button:not(:disabled)')?.focus();
    const close = (e: MouseEvent) => !ref.current?.contains(e.target as Node) && onClose();
    window.addEventListener('mousedown', close);
    return () => window.removeEventListener('mousedown', close);
  }, [onClose]);

  const flow = useFlowStore.getState();
  const step = flow.flow.steps.find((s) => s.id === menu.stepId);
  if (!step) return null;
  const ids = flow.selected.includes(step.id) ? flow.selected : [step.id];
  const run = (mode: 'step' | 'to' | 'from') => void useRunStore.getState().start(mode, step.id);
  const items: Array<[string, string, () => void, boolean?] | null> = [
    ['Run step', 'F10', () => run('step'), runActive],
    ['Run to here', '', () => run('to'), runActive],
    ['Run from here', '', () => run('from'), runActive],
    null,
    ['Rename', 'F2', () => onRename(step.id)],
    [step.breakpoint ? 'Remove breakpoint' : 'Add breakpoint', 'F9', () => flow.updateStep(step.id, (s) => (s.breakpoint ? delete s.breakpoint : (s.breakpoint = true)))],
    [step.disabled ? 'Enable' : 'Disable', 'Space', () => flow.updateStep(step.id, (s) => (s.disabled ? delete s.disabled : (s.disabled = true)))],
    null,
    ['Duplicate', 'Ctrl+D', () => flow.duplicateSteps(ids)],
    ['Copy', 'Ctrl+C', () => void copySteps(flow.flow.steps.filter((s) => ids.includes(s.id)))],
    [ids.length > 1 ? `Delete ${ids.length} steps` : 'Delete', 'Del', () => flow.removeSteps(ids)],
  ];
  return (
    <div
      ref={ref}
      className="menu context-menu"
      role="menu"
      data-testid="step-context-menu"
      style={{ left: Math.min(menu.x, window.innerWidth - 240), top: Math.min(menu.y, window.innerHeight - 300) }}
      onKeyDown={(e) => {
        if (e.key === 'Escape') onClose();
        if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
          e.preventDefault();
          const buttons = [...(ref.current?.querySelectorAll<HTMLButtonElement>('button:not(:disabled)') ?? [])];
          const i = buttons.indexOf(document.activeElement as HTMLButtonElement);
          buttons[(i + (e.key === 'ArrowDown' ? 1 : -1) + buttons.length) % buttons.length]?.focus();
        }
      }}
    >
      {items.map((it, i) =>
        it ? (
          <button
            key={it[0]}
            role="menuitem"
            className="menu-item row-item"
            disabled={it[3]}
            onClick={() => {
              it[2]();
              onClose();
            }}
          >
            <span className="menu-item-label">{it[0]}</span>
            <kbd className={it[1] ? '' : 'hidden'}>{it[1] || '-'}</kbd>
          </button>
        ) : (
          <div key={`sep${i}`} className="menu-sep" role="separator" />
        ),
      )}
    </div>
  );
}
