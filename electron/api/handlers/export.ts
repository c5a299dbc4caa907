// export.render / export.save / import.parse: thin wrappers over shared/export (pure functions);
// the flow is validated at this trust boundary like every other IPC argument.
import { isAbsolute, resolve } from 'node:path';
import { ApiError } from '../../../shared/api/define.js';
import { exportCalls } from '../../../shared/api/domains/export.js';
import { validateFlow } from '../../../shared/flow/validate.js';
import { parseImport, renderExport } from '../../../shared/export/index.js';
import { readCompanion, saveExport } from '../../export-files.js';
import type { Services } from '../services.js';
import type { DomainHandlers } from './types.js';

export function createExportHandlers(_s: Services): DomainHandlers<typeof exportCalls> {
  return {
    'export.render': ({ flow, format }) => {
      const checked = validateFlow(flow);
      if (!checked.ok) {
        const first = checked.errors[0];
        throw new ApiError('bad_args', `the flow is not valid: ${first.path || '(root)'}: ${first.message}`, { errors: checked.errors });
      }
      return renderExport(checked.flow, format);
    },
    'export.save': async ({ path, text, companions }) => {
      if (!isAbsolute(path)) throw new ApiError('bad_args', `path must be an absolute path, got ${JSON.stringify(path)}`);
      const target = resolve(path);
      let written: string[];
      try {
        written = await saveExport(target, text, companions);
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        const why = code === 'ENOENT' ? 'no such directory' : code === 'EACCES' || code === 'EPERM' ? 'permission denied' : err instanceof Error ? err.message : String(err);
        throw new ApiError(code === 'EACCES' || code === 'EPERM' ? 'forbidden' : 'failed', `cannot save ${target}: ${why}`);
      }
      return { path: target, written };
    },
    'export.companion': async ({ name }) => ({ text: await readCompanion(name) }),
    'import.parse': ({ text }) => parseImport(text),
  };
}
