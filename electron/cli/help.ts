// Help texts of every subcommand in one place, so `crawlwright --help` and
// `crawlwright <cmd> --help` stay consistent (the subcommand modules print the same strings).
export const HELP: Record<string, string> = {
  run: `Usage: crawlwright run FLOW.json [options]

Run a flow headlessly with the same engine as the app and write the results.

Options:
  --out DIR         Directory for results, screenshots and HTML (default: ./crawlwright-out)
  --headed          Show the browser window
  --browser PATH    Chromium/Chrome executable (default: CRAWLWRIGHT_BROWSER, Playwright's
                    browsers, then the system Chrome/Chromium)
  --var NAME=VALUE  Set a flow variable (repeatable)
  --allow-secret NAME
                    Let the flow read the secret {{secret:NAME}} (repeatable). Its value comes
                    from CRAWLWRIGHT_SECRET_NAME, else NAME in the environment, else the OS
                    keychain. A name you did not allow never resolves (the demo site's
                    public DEMO_PASSWORD is exempt).
  --allow-local     Let the flow open local resources: file:, data:, chrome: … URLs and a
                    browser.storage_state file.
  --trust           Allow everything the flow asks for (all its secrets, local resources).
  --browser-arg FLAG
                    Pass your own Chromium flag (repeatable). Flags inside a flow file are
                    limited to an allow-list (window size, language, proxy, user agent,
                    disable-features …); others make the flow invalid.
                    A flow is untrusted input: its JavaScript runs only inside the page (the
                    JS-bearing steps are listed); what it asks for beyond that is listed and,
                    unless granted by the flags above or earlier in the app for exactly
                    this file, asked about on a terminal or refused (exit 2).
  --inputs FILE     Run the flow once per row of FILE (CSV with a header row, or JSONL),
                    for a flow that declares "inputs"; each row in its own session and
                    browser context. A flow with inputs.rows runs those without --inputs.
  --concurrency N   Rows at the same time (default: inputs.concurrency, else 1)
  --retries N       Extra attempts for a failed row, with backoff (default: inputs.retries, else 2)
  --restart         With --inputs: start over instead of resuming DIR/results.jsonl
  --stop-on-blocked Stop at a page Crawl4AI would report as "Blocked by anti-bot
                    protection" (default: report it, count it, and go on)
  --continue-on-failure
                    Run the later steps after a failed one, as a Crawl4AI script that
                    calls arun after arun does (default: stop; the exit code is 1 either way)
  -h, --help        Show this help

Output: one line per step (and repeat iteration); a step Crawl4AI would flag as blocked
gets a "Crawl4AI would report: failed (blocked: …)" line. DIR/results.json holds every
extracted item in page order ({step, stepName, iteration, item}), each step's result
(with its "crawl4ai" verdict) and the counts {steps, failed, blocked};
DIR/artifacts/ holds HTML snapshots and screenshots.
With inputs: one line per row with done/failed, rows/s and ETA; DIR/results.jsonl has
one line per finished row ({row, status, attempts, values, items, error?}). It is also
the resume state: run the same command again after an interruption (even kill -9) and
only the unfinished rows run.
A run that got through every step but lost or repeated items (0 items in an
iteration, items already extracted earlier, a js: wait that timed out, repeat.until
still false after max, a recorded action whose element was missing) finishes
"with warnings": the reasons are printed per step and listed under "health" in
results.json.
Exit code: 0 ok, 1 the flow is invalid or a step (or a row) failed (named on stderr),
2 usage error or a refused grant (secrets, local resources), 3 finished with warnings,
130 interrupted.
`,
  validate: `Usage: crawlwright validate FLOW.json [FLOW.json ...]   ("-" reads standard input)

Check flow files against the flow format (version 1). Errors name the JSON path
(steps[2].config.wait_for: ...). Warnings point out Crawl4AI pitfalls.

Exit code: 0 when every file is valid (warnings allowed), 1 when any file has errors.

Options:
  --json       Print the issues as JSON: [{ file, errors, warnings }]
  -h, --help   Show this help
`,
  extract: `Usage: crawlwright extract --schema SCHEMA.json [PAGE.html|-]

Run a Crawl4AI JsonCssExtractionStrategy schema against an HTML file (or stdin with "-")
exactly as Crawl4AI does, and print the extracted items as JSON. Does not start a browser.

Options:
  --schema FILE   The JsonCss schema (or an extraction_strategy object)
  --lint          Also print the schema's Crawl4AI traps (warnings, to stderr)
  -h, --help      Show this help
`,
  export: `Usage: crawlwright export FLOW.json --to FORMAT [--out FILE]

Export a flow. Secrets stay {{secret:NAME}} placeholders and are never written out.

Formats:
  json              Canonical flow JSON
  crawl4ai-python   A Python script using Crawl4AI's AsyncWebCrawler
  crawl4ai-config   CrawlerRunConfig/BrowserConfig JSON
  playwright        A standalone Playwright (Node) script; with --out, the extractor it
                    imports (crawlwright-extract.mjs) is written beside it

Options:
  --to FORMAT   One of the formats above (required)
  --out FILE    Write to FILE instead of standard output
  -h, --help    Show this help
`,
  serve: `Usage: crawlwright serve [options]

Start the app in web mode: the UI and its API on 127.0.0.1, protected by a random token.
Open the printed URL (it contains the token) in a browser.

Options:
  --port N         Port to listen on (default 0 = any free port)
  --host HOST      Loopback address to bind: 127.0.0.1 (default), localhost or ::1
                   (other addresses are refused)
  --token TOKEN    Use this token instead of a random one (tests; env CRAWLWRIGHT_TOKEN)
  --demo-port N    Port of the built-in demo site (default: any free port)
  --browser PATH   Chromium/Chrome executable for runs and the live preview
  --data-dir DIR   Recent files, crash recovery and run artifacts
                   (default: CRAWLWRIGHT_DATA_DIR or ~/.config/crawlwright)
  -h, --help       Show this help
`,
};

export const MAIN_HELP = `Usage: crawlwright <command> [options]

Build Crawl4AI browser crawls visually, and run them headlessly.

Commands:
  run FLOW.json       Run a flow (--out DIR, --headed, --browser PATH, --var k=v, --trust)
  validate FLOW.json  Check flow files; path-named errors, exit code 1 on errors
  extract             Apply a JsonCss schema to HTML: extract --schema S.json [page.html|-]
  export FLOW.json    Export: --to json|crawl4ai-python|crawl4ai-config|playwright [--out FILE]
  serve               Start the web-mode UI on 127.0.0.1 and print its URL

Run "crawlwright <command> --help" for a command's options.

Options:
  -h, --help      Show this help
  -v, --version   Print the version
`;
