// {{name}} and {{secret:NAME}} placeholders. Secrets are resolved only at run time (environment
// or keychain) and the resolved values never flow back into the flow object or a file.

export interface Placeholder {
  name: string;
  secret: boolean;
  raw: string;
}

const PLACEHOLDER = /\{\{\s*(secret:)?([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;

export function findPlaceholders(text: string): Placeholder[] {
  return [...text.matchAll(PLACEHOLDER)].map((m) => ({ name: m[2], secret: Boolean(m[1]), raw: m[0] }));
}

export interface VariableValues {
  vars: Record<string, string>;
  secrets: Record<string, string>;
}

export class MissingVariableError extends Error {
  constructor(readonly placeholder: Placeholder) {
    super(
      placeholder.secret
        ? `secret {{secret:${placeholder.name}}} has no value: it is not granted to this run, or not set (export CRAWLWRIGHT_SECRET_${placeholder.name}=… or ${placeholder.name}=…, or store it in the keychain)`
        : `variable {{${placeholder.name}}} has no value: declare it in the flow's variables or pass --var ${placeholder.name}=…`,
    );
  }
}

/**
 * The value of a placeholder, or undefined. Own properties only: {{constructor}} or {{toString}}
 * must not resolve to Object's built-ins.
 */
export function placeholderValue(values: VariableValues, name: string, secret: boolean): string | undefined {
  const table = secret ? values.secrets : values.vars;
  return Object.hasOwn(table, name) ? table[name] : undefined;
}

/** Replace placeholders in one string. Throws MissingVariableError for an unknown name. */
export function substitute(text: string, values: VariableValues): string {
  return text.replace(PLACEHOLDER, (raw, secret: string | undefined, name: string) => {
    const v = placeholderValue(values, name, Boolean(secret));
    if (v === undefined) throw new MissingVariableError({ name, secret: Boolean(secret), raw });
    return v;
  });
}

/** Fill the {{name}} placeholders that have a value in `vars`; leave the rest (secrets, unknown names) as they are. */
export function fillKnownVariables(text: string, vars: Readonly<Record<string, string>>): string {
  return text.replace(PLACEHOLDER, (raw, secret: string | undefined, name: string) => (!secret && Object.hasOwn(vars, name) ? vars[name] : raw));
}

/** Deep-substitute every string inside a JSON value (step configs, hooks). */
export function substituteDeep<T>(value: T, values: VariableValues): T {
  if (typeof value === 'string') return substitute(value, values) as T;
  if (Array.isArray(value)) return value.map((v) => substituteDeep(v, values)) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, substituteDeep(v, values)])) as T;
  }
  return value;
}

export function secretNames(text: string): string[] {
  return [...new Set(findPlaceholders(text).filter((p) => p.secret).map((p) => p.name))];
}
