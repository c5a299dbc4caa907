// Placeholder: owned by the session work. Replace with the real implementation.
import { ApiError } from '../../../shared/api/define.js';
import { sessionCalls } from '../../../shared/api/domains/session.js';
import type { Services } from '../services.js';
import type { DomainHandlers } from './types.js';

export function createSessionHandlers(_s: Services): DomainHandlers<typeof sessionCalls> {
  const todo = (name: string) => () => {
    throw new ApiError('unsupported', `${name} is not implemented yet`);
  };
  return Object.fromEntries(Object.keys(sessionCalls).map((k) => [k, todo(k)])) as unknown as DomainHandlers<typeof sessionCalls>;
}
