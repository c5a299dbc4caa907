// run.* / snippet.eval / artifact.read: thin adapters from the contract to the Engine.
import { ApiError, OK } from '../../../shared/api/define.js';
import { runCalls } from '../../../shared/api/domains/run.js';
import { ArtifactAccessError, readArtifact } from '../../engine/artifacts.js';
import type { Services } from '../services.js';
import type { DomainHandlers } from './types.js';

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

export function createRunHandlers(s: Services): DomainHandlers<typeof runCalls> {
  return {
    'run.start': ({ flow, mode, stepId, vars, breakpoints, stopOnBlocked, continueOnFailure }) => {
      try {
        const { runId, done } = s.engine.startRun(flow, { mode, stepId, vars, breakpoints, stopOnBlocked, continueOnFailure });
        done.catch(() => undefined); // failures arrive as run-finished events
        return { runId };
      } catch (e) {
        throw new ApiError('bad_args', message(e));
      }
    },
    'run.stop': ({ runId }) => {
      if (!s.engine.stopRun(runId)) throw new ApiError('not_found', `no running run ${runId}`);
      return OK;
    },
    'run.continue': ({ runId }) => {
      if (!s.engine.continueRun(runId)) throw new ApiError('not_found', `run ${runId} is not paused`);
      return OK;
    },
    'snippet.eval': async ({ sessionId, code, kind }) => {
      try {
        return await s.engine.evalSnippet(sessionId, code, kind);
      } catch (e) {
        throw new ApiError('not_found', message(e));
      }
    },
    'artifact.read': async ({ path }) => {
      try {
        return await readArtifact(s.engine.options.artifactsDir, path);
      } catch (e) {
        if (e instanceof ArtifactAccessError) throw new ApiError(/not found/.test(e.message) ? 'not_found' : 'forbidden', e.message);
        throw e;
      }
    },
  };
}
