// One row of the step list: drag handle, enable checkbox, breakpoint dot, session chip, inline
// rename, summary, and the last run state (error on hover).
import { useEffect, useRef, useState } from 'react';
import type { Step } from '../../../shared/flow/schema.js';
import { useRecorderStore } from '../../store/recorder.js';
import { useFlowStore } from '../../store/flow.js';
import type { StepRunState } from '../../store/run.js';
import { sessionColor } from '../../store/sessions.js';
import { stepSummary } from './summary.js';

export interface StepRowProps {
  step: Step;
  index: number;
  selected: boolean;
  current: boolean;
  run: StepRunState | undefined;
  renaming: boolean;
  onRenameDone(): void;
  onStartRename(): void;
  onClick(e: React.MouseEvent): void;
  onDragStart(e: React.DragEvent): void;
  onDragOver(e: React.DragEvent): void;
  onDrop(e: React.DragEvent): void;
  dropIndicator: 'before' | 'after' | null;
  warnings: number;
}

function itemsLabel(run: StepRunState): string {
  const it = run.iterations > 1 ? ` ×${run.iterations}` : '';
  return run.extracts ? `${run.items} item${run.items === 1 ? '' : 's'}${it}` : `ok${it}`;
}

function statusText(run: StepRunState | undefined): { label: string; cls: string; title?: string } {
  if (!run || run.status === 'idle') return { label: '', cls: 'idle' };
  switch (run.status) {
    case 'running':
      return { label: run.phase ? `${run.phase}…` : 'running…', cls: 'running' };
    case 'paused':
      return { label: 'paused', cls: 'paused' };
    case 'ok':
      return { label: `✓ ${itemsLabel(run)}`, cls: 'ok', title: run.iterations > 1 ? `${run.iterations} iterations` : undefined };
    case 'warning':
      return { label: `⚠ ${itemsLabel(run)}`, cls: 'warning', title: [run.crawl4ai, ...run.health, ...run.warnings].filter(Boolean).join('\n') };
    case 'failed':
      return { label: '✗ failed', cls: 'failed', title: run.error };
  }
}

export function StepRow(p: StepRowProps) {
  const { step } = p;
  const [draft, setDraft] = useState(step.name);
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (p.renaming) {
      setDraft(step.name);
      requestAnimationFrame(() => input.current?.select());
    }
  }, [p.renaming, step.name]);

  const update = useFlowStore((s) => s.updateStep);
  const rowRef = useRef<HTMLDivElement>(null);
  // Keep the running step (and a newly selected one) in view.
  useEffect(() => {
    if (p.current || p.selected) rowRef.current?.scrollIntoView({ block: 'nearest' });
  }, [p.current, p.selected]);
  const st = statusText(p.run);
  const session = step.config.session_id;

  function commitRename() {
    const name = draft.trim();
    if (name && name !== step.name) update(step.id, (s) => void (s.name = name));
    p.onRenameDone();
  }

  const classes = ['step-row'];
  if (p.selected) classes.push('selected');
  if (p.current) classes.push('current');
  if (step.disabled) classes.push('disabled');
  if (p.dropIndicator) classes.push(`drop-${p.dropIndicator}`);

  return (
    <div
      ref={rowRef}
      className={classes.join(' ')}
      role="option"
      aria-selected={p.selected}
      data-testid="step-row"
      data-step-id={step.id}
      data-status={p.run?.status ?? 'idle'}
      draggable={!p.renaming}
      onDragStart={p.onDragStart}
      onDragOver={p.onDragOver}
      onDrop={p.onDrop}
      onMouseDown={(e) => {
        if (e.shiftKey) e.preventDefault(); // no text selection on shift-click
      }}
      onClick={p.onClick}
      onDoubleClick={(e) => {
        if ((e.target as HTMLElement).closest('.step-name')) p.onStartRename();
      }}
    >
      <span className="step-index" aria-hidden="true">
        {p.index + 1}
      </span>
      <button
        className={`step-bp${step.breakpoint ? ' on' : ''}`}
        data-testid="step-breakpoint"
        aria-pressed={!!step.breakpoint}
        title={step.breakpoint ? 'Remove breakpoint (F9)' : 'Pause before this step (F9)'}
        tabIndex={-1}
        onClick={(e) => {
          e.stopPropagation();
          update(step.id, (s) => {
            if (s.breakpoint) delete s.breakpoint;
            else s.breakpoint = true;
          });
        }}
      />
      <input
        type="checkbox"
        className="step-enabled"
        data-testid="step-enabled"
        checked={!step.disabled}
        title={step.disabled ? 'Enable step' : 'Disable step (skipped when running)'}
        aria-label={`Enable ${step.name}`}
        tabIndex={-1}
        onClick={(e) => e.stopPropagation()}
        onChange={() =>
          update(step.id, (s) => {
            if (s.disabled) delete s.disabled;
            else s.disabled = true;
          })
        }
      />
      <StepThumb stepId={step.id} />
      <div className="step-main">
        <div className="step-line1">
          {p.renaming ? (
            <input
              ref={input}
              className="step-name-input"
              data-testid="step-name-input"
              data-native-undo
              value={draft}
              aria-label="Step name"
              onChange={(e) => setDraft(e.target.value)}
              onBlur={commitRename}
              onClick={(e) => e.stopPropagation()}
              onKeyDown={(e) => {
                e.stopPropagation();
                if (e.key === 'Enter') commitRename();
                if (e.key === 'Escape') p.onRenameDone();
              }}
            />
          ) : (
            <span className="step-name" data-testid="step-name" title="Double-click or F2 to rename">
              {step.name || <em className="dim">unnamed</em>}
            </span>
          )}
          {p.warnings > 0 && (
            <span className="step-lint" title={`${p.warnings} lint warning(s): see the step editor`}>
              ⚠
            </span>
          )}
        </div>
        <div className="step-line2">
          {session && (
            <span className="session-chip" style={{ ['--chip' as string]: sessionColor(session) }} title={`session_id: ${session}`} data-testid="step-session">
              {session}
            </span>
          )}
          <span className="step-summary" data-testid="step-summary">
            {stepSummary(step).join(' · ')}
          </span>
          {/* On the second line, so the name keeps the row's width. */}
          {p.run?.blocked ? (
            <span className="step-c4a-blocked" data-testid="step-crawl4ai-verdict" title={p.run.crawl4ai}>
              Crawl4AI: blocked{p.run.blocked > 1 ? ` ×${p.run.blocked}` : ''}
            </span>
          ) : null}
          <span className={`step-status ${st.cls}`} data-testid="step-status" title={st.title}>
            {st.label}
          </span>
        </div>
      </div>
    </div>
  );
}

/** The page after a recorded step (kept in this window while it is open). */
function StepThumb({ stepId }: { stepId: string }) {
  const src = useRecorderStore((s) => s.thumbnails[stepId]);
  if (!src) return null;
  return <img className="step-thumb" data-testid="step-thumb" src={src} alt="The page after this step" />;
}
