// Writes an export and the files it needs beside it (ExportResult.companions): the Playwright
// export imports Crawlwright's single-file extractor from its own folder, so saving the script
// without it would leave a script that cannot run. Used by export.save and `crawlwright export --out`.
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { CompanionFile } from '../shared/export/companions.js';
import { writeFileAtomic } from './files.js';
import { packageRoot } from './paths.js';

/** Where each companion comes from: the bundles `npm run build` makes (scripts/bundle-extract.js). */
const SOURCES: Record<CompanionFile, string> = {
  'crawlwright-extract.mjs': join(packageRoot, 'dist', 'extract', 'crawlwright-extract.mjs'),
};

/** A companion's text, from Crawlwright's own build. */
export async function readCompanion(name: CompanionFile): Promise<string> {
  try {
    return await readFile(SOURCES[name], 'utf8');
  } catch (err) {
    throw new Error(`cannot read ${SOURCES[name]} (run \`npm run build\`): ${err instanceof Error ? err.message : String(err)}`);
  }
}

/** Writes `text` to `path`, then each companion into the same folder. Returns every path written. */
export async function saveExport(path: string, text: string, companions: readonly CompanionFile[] = []): Promise<string[]> {
  // Read the companions first: a missing bundle must fail before anything is written.
  const extra = await Promise.all(companions.map(async (name) => ({ name, body: await readCompanion(name) })));
  await writeFileAtomic(path, text);
  const written = [path];
  for (const { name, body } of extra) {
    const target = join(dirname(path), name);
    if (target === path) continue;
    await writeFileAtomic(target, body);
    written.push(target);
  }
  return written;
}
