// The step list: selection (click, Ctrl/Shift multi-select), drag-and-drop reorder (HTML5 DnD) and
// keyboard commands (↑/↓ select, Alt+↑/↓ move, F2 rename, Del delete, Ctrl+D duplicate,
// Ctrl+C/V copy/paste, F9 breakpoint, Space enable/disable).
import { useMemo, useRef, useState } from 'react';
import { useFlowStore } from '../../store/flow.js';
import { useRunStore } from '../../store/run.js';
import { useFilesStore } from '../../store/files.js';
import { lintStep } from '../../../shared/flow/lint.js';
import { AddStepMenu } from './AddStepMenu.js';
import { StepRow } from './StepRow.js';
import { copySteps, readSteps } from './clipboard.js';
import { StepContextMenu, type ContextMenuState } from './StepContextMenu.js';

export function StepList() {
  const flow = useFlowStore((s) => s.flow);
  const selected = useFlowStore((s) => s.selected);
  const byStep = useRunStore((s) => s.byStep);
  const currentStepId = useRunStore((s) => s.currentStepId);
  const [renaming, setRenaming] = useState<string | null>(null);
  const [drag, setDrag] = useState<{ id: string; over: string | null; where: 'before' | 'after' } | null>(null);
  const [menu, setMenu] = useState<ContextMenuState | null>(null);
  const anchor = useRef<string | null>(null);
  const listRef = useRef<HTMLDivElement>(null);
  const steps = flow.steps;
  const selectedSet = useMemo(() => new Set(selected), [selected]);
  const warnings = useMemo(() => new Map(steps.map((s, i) => [s.id, lintStep(s, i, flow).length])), [steps, flow]);

  const store = () => useFlowStore.getState();

  function clickRow(id: string, e: React.MouseEvent) {
    listRef.current?.focus();
    if (e.shiftKey && anchor.current) {
      const a = steps.findIndex((s) => s.id === anchor.current);
      const b = steps.findIndex((s) => s.id === id);
      const [lo, hi] = a < b ? [a, b] : [b, a];
      const range = steps.slice(lo, hi + 1).map((s) => s.id);
      // Keep the anchor first: it is the step shown in the editor.
      store().select([anchor.current, ...range.filter((x) => x !== anchor.current)]);
      return;
    }
    if (e.ctrlKey || e.metaKey) {
      anchor.current = id;
      store().select(selectedSet.has(id) ? selected.filter((x) => x !== id) : [id, ...selected]);
      return;
    }
    anchor.current = id;
    store().select([id]);
  }

  function selectedInOrder(): string[] {
    return steps.filter((s) => selectedSet.has(s.id)).map((s) => s.id);
  }

  async function paste() {
    const res = await readSteps();
    if (!res.ok) {
      useFilesStore.getState().notify('error', `Paste: ${res.error}`);
      return;
    }
    const ids = selectedInOrder();
    store().insertSteps(res.steps, ids[ids.length - 1] ?? null);
  }

  function onKeyDown(e: React.KeyboardEvent) {
    if (renaming) return;
    const cur = selected[0];
    const idx = steps.findIndex((s) => s.id === cur);
    const mod = e.ctrlKey || e.metaKey;
    if ((e.key === 'ArrowUp' || e.key === 'ArrowDown') && e.altKey) {
      e.preventDefault();
      if (idx < 0) return;
      // Moves the whole selection as a block (gathered at the first selected step).
      const moving = selectedInOrder();
      const first = steps.findIndex((s) => s.id === moving[0]);
      const to = first + (e.key === 'ArrowUp' ? -1 : 1);
      if (to >= 0 && to <= steps.length - moving.length) store().moveSteps(moving, to);
      return;
    }
    if (e.key === 'ArrowUp' || e.key === 'ArrowDown') {
      e.preventDefault();
      const to = Math.max(0, Math.min(steps.length - 1, idx + (e.key === 'ArrowUp' ? -1 : 1)));
      if (!steps[to]) return;
      if (e.shiftKey && anchor.current) {
        clickRow(steps[to].id, { shiftKey: true } as React.MouseEvent);
      } else {
        anchor.current = steps[to].id;
        store().select([steps[to].id]);
      }
      return;
    }
    if ((e.key === 'ContextMenu' || (e.shiftKey && e.key === 'F10')) && cur) {
      e.preventDefault();
      e.stopPropagation();
      const r = listRef.current?.querySelector(`[data-step-id="${CSS.escape(cur)}"]`)?.getBoundingClientRect();
      if (r) setMenu({ x: r.left + 24, y: r.bottom, stepId: cur });
      return;
    }
    if (e.key === 'F2' && cur) {
      e.preventDefault();
      setRenaming(cur);
    } else if ((e.key === 'Delete' || e.key === 'Backspace') && selected.length) {
      e.preventDefault();
      store().removeSteps(selected);
    } else if (mod && e.key.toLowerCase() === 'd' && selected.length) {
      e.preventDefault();
      store().duplicateSteps(selectedInOrder());
    } else if (mod && e.key.toLowerCase() === 'c' && selected.length) {
      e.preventDefault();
      void copySteps(steps.filter((s) => selectedSet.has(s.id)));
    } else if (mod && e.key.toLowerCase() === 'x' && selected.length) {
      e.preventDefault();
      void copySteps(steps.filter((s) => selectedSet.has(s.id))).then(() => store().removeSteps(selected));
    } else if (mod && e.key.toLowerCase() === 'v') {
      e.preventDefault();
      void paste();
    } else if (mod && e.key.toLowerCase() === 'a') {
      e.preventDefault();
      store().select(steps.map((s) => s.id));
    } else if (e.key === 'F9' && cur) {
      e.preventDefault();
      store().updateStep(cur, (s) => {
        if (s.breakpoint) delete s.breakpoint;
        else s.breakpoint = true;
      });
    } else if (e.key === ' ' && selected.length) {
      e.preventDefault();
      const disable = !steps.find((s) => s.id === cur)?.disabled;
      store().edit((f) => {
        for (const s of f.steps) if (selectedSet.has(s.id)) disable ? (s.disabled = true) : delete s.disabled;
      });
    }
  }

  function onDrop(targetId: string, e: React.DragEvent) {
    e.preventDefault();
    const d = drag;
    setDrag(null);
    if (!d || d.id === targetId) return;
    // Dragging a selected row moves the whole selection (in list order).
    const moving = selectedSet.has(d.id) ? steps.filter((s) => selectedSet.has(s.id)).map((s) => s.id) : [d.id];
    if (moving.includes(targetId)) return;
    const rest = steps.filter((s) => !moving.includes(s.id));
    let to = rest.findIndex((s) => s.id === targetId);
    if (d.where === 'after') to += 1;
    store().moveSteps(moving, to);
  }

  const multi = selected.length > 1;

  return (
    <section className="pane pane-steps-inner" aria-label="Steps">
      <div className="pane-header">
        <span className="title">Steps</span>
        <span className="badge" data-testid="step-count">
          {steps.length}
        </span>
        <span className="grow" />
        <AddStepMenu />
      </div>
      {multi && (
        <div className="multi-bar" data-testid="multi-bar">
          <span>{selected.length} selected</span>
          <span className="grow" />
          <button className="ghost" onClick={() => void copySteps(steps.filter((s) => selectedSet.has(s.id)))} data-testid="copy-steps">
            Copy
          </button>
          <button className="ghost" onClick={() => store().duplicateSteps(selectedInOrder())}>
            Duplicate
          </button>
          <button className="ghost danger" onClick={() => store().removeSteps(selected)} data-testid="delete-steps">
            Delete
          </button>
        </div>
      )}
      <div
        className="step-list pane-body"
        role="listbox"
        aria-label="Flow steps"
        aria-multiselectable="true"
        tabIndex={0}
        ref={listRef}
        data-testid="step-list"
        onKeyDown={onKeyDown}
        onDragEnd={() => setDrag(null)}
        onContextMenu={(e) => {
          const row = (e.target as HTMLElement).closest<HTMLElement>('[data-step-id]');
          const id = row?.dataset.stepId;
          if (!id) return;
          e.preventDefault();
          if (!selectedSet.has(id)) store().select([id]);
          setMenu({ x: e.clientX, y: e.clientY, stepId: id });
        }}
      >
        {steps.map((s, i) => (
          <StepRow
            key={s.id}
            step={s}
            index={i}
            selected={selectedSet.has(s.id)}
            current={currentStepId === s.id}
            run={byStep[s.id]}
            renaming={renaming === s.id}
            onStartRename={() => setRenaming(s.id)}
            onRenameDone={() => {
              setRenaming(null);
              listRef.current?.focus();
            }}
            onClick={(e) => clickRow(s.id, e)}
            warnings={warnings.get(s.id) ?? 0}
            dropIndicator={drag && drag.over === s.id && drag.id !== s.id ? drag.where : null}
            onDragStart={(e) => {
              e.dataTransfer.effectAllowed = 'move';
              e.dataTransfer.setData('text/x-crawlwright-step', s.id);
              setDrag({ id: s.id, over: null, where: 'before' });
            }}
            onDragOver={(e) => {
              if (!drag) return;
              e.preventDefault();
              e.dataTransfer.dropEffect = 'move';
              const r = e.currentTarget.getBoundingClientRect();
              const where = e.clientY < r.top + r.height / 2 ? 'before' : 'after';
              if (drag.over !== s.id || drag.where !== where) setDrag({ ...drag, over: s.id, where });
            }}
            onDrop={(e) => onDrop(s.id, e)}
          />
        ))}
        {!steps.length && (
          <div className="empty">
            No steps yet. <br />
            Use <b>+ Add step</b> to start from a template.
          </div>
        )}
      </div>
      {menu && <StepContextMenu menu={menu} onClose={() => setMenu(null)} onRename={(id) => setRenaming(id)} />}
      <div className="step-actions">
        <button className="ghost icon" title="Move up (Alt+↑)" aria-label="Move step up" data-testid="move-up" disabled={!selected.length} onClick={() => {
          const i = steps.findIndex((s) => s.id === selected[0]);
          if (i > 0) store().moveStep(selected[0], i - 1);
        }}>↑</button>
        <button className="ghost icon" title="Move down (Alt+↓)" aria-label="Move step down" data-testid="move-down" disabled={!selected.length} onClick={() => {
          const i = steps.findIndex((s) => s.id === selected[0]);
          if (i >= 0 && i < steps.length - 1) store().moveStep(selected[0], i + 1);
        }}>↓</button>
        <button className="ghost icon" title="Duplicate (Ctrl+D)" data-testid="duplicate-step" disabled={!selected.length} onClick={() => store().duplicateSteps(selectedInOrder())}>Dup</button>
        <button className="ghost icon" title="Copy (Ctrl+C)" aria-label="Copy steps" disabled={!selected.length} onClick={() => void copySteps(steps.filter((s) => selectedSet.has(s.id)))}>Copy</button>
        <button className="ghost icon" title="Paste (Ctrl+V)" aria-label="Paste steps" data-testid="paste-steps" onClick={() => void paste()}>Paste</button>
        <span className="grow" />
        <button className="ghost icon danger" title="Delete (Del)" aria-label="Delete steps" data-testid="delete-step" disabled={!selected.length} onClick={() => store().removeSteps(selected)}>Delete</button>
      </div>
    </section>
  );
}
