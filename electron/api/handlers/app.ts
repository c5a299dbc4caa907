// Placeholder: owned by the app work. Replace with the real implementation.
import { ApiError } from '../../../shared/api/define.js';
import { appCalls } from '../../../shared/api/domains/app.js';
import type { Services } from '../services.js';
import type { DomainHandlers } from './types.js';

export function createAppHandlers(_s: Services): DomainHandlers<typeof appCalls> {
  const todo = (name: string) => () => {
    throw new ApiError('unsupported', `${name} is not implemented yet`);
  };
  return Object.fromEntries(Object.keys(appCalls).map((k) => [k, todo(k)])) as unknown as DomainHandlers<typeof appCalls>;
}
