// Help texts come from the zod `.describe()` strings of the flow schema: one definition, shown in
// the editor, the JSON Schema and the docs alike.
import { StepConfigSchema, StepSchema, HooksSchema } from '../../../shared/flow/schema.js';
import type { StepConfig } from '../../../shared/flow/schema.js';

interface Described {
  description?: string;
  unwrap?: () => Described;
}

function describe(s: unknown): string {
  let cur = s as Described | undefined;
  for (let i = 0; cur && i < 4; i++) {
    if (cur.description) return cur.description;
    cur = cur.unwrap?.();
  }
  return '';
}

export type ConfigKey = keyof StepConfig & string;

export function configHelp(key: ConfigKey): string {
  return describe(StepConfigSchema.shape[key]);
}

export function stepHelp(key: 'repeat' | 'hooks' | 'disabled' | 'breakpoint' | 'name' | 'notes' | 'actions'): string {
  return describe(StepSchema.shape[key]);
}

export function hooksHelp(): string {
  return describe(HooksSchema);
}
