// The schema tester (real Chromium, demo site, extraction pool) on a schema from a flow file or
// typed into the JSON view: a default of 0.0 comes back as 0.0, as Crawl4AI prints it.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startDemoServer, type DemoServer } from '../../../electron/demo/server.js';
import { chromiumArgs, findBrowser } from '../../../electron/engine/browser.js';
import { ExtractPool } from '../../../electron/schema/extract-pool.js';
import { testSchemaOnPage } from '../../../electron/schema/tester.js';
import { parseFlowText } from '../../../shared/flow/validate.js';
import { parseSchemaText } from '../../../renderer/components/schema/model.js';

let demo: DemoServer;
let browser: Browser;
let page: Page;
const pool = new ExtractPool();
beforeAll(async () => {
  demo = await startDemoServer();
  browser = await chromium.launch({ executablePath: findBrowser().executablePath ?? '/usr/bin/chromium', args: chromiumArgs() });
  page = await browser.newPage();
  await page.goto(`${demo.url}/list`);
}, 60_000);
afterAll(async () => {
  await pool.close();
  await browser?.close();
  await demo?.close();
});

const flowText = readFileSync(new URL('../../fixtures/exact-defaults/float-defaults.flow.json', import.meta.url), 'utf8');
const EXACT = '"score": 0.0,\n        "big": 9007199254740993,\n        "obj": {\n            "2": [\n                2.0,\n                -0.0\n            ],\n            "1": 1.5\n        }';

it('a schema from the flow file: extracted_content has 0.0', async () => {
  const r = parseFlowText(flowText);
  if (!r.ok) throw new Error('flow did not load');
  const res = await testSchemaOnPage({ page, schema: r.flow.steps[0].config.extraction_strategy!.schema, pool, lane: 't' });
  expect(res.ok, res.error).toBe(true);
  expect(res.extracted_content).toContain(EXACT);
  expect(res.diagnostics?.fields.find((f) => f.name === 'score')).toMatchObject({ default: 10 });
}, 60_000);

it('a schema typed into the JSON view with "default": 0.0', async () => {
  const p = parseSchemaText('{"baseSelector": "li.item", "fields": [{"name": "score", "type": "text", "selector": ".nope", "default": 0.0}]}');
  if (!p.ok) throw new Error('schema text did not parse');
  const res = await testSchemaOnPage({ page, schema: p.schema, pool, lane: 't' });
  expect(res.extracted_content).toContain('"score": 0.0\n');
}, 60_000);
