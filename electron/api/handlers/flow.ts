// Placeholder: owned by the flow work. Replace with the real implementation.
import { ApiError } from '../../../shared/api/define.js';
import { flowCalls } from '../../../shared/api/domains/flow.js';
import type { Services } from '../services.js';
import type { DomainHandlers } from './types.js';

export function createFlowHandlers(_s: Services): DomainHandlers<typeof flowCalls> {
  const todo = (name: string) => () => {
    throw new ApiError('unsupported', `${name} is not implemented yet`);
  };
  return Object.fromEntries(Object.keys(flowCalls).map((k) => [k, todo(k)])) as unknown as DomainHandlers<typeof flowCalls>;
}
