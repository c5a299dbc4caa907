// Placeholder: owned by the run work. Replace with the real implementation.
import { ApiError } from '../../../shared/api/define.js';
import { runCalls } from '../../../shared/api/domains/run.js';
import type { Services } from '../services.js';
import type { DomainHandlers } from './types.js';

export function createRunHandlers(_s: Services): DomainHandlers<typeof runCalls> {
  const todo = (name: string) => () => {
    throw new ApiError('unsupported', `${name} is not implemented yet`);
  };
  return Object.fromEntries(Object.keys(runCalls).map((k) => [k, todo(k)])) as unknown as DomainHandlers<typeof runCalls>;
}
