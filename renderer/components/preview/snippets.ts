// JavaScript snippets generated from a picked element for Crawl4AI's js_code / js_code_before_wait
// (function bodies run in the page). Selectors are embedded as JSON strings so quotes are safe.

export function clickSnippet(selector: string): string {
  return `const el = document.querySelector(${JSON.stringify(selector)});\nif (!el) throw new Error(${JSON.stringify('not found: ' + selector)});\nel.click();`;
}

/** Sets the value the way a user would (native setter + input/change events) so frameworks notice. */
export function fillSnippet(selector: string, text: string): string {
  return [
    `const el = document.querySelector(${JSON.stringify(selector)});`,
    `if (!el) throw new Error(${JSON.stringify('not found: ' + selector)});`,
    `el.focus();`,
    `const proto = el instanceof HTMLTextAreaElement ? HTMLTextAreaElement.prototype : HTMLInputElement.prototype;`,
    `Object.getOwnPropertyDescriptor(proto, 'value').set.call(el, ${JSON.stringify(text)});`,
    `el.dispatchEvent(new Event('input', { bubbles: true }));`,
    `el.dispatchEvent(new Event('change', { bubbles: true }));`,
  ].join('\n');
}

/** Append a snippet to a js_code-like option (string | string[] | undefined) as a new list entry. */
export function appendSnippet(current: string | string[] | undefined, snippet: string): string[] {
  if (current === undefined || current === '') return [snippet];
  return [...(Array.isArray(current) ? current : [current]), snippet];
}
