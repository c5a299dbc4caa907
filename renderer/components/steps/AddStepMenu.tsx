// "Add step" dropdown: one entry per template; new steps go after the selected one and reuse the
// session of the step above (the common case in a multi-step session crawl).
import { useEffect, useRef, useState } from 'react';
import { STEP_TEMPLATES } from '../../templates.js';
import { useFlowStore } from '../../store/flow.js';

export function AddStepMenu() {
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const root = useRef<HTMLDivElement>(null);
  const items = useRef<Array<HTMLButtonElement | null>>([]);
  const button = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!open) return;
    const close = (e: MouseEvent) => {
      if (!root.current?.contains(e.target as Node)) setOpen(false);
    };
    window.addEventListener('mousedown', close);
    items.current[0]?.focus();
    return () => window.removeEventListener('mousedown', close);
  }, [open]);

  function add(key: string) {
    const tpl = STEP_TEMPLATES.find((t) => t.key === key);
    if (!tpl) return;
    const { flow, selected } = useFlowStore.getState();
    const afterId = selected[selected.length - 1] ?? flow.steps[flow.steps.length - 1]?.id ?? null;
    const above = flow.steps.find((s) => s.id === afterId);
    const sessionId = above?.config.session_id ?? [...flow.steps].reverse().find((s) => s.config.session_id)?.config.session_id ?? 'main';
    useFlowStore.getState().addStep(tpl.make({ sessionId }), afterId);
    setOpen(false);
  }

  function onKeyDown(e: React.KeyboardEvent) {
    if (e.key === 'Escape') {
      setOpen(false);
      button.current?.focus();
      return;
    }
    const d = e.key === 'ArrowDown' ? 1 : e.key === 'ArrowUp' ? -1 : 0;
    if (d) {
      e.preventDefault();
      const n = (active + d + STEP_TEMPLATES.length) % STEP_TEMPLATES.length;
      setActive(n);
      items.current[n]?.focus();
    }
  }

  return (
    <div className="menu-root" ref={root}>
      <button ref={button} className="primary" data-testid="add-step" aria-haspopup="menu" aria-expanded={open} onClick={() => setOpen((o) => !o)} title="Add a step after the selected one">
        + Add step
      </button>
      {open && (
        <div className="menu" role="menu" onKeyDown={onKeyDown} data-testid="add-step-menu">
          {STEP_TEMPLATES.map((t, i) => (
            <button
              key={t.key}
              ref={(el) => {
                items.current[i] = el;
              }}
              role="menuitem"
              className="menu-item"
              data-testid={`add-step-${t.key}`}
              onClick={() => add(t.key)}
              onFocus={() => setActive(i)}
            >
              <span className="menu-item-label">{t.label}</span>
              <span className="menu-item-desc">{t.description}</span>
            </button>
          ))}
        </div>
      )}
    </div>
  );
}
