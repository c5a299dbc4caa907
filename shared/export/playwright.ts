// Flow → a standalone Playwright script. Plain ESM JavaScript with JSDoc (`// @ts-check`), so it
// runs with `node file.mjs` as is (no compile step) and still type-checks in an editor. It performs
// the steps with Crawl4AI's semantics (playwright-runtime.ts) and extracts with Crawlwright's
// Crawl4AI-faithful extractor, so its items match the runner's. Standalone: it needs only
// `npm i playwright` and the extractor file beside it (companions.ts), and finds a browser the
// way the app does (shared/browser/discovery.ts).
import type { Flow } from '../flow/schema.js';
import { HOOK_NAMES } from '../flow/schema.js';
import {
  environmentNotes,
  hasJsWaitFor,
  hasPlaceholder,
  jsPlaceholderQuotes,
  oneLine,
  planExport,
  resolveUrls,
  slug,
  stepIdentifiers,
  untilFunction,
  type ExportResult,
} from './common.js';
import { commentSafe, jsCode, jsLiteral, jsString, RawJs } from './js-literal.js';
import { BROWSER_CONFIG_DEFAULTS } from './crawl4ai-params.js';
import { FILL_JS, playwrightRuntime } from './playwright-runtime.js';
import { EXTRACTOR_FILE } from './companions.js';
import { BROWSER_INSTALL_HELP, CHROMIUM_ARGS, SYSTEM_BROWSERS } from '../browser/discovery.js';
import { usesPageOptions } from '../crawl4ai/page-options.js';
import { modeFlags, TEXT_MODE_BLOCKED_EXTENSIONS } from '../crawl4ai/browser-modes.js';

const CODE_KEYS = new Set(['js_code', 'js_code_before_wait', 'wait_for', ...HOOK_NAMES]);

export function exportPlaywright(flow: Flow): ExportResult {
  const plan = planExport(flow);
  const notes = [...plan.notes, ...environmentNotes(plan)];
  // The runtime never navigates a js_only step: one without a url reports the page's url, as the runner does.
  const { urls, notes: urlNotes } = resolveUrls(plan, { jsOnlyNeedsUrl: false });
  notes.push(...urlNotes);
  let usesFill = false;
  let usesFillJs = false;
  const str = (s: string, code = false): string => {
    const lit = code ? jsCode(s) : jsString(s);
    if (!hasPlaceholder(s)) return lit;
    usesFill = true;
    return `fill(${lit})`;
  };
  /**
   * A page-side JavaScript field: with placeholders, fillJs(code, quotes), quotes naming the literal
   * around each placeholder (escaped like the runner). `quotesOf`: the field as written, when `s`
   * is a trimmed form of it.
   */
  const js = (s: string, quotesOf = s): string | RawJs => {
    if (!hasPlaceholder(s)) return s;
    usesFill = usesFillJs = true;
    return new RawJs(`fillJs(${jsCode(s)}, [${jsPlaceholderQuotes(quotesOf).map(jsString).join(', ')}])`);
  };
  const ids = stepIdentifiers(plan.steps);
  let collects = false;
  let screenshots = false;
  let writesFiles = false;
  const textMode = Boolean(flow.browser?.text_mode);
  const pageOptions = plan.steps.some((s) => usesPageOptions(s.step.config));

  const schemaNames = new Map<string, string>();
  const schemaConstants: string[] = [];
  const stepBlocks = plan.steps.map(({ step, index }, i) => {
    const r = step.repeat;
    const ind = r ? '      ' : '    ';
    const title = r ? ('times' in r ? ` (repeated ${r.times} times)` : ` (repeated until repeat.until is true, at most ${r.max} times)`) : '';
    const { url: _url, ...config } = step.config; // the resolved url is passed next to the config
    if (textMode) {
      // Crawl4AI skips both in text_mode (and update_image_dimensions, which this runtime does not do).
      delete config.wait_for_images;
      delete config.adjust_viewport_to_content;
    }
    const es = config.extraction_strategy;
    if (es) {
      // Schemas become module constants (shared by identical pagination steps).
      const json = JSON.stringify(es.schema);
      let name = schemaNames.get(json);
      if (!name) {
        name = `${ids[i].toUpperCase()}_SCHEMA`;
        schemaNames.set(json, name);
        schemaConstants.push(`const ${name} = ${jsLiteral(es.schema, { str: (s) => str(s) })};`);
      }
      config.extraction_strategy = { type: es.type, schema: new RawJs(name) } as unknown as typeof es;
    }
    // JavaScript fields get the runner's JS-aware substitution; urls, selectors and names stay textual (fill).
    const jsConfig = config as Record<string, unknown>;
    for (const key of ['js_code_before_wait', 'js_code'] as const) {
      const v = config[key];
      if (v !== undefined) jsConfig[key] = Array.isArray(v) ? v.map((s) => js(s)) : js(v);
    }
    if (config.wait_for !== undefined && hasJsWaitFor(step)) jsConfig.wait_for = js(config.wait_for);
    const spec: Record<string, unknown> = { stepId: step.id, ...(r ? { iteration: new RawJs('iteration') } : {}), url: urls[i], config };
    if (step.hooks && Object.keys(step.hooks).length) spec.hooks = Object.fromEntries(Object.entries(step.hooks).map(([name, body]) => [name, js(body)]));
    if (r && 'until' in r) spec.until = js(untilFunction(r.until), r.until);
    const literal = jsLiteral(spec, { str: (s, code) => str(s, code), codeKeys: new Set([...CODE_KEYS, 'until']) }, ind.length / 2);
    const lines: string[] = [`    // Step ${index + 1}: ${oneLine(step.name)}${title}`];
    const extracts = Boolean(step.config.extraction_strategy);
    const shoots = Boolean(step.config.screenshot);
    const media = (['pdf', 'mhtml'] as const).filter((k) => (k === 'pdf' ? step.config.pdf : step.config.capture_mhtml));
    const needResult = extracts || shoots || media.length > 0 || (r !== undefined && 'until' in r);
    const iteration = r ? 'iteration' : '0';
    if (r) lines.push(`    for (let iteration = 0; iteration < ${'times' in r ? r.times : r.max}; iteration++) {`);
    lines.push(`${ind}${needResult ? `const ${camel(ids[i])} = ` : ''}await runStep(context, sessions, ${literal});`);
    if (extracts) {
      collects = true;
      const res = camel(ids[i]);
      lines.push(`${ind}results.push({ step: ${jsString(step.name)}, iteration: ${iteration}, url: ${res}.url, redirected_url: ${res}.redirected_url, items: ${res}.items });`);
    }
    if (shoots) {
      screenshots = true;
      const file = r ? `\`${slug(step.name)}-\${iteration}.png\`` : jsString(`${slug(step.name)}.png`);
      lines.push(`${ind}await writeFile(${file}, ${camel(ids[i])}.screenshot);`);
    }
    for (const ext of media) {
      writesFiles = true;
      const file = r ? `\`${slug(step.name)}-\${iteration}.${ext}\`` : jsString(`${slug(step.name)}.${ext}`);
      lines.push(`${ind}if (${camel(ids[i])}.${ext} !== undefined) await writeFile(${file}, ${camel(ids[i])}.${ext});`);
    }
    if (r && 'until' in r) lines.push(`${ind}if (${camel(ids[i])}.done) break;`);
    if (r) lines.push('    }');
    return lines.join('\n');
  });

  notes.push(
    pageOptions || textMode
      ? "the browser runs with Crawl4AI's BrowserConfig defaults where the flow sets nothing (viewport 1080x600, Crawl4AI's user agent, HTTPS errors ignored); Crawl4AI's stealth mode and its body-visibility polling are not reproduced"
      : 'the browser runs with Crawl4AI\'s BrowserConfig defaults where the flow sets nothing (viewport 1080x600, Crawl4AI\'s user agent, HTTPS errors ignored); Crawl4AI\'s stealth/navigator patches, text_mode flags and its body-visibility polling are not reproduced',
    'scan_full_page follows Crawl4AI\'s scroll loop (viewport steps, scroll_delay, max_scroll_steps or 10) without its lazy-image bookkeeping',
  );
  if (plan.steps.some((s) => s.step.repeat && 'until' in s.step.repeat)) {
    notes.push('repeat.until is evaluated in the page after each iteration (after extraction), as Crawlwright\'s runner does');
  }

  const b = flow.browser ?? {};
  const contextOptions: Record<string, unknown> = {
    viewport: { width: b.viewport_width ?? BROWSER_CONFIG_DEFAULTS.viewport_width, height: b.viewport_height ?? BROWSER_CONFIG_DEFAULTS.viewport_height },
    userAgent: b.user_agent ?? BROWSER_CONFIG_DEFAULTS.user_agent,
    ignoreHTTPSErrors: b.ignore_https_errors ?? true,
  };
  if (b.java_script_enabled !== undefined) contextOptions.javaScriptEnabled = b.java_script_enabled;
  if (b.storage_state !== undefined) contextOptions.storageState = b.storage_state;
  const launchArgs = [...modeFlags(b), ...(b.extra_args ?? [])];
  if (plan.steps.some((s) => s.step.config.override_navigator || s.step.config.simulate_user || s.step.config.magic)) {
    notes.push("override_navigator / simulate_user / magic add Crawl4AI's navigator init script to the script's one browser context (Crawl4AI gives such steps' new pages a context of their own); magic's random user agent is not reproduced");
  }
  if (textMode) notes.push('text_mode: the context blocks the same file extensions and the browser gets the same flags as under Crawl4AI; wait_for_images and adjust_viewport_to_content are left out, as Crawl4AI skips them');

  const fileName = `${slug(flow.name)}.mjs`;
  const header: string[] = [`${oneLine(flow.name)}: a Playwright script exported from Crawlwright.`];
  if (flow.description) header.push('', flow.description);
  const envPrefix = [...plan.variables.filter((v) => v.defaultValue === undefined).map((v) => `${v.name}=...`), ...plan.secrets.map((s) => `${s}=...`)];
  header.push(
    '',
    'It performs the flow\'s steps with Crawl4AI 0.9\'s semantics (one live page per session_id; goto unless',
    'js_only; js_code_before_wait; wait_for; delay; js_code; css_selector capture; hooks; repeat) and extracts',
    'with Crawlwright\'s Crawl4AI-compatible JsonCss extractor, so items equal what Crawl4AI returns.',
    '',
    `Run it from any folder that also holds ${EXTRACTOR_FILE} (Crawlwright's extractor, one file that imports`,
    'nothing; Crawlwright writes it next to the script when it saves the export):',
    '    npm install playwright',
    `    ${envPrefix.length ? envPrefix.join(' ') + ' ' : ''}node ${fileName}${collects ? ' > items.json' : ''}`,
    'The browser is found as Crawlwright finds it: CRAWLWRIGHT_BROWSER=/path/to/chrome, else Playwright\'s own',
    'Chromium (npx playwright install chromium), else an installed Chrome/Chromium/Edge. CRAWLWRIGHT_BROWSER_ARGS',
    'adds space-separated Chromium flags (--no-sandbox is added by itself when running as root).',
  );
  if (plan.variables.length || plan.secrets.length) {
    header.push('', 'Environment variables:');
    for (const v of plan.variables) header.push(`    ${v.name}: {{${v.name}}}, ${v.defaultValue === undefined ? 'required' : `default ${JSON.stringify(v.defaultValue)}`}`);
    for (const s of plan.secrets) header.push(`    ${s}: {{secret:${s}}}, required secret (never written to this file)`);
  }
  if (notes.length) {
    header.push('', 'Export notes (what this script approximates or leaves out):');
    for (const n of notes) header.push(`- ${n}`);
  }

  const out: string[] = [];
  out.push('// @ts-check');
  out.push('/**');
  out.push(...header.flatMap((l) => l.split('\n')).map((l) => (l ? ` * ${commentSafe(l)}` : ' *')));
  out.push(' */');
  out.push("import { existsSync } from 'node:fs';");
  if (screenshots || writesFiles) out.push("import { writeFile } from 'node:fs/promises';");
  out.push("import { join } from 'node:path';");
  out.push("import { chromium } from 'playwright';");
  out.push('');
  out.push(`/** Crawlwright's Crawl4AI-compatible extractor, from the file ${EXTRACTOR_FILE} beside this script. */`);
  out.push(`const { extractJsonCss } = await import('./${EXTRACTOR_FILE}').catch((err) => {`);
  out.push(`  console.error(\`${EXTRACTOR_FILE} must be in the same folder as this script (Crawlwright writes it when it saves the export): \${err.message}\`);`);
  out.push('  process.exit(1);');
  out.push('});');
  out.push('');
  if (usesFill || plan.variables.length || plan.secrets.length) {
    out.push(`/** Values of the flow's {{name}} placeholders: the environment wins over the flow's defaults. */`);
    out.push('const VARIABLES = {');
    for (const v of plan.variables) {
      out.push(`  ${jsString(v.name)}: ${v.defaultValue === undefined ? `requiredEnv(${jsString(v.name)})` : `process.env[${jsString(v.name)}] ?? ${jsString(v.defaultValue)}`},`);
    }
    out.push('};');
    if (plan.secrets.length) {
      out.push('/** {{secret:NAME}} values come only from the environment and are never written to a file. */');
      out.push('const SECRETS = {');
      for (const s of plan.secrets) out.push(`  ${jsString(s)}: requiredEnv(${jsString(s)}),`);
      out.push('};');
    }
    out.push('');
    out.push('/** @param {string} name */');
    out.push('function requiredEnv(name) {');
    out.push('  const value = process.env[name];');
    out.push("  if (value === undefined) throw new Error(`set the environment variable ${name} (used by the flow's placeholders)`);");
    out.push('  return value;');
    out.push('}');
    out.push('');
    out.push('const PLACEHOLDER = /\\{\\{\\s*(secret:)?([A-Za-z_][A-Za-z0-9_]*)\\s*\\}\\}/g;');
    out.push('');
    out.push("/**");
    out.push(" * Substitutes placeholders as plain text, as Crawlwright's runner does in urls, selectors and names");
    out.push(' * (page-side JavaScript goes through fillJs). @param {string} template');
    out.push(' */');
    out.push('function fill(template) {');
    out.push(
      plan.secrets.length
        ? '  return template.replace(PLACEHOLDER, (_, secret, name) => (secret ? SECRETS : VARIABLES)[name]);'
        : '  return template.replace(PLACEHOLDER, (_, _secret, name) => VARIABLES[name]);',
    );
    out.push('}');
    out.push('');
    if (usesFillJs) {
      out.push(FILL_JS);
      out.push('');
    }
  }
  out.push('/** The one place that calls the extractor (Crawl4AI JsonCssExtractionStrategy semantics). */');
  out.push('/** @param {string} html @param {any} schema */');
  out.push('function extractItems(html, schema) {');
  out.push('  return extractJsonCss(html, schema).items;');
  out.push('}');
  out.push('');
  out.push(playwrightRuntime({ pageOptions, viewportWidth: b.viewport_width ?? (BROWSER_CONFIG_DEFAULTS.viewport_width as number) }));
  out.push('');
  out.push(browserDiscovery());
  out.push('');
  if (schemaConstants.length) {
    out.push('// Extraction schemas, exactly as written in the flow.');
    out.push(schemaConstants.join('\n\n'));
    out.push('');
  }
  out.push('async function main() {');
  const launch: Record<string, unknown> = { headless: b.headless ?? true };
  out.push('  const browser = await chromium.launch({');
  out.push(`    headless: ${String(launch.headless)},`);
  out.push('    executablePath: findBrowser(),');
  out.push(`    args: [...chromiumArgs(), ${launchArgs.map((a) => str(a)).join(', ')}${launchArgs.length ? ', ' : ''}...(process.env.CRAWLWRIGHT_BROWSER_ARGS ?? '').split(' ').filter(Boolean)],`);
  out.push('  });');
  out.push(`  const context = await browser.newContext(${jsLiteral(contextOptions, { str: (s) => str(s) }, 1)});`);
  if (textMode) {
    out.push("  // Crawl4AI's text_mode: requests for these file types are aborted.");
    out.push(`  for (const ext of ${jsLiteral(TEXT_MODE_BLOCKED_EXTENSIONS)}) await context.route(\`**/*.\${ext}\`, (route) => route.abort());`);
  }
  out.push('  /** @type {Map<string, import(\'playwright\').Page>} */');
  out.push('  const sessions = new Map();');
  if (collects) out.push('  const results = [];');
  out.push('  try {');
  out.push(stepBlocks.join('\n\n'));
  out.push('  } finally {');
  out.push('    // Closing the browser ends every session (Crawl4AI: kill_session for each session_id).');
  out.push('    await browser.close();');
  // In the finally: a failing step still prints the items of the steps before it (as the runner keeps them).
  if (collects) out.push('    console.log(JSON.stringify(results, null, 2));');
  out.push('  }');
  out.push('}');
  out.push('');
  out.push('main().catch((err) => {');
  out.push('  console.error(err instanceof Error ? err.message : err);');
  out.push('  process.exitCode = 1;');
  out.push('});');
  out.push('');
  return { text: out.join('\n'), fileName, notes, companions: [EXTRACTOR_FILE] };
}

/** findBrowser() and chromiumArgs() as the app has them (electron/engine/browser.ts), as script text. */
function browserDiscovery(): string {
  return `/** Installed browsers, tried in this order (Crawlwright's own list). */
const SYSTEM_BROWSERS = ${jsLiteral(SYSTEM_BROWSERS)};

/**
 * The browser, found the way Crawlwright finds it: CRAWLWRIGHT_BROWSER, else Playwright's own
 * Chromium (npx playwright install chromium), else an installed Chrome/Chromium/Edge.
 */
function findBrowser() {
  const help = ${jsString(`${BROWSER_INSTALL_HELP}, run \`npx playwright install chromium\`, or set CRAWLWRIGHT_BROWSER=/path/to/chrome.`)};
  const explicit = process.env.CRAWLWRIGHT_BROWSER;
  if (explicit) {
    if (!existsSync(explicit)) throw new Error(\`CRAWLWRIGHT_BROWSER=\${explicit} does not exist. \${help}\`);
    return explicit;
  }
  try {
    const own = chromium.executablePath();
    if (own && existsSync(own)) return own;
  } catch {
    // Playwright has no browser of its own here
  }
  const installed =
    process.platform === 'darwin'
      ? SYSTEM_BROWSERS.darwin
      : process.platform === 'win32'
        ? SYSTEM_BROWSERS.win32.roots.flatMap((name) => {
            const root = process.env[name];
            return root ? SYSTEM_BROWSERS.win32.paths.map((p) => join(root, ...p)) : [];
          })
        : SYSTEM_BROWSERS.other;
  const found = installed.find((p) => existsSync(p));
  if (!found) throw new Error('No Chromium/Chrome found. ' + help);
  return found;
}

/** Crawlwright's launch flags (with Crawl4AI's); --no-sandbox only as root, where Chromium needs it. */
function chromiumArgs() {
  const args = ${jsLiteral(CHROMIUM_ARGS, {}, 1)};
  return process.getuid?.() === 0 ? ['--no-sandbox', ...args] : args;
}`;
}

function camel(id: string): string {
  return id.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase()) + 'Result';
}
