// How iterations of a repeated step are counted for people: "#1", "#2", … (1-based) whenever the
// step can run more than once, in the UI (results, run log), the CLI's progress lines and the
// artifact file names alike. StepResult.iteration itself stays 0-based.
import type { Step } from './schema.js';

/** How many times a step runs at most: repeat.times, repeat.max, or 1 without repeat. */
export function maxIterations(step: Pick<Step, 'repeat'>): number {
  const r = step.repeat;
  return r ? ('times' in r ? r.times : r.max) : 1;
}

/** " #2" for the second iteration of a step that can repeat; "" for a step that runs once. */
export function iterationSuffix(step: Pick<Step, 'repeat'> | undefined, iteration: number): string {
  return (step && maxIterations(step) > 1) || iteration > 0 ? ` #${iteration + 1}` : '';
}
