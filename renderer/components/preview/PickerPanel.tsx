// The picked element: ranked selector candidates (count, Crawl4AI validity), Crawl4AI caveats, and
// actions (extract these items, paginate, use as wait_for, click / fill actions with stored
// selectors, a click step, select similar).
import { useState } from 'react';
import type { PickedElement, SelectorCandidate } from '../../../shared/api/domains/preview.js';
import { useFlowStore } from '../../store/flow.js';
import { usePickerStore } from '../../store/picker.js';
import type { Action } from '../../../shared/flow/schema.js';
import { api } from '../../api/client.js';
import { useWizardStore } from '../../store/wizard.js';
import { itemsWithSchema, previewUrl, storedTarget } from '../../pageContext.js';

interface Props {
  element: PickedElement;
  sessionId: string;
  /** Selector of the candidate the user chose (highlighted in the preview). */
  active: string | null;
  onChoose(selector: string): void;
  onSimilar(selector: string): void;
  /** Buttons of the strip around the panel (side, fold, close), shown in its header. */
  controls?: React.ReactNode;
}

const KIND_LABEL: Record<SelectorCandidate['kind'], string> = {
  testid: 'test id', id: 'id', role: 'role', aria: 'aria', text: 'text', attribute: 'attr', class: 'class', structural: 'path',
};

export function PickerPanel({ element, sessionId, active, onChoose, onSimilar, controls }: Props) {
  const stepId = useFlowStore((s) => s.selected[0] ?? null);
  const setConfig = useFlowStore((s) => s.setConfig);
  const updateStep = useFlowStore((s) => s.updateStep);
  const addStep = useFlowStore((s) => s.addStep);
  const step = useFlowStore((s) => s.flow.steps.find((st) => st.id === s.selected[0]) ?? null);
  const request = usePickerStore((s) => s.request);
  const [done, setDone] = useState<string | null>(null);
  const sel = active ?? element.selector;
  const cssSel = element.candidates.find((c) => c.selector === sel)?.css === false ? element.candidates.find((c) => c.css)?.selector ?? sel : sel;
  const flash = (m: string) => {
    setDone(m);
    setTimeout(() => setDone(null), 2500);
  };

  const copy = (s: string) => {
    void navigator.clipboard?.writeText(s).catch(() => undefined);
    onChoose(s);
    flash(`Copied ${s}`);
  };
  const useAsWaitFor = () => {
    if (!stepId) return flash('Select a step first');
    // A wait needs a match, not a unique one: the chosen candidate as shown (a list-wide selector
    // waits for the first item). Only action targets are narrowed to one element (storedTarget).
    setConfig(stepId, { wait_for: `css:${cssSel}` });
    flash(`wait_for = css:${cssSel}`);
  };
  /** The picked element as a recorded action target (unique on the page now, with alternates). */
  const target = async () => {
    const t = await storedTarget(sessionId, element, cssSel).catch(() => null);
    if (!t) flash('The element is not unique on the page any more: pick it again');
    return t;
  };
  const addAction = (a: Action) => {
    if (!stepId) return flash('Select a step first');
    updateStep(stepId, (st) => void (st.actions = [...(st.actions ?? []), a]));
  };
  const clickIt = async () => {
    const t = await target();
    if (!t) return;
    addAction({ type: 'click', target: t });
    flash(`Added: click ${t.selector}`);
  };
  const clickAndWaitStep = async () => {
    const t = await target();
    if (!t) return;
    // js_only on the same session: Crawl4AI still needs a url (it only labels the result): the page's.
    const url = previewUrl(sessionId) ?? step?.config.url;
    addStep({ name: `Click ${element.text.slice(0, 30) || t.selector}`, config: { ...(url ? { url } : {}), session_id: sessionId, js_only: true }, actions: [{ type: 'click', target: t }] }, stepId);
    flash('Added a "Click" step (give it a wait_for: pick what appears and "Use as wait_for")');
  };
  // Inline text field (Electron has no window.prompt).
  const [fillText, setFillText] = useState<string | null>(null);
  const fill = async () => {
    if (!stepId || !step || fillText === null) return flash('Select a step first');
    const t = await target();
    if (!t) return;
    addAction({ type: 'fill', target: t, value: fillText });
    setFillText(null);
    flash(`Added: fill ${t.selector}`);
  };
  const [busy, setBusy] = useState(false);
  const extractItems = async () => {
    setBusy(true);
    try {
      const r = await itemsWithSchema(sessionId, element);
      if (!r) return flash('This element is not part of a repeated list (no similar siblings up its ancestors)');
      const url = previewUrl(sessionId) ?? step?.config.url;
      const id = addStep(
        {
          name: `Extract ${r.count} items`,
          config: { ...(url ? { url } : {}), session_id: sessionId, js_only: true, wait_for: `css:${r.baseSelector}`, extraction_strategy: r.extraction },
        },
        stepId,
      );
      flash(`${r.count} items × ${r.extraction.schema.fields.length} fields (${r.extraction.schema.fields.map((f) => f.name).join(', ')})`);
      // A list with a next / load-more control: offer the pagination at once.
      const hints = await api['picker.paginationHints']({ sessionId }).catch(() => null);
      if (hints?.pager && !hints.pager.disabled) void useWizardStore.getState().openFor(sessionId, { sourceId: id });
    } catch (e) {
      flash((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="picker-panel" data-testid="picker-panel">
      <div className="picker-el">
        <code className="picker-tag">&lt;{element.tagName}&gt;</code>
        <span className="picker-text" title={element.text}>{element.text || <em>no text</em>}</span>
        {element.framePath.length > 0 && <span className="picker-badge" title={element.framePath.join(' → ')}>iframe</span>}
        {element.inShadowRoot && <span className="picker-badge warn">shadow</span>}
        <span className="grow" />
        {controls}
      </div>
      {/* Actions first: they stay in view however long the candidate list is. */}
      <div className="picker-actions">
        {request ? null : (
          <>
            <button type="button" data-testid="picker-extract-items" className="primary" onClick={() => void extractItems()} disabled={busy} title="Add a step that extracts every item like this one (fields suggested from what the item shows)">
              Extract these items
            </button>
            <button type="button" data-testid="picker-paginate" onClick={() => void useWizardStore.getState().openFor(sessionId)} title="Add a pagination loop (next, load more, infinite scroll, ?page=N)">
              Paginate…
            </button>
            <button type="button" onClick={useAsWaitFor} disabled={!stepId}>Use as wait_for</button>
            <button type="button" onClick={() => void clickIt()} disabled={!stepId} title="Add a click on this element to the selected step's actions">Click it</button>
            <button type="button" onClick={() => void clickAndWaitStep()} title="Add a js_only step that clicks this element">Click step</button>
            <button type="button" onClick={() => setFillText((t) => (t === null ? '' : null))} disabled={!stepId || !/^(input|textarea)$/.test(element.tagName)} aria-expanded={fillText !== null}>
              Fill it…
            </button>
          </>
        )}
        <button type="button" onClick={() => onSimilar(cssSel)} title="Generalize to all similar elements">Select similar</button>
      </div>
      {fillText !== null && (
        <form
          className="picker-fill"
          onSubmit={(e) => {
            e.preventDefault();
            void fill();
          }}
        >
          <input autoFocus aria-label="Text to fill" placeholder="text, {{variable}} or {{secret:NAME}}" value={fillText} onChange={(e) => setFillText(e.target.value)} />
          <button type="submit">Add</button>
        </form>
      )}
      {done && <div className="picker-flash" role="status">{done}</div>}
      {element.notes?.map((n) => (
        <div key={n} className="picker-note" role="note">{n}</div>
      ))}
      <ul className="picker-candidates" aria-label="Selector candidates">
        {element.candidates.map((c) => (
          <li key={c.selector} className={c.selector === sel ? 'active' : ''}>
            <button type="button" className="cand" onClick={() => copy(c.selector)} title={c.note ?? 'Click to copy and highlight all matches'} data-testid="picker-candidate" data-count={c.count}>
              <span className="cand-kind">{KIND_LABEL[c.kind]}</span>
              <code className="cand-sel">{c.selector}</code>
              <span className={`cand-count${c.count === 1 ? ' one' : ''}`} title="Live matches">{c.count}</span>
              <span className={c.crawl4aiValid ? 'cand-ok' : 'cand-bad'} title={c.crawl4aiValid ? 'Valid for Crawl4AI (soupsieve) and the browser' : c.note ?? 'Not valid for Crawl4AI'}>
                {c.crawl4aiValid ? 'C4A ✓' : 'C4A ✗'}
              </span>
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
