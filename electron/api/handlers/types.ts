import type { CallMap, HandlersOf } from '../../../shared/api/define.js';
import type { CallCtx } from '../services.js';

/** Handlers of one domain: `DomainHandlers<typeof runCalls>`. */
export type DomainHandlers<M extends CallMap> = HandlersOf<M, CallCtx>;
