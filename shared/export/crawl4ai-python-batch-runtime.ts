// The Python runtime of a batch export (a flow with `inputs`): reading and checking rows, the
// rounds of arun_many(), one row's steps with retries, the run-wide hooks, resumable results.
// Kept as source text: it is Python, run by the user's interpreter, never by Crawlwright. The
// rules copy Crawlwright's batch runner (electron/engine/batch.ts, shared/flow/inputs.ts) so a row
// file that `crawlwright run --inputs` refuses is refused here with the same messages.
//
// Crawl4AI facts this code is built on (read from crawl4ai/async_dispatcher.py and
// async_webcrawler.py, 0.7.3+ through the 0.9 stubs): a dispatcher runs one arun() per url and
// gives each url the first config of a list whose url_matcher accepts it (None: no config, a
// failed result); arun() takes the session from the config (the session_id keyword the
// dispatchers pass is not used); SemaphoreDispatcher has no run_urls_stream (issues #703, #857),
// so arun_many() runs in batch mode; a MemoryAdaptiveDispatcher under critical memory pressure
// adds a "requeued" placeholder result before the real one.

export interface RuntimeNeeds {
  /** The flow has hooks or a repeat.until: the run-wide step hooks are installed. */
  hooks: boolean;
  screenshot: boolean;
}

const ROWS = String.raw`def js_string(value) -> str:
    """A JSON scalar as text, the way Crawlwright reads JSONL rows (JavaScript's String())."""
    if value is True or value is False:
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def read_records(path: str) -> tuple:
    """(records, errors) of a CSV file with a header row, or of JSONL (one object per line)."""
    with open(path, encoding="utf-8", newline="") as file:
        text = file.read()
    name = path.lower()
    jsonl = name.endswith((".jsonl", ".ndjson")) or (not name.endswith(".csv") and text.lstrip().startswith("{"))
    records, errors = [], []
    if jsonl:
        for number, line in enumerate(text.splitlines(), 1):
            if not line.strip():
                continue
            try:
                value = json.loads(line)
            except ValueError as error:
                errors.append(f"line {number}: not valid JSON ({error})")
                continue
            if isinstance(value, dict):
                records.append((number, value))
            else:
                errors.append(f"line {number}: expected a JSON object")
        return records, errors
    reader = csv.DictReader(io.StringIO(text))
    for value in reader:
        if any((cell or "").strip() for cell in value.values() if isinstance(cell, str)):
            records.append((reader.line_num, value))
    return records, errors


def check_rows(records) -> tuple:
    """Rows from records, checked like crawlwright run --inputs: only the declared columns and a
    value for each, no {{ }} in a value (row values are data, never placeholders: no
    {{secret:...}} from a row), unique row ids (results and resuming go by id)."""
    rows, errors, seen = [], [], {}
    for index, (line, record) in enumerate(records):
        where = f"line {line}"
        values = {}
        for key, value in record.items():
            if key is None:
                errors.append(f"{where}: more fields than the header has")
            elif key not in COLUMNS:
                columns = ", ".join(COLUMNS)
                errors.append(f"{where}: column \"{key}\" is not one of the flow's inputs.columns ({columns}); a row may only set those")
            elif value is None:
                continue
            elif isinstance(value, (dict, list)):
                errors.append(f"{where}: \"{key}\" must be a string, number or boolean")
            elif "{{" in js_string(value) or "}}" in js_string(value):
                errors.append(f"{where}: \"{key}\" contains {{{{ }}}}; input values are data, never placeholders (no {{{{secret:...}}}} from a row)")
            else:
                values[key] = js_string(value)
        for column in COLUMNS:
            if column not in values:
                errors.append(f"{where}: no value for column \"{column}\"")
        row_id = values.get(ID_COLUMN, "") if ID_COLUMN else str(index + 1)
        if row_id in seen:
            errors.append(f"{where}: row id \"{row_id}\" (column {ID_COLUMN}) repeats line {seen[row_id]}; ids must be unique to resume")
        seen[row_id] = line
        rows.append({"id": row_id, "values": values})
    return rows, errors


def load_rows(path) -> list:
    """The rows to run: the --inputs file, else the rows kept in the flow. A file with any bad line
    is refused as a whole, each problem by line."""
    if path is None:
        if not ROWS:
            sys.exit(f"this flow takes inputs (columns {', '.join(COLUMNS)}): pass --inputs FILE.csv|FILE.jsonl")
        records, errors = list(enumerate(ROWS, 1)), []
    else:
        try:
            records, errors = read_records(path)
        except OSError as error:
            sys.exit(f"cannot read {path}: {error}")
    rows, problems = check_rows(records)
    errors += problems
    if errors:
        more = f"\n  ... and {len(errors) - 20} more" if len(errors) > 20 else ""
        sys.exit(f"{path or 'the rows kept in the flow'}:\n  " + "\n  ".join(errors[:20]) + more)
    if not rows:
        sys.exit(f"{path} has no rows")
    return rows


def refused(plan) -> "str | None":
    """Why the row may not run: a row may change where the flow goes, not what it may open, so a
    step url built from row values must be http(s) (no file:, data:, javascript:...)."""
    for step in plan.steps:
        if not step.url_from_row:
            continue
        scheme = urlparse(step.url).scheme
        if not scheme:
            return f"step \"{step.name}\": url {json.dumps(step.url)} (from the row) is not a valid URL"
        if scheme not in ("http", "https"):
            return f"step \"{step.name}\": url {json.dumps(step.url)} (from the row) uses {scheme}:; only http(s) URLs may come from input rows"
    return None`;

const RESULTS = String.raw`def finished_rows(path: str) -> set:
    """Ids of the rows that already have a line in the results file: a resumed run skips them. A
    line cut by a kill is removed (that row runs again)."""
    try:
        with open(path, "rb") as file:
            data = file.read()
    except FileNotFoundError:
        return set()
    done, good = set(), 0
    for line in data.split(b"\n"):
        if not line:
            break
        try:
            done.add(str(json.loads(line)["row"]))
        except (ValueError, KeyError, TypeError):
            break
        good += len(line) + 1
    if good < len(data):
        with open(path, "r+b") as file:
            file.truncate(good)
    return done


class Progress:
    """Rows done/failed, rows per second and the ETA, printed like crawlwright run --inputs."""

    def __init__(self, total: int, resumed: int):
        self.total, self.resumed, self.done, self.failed = total, resumed, 0, 0
        self.started = time.monotonic()

    def text(self) -> str:
        ended = self.done + self.failed
        rate = ended / max(time.monotonic() - self.started, 1e-9)
        left = self.total - self.resumed - ended
        eta = ""
        if rate > 0:
            seconds = left / rate
            eta = f" · ETA {math.ceil(seconds)} s" if seconds < 90 else f" · ETA {math.ceil(seconds / 60)} min"
        before = f" (+{self.resumed} from before)" if self.resumed else ""
        return f"{ended + self.resumed}/{self.total} rows{before} · {self.done} done · {self.failed} failed · {rate:.2f} rows/s{eta}"


def write_record(path: str, record: dict, progress: Progress) -> None:
    """One line per finished row, in one write: the line is the row's commit (resuming reads it)."""
    with open(path, "a", encoding="utf-8") as file:
        file.write(json.dumps(record, ensure_ascii=False) + "\n")
    if record["status"] == "ok":
        progress.done += 1
        head = f"✓ row {record['row']}  {len(record['items'])} items"
    else:
        progress.failed += 1
        head = f"✗ row {record['row']}  {record['error']}"
    tries = f" · {record['attempts']} attempts" if record["attempts"] > 1 else ""
    print(f"{head} · {record['durationMs'] / 1000:.1f} s{tries}   [{progress.text()}]", file=sys.stderr)`;

const HOOKS = String.raw`def step_hook(name: str):
    """The one hook of this name for the whole run. It runs the flow hook of the step whose arun()
    Crawl4AI calls it for (run_step() puts that step into config.shared_data), with Crawlwright's
    hook argument {name, url, stepId, iteration, html?, result?}; as before_return_html it also
    evaluates the step's repeat.until predicate, after the HTML capture."""

    async def hook(page, **kwargs):
        config = kwargs.get("config")
        state = (getattr(config, "shared_data", None) or {}).get("crawlwright")
        if not state:
            return
        body = state["hooks"].get(name)
        if body is not None:
            args = {"name": name, "url": page.url, "stepId": state["step"], "iteration": state["iteration"]}
            args.update({key: kwargs[key] for key in ("html", "result") if kwargs.get(key) is not None})
            try:
                await page.evaluate("async (hook) => {\n" + body + "\n}", args)
            except Exception as error:  # a hook that navigates: wait for the new page, as the runner does
                if "Execution context was destroyed" not in str(error):
                    raise
                await page.wait_for_load_state("load")
        if name == "before_return_html" and state["until"] is not None:
            state["done"] = bool(await page.evaluate("(async () => await (" + state["until"] + ")())()"))

    return hook


def install_hooks(crawler) -> None:
    """Crawl4AI's hooks are global to the crawler while flow hooks belong to one step, and rows run
    at the same time: setting a step's hooks around its arun() would run them in other rows' aruns
    too. So every hook name the flow uses gets one dispatching hook for the whole run."""
    for name in HOOKS_USED:
        crawler.crawler_strategy.set_hook(name, step_hook(name))


def prepare(step: Step, iteration: int) -> None:
    """Tell the run-wide hooks which step and iteration this arun() is (see step_hook)."""
    step.config.shared_data = {
        "crawlwright": {"step": step.id, "iteration": iteration, "hooks": step.hooks, "until": step.until, "done": False},
    }`;

const STEPS = (needs: RuntimeNeeds) => String.raw`class StepFailed(Exception):
    pass


async def run_step(crawler, step: Step, iteration: int):
    """One arun() of a step, in the row's own session (the config carries it)."""${needs.hooks ? '\n    prepare(step, iteration)' : ''}
    return await crawler.arun(url=step.url, config=step.config)


async def run_steps(crawler, plan: Plan, items: list, first=None) -> None:
    """The row's steps in order, each as often as its repeat says; first is the first step's result
    when arun_many() already ran it. A failed step raises StepFailed: the row stops there, as a
    run stops at a failed step in Crawlwright."""
    for step in plan.steps:
        for iteration in range(step.times):
            if first is not None:
                result, first = first, None
            else:
                result = await run_step(crawler, step, iteration)
            if not result.success:
                # The runner's rule: an anti-bot verdict is reported and the row goes on (html and
                # items are filled); any other failure stops the row.
                if not (result.error_message or "").startswith(BLOCKED_PREFIX) or STOP_ON_BLOCKED:
                    raise StepFailed(f"step {step.name!r} failed: {result.error_message}")
                print(f"row {plan.row['id']}: step {step.name!r}: Crawl4AI reports it as failed ({result.error_message}); continuing, as Crawlwright does", file=sys.stderr)
            if step.extracts:
                for item in json.loads(result.extracted_content) if result.extracted_content else []:
                    items.append({"step": step.id, "stepName": step.name, "iteration": iteration, "url": result.url, "item": item})${
                      needs.screenshot
                        ? `
            if step.screenshot:
                save_screenshot(result, f"{SCREENSHOT_PREFIX}-row-{plan.row['id']}-{step.id}-{iteration}.png")`
                        : ''
                    }${
                      needs.hooks
                        ? `
            if step.until is not None and step.config.shared_data["crawlwright"]["done"]:
                break`
                        : ''
                    }`;

const ROUNDS = (needs: RuntimeNeeds) => String.raw`async def run_row(crawler, plan: Plan, first, started: float, settings, progress: Progress) -> None:
    """One row: its steps in its own sessions, retried (fresh sessions, exponential backoff) when
    a step fails, then one line in the results file (durationMs counts from the round's start)."""
    attempts, items, error = 1, [], refused(plan)
    while error is None:
        items = []
        try:
            await run_steps(crawler, plan, items, first)
            break
        except Exception as failure:
            error = str(failure) or type(failure).__name__
        finally:
            # Sessions keep their page open (for 30 minutes) until they are killed.
            for session_id in plan.sessions:
                await crawler.crawler_strategy.kill_session(session_id)
        if attempts > settings.retries:
            break
        await asyncio.sleep(0.5 * 2 ** (attempts - 1) * random.uniform(0.75, 1.25))
        attempts, plan, first, error = attempts + 1, row_plan(plan.row), None, None
    record = {"row": plan.row["id"], "status": "ok" if error is None else "failed", "attempts": attempts, "values": plan.row["values"], "items": items}
    if error is not None:
        record["error"] = error
    record["durationMs"] = round((time.monotonic() - started) * 1000)
    write_record(settings.out, record, progress)


def first_config(plan: Plan) -> CrawlerRunConfig:
    """The row's first step as one of arun_many()'s configs. The dispatcher gives each url the first
    config whose url_matcher accepts it, so this one accepts exactly the row's start url (a
    function: a glob pattern would read ?, * and [ in a url as wildcards)."""
    step = plan.steps[0]
    step.config.url_matcher = lambda url, start=step.url: url == start${needs.hooks ? '\n    prepare(step, 0)' : ''}
    return step.config


async def first_steps(crawler, plans: list, concurrency: int) -> dict:
    """The first step of each plan through one arun_many(), by start url (the urls are distinct)."""
    urls = [plan.steps[0].url for plan in plans]
    try:
        results = await crawler.arun_many(urls, config=[first_config(plan) for plan in plans], dispatcher=make_dispatcher(concurrency))
    except Exception as error:  # e.g. MemoryError after memory_wait_timeout: those rows use arun()
        print(f"arun_many() failed ({error}); these rows run their first step with arun()", file=sys.stderr)
        return {}
    return {result.url: result for result in results or [] if (result.metadata or {}).get("status") != "requeued"}


async def run_round(crawler, rows: list, settings, progress: Progress) -> None:
    """Up to --concurrency rows: arun_many() runs their first steps, then each row goes on with its
    later steps in its own session. The next round starts when this one is over, so no more than
    --concurrency rows (and sessions) are open at a time: a semaphore around the later steps
    would not stop arun_many() from opening sessions faster than rows finish."""
    started = time.monotonic()
    plans = [row_plan(row) for row in rows]
    many, alone, urls = [], [], set()
    for plan in plans:
        start = plan.steps[0].url if plan.steps else None
        # arun_many() tells rows apart by url only: a repeated start url runs with arun().
        if start is None or start in urls or refused(plan) is not None:
            alone.append(plan)
        else:
            urls.add(start)
            many.append(plan)

    async def through_arun_many():
        firsts = await first_steps(crawler, many, settings.concurrency) if many else {}
        await asyncio.gather(*(run_row(crawler, plan, firsts.get(plan.steps[0].url), started, settings, progress) for plan in many))

    await asyncio.gather(through_arun_many(), *(run_row(crawler, plan, None, started, settings, progress) for plan in alone))`;

const MAIN = (browserConfig: string, needs: RuntimeNeeds) => String.raw`def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--inputs", help="rows: a CSV file with a header row, or JSONL (default: the rows kept in the flow)")
    parser.add_argument("--concurrency", type=int, default=CONCURRENCY, help=f"rows at the same time (default {CONCURRENCY})")
    parser.add_argument("--retries", type=int, default=RETRIES, help=f"extra attempts for a failed row (default {RETRIES})")
    parser.add_argument("--out", default=OUTPUT, help=f"results, one JSON line per row (default {OUTPUT}); rows already in it are skipped")
    parser.add_argument("--restart", action="store_true", help="start over: empty the results file first")
    settings = parser.parse_args()
    if not 1 <= settings.concurrency <= 32:
        parser.error("--concurrency must be an integer from 1 to 32")
    if not 0 <= settings.retries <= 10:
        parser.error("--retries must be an integer from 0 to 10")
    return settings


async def main() -> int:
    settings = parse_args()
    rows = load_rows(settings.inputs)
    if settings.restart:
        open(settings.out, "w").close()
    finished = finished_rows(settings.out)
    todo = [row for row in rows if row["id"] not in finished]
    progress = Progress(len(rows), len(rows) - len(todo))
    print(f"{len(rows)} rows · concurrency {settings.concurrency} · {settings.retries} retries per row", file=sys.stderr)
    browser_config = ${browserConfig}
    async with AsyncWebCrawler(config=browser_config) as crawler:${needs.hooks ? '\n        install_hooks(crawler)' : ''}
        for start in range(0, len(todo), settings.concurrency):
            await run_round(crawler, todo[start : start + settings.concurrency], settings, progress)
    if not todo:
        print("every row was already finished", file=sys.stderr)
    print(f"{'finished with failures' if progress.failed else 'done'}: {progress.text()} → {settings.out}", file=sys.stderr)
    return 1 if progress.failed else 0


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))`;

export const BATCH_RUNTIME = { rows: ROWS, results: RESULTS, hooks: HOOKS, steps: STEPS, rounds: ROUNDS, main: MAIN };

export const DATACLASSES = String.raw`@dataclasses.dataclass
class Step:
    """One flow step for one row: its arun() url and config (the row's values filled in, the row's
    own session) and what the row does with the results."""

    id: str
    name: str
    url: "str | None"
    config: CrawlerRunConfig
    hooks: dict = dataclasses.field(default_factory=dict)
    times: int = 1  # repeat.times, or repeat.max with repeat.until
    until: "str | None" = None  # repeat.until, evaluated in the page
    extracts: bool = False
    screenshot: bool = False
    url_from_row: bool = False  # the url uses a column: it must stay http(s)


@dataclasses.dataclass
class Plan:
    """A row with its steps and its sessions; a retry makes a new plan (fresh configs)."""

    row: dict
    steps: list
    sessions: list`;
