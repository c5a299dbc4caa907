// The flows every export test runs over: the demo flows, the engine's fixtures and our own
// (repeat, hooks, variables, secrets, css_selector, no session, disabled steps).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseFlowText, type Flow } from '../../../shared/flow/index.js';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const GOLDEN_DIR = path.join(ROOT, 'test/fixtures/export/golden');

const FLOW_DIRS = ['assets/demo-flows', 'test/fixtures/flows', 'test/fixtures/export/flows'];

export interface NamedFlow {
  /** Unique key: `<dir tag>/<file base>`. */
  key: string;
  file: string;
  flow: Flow;
}

export function loadTestFlows(): NamedFlow[] {
  const out: NamedFlow[] = [];
  for (const dir of FLOW_DIRS) {
    const abs = path.join(ROOT, dir);
    if (!existsSync(abs)) continue;
    for (const name of readdirSync(abs).filter((n) => n.endsWith('.flow.json')).sort()) {
      const file = path.join(abs, name);
      const parsed = parseFlowText(readFileSync(file, 'utf8'));
      if (!parsed.ok) {
        // Invalid fixtures exist on purpose (validation tests); exports need valid flows.
        continue;
      }
      const tag = dir.replace(/^(assets|test\/fixtures)\//, '').replace(/\//g, '-');
      out.push({ key: `${tag}/${name.replace(/\.flow\.json$/, '')}`, file, flow: parsed.flow });
    }
  }
  return out;
}
