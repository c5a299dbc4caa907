// Placeholder: owned by the schema work. Replace with the real implementation.
import { ApiError } from '../../../shared/api/define.js';
import { schemaCalls } from '../../../shared/api/domains/schema.js';
import type { Services } from '../services.js';
import type { DomainHandlers } from './types.js';

export function createSchemaHandlers(_s: Services): DomainHandlers<typeof schemaCalls> {
  const todo = (name: string) => () => {
    throw new ApiError('unsupported', `${name} is not implemented yet`);
  };
  return Object.fromEntries(Object.keys(schemaCalls).map((k) => [k, todo(k)])) as unknown as DomainHandlers<typeof schemaCalls>;
}
