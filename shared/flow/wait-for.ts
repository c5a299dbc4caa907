// How Crawl4AI 0.9's smart_wait reads a wait_for string (crawl4ai-notes.md 1.2). One rule for the
// lint, the runner, the editor and the placeholder substitution (which JS fields a step has).

export type WaitForKind = 'css' | 'js' | 'bare-js' | 'bare-css';

/** "css:" → selector; "js:" → predicate; no prefix: "()…"/"function…" is JS, anything else CSS. */
export function classifyWaitFor(waitFor: string): WaitForKind {
  const s = waitFor.trim();
  if (s.startsWith('css:')) return 'css';
  if (s.startsWith('js:')) return 'js';
  if (s.startsWith('()') || s.startsWith('function')) return 'bare-js';
  return 'bare-css';
}

/** Whether the wait_for runs as JavaScript in the page (a js: or bare-JS predicate). */
export function isJsWaitFor(waitFor: string): boolean {
  const kind = classifyWaitFor(waitFor);
  return kind === 'js' || kind === 'bare-js';
}
