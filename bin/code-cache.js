// Runs a CommonJS bundle through vm.Script with a V8 code cache beside it (`<file>.v8cache`).
// Node 20 has no compile cache for modules (module.enableCompileCache is Node 22), and compiling
// the ~500 KB extractor bundle plus its lazily compiled functions is ~10% of a 1 MB
// `crawlwright extract`. The cache is made at build time after a sample extraction (so it holds
// the functions that run, not only the top level); V8 rejects a cache from another V8 version,
// other flags or another source, and then the bundle simply compiles as usual.
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import vm from 'node:vm';

/** Load `file` (CommonJS) and return its exports and the compiled script (for createCachedData). */
export function loadWithCodeCache(file) {
  const source = readFileSync(file, 'utf8');
  let cachedData;
  try {
    cachedData = readFileSync(`${file}.v8cache`);
  } catch {
    cachedData = undefined; // no cache: compile as usual
  }
  const script = new vm.Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, {
    filename: file,
    cachedData,
  });
  const module = { exports: {} };
  script.runInThisContext()(module.exports, createRequire(file), module, file, dirname(file));
  return { exports: module.exports, script };
}

/** Write the code cache of a script loaded (and exercised) with loadWithCodeCache. */
export function writeCodeCache(file, script) {
  writeFileSync(`${file}.v8cache`, script.createCachedData());
}
