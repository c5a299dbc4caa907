// Small controlled inputs that edit one StepConfig option through the flow store (undo coalesced
// per field while typing). Clearing a field removes the key, so defaults stay Crawl4AI's.
import { useEffect, useState } from 'react';
import { useFlowStore } from '../../store/flow.js';
import type { StepConfig } from '../../../shared/flow/schema.js';
import type { ConfigKey } from './help.js';

type Cfg = Record<string, unknown>;

function setOpt(stepId: string, key: ConfigKey, value: unknown) {
  useFlowStore.getState().setConfig(stepId, { [key]: value } as Partial<StepConfig>, `${stepId}:${key}`);
}

export function TextOpt({ stepId, config, k, placeholder, list }: { stepId: string; config: StepConfig; k: ConfigKey; placeholder?: string; list?: string }) {
  const v = (config as Cfg)[k];
  return (
    <input
      type="text"
      className="mono-input"
      data-testid={`opt-${k}`}
      aria-label={k}
      value={typeof v === 'string' ? v : ''}
      placeholder={placeholder}
      list={list}
      spellCheck={false}
      onChange={(e) => setOpt(stepId, k, e.target.value === '' ? undefined : e.target.value)}
    />
  );
}

/** Number input that keeps what the user types (e.g. "0.") until it parses. */
export function NumberOpt({ stepId, config, k, placeholder, step = 1, integer = true }: { stepId: string; config: StepConfig; k: ConfigKey; placeholder?: string; step?: number; integer?: boolean }) {
  const v = (config as Cfg)[k];
  const [text, setText] = useState(typeof v === 'number' ? String(v) : '');
  useEffect(() => {
    const cur = Number(text);
    if (!(typeof v === 'number' && cur === v && text !== '') && !(v === undefined && text === '')) setText(typeof v === 'number' ? String(v) : '');
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [v]);
  const n = Number(text);
  const bad = text !== '' && (!Number.isFinite(n) || n < 0 || (integer && !Number.isInteger(n)));
  return (
    <span className="num-opt">
      <input
        type="number"
        data-testid={`opt-${k}`}
        aria-label={k}
        aria-invalid={bad}
        className={bad ? 'invalid' : ''}
        value={text}
        min={0}
        step={step}
        placeholder={placeholder}
        onChange={(e) => {
          setText(e.target.value);
          const t = e.target.value;
          const num = Number(t);
          if (t === '') setOpt(stepId, k, undefined);
          else if (Number.isFinite(num) && num >= 0 && (!integer || Number.isInteger(num))) setOpt(stepId, k, num);
        }}
      />
      {bad && <span className="err field-inline-err">{integer ? 'a whole number ≥ 0' : 'a number ≥ 0'}</span>}
    </span>
  );
}

/** Tri-state: unset (Crawl4AI default) / true / false. */
export function BoolOpt({ stepId, config, k, defaultValue }: { stepId: string; config: StepConfig; k: ConfigKey; defaultValue: boolean }) {
  const v = (config as Cfg)[k] as boolean | undefined;
  return (
    <label className="bool-opt">
      <input
        type="checkbox"
        data-testid={`opt-${k}`}
        checked={v ?? defaultValue}
        onChange={(e) => setOpt(stepId, k, e.target.checked === defaultValue ? undefined : e.target.checked)}
      />
      <span>{(v ?? defaultValue) ? 'true' : 'false'}</span>
      {v === undefined && <span className="dim">(default)</span>}
    </label>
  );
}

export function EnumOpt({ stepId, config, k, options, defaultLabel }: { stepId: string; config: StepConfig; k: ConfigKey; options: readonly string[]; defaultLabel: string }) {
  const v = (config as Cfg)[k] as string | undefined;
  return (
    <select data-testid={`opt-${k}`} aria-label={k} value={v ?? ''} onChange={(e) => setOpt(stepId, k, e.target.value || undefined)}>
      <option value="">{defaultLabel}</option>
      {options.map((o) => (
        <option key={o} value={o}>
          {o}
        </option>
      ))}
    </select>
  );
}

export { setOpt };
