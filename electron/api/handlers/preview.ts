// Placeholder: owned by the preview work. Replace with the real implementation.
import { ApiError } from '../../../shared/api/define.js';
import { previewCalls } from '../../../shared/api/domains/preview.js';
import type { Services } from '../services.js';
import type { DomainHandlers } from './types.js';

export function createPreviewHandlers(_s: Services): DomainHandlers<typeof previewCalls> {
  const todo = (name: string) => () => {
    throw new ApiError('unsupported', `${name} is not implemented yet`);
  };
  return Object.fromEntries(Object.keys(previewCalls).map((k) => [k, todo(k)])) as unknown as DomainHandlers<typeof previewCalls>;
}
