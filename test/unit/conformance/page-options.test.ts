// Crawl4AI 0.9.2's page options, case by case (test/fixtures/page-options-cases/*.json), in the
// style of the runner-conformance test: each case's flow runs with the real `crawlwright run` CLI
// (real engine, real Chromium) on the project's page-options site
// (test/fixtures/sites/page-options/), and the results are compared with what the case says
// Crawl4AI returns. Unlike the kit's cases these were not recorded (Crawl4AI cannot be installed
// here): every expected value is reasoned from the v0.9.2 source, and each case writes the
// reasoning down next to the values.
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runFlowFile } from './run-cli.js';
import { startPageOptionsSite, type PageOptionsSite } from '../../fixtures/sites/page-options/site.js';
import { FIXTURES } from './reference-site.js';
import { readPdf, readPng } from './artifact-checks.js';

const CASES_DIR = join(FIXTURES, 'page-options-cases');

interface ExpectedStep {
  step: string;
  iteration?: number;
  /** Crawl4AI's result.success / error_message (error_message: equal, or a prefix followed by " ", "(", ":", ";" or "."). */
  success?: boolean;
  error_message?: string | null;
  status_code?: number | null;
  js_execution_result?: unknown;
  extracted_content?: unknown;
  /** The captured HTML, exactly (origins written BASE and OTHER). */
  html?: string;
  html_includes?: string[];
  html_excludes?: string[];
  /** Regex sources: each must match one of the step's warnings. */
  warnings?: string[];
  /** Regex sources: none may match a warning. */
  no_warnings?: string[];
  /** Lower bounds on phase durations (sleeps Crawl4AI does). */
  min_phase_ms?: Record<string, number>;
  artifacts?: {
    absent?: string[];
    pdf?: { pages?: number; mediaBox?: number[] };
    mhtml?: { includes: string[] };
    screenshot?: { width?: number; height?: number; pixels?: Array<{ x: number; y: number; rgb: [number, number, number] }> };
  };
}

interface OptionCase {
  id: string;
  about: string;
  reasoning: string[];
  flow: unknown;
  expect: ExpectedStep[];
}

interface ResultStep {
  stepId: string;
  iteration: number;
  success: boolean;
  crawl4ai?: { success: boolean; error_message: string | null };
  status_code: number | null;
  js_execution_result: unknown;
  extracted_content: string | null;
  warnings: string[];
  timings: Array<{ phase: string; ms: number }>;
  artifacts: Record<string, string | undefined>;
}

const files = (await readdir(CASES_DIR)).filter((f) => /^\d{3}-.*\.json$/.test(f)).sort();
const only = process.env.CW_PAGE_OPTIONS_ONLY ? new RegExp(process.env.CW_PAGE_OPTIONS_ONLY) : undefined;

let site: PageOptionsSite;
let dir = '';

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cw-page-options-'));
  site = await startPageOptionsSite();
});

afterAll(async () => {
  await site?.close();
  await rm(dir, { recursive: true, force: true });
});

const toSite = (v: unknown): unknown => JSON.parse(JSON.stringify(v).split('OTHER').join(site.otherOrigin).split('BASE').join(site.origin));
const fromSite = (s: string): string => s.split(site.otherOrigin).join('OTHER').split(site.origin).join('BASE');
const fromSiteDeep = (v: unknown): unknown => JSON.parse(fromSite(JSON.stringify(v)));

async function runCase(c: OptionCase): Promise<{ out: string; steps: ResultStep[] }> {
  const flowFile = join(dir, `${c.id}.flow.json`);
  const out = join(dir, c.id);
  await writeFile(flowFile, JSON.stringify(toSite(c.flow)));
  return { out, steps: (await runFlowFile<{ steps: ResultStep[] }>(flowFile, out)).steps };
}

function checkError(expected: string | null, actual: string | null | undefined) {
  if (expected === null) return expect(actual ?? null).toBeNull();
  const a = fromSite(actual ?? '');
  if (a === expected) return;
  expect(a.startsWith(expected) && ' (:;.'.includes(a[expected.length]), `error_message ${JSON.stringify(a)} should be (or start with) ${JSON.stringify(expected)}`).toBe(true);
}

async function checkStep(x: ExpectedStep, r: ResultStep, out: string) {
  const where = `${x.step}#${x.iteration ?? 0}`;
  const c4 = r.crawl4ai ?? { success: r.success, error_message: null };
  if (x.success !== undefined) expect(c4.success, `${where} success (${c4.error_message})`).toBe(x.success);
  if (x.error_message !== undefined) checkError(x.error_message, c4.error_message);
  if (x.status_code !== undefined) expect(r.status_code, `${where} status_code`).toBe(x.status_code);
  if (x.js_execution_result !== undefined) expect(fromSiteDeep(r.js_execution_result), `${where} js_execution_result`).toEqual(x.js_execution_result);
  if (x.extracted_content !== undefined) expect(r.extracted_content === null ? null : fromSiteDeep(JSON.parse(r.extracted_content)), `${where} extracted_content`).toEqual(x.extracted_content);
  const html = r.artifacts.html ? fromSite(await readFile(join(out, r.artifacts.html), 'utf8')) : '';
  if (x.html !== undefined) expect(html, `${where} html`).toBe(x.html);
  for (const s of x.html_includes ?? []) expect(html, `${where} html includes`).toContain(s);
  for (const s of x.html_excludes ?? []) expect(html, `${where} html excludes`).not.toContain(s);
  for (const w of x.warnings ?? []) expect(r.warnings.some((m) => new RegExp(w).test(m)), `${where}: a warning matching /${w}/ in ${JSON.stringify(r.warnings)}`).toBe(true);
  for (const w of x.no_warnings ?? []) expect(r.warnings.filter((m) => new RegExp(w).test(m)), `${where}: no warning matching /${w}/`).toEqual([]);
  for (const [phase, ms] of Object.entries(x.min_phase_ms ?? {})) {
    const spent = r.timings.filter((t) => t.phase === phase).reduce((n, t) => n + t.ms, 0);
    expect(spent, `${where}: time in phase ${phase}`).toBeGreaterThanOrEqual(ms);
  }
  const a = x.artifacts;
  if (!a) return;
  for (const k of a.absent ?? []) expect(r.artifacts[k], `${where}: no ${k} artifact`).toBeUndefined();
  const file = async (k: string) => {
    expect(r.artifacts[k], `${where}: a ${k} artifact`).toBeTruthy();
    return readFile(join(out, r.artifacts[k]!));
  };
  if (a.pdf) {
    const pdf = readPdf(await file('pdf'));
    expect(pdf.header).toBe('%PDF-');
    if (a.pdf.pages !== undefined) expect(pdf.pages, `${where}: PDF pages`).toBe(a.pdf.pages);
    if (a.pdf.mediaBox) expect(pdf.mediaBox, `${where}: PDF media box`).toEqual(a.pdf.mediaBox);
  }
  if (a.mhtml) {
    const text = fromSite((await file('mhtml')).toString('utf8'));
    for (const s of a.mhtml.includes) expect(text, `${where}: MHTML includes`).toContain(s);
  }
  if (a.screenshot) {
    const png = readPng(await file('screenshot'));
    if (a.screenshot.width !== undefined) expect(png.width, `${where}: screenshot width`).toBe(a.screenshot.width);
    if (a.screenshot.height !== undefined) expect(png.height, `${where}: screenshot height`).toBe(a.screenshot.height);
    for (const p of a.screenshot.pixels ?? []) expect(png.pixel(p.x, p.y), `${where}: pixel ${p.x},${p.y}`).toEqual(p.rgb);
  }
}

describe("Crawl4AI 0.9.2's page options (test/fixtures/page-options-cases, reasoned from the source)", () => {
  it('every case states its reasoning', async () => {
    expect(files.length).toBeGreaterThan(0);
    for (const f of files) {
      const c = JSON.parse(await readFile(join(CASES_DIR, f), 'utf8')) as OptionCase;
      expect(`${c.id}.json`).toBe(f);
      expect(c.reasoning.length, f).toBeGreaterThan(0);
      expect(c.expect.length, f).toBeGreaterThan(0);
    }
  });

  for (const f of files.filter((x) => !only || only.test(x))) {
    it(f.replace(/\.json$/, ''), async () => {
      const c = JSON.parse(await readFile(join(CASES_DIR, f), 'utf8')) as OptionCase;
      const { out, steps } = await runCase(c);
      if (process.env.CW_PAGE_OPTIONS_EXPLORE) {
        for (const s of steps) {
          const html = s.artifacts.html ? fromSite(await readFile(join(out, s.artifacts.html), 'utf8')) : '';
          process.stderr.write(`${c.id} ${s.stepId}#${s.iteration} ${JSON.stringify(fromSiteDeep({ crawl4ai: s.crawl4ai, js: s.js_execution_result, items: s.extracted_content && JSON.parse(s.extracted_content), warnings: s.warnings, timings: s.timings, artifacts: Object.keys(s.artifacts) }))}\nHTML ${html}\n`);
        }
      }
      const expectedKeys = c.expect.map((x) => `${x.step}#${x.iteration ?? 0}`);
      expect(steps.map((s) => `${s.stepId}#${s.iteration}`), 'step runs').toEqual(expectedKeys);
      for (const [i, x] of c.expect.entries()) await checkStep(x, steps[i], out);
    });
  }
});
