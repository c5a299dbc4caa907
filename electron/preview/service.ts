// Placeholder: owned by the live-preview work (screencast, input forwarding, picker injection).
import type { Engine } from '../engine/engine.js';
import type { Emit } from '../api/services.js';

export class PreviewService {
  constructor(
    readonly engine: Engine,
    readonly emit: Emit,
  ) {}
  async close(): Promise<void> {}
}
