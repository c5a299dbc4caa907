// All handlers, one file per contract domain. The Handlers<> type makes a missing or mistyped
// handler a compile error, so the contract and its implementation cannot drift.
import type { Handlers } from '../../../shared/api/contract.js';
import type { CallCtx, Services } from '../services.js';
import { createAppHandlers } from './app.js';
import { createFlowHandlers } from './flow.js';
import { createRunHandlers } from './run.js';
import { createSessionHandlers } from './session.js';
import { createPreviewHandlers } from './preview.js';
import { createSchemaHandlers } from './schema.js';
import { createExportHandlers } from './export.js';
import { createBatchHandlers } from './batch.js';

export function createHandlers(s: Services): Handlers<CallCtx> {
  return {
    ...createAppHandlers(s),
    ...createFlowHandlers(s),
    ...createRunHandlers(s),
    ...createSessionHandlers(s),
    ...createPreviewHandlers(s),
    ...createSchemaHandlers(s),
    ...createExportHandlers(s),
    ...createBatchHandlers(s),
  };
}
