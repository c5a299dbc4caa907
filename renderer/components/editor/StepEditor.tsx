// The step editor: every StepConfig option grouped Navigation / Session / Interaction / Wait /
// Extraction / Capture / Advanced, under Crawl4AI's exact names with the schema's help texts. Lint
// warnings for the Crawl4AI traps are listed on top, with one-click fixes where the fix is certain.
import { useFlowStore } from '../../store/flow.js';
import { lintStep } from '../../../shared/flow/lint.js';
import { CACHE_MODES, WAIT_UNTIL, type Step } from '../../../shared/flow/schema.js';
import { Field, Group } from './Field.js';
import { configHelp, stepHelp } from './help.js';
import { BoolOpt, EnumOpt, NumberOpt, TextOpt } from './inputs.js';
import { SnippetList } from './SnippetList.js';
import { WaitForField } from './WaitForField.js';
import { ExtractionField } from './ExtractionField.js';
import { SessionField } from './SessionField.js';
import { SessionsHelp } from './SessionsHelp.js';
import { HooksField, RepeatField } from './RepeatHooks.js';
import { PickButton, useHoverHighlight } from './PickButton.js';
import { ActionsField } from './ActionsField.js';

/** js_code + wait_for in one step: since 0.8.5 the code runs after the wait. Move it before. */
function moveJsCodeBeforeWait(step: Step) {
  useFlowStore.getState().updateStep(step.id, (s) => {
    s.config.js_code_before_wait = s.config.js_code;
    delete s.config.js_code;
  });
}

function LintList({ step, index }: { step: Step; index: number }) {
  const flow = useFlowStore((s) => s.flow);
  const issues = lintStep(step, index, flow);
  if (!issues.length) return null;
  return (
    <ul className="lint-list" data-testid="step-lint">
      {issues.map((i, n) => (
        <li key={n} className="warn">
          <code>{i.path.replace(/^steps\[\d+\]\.?/, '') || 'step'}</code> {i.message}
          {i.path.endsWith('.js_code') && /js_code_before_wait/.test(i.message) && step.config.js_code_before_wait === undefined && (
            <button className="ghost fix" data-testid="fix-js-code-before-wait" onClick={() => moveJsCodeBeforeWait(step)}>
              Fix: move to js_code_before_wait
            </button>
          )}
        </li>
      ))}
    </ul>
  );
}

function CssSelectorField({ step }: { step: Step }) {
  const c = step.config;
  const hover = useHoverHighlight(c.css_selector);
  return (
    <div className="row" {...hover}>
      <TextOpt stepId={step.id} config={c} k="css_selector" placeholder="(whole page)" />
      <PickButton purpose="css_selector" sessionId={c.session_id} onPicked={(sel) => useFlowStore.getState().setConfig(step.id, { css_selector: sel })} />
    </div>
  );
}

export function StepEditor() {
  const step = useFlowStore((s) => s.flow.steps.find((st) => st.id === s.selected[0]));
  const index = useFlowStore((s) => s.flow.steps.findIndex((st) => st.id === s.selected[0]));
  const multi = useFlowStore((s) => s.selected.length > 1);
  if (!step) return <div className="empty">Select a step to edit it, or add one with <b>+ Add step</b>.</div>;
  const c = step.config;
  const id = step.id;
  const sessionId = c.session_id;
  const update = useFlowStore.getState().updateStep;

  return (
    <div className="step-editor" data-testid="step-editor" data-step-id={id} key={id}>
      <div className="step-editor-head">
        <input
          className="step-title-input"
          data-testid="step-title"
          aria-label="Step name"
          value={step.name}
          onChange={(e) => update(id, (s) => void (s.name = e.target.value), `${id}:name`)}
        />
        <code className="dim" title="Stable step id">
          {id}
        </code>
        <label className="row" title={stepHelp('disabled')}>
          <input type="checkbox" checked={!step.disabled} onChange={() => update(id, (s) => (s.disabled ? delete s.disabled : (s.disabled = true)))} /> enabled
        </label>
        <label className="row" title={stepHelp('breakpoint')}>
          <input type="checkbox" data-testid="editor-breakpoint" checked={!!step.breakpoint} onChange={() => update(id, (s) => (s.breakpoint ? delete s.breakpoint : (s.breakpoint = true)))} /> breakpoint
        </label>
        {multi && <span className="dim">(first of the selection)</span>}
      </div>
      <LintList step={step} index={index} />

      <Group title="Navigation">
        <Field name="url" help={configHelp('url')}>
          <TextOpt stepId={id} config={c} k="url" placeholder="https://… or {{demo_url}}/list" />
        </Field>
        <Field name="js_only" help={configHelp('js_only')}>
          <BoolOpt stepId={id} config={c} k="js_only" defaultValue={false} />
        </Field>
        <Field name="wait_until" help={configHelp('wait_until')}>
          <EnumOpt stepId={id} config={c} k="wait_until" options={WAIT_UNTIL} defaultLabel="(default: domcontentloaded)" />
        </Field>
        <Field name="page_timeout" help={configHelp('page_timeout')}>
          <NumberOpt stepId={id} config={c} k="page_timeout" placeholder="60000" />
        </Field>
      </Group>

      <Group title="Session">
        <Field name="session_id" help={configHelp('session_id')}>
          <SessionField stepId={id} value={c.session_id} />
        </Field>
        <SessionsHelp usesSession={!!c.session_id} />
      </Group>

      <Group title="Interaction">
        <Field name="actions" help={stepHelp('actions')} wide>
          <ActionsField stepId={id} actions={step.actions} sessionId={sessionId} />
        </Field>
        <Field name="js_code_before_wait" help={configHelp('js_code_before_wait')} wide>
          <SnippetList stepId={id} k="js_code_before_wait" value={c.js_code_before_wait} sessionId={sessionId} />
        </Field>
        <Field name="js_code" help={configHelp('js_code')} wide>
          <SnippetList stepId={id} k="js_code" value={c.js_code} sessionId={sessionId} />
        </Field>
        <Field name="scan_full_page" help={configHelp('scan_full_page')}>
          <BoolOpt stepId={id} config={c} k="scan_full_page" defaultValue={false} />
        </Field>
        {c.scan_full_page && (
          <>
            <Field name="scroll_delay" help={configHelp('scroll_delay')}>
              <NumberOpt stepId={id} config={c} k="scroll_delay" placeholder="0.2" step={0.1} integer={false} />
            </Field>
            <Field name="max_scroll_steps" help={configHelp('max_scroll_steps')}>
              <NumberOpt stepId={id} config={c} k="max_scroll_steps" placeholder="10" />
            </Field>
          </>
        )}
      </Group>

      <Group title="Wait">
        <Field name="wait_for" help={configHelp('wait_for')} wide>
          <WaitForField stepId={id} value={c.wait_for} sessionId={sessionId} />
        </Field>
        <Field name="wait_for_timeout" help={configHelp('wait_for_timeout')}>
          <NumberOpt stepId={id} config={c} k="wait_for_timeout" placeholder="page_timeout" />
        </Field>
        <Field name="delay_before_return_html" help={configHelp('delay_before_return_html')}>
          <NumberOpt stepId={id} config={c} k="delay_before_return_html" placeholder="0.1" step={0.1} integer={false} />
        </Field>
      </Group>

      <Group title="Extraction">
        <Field name="css_selector" help={configHelp('css_selector')}>
          <CssSelectorField step={step} />
        </Field>
        <Field name="extraction_strategy" help={configHelp('extraction_strategy') + ' Build it visually in the Schema tab.'} wide>
          <ExtractionField stepId={id} value={c.extraction_strategy} />
        </Field>
      </Group>

      <Group title="Capture">
        <Field name="screenshot" help={configHelp('screenshot')}>
          <BoolOpt stepId={id} config={c} k="screenshot" defaultValue={false} />
        </Field>
      </Group>

      <Group title="Advanced" defaultOpen={!!(step.repeat || step.hooks || c.cache_mode)}>
        <Field name="repeat" help={stepHelp('repeat')} wide>
          <RepeatField step={step} />
        </Field>
        <Field name="cache_mode" help={configHelp('cache_mode')}>
          <EnumOpt stepId={id} config={c} k="cache_mode" options={CACHE_MODES} defaultLabel="(unset)" />
          {c.cache_mode && c.cache_mode !== 'bypass' && (
            <div className="field-note" data-testid="cache-mode-note">
              Runs in Crawlwright are always live; “{c.cache_mode}” is only written to exports.
            </div>
          )}
        </Field>
        <Field name="hooks" help={stepHelp('hooks')} wide>
          <HooksField step={step} />
        </Field>
      </Group>

      <Group title="Notes" defaultOpen={!!step.notes}>
        <Field name="notes" help={stepHelp('notes')} wide>
          <textarea
            rows={step.notes ? Math.min(12, step.notes.split('\n').length + 1) : 2}
            data-testid="step-notes"
            value={step.notes ?? ''}
            onChange={(e) => useFlowStore.getState().updateStep(id, (s) => (e.target.value ? (s.notes = e.target.value) : delete s.notes))}
          />
        </Field>
      </Group>
    </div>
  );
}
