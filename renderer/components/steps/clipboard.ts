// Copy/paste of steps as JSON on the system clipboard (falls back to an in-app buffer when the
// clipboard API is unavailable). Pasted text is validated with the flow's own StepSchema.
import { z } from 'zod';
import { StepSchema, type Step } from '../../../shared/flow/schema.js';
import { fromZodIssues } from '../../../shared/flow/issues.js';

let buffer = '';
const Payload = z.union([z.array(StepSchema), StepSchema]);

export async function copySteps(steps: Step[]): Promise<void> {
  buffer = JSON.stringify(steps, null, 2);
  try {
    await navigator.clipboard.writeText(buffer);
  } catch {
    /* clipboard denied: the in-app buffer still works */
  }
}

/** Steps on the clipboard, or an error naming the bad path. */
export async function readSteps(): Promise<{ ok: true; steps: Step[] } | { ok: false; error: string }> {
  let text = '';
  try {
    text = await navigator.clipboard.readText();
  } catch {
    text = '';
  }
  if (!text.trim()) text = buffer;
  if (!text.trim()) return { ok: false, error: 'the clipboard is empty' };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    // Not JSON (someone copied text elsewhere): fall back to our own buffer.
    if (!buffer) return { ok: false, error: 'the clipboard does not hold steps (not JSON)' };
    value = JSON.parse(buffer);
  }
  const parsed = Payload.safeParse(value);
  if (!parsed.success) {
    const issue = fromZodIssues(parsed.error.issues, StepSchema, value)[0];
    return { ok: false, error: `the clipboard does not hold valid steps: ${issue ? `${issue.path}: ${issue.message}` : 'unknown shape'}` };
  }
  return { ok: true, steps: Array.isArray(parsed.data) ? parsed.data : [parsed.data] };
}
