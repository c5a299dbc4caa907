// The pagination wizard: style (next control, load more, infinite scroll, ?page=N), the list's
// items and the control (found on the page, or picked), the extraction the loop inherits, and the
// planned iterations; "Add steps" inserts what shared/flow/pagination.ts generates. While the user
// picks in the preview the dialog steps aside.
import { Modal } from '../layout/Modal.js';
import type { PaginationKind } from '../../../shared/flow/pagination.js';
import { useFlowStore } from '../../store/flow.js';
import { useWizardStore, wizardPreview } from '../../store/wizard.js';

const KINDS: Array<[PaginationKind, string, string]> = [
  ['next', 'Next button', 'Click "next" and extract each page (client-side or page loads)'],
  ['load-more', 'Load more', 'Click "load more" until it is gone, then extract everything once'],
  ['scroll', 'Infinite scroll', 'Scroll down until no new items arrive, then extract everything once'],
  ['url', '?page=N', 'Open the same URL with page + 1 until no link points to the next page'],
];

export function PaginationWizard() {
  const w = useWizardStore();
  const steps = useFlowStore((s) => s.flow.steps);
  if (!w.open || w.picking) return null;
  const preview = wizardPreview(w);
  const sources = steps.filter((s) => s.config.extraction_strategy);
  const needsButton = w.kind === 'next' || w.kind === 'load-more';
  return (
    <Modal onClose={w.close} label="Pagination" className="wizard" testId="pagination-wizard">
      <div className="modal-head">Paginate</div>
      <div className="modal-body wizard-body">
        <fieldset className="wizard-kinds">
          <legend>How does the list go on?</legend>
          {KINDS.map(([k, label, help]) => (
            <label key={k} className="row" title={help}>
              <input type="radio" name="wizard-kind" data-testid={`wizard-kind-${k}`} checked={w.kind === k} onChange={() => w.set({ kind: k })} /> {label}
              <span className="dim small"> — {help}</span>
            </label>
          ))}
        </fieldset>
        <div className="wizard-row">
          <span className="wizard-label">Items</span>
          <code data-testid="wizard-items">{w.items || '(none)'}</code>
          <button className="ghost small" data-testid="wizard-pick-items" onClick={() => void w.pickItems()}>
            Pick
          </button>
        </div>
        {needsButton && (
          <div className="wizard-row">
            <span className="wizard-label">{w.kind === 'next' ? 'Next control' : 'Load-more button'}</span>
            <code data-testid="wizard-button" title={w.button?.alternates?.join('\n')}>
              {w.button?.selector ?? '(none found)'}
            </code>
            {w.hints?.pager?.text && w.button?.selector === w.hints.pager.target.selector && <span className="dim">“{w.hints.pager.text}”{w.hints.pager.disabled ? ' (disabled now)' : ''}</span>}
            <button className="ghost small" data-testid="wizard-pick-button" onClick={() => void w.pickButton()}>
              Pick
            </button>
          </div>
        )}
        <div className="wizard-row">
          <span className="wizard-label">Extraction</span>
          <select data-testid="wizard-source" value={w.sourceId ?? ''} onChange={(e) => w.set({ sourceId: e.target.value || null })}>
            <option value="">(none: add one to the loop later)</option>
            {sources.map((s) => (
              <option key={s.id} value={s.id}>
                copy from “{s.name}” ({s.config.extraction_strategy!.schema.baseSelector})
              </option>
            ))}
          </select>
        </div>
        {'error' in preview ? (
          <div className="field-note warn" data-testid="wizard-error">{w.error ?? preview.error}</div>
        ) : (
          <div className="wizard-plan" data-testid="wizard-plan" data-iterations={preview.planned.iterations ?? ''}>
            <div>
              <b>Planned:</b> {preview.planned.summary}; the loop stops when {needsButton ? 'the control is gone or disabled, or nothing changed' : w.kind === 'url' ? 'no link points to the next page' : 'no new items arrive'} (at most {preview.planned.max}).
            </div>
            <div className="dim">
              Adds: {preview.steps.map((s) => `“${s.name}”`).join(', ')}. Each iteration waits until the items are there <i>and</i> changed, so a list that empties and re-renders later cannot be read twice or half.
            </div>
            {(w.kind === 'load-more' || w.kind === 'scroll') && w.sourceId && <div className="dim">The extraction moves after the loop (it reads the whole list once).</div>}
            {preview.notes.map((n) => (
              <div key={n} className="field-note">{n}</div>
            ))}
          </div>
        )}
      </div>
      <div className="modal-foot">
        <button className="ghost" onClick={w.close}>
          Cancel
        </button>
        <button className="primary" data-testid="wizard-add" disabled={'error' in preview} onClick={() => w.add()}>
          Add steps
        </button>
      </div>
    </Modal>
  );
}
