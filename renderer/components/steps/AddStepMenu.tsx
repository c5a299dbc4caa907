// "Add step" dropdown: one entry per template; new steps go after the selected one and reuse the
// session of the step above (the common case in a multi-step session crawl). Templates are built
// from the preview's page and the picked element (renderer/pageContext.ts).
import { useEffect, useRef, useState } from 'react';
import { STEP_TEMPLATES } from '../../templates.js';
import { useFlowStore } from '../../store/flow.js';
import { useSessionsStore } from '../../store/sessions.js';
import { useWizardStore } from '../../store/wizard.js';
import { api } from '../../api/client.js';
import { currentContext, storedTarget } from '../../pageContext.js';

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

  async function add(key: string) {
    const tpl = STEP_TEMPLATES.find((t) => t.key === key);
    if (!tpl) return;
    setOpen(false);
    const { flow, selected } = useFlowStore.getState();
    const afterId = selected[selected.length - 1] ?? flow.steps[flow.steps.length - 1]?.id ?? null;
    const above = flow.steps.find((s) => s.id === afterId);
    const fallback = above?.config.session_id ?? [...flow.steps].reverse().find((s) => s.config.session_id)?.config.session_id ?? 'main';
    const ctx = currentContext(fallback);
    // A new step goes on the session of the step above; the page the user looks at is the context.
    const sessionId = fallback;
    if (tpl.wizard) return void useWizardStore.getState().openFor(sessionId, { kind: tpl.wizard });
    const live = useSessionsStore.getState().sessions.some((x) => x.id === ctx.sessionId && x.alive);
    const target = live && ctx.picked ? await storedTarget(ctx.sessionId, ctx.picked).catch(() => null) : null;
    const login = tpl.needsLogin && live ? (await api['picker.loginForm']({ sessionId: ctx.sessionId }).catch(() => ({ form: null }))).form : null;
    const items = above?.config.extraction_strategy?.schema.baseSelector ?? null;
    const step = tpl.make({ sessionId, url: ctx.url, target, targetText: ctx.picked?.text ?? '', items, login });
    const store = useFlowStore.getState();
    if (JSON.stringify(step).includes('{{username}}') && store.flow.variables?.username === undefined) {
      store.edit((f) => void (f.variables = { ...(f.variables ?? {}), username: '' }));
    }
    store.addStep(step, afterId);
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
              onClick={() => void add(t.key)}
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
