// python3 runs the exported Crawl4AI scripts (against the engine-backed crawl4ai stand-in).
// Locally a machine without python3 skips those tests; under CI (CI=1, set by .ci/run, which
// installs python3) a missing interpreter is an error, so the checks cannot silently vanish.
import { spawnSync } from 'node:child_process';

export const hasPython = spawnSync('python3', ['--version']).status === 0;
if (!hasPython && process.env.CI) throw new Error('python3 is required under CI (.ci/run installs it)');
