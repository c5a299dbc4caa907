// Placeholder: owned by the export work. Replace with the real implementation.
import { ApiError } from '../../../shared/api/define.js';
import { exportCalls } from '../../../shared/api/domains/export.js';
import type { Services } from '../services.js';
import type { DomainHandlers } from './types.js';

export function createExportHandlers(_s: Services): DomainHandlers<typeof exportCalls> {
  const todo = (name: string) => () => {
    throw new ApiError('unsupported', `${name} is not implemented yet`);
  };
  return Object.fromEntries(Object.keys(exportCalls).map((k) => [k, todo(k)])) as unknown as DomainHandlers<typeof exportCalls>;
}
