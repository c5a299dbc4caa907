// The picked element: ranked selector candidates (count, Crawl4AI validity), Crawl4AI caveats, and
// actions (use as wait_for, click / fill snippets, "Click & wait" step, select similar).
import { useState } from 'react';
import type { PickedElement, SelectorCandidate } from '../../../shared/api/domains/preview.js';
import { useFlowStore } from '../../store/flow.js';
import { usePickerStore } from '../../store/picker.js';
import { appendSnippet, clickSnippet, fillSnippet } from './snippets.js';

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
    setConfig(stepId, { wait_for: `css:${sel}` });
    flash(`wait_for = css:${sel}`);
  };
  const clickBeforeWait = () => {
    if (!stepId || !step) return flash('Select a step first');
    setConfig(stepId, { js_code_before_wait: appendSnippet(step.config.js_code_before_wait, clickSnippet(cssSel)) });
    flash('Added a click to js_code_before_wait');
  };
  const clickAndWaitStep = () => {
    // js_only on the same session: Crawl4AI still needs a url (it only labels the result), so reuse the step's.
    const url = step?.config.url;
    addStep({ name: `Click ${element.text.slice(0, 30) || cssSel}`, config: { ...(url ? { url } : {}), session_id: sessionId, js_only: true, js_code_before_wait: [clickSnippet(cssSel)] } }, stepId);
    flash('Added a "Click & wait" step (set its wait_for)');
  };
  // Inline text field (Electron has no window.prompt).
  const [fillText, setFillText] = useState<string | null>(null);
  const fill = () => {
    if (!stepId || !step || fillText === null) return flash('Select a step first');
    setConfig(stepId, { js_code_before_wait: appendSnippet(step.config.js_code_before_wait, fillSnippet(cssSel, fillText)) });
    setFillText(null);
    flash('Added a fill to js_code_before_wait');
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
            <button type="button" onClick={useAsWaitFor} disabled={!stepId}>Use as wait_for</button>
            <button type="button" onClick={clickBeforeWait} disabled={!stepId} title="Append a click to js_code_before_wait of the selected step">Click it</button>
            <button type="button" onClick={clickAndWaitStep} title="Add a js_only step that clicks this element">Click &amp; wait step</button>
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
            fill();
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
