// The helper functions written into Python exports (only those a flow needs). Kept as source
// text: they are Python, run by the user's interpreter, never by Crawlwright.
export const HELPERS = {
  fill: (secrets: boolean) =>
    secrets
      ? `def fill(template: str) -> str:
    """Substitute {{name}} and {{secret:NAME}} as plain text, as Crawlwright's runner does in urls,
    selectors and names (page-side JavaScript goes through fill_js)."""
    return PLACEHOLDER.sub(lambda m: (SECRETS if m.group(1) else VARIABLES)[m.group(2)], template)`
      : `def fill(template: str) -> str:
    """Substitute {{name}} placeholders as plain text, as Crawlwright's runner does in urls,
    selectors and names (page-side JavaScript goes through fill_js)."""
    return PLACEHOLDER.sub(lambda m: VARIABLES[m.group(2)], template)`,
  fillJs: `JS_QUOTES = {"single": "'", "double": '"', "template": "\`"}


def escape_js(value: str, quote: str) -> str:
    """Escape a value so that, pasted inside a JavaScript literal delimited by quote, the literal
    reads exactly value (the escaping of Crawlwright's runner)."""
    value = value.replace("\\\\", "\\\\\\\\")
    if quote == "\`":
        return value.replace("\`", "\\\\\`").replace("\${", "\\\\\${").replace("\\r", "\\\\r")
    value = value.replace(quote, "\\\\" + quote).replace("\\n", "\\\\n").replace("\\r", "\\\\r")
    return value.replace("\\u2028", "\\\\u2028").replace("\\u2029", "\\\\u2029")


def fill_js(template: str, quotes: list) -> str:
    """Substitute placeholders in page-side JavaScript like Crawlwright's runner. quotes[i] names
    the literal around the i-th placeholder (worked out when the flow was exported): inside a
    'single', "double" or \`template\` literal the value is escaped for that quote, so a quote,
    backslash or newline in it stays part of the string; in code it is pasted as is."""
    kinds = iter(quotes)

    def replace(match) -> str:
        value = fill(match.group(0))
        quote = JS_QUOTES.get(next(kinds))
        if quote is None:
            return value
        if quote == "\`" and template[match.start() - 1 : match.start()] == "$" and value.startswith("{"):
            return "\\\\" + escape_js(value, quote)  # "$" + "{" would open a \${...}
        return escape_js(value, quote)

    return PLACEHOLDER.sub(replace, template)`,
  pageHook: `def page_hook(name: str, body: str, step_id: str, iteration: int):
    """A Crawl4AI hook running a flow hook (an async function body) in the page. As in
    Crawlwright's runner, the body sees \`hook\` = {name, url, stepId, iteration, html?, result?}."""

    async def hook(page, **kwargs):
        args = {"name": name, "url": page.url, "stepId": step_id, "iteration": iteration}
        args.update({key: kwargs[key] for key in ("html", "result") if kwargs.get(key) is not None})
        try:
            await page.evaluate("async (hook) => {\\n" + body + "\\n}", args)
        except Exception as error:  # a hook that navigates: wait for the new page, as the runner does
            if "Execution context was destroyed" not in str(error):
                raise
            await page.wait_for_load_state("load")

    return hook`,
  untilHook: `def until_hook(until: dict, then=None):
    """before_return_html hook: evaluates a repeat.until predicate in the page after the HTML
    capture (the page state Crawlwright's runner checks) and stores the answer in until["done"]."""

    async def hook(page, **kwargs):
        if then:
            await then(page, **kwargs)
        until["done"] = bool(await page.evaluate("(async () => await (" + until["predicate"] + ")())()"))

    return hook`,
  runStep: (hooks: boolean, until: boolean) => {
    const params = ['crawler', ...(hooks ? ['step_id: str'] : []), 'name: str', 'url: str', 'config: CrawlerRunConfig'];
    if (hooks) params.push('hooks=None');
    if (hooks || until) params.push('iteration: int = 0');
    if (until) params.push('until=None');
    const doc = hooks || until
      ? `    """One arun() of a flow step. Crawl4AI hooks are global to the crawler while flow hooks belong
    to one step, so they are set just before this arun() and cleared right after it."""`
      : `    """One arun() of a flow step; a failed step stops the flow, as in Crawlwright's runner."""`;
    const lines = [`async def run_step(${params.join(', ')}):`, doc];
    if (hooks || until) {
      lines.push(
        hooks
          ? '    active = {hook_name: page_hook(hook_name, body, step_id, iteration) for hook_name, body in (hooks or {}).items()}'
          : '    active = {}',
      );
      if (until) {
        lines.push('    if until:', '        active["before_return_html"] = until_hook(until, then=active.get("before_return_html"))');
      }
      lines.push(
        '    for hook_name, hook in active.items():',
        '        crawler.crawler_strategy.set_hook(hook_name, hook)',
        '    try:',
        '        result = await crawler.arun(url=url, config=config)',
        '    finally:',
        '        for hook_name in active:',
        '            crawler.crawler_strategy.set_hook(hook_name, None)',
      );
    } else lines.push('    result = await crawler.arun(url=url, config=config)');
    // The same rule as Crawlwright's runner: an anti-bot verdict is reported and the flow goes on
    // (its html, status and items are filled); any other failure stops the flow.
    lines.push(
      '    if not result.success:',
      '        if (result.error_message or "").startswith(BLOCKED_PREFIX) and not STOP_ON_BLOCKED:',
      '            BLOCKED_STEPS.append(name)',
      '            print(f"step {name!r}: Crawl4AI reports it as failed ({result.error_message}); continuing, as Crawlwright does", file=sys.stderr)',
      '        else:',
      '            raise RuntimeError(f"step {name!r} failed: {result.error_message}")',
      '    return result',
    );
    return lines.join('\n');
  },
  collect: `def collect(results: list, step: str, iteration: int, result) -> None:
    """Keep a step's extracted items (JsonCssExtractionStrategy returns a JSON list)."""
    items = json.loads(result.extracted_content) if result.extracted_content else []
    results.append({"step": step, "iteration": iteration, "url": result.url, "items": items})`,
  screenshot: `def save_screenshot(result, path: str) -> None:
    with open(path, "wb") as file:
        file.write(base64.b64decode(result.screenshot))`,
  pdf: `def save_pdf(result, path: str) -> None:
    # result.pdf: the PDF's bytes (page.pdf with backgrounds)
    if result.pdf:
        with open(path, "wb") as file:
            file.write(result.pdf)`,
  mhtml: `def save_mhtml(result, path: str) -> None:
    # result.mhtml: the MHTML text, None when Chromium could not make it
    if result.mhtml:
        with open(path, "w", encoding="utf-8") as file:
            file.write(result.mhtml)`,
};
