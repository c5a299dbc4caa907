// Builds the picker script: the DOM modules of shared/selectors concatenated into one IIFE that
// installs `globalThis.__crawlwrightPicker` (evaluated in an isolated world, see picker-world.ts).
// No bundler at runtime: the modules follow a simple convention (shared/selectors/README.md), so
// stripping their local imports/exports is enough. From dist/ the compiled .js files are used;
// from source (vitest) the .ts files are transpiled with typescript (a dev dependency).
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Dependency order: every module only uses names from modules listed before it. */
export const PICKER_MODULES = ['stable', 'dom', 'candidates', 'target', 'similar', 'pager', 'record', 'runtime'] as const;

let cached: string | null = null;

async function moduleSource(dir: string, name: string): Promise<string> {
  const js = fileURLToPath(new URL(`${name}.js`, dir));
  if (existsSync(js)) return readFileSync(js, 'utf8');
  const tsPath = fileURLToPath(new URL(`${name}.ts`, dir));
  const ts = (await import('typescript')).default;
  return ts.transpileModule(readFileSync(tsPath, 'utf8'), {
    compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext, isolatedModules: true },
    fileName: tsPath,
  }).outputText;
}

export function stripModuleSyntax(src: string): string {
  return src
    .replace(/^\/\/# sourceMappingURL=.*$/gm, '')
    .replace(/^import\s[\s\S]*?from\s*['"]\.\/[^'"]+['"];?[ \t]*$/gm, '')
    .replace(/^export\s*\{\s*\};?[ \t]*$/gm, '')
    .replace(/^export\s+(?=(async\s+)?(function|const|let|class)\b)/gm, '');
}

/** The modules' code, concatenated (no module syntax left). */
async function bundleBody(): Promise<string> {
  if (cached) return cached;
  const dir = new URL('../../shared/selectors/', import.meta.url).href;
  const parts: string[] = [];
  for (const m of PICKER_MODULES) parts.push(`// ---- ${m}\n${stripModuleSyntax(await moduleSource(dir, m))}`);
  const body = parts.join('\n');
  if (/^\s*(import|export)\s/m.test(body)) throw new Error('picker script: a module uses import/export syntax the bundler cannot strip');
  cached = body;
  return body;
}

export async function pickerScript(): Promise<string> {
  return `(() => {\n"use strict";\n${await bundleBody()}\ninstallPicker();\nreturn true;\n})()`;
}

/**
 * The recorder for Page.addScriptToEvaluateOnNewDocument in its own isolated world: top frame only,
 * messages through the CDP binding `binding` (which only that world has).
 */
export async function recorderScript(binding: string, opts: { demoHost: string | null; flushEvent: string }): Promise<string> {
  return `(() => {\n"use strict";\nif (window !== window.top) return;\n${await bundleBody()}\ninstallRecorder((m) => globalThis[${JSON.stringify(binding)}](JSON.stringify(m)), ${JSON.stringify(opts)});\n})()`;
}
