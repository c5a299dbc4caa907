// run.* / snippet.eval / artifact.read: thin adapters from the contract to the Engine.
import { ApiError, OK } from '../../../shared/api/define.js';
import { runCalls, type NeedsGrantDetails } from '../../../shared/api/domains/run.js';
import { NO_GRANT } from '../../../shared/flow/capabilities.js';
import { GrantRequiredError } from '../../engine/engine.js';
import { describeSecretSource, lookupSecret } from '../../engine/secrets.js';
import { ArtifactAccessError, readArtifact } from '../../engine/artifacts.js';
import type { Services } from '../services.js';
import type { DomainHandlers } from './types.js';

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** The needs_grant error for a flow that needs more than it was granted (run.start, batch.start). */
export async function needsGrant(e: GrantRequiredError): Promise<ApiError> {
  const secretSources: NeedsGrantDetails['secretSources'] = {};
  for (const name of e.missing.secrets) {
    const found = await lookupSecret(name, false);
    secretSources[name] = found ? describeSecretSource(name, found.source) : null;
  }
  const details: NeedsGrantDetails = { missing: e.missing, secretSources };
  return new ApiError('needs_grant', e.message, details);
}

export function createRunHandlers(s: Services): DomainHandlers<typeof runCalls> {
  return {
    'run.start': async ({ flow, mode, stepId, vars, breakpoints, stopOnBlocked, continueOnFailure, grant }) => {
      try {
        // No grant = nothing granted: the UI sends what the user allowed (docs/security.md).
        const { runId, done } = s.engine.startRun(flow, { mode, stepId, vars, breakpoints, stopOnBlocked, continueOnFailure, grant: grant ?? NO_GRANT });
        done.catch(() => undefined); // failures arrive as run-finished events
        return { runId };
      } catch (e) {
        if (e instanceof GrantRequiredError) throw await needsGrant(e);
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
    'run.result': ({ runId, stepId, iteration }) => {
      const r = s.engine.stepResult(runId, stepId, iteration);
      if (!r) throw new ApiError('not_found', `no result of step ${stepId} iteration ${iteration} in run ${runId} (only the current and the newest finished runs are kept; their files are in the run's folder)`);
      return r;
    },
    'run.state': ({ runId }) => {
      const st = s.engine.runState(runId);
      if (!st) throw new ApiError('not_found', `run ${runId} is no longer kept`);
      return st;
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
