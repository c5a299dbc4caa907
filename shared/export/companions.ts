// Files an export needs beside it. The Playwright export imports Crawlwright's extractor from its own
// folder (one file that imports nothing: dist/extract/crawlwright-extract.mjs, shared/extract/README.md)
// instead of inlining ~490 kB of bundled code into the script the user reads and edits.
export const EXTRACTOR_FILE = 'crawlwright-extract.mjs';
export const COMPANION_FILES = [EXTRACTOR_FILE] as const;
export type CompanionFile = (typeof COMPANION_FILES)[number];
