// Page-side JavaScript wrappers, built as strings and evaluated with page.evaluate. User code from a
// flow (js_code, wait_for, hooks, repeat.until) only ever runs here, inside the target page.
// The wrappers mirror Crawl4AI's (crawl4ai-notes.md 1.2, 1.4) so the same text behaves the same.

/**
 * robust_execute_user_script: the snippet is the body of an inner async function; its awaited
 * return value comes back; a throw becomes {success:false, error, stack}. A syntax error in the
 * snippet makes the whole evaluate reject instead (Crawl4AI records that as {success:false, error}).
 */
export function snippetExpression(body: string): string {
  return `(async () => {
  try {
    return await (async () => {
${body}
    })();
  } catch (err) {
    return { success: false, error: String(err), stack: err && err.stack ? String(err.stack) : undefined };
  }
})()`;
}

/**
 * csp_compliant_wait: the user text is assigned to a constant and *called* every 100 ms until it
 * returns truthy or the timeout passes (then `false`, no error). Throws inside the predicate become
 * "Error evaluating condition: …", which fails the step (Crawl4AI raises RuntimeError).
 */
export function pollExpression(fnText: string, timeoutMs: number): string {
  return `(async () => {
  const userFunction = ${fnText};
  const startTime = Date.now();
  try {
    while (true) {
      if (await userFunction()) return true;
      if (Date.now() - startTime > ${Math.max(0, Math.floor(timeoutMs))}) return false;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  } catch (error) {
    throw new Error('Error evaluating condition: ' + (error && error.message ? error.message : String(error)));
  }
})()`;
}

/** Evaluate a predicate (function expression) once: repeat.until and snippet.eval kind "predicate". */
export function predicateExpression(fnText: string): string {
  return `(async () => { const __cwPredicate = ${fnText}; return await __cwPredicate(); })()`;
}

/**
 * A hook: an async function body that sees one argument `hook` = {name, url, stepId, iteration,
 * html?, result?} (the page-side view of Crawl4AI's keyword arguments). Its return value is
 * ignored, as in Crawl4AI; a throw fails the step in phase "hook".
 */
export function hookExpression(body: string): string {
  return `async (hook) => {
${body}
}`;
}

/** Strip an optional "js:" prefix (repeat.until accepts both). */
export function stripJsPrefix(s: string): string {
  const t = s.trim();
  return t.startsWith('js:') ? t.slice(3).trim() : t;
}
