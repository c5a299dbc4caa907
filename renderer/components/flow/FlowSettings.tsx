// Flow-level settings: name, description, {{variables}} and the BrowserConfig subset. Help texts
// come from the schema's `.describe()` strings; every edit goes through the flow store (undoable).
import { useState } from 'react';
import { useFlowStore } from '../../store/flow.js';
import { BrowserSettingsSchema, FlowSchema, VARIABLE_NAME, type BrowserSettings, type Flow } from '../../../shared/flow/schema.js';
import { BUILTIN_VARIABLES } from '../../../shared/flow/lint.js';
import { Field } from '../editor/Field.js';
import { Modal } from '../layout/Modal.js';

type Described = { description?: string; unwrap?: () => Described };
function help(s: unknown): string {
  let cur = s as Described | undefined;
  for (let i = 0; cur && i < 4; i++) {
    if (cur.description) return cur.description;
    cur = cur.unwrap?.();
  }
  return '';
}
const bHelp = (k: keyof BrowserSettings) => help(BrowserSettingsSchema.shape[k]);

function edit(mutate: (f: Flow) => void, key?: string) {
  useFlowStore.getState().edit(mutate, key ? `flow:${key}` : undefined);
}

function setBrowser<K extends keyof BrowserSettings>(k: K, v: BrowserSettings[K] | undefined) {
  edit((f) => {
    const b = { ...(f.browser ?? {}) };
    if (v === undefined || (v as unknown) === '') delete b[k];
    else b[k] = v;
    if (Object.keys(b).length) f.browser = b;
    else delete f.browser;
  }, `browser.${k}`);
}

function Variables({ vars }: { vars: Record<string, string> }) {
  const [newName, setNewName] = useState('');
  const entries = Object.entries(vars);
  const nameOk = VARIABLE_NAME.test(newName) && !(newName in vars);
  return (
    <div className="vars" data-testid="flow-variables">
      {entries.map(([k, v]) => (
        <div className="row" key={k}>
          <code className="var-name">{`{{${k}}}`}</code>
          <input className="mono-input grow" aria-label={`Value of ${k}`} value={v} onChange={(e) => edit((f) => void ((f.variables ??= {})[k] = e.target.value), `var.${k}`)} />
          <button className="ghost icon" aria-label={`Remove ${k}`} onClick={() => edit((f) => void delete f.variables?.[k])}>
            ×
          </button>
        </div>
      ))}
      <div className="row">
        <input className="mono-input" placeholder="new_variable" aria-label="New variable name" data-testid="new-variable" value={newName} onChange={(e) => setNewName(e.target.value.trim())} onKeyDown={(e) => e.key === 'Enter' && nameOk && (edit((f) => void ((f.variables ??= {})[newName] = '')), setNewName(''))} />
        <button className="ghost" disabled={!nameOk} onClick={() => (edit((f) => void ((f.variables ??= {})[newName] = '')), setNewName(''))}>
          + Add variable
        </button>
        {newName && !VARIABLE_NAME.test(newName) && <span className="err">letters, digits and _ only</span>}
      </div>
      <div className="field-help">
        Built in: {BUILTIN_VARIABLES.map((b) => `{{${b}}}`).join(', ')}. Secrets are written <code>{'{{secret:NAME}}'}</code> in steps and resolved at run time from the environment/keychain; their values are never stored in the flow.
      </div>
    </div>
  );
}

export function FlowSettings({ open, onClose }: { open: boolean; onClose(): void }) {
  const flow = useFlowStore((s) => s.flow);
  if (!open) return null;
  const b = flow.browser ?? {};
  const num = (k: 'viewport_width' | 'viewport_height', t: string) => {
    const n = Number(t);
    setBrowser(k, t === '' ? undefined : Number.isInteger(n) ? n : b[k]);
  };
  const bool = (k: 'headless' | 'java_script_enabled' | 'ignore_https_errors', def: boolean) => (
    <label className="bool-opt">
      <input type="checkbox" checked={b[k] ?? def} onChange={(e) => setBrowser(k, e.target.checked === def ? undefined : e.target.checked)} />
      <span>{String(b[k] ?? def)}</span>
      {b[k] === undefined && <span className="dim">(default)</span>}
    </label>
  );
  return (
    <Modal onClose={onClose} label="Flow settings" className="flow-settings" testId="flow-settings">
        <div className="modal-head row">
          Flow settings <span className="grow" />
          <button className="ghost icon" aria-label="Close" onClick={onClose}>
            ×
          </button>
        </div>
        <div className="modal-body">
          <Field name="name" help={help(FlowSchema.shape.name)}>
            <input type="text" data-testid="flow-name" value={flow.name} onChange={(e) => edit((f) => void (f.name = e.target.value), 'name')} autoFocus />
          </Field>
          <Field name="description">
            <textarea rows={2} value={flow.description ?? ''} onChange={(e) => edit((f) => (e.target.value ? (f.description = e.target.value) : delete f.description), 'description')} />
          </Field>
          <Field name="notes" help={help(FlowSchema.shape.notes)} wide>
            <textarea
              rows={flow.notes ? 10 : 2}
              data-testid="flow-notes"
              value={flow.notes ?? ''}
              onChange={(e) => edit((f) => (e.target.value ? (f.notes = e.target.value) : delete f.notes), 'notes')}
            />
          </Field>
          <Field name="variables" help={help(FlowSchema.shape.variables)} wide>
            <Variables vars={flow.variables ?? {}} />
          </Field>
          <div className="section-title settings-sep">browser (BrowserConfig)</div>
          <Field name="headless" help={bHelp('headless')}>
            {bool('headless', true)}
          </Field>
          <Field name="viewport_width" help={bHelp('viewport_width')}>
            <input type="number" min={100} max={7680} placeholder="1080" value={b.viewport_width ?? ''} onChange={(e) => num('viewport_width', e.target.value)} />
          </Field>
          <Field name="viewport_height" help={bHelp('viewport_height')}>
            <input type="number" min={100} max={4320} placeholder="600" value={b.viewport_height ?? ''} onChange={(e) => num('viewport_height', e.target.value)} />
          </Field>
          <Field name="user_agent" help={bHelp('user_agent')}>
            <input type="text" className="mono-input" value={b.user_agent ?? ''} placeholder="(Chromium default)" onChange={(e) => setBrowser('user_agent', e.target.value || undefined)} />
          </Field>
          <Field name="java_script_enabled" help={bHelp('java_script_enabled')}>
            {bool('java_script_enabled', true)}
          </Field>
          <Field name="ignore_https_errors" help={bHelp('ignore_https_errors')}>
            {bool('ignore_https_errors', true)}
          </Field>
          <Field name="extra_args" help={`${bHelp('extra_args')} One per line.`}>
            <textarea
              rows={2}
              className="mono-input"
              value={(b.extra_args ?? []).join('\n')}
              onChange={(e) => {
                const args = e.target.value.split('\n').map((x) => x.trim()).filter(Boolean);
                setBrowser('extra_args', args.length ? args : undefined);
              }}
            />
          </Field>
          <Field name="storage_state" help={bHelp('storage_state')}>
            <input
              type="text"
              className="mono-input"
              placeholder="path/to/state.json"
              value={typeof b.storage_state === 'string' ? b.storage_state : b.storage_state ? '(inline object: edit the file)' : ''}
              disabled={typeof b.storage_state === 'object'}
              onChange={(e) => setBrowser('storage_state', e.target.value || undefined)}
            />
          </Field>
        </div>
    </Modal>
  );
}
