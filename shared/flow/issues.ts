// Turning zod issues into messages that name the JSON path and say what is wrong
// (`steps[2].config.wait-for: unknown key "wait-for", did you mean "wait_for"?`).
import type { z } from 'zod';

export interface ValidationIssue {
  /** JSON path in JS notation: `steps[2].config.wait_for`; "" for the root. */
  path: string;
  message: string;
  severity: 'error' | 'warning';
}

export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else {
      const key = String(seg);
      if (/^[A-Za-z_$][\w$-]*$/.test(key)) out += out ? `.${key}` : key;
      else out += `[${JSON.stringify(key)}]`;
    }
  }
  return out;
}

/** Damerau-free Levenshtein distance, small strings only. */
function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cur = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = cur;
    }
  }
  return row[b.length];
}

const normalise = (s: string) => s.toLowerCase().replace(/[-_\s]/g, '');

export function suggest(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestD = Infinity;
  for (const c of candidates) {
    const d = normalise(word) === normalise(c) ? 0 : distance(word.toLowerCase(), c.toLowerCase());
    if (d < bestD) {
      bestD = d;
      best = c;
    }
  }
  return best !== undefined && bestD <= Math.max(2, Math.floor(word.length / 3)) ? best : undefined;
}

/** Known keys of the object schema at `path` inside `root`, for "did you mean". */
function knownKeysAt(root: unknown, path: ReadonlyArray<PropertyKey>): string[] {
  let s = unwrap(root);
  for (const seg of path) {
    if (!s) return [];
    if (typeof seg === 'number') s = unwrap(s._zod?.def?.element ?? s._zod?.def?.valueType);
    else s = unwrap(shapeOf(s)?.[String(seg)] ?? s._zod?.def?.valueType);
  }
  return Object.keys(shapeOf(s) ?? {});
}

// zod 4 internals are typed loosely here on purpose: we only walk wrappers to reach object shapes.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnySchema = any;
function unwrap(s: AnySchema): AnySchema {
  for (let i = 0; s && i < 20; i++) {
    const def = s._zod?.def;
    if (!def) return s;
    if (def.type === 'optional' || def.type === 'nullable' || def.type === 'default' || def.type === 'readonly') s = def.innerType;
    else if (def.type === 'lazy') s = def.getter();
    else if (def.type === 'pipe') s = def.in;
    else return s;
  }
  return s;
}
function shapeOf(s: AnySchema): Record<string, unknown> | undefined {
  return s?._zod?.def?.type === 'object' ? s._zod.def.shape : undefined;
}

function typeName(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'an object';
  if (typeof v === 'string') return 'a string';
  return typeof v === 'number' ? 'a number' : typeof v;
}

function valueAt(root: unknown, path: ReadonlyArray<PropertyKey>): unknown {
  let v: unknown = root;
  for (const seg of path) {
    if (v == null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[seg as string];
  }
  return v;
}

/**
 * Convert zod issues to ValidationIssues. For unions we keep the branch with the fewest issues
 * so that `{ "times": "3" }` says "times: expected a number" rather than listing every branch.
 */
export function fromZodIssues(
  issues: readonly z.core.$ZodIssue[],
  schema: unknown,
  input: unknown,
  prefix: ReadonlyArray<PropertyKey> = [],
): ValidationIssue[] {
  const out: ValidationIssue[] = [];
  for (const issue of issues) {
    const path = [...prefix, ...issue.path];
    switch (issue.code) {
      case 'unrecognized_keys': {
        const known = knownKeysAt(schema, path);
        for (const key of issue.keys) {
          const hint = suggest(key, known);
          out.push({
            path: formatPath([...path, key]),
            message: `unknown key "${key}"${hint ? `, did you mean "${hint}"?` : known.length ? ` (allowed: ${known.join(', ')})` : ''}`,
            severity: 'error',
          });
        }
        break;
      }
      case 'invalid_union': {
        const branches = issue.errors ?? [];
        const actual = valueAt(input, path);
        const allTypeErrors = branches.every((b) => b.length === 1 && b[0].code === 'invalid_type' && b[0].path.length === 0);
        if (!branches.length || allTypeErrors) {
          const expected = branches.map((b) => (b[0] as { expected?: string }).expected).filter(Boolean);
          out.push({
            path: formatPath(path),
            message: `expected ${expected.length ? [...new Set(expected)].join(' or ') : 'a different value'}, got ${typeName(actual)}`,
            severity: 'error',
          });
        } else {
          const best = branches.reduce((a, b) => (b.length < a.length ? b : a));
          out.push(...fromZodIssues(best, schema, input, path));
        }
        break;
      }
      case 'invalid_type': {
        const actual = valueAt(input, path);
        out.push({
          path: formatPath(path),
          message: actual === undefined ? `missing required key (expected ${issue.expected})` : `expected ${issue.expected}, got ${typeName(actual)}`,
          severity: 'error',
        });
        break;
      }
      case 'invalid_value':
        out.push({
          path: formatPath(path),
          message: `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}, got ${JSON.stringify(valueAt(input, path))}`,
          severity: 'error',
        });
        break;
      case 'invalid_key': {
        const inner = issue.issues.map((i) => i.message).join('; ');
        out.push({ path: formatPath(path), message: `invalid key: ${inner}`, severity: 'error' });
        break;
      }
      default:
        out.push({ path: formatPath(path), message: issue.message, severity: 'error' });
    }
  }
  return out;
}

export function describeIssues(issues: readonly ValidationIssue[]): string {
  return issues.map((i) => `${i.severity === 'warning' ? 'warning: ' : ''}${i.path || '(root)'}: ${i.message}`).join('\n');
}
