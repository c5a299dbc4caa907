// app.info: what the UI shows in its status bar and first-run help (mode, version, demo site,
// whether a browser was found and how to get one if not).
import { appCalls } from '../../../shared/api/domains/app.js';
import { findBrowser } from '../../engine/browser.js';
import type { Services } from '../services.js';
import type { DomainHandlers } from './types.js';

export function createAppHandlers(s: Services): DomainHandlers<typeof appCalls> {
  return {
    'app.info': async () => {
      const b = await findBrowser(s.browserPath);
      return {
        mode: s.mode,
        version: s.version,
        platform: process.platform,
        demoUrl: s.demoUrl,
        browser: {
          found: b.found,
          executablePath: b.executablePath ?? null,
          source: b.source ?? null,
          ...(b.help ? { help: b.help } : {}),
        },
      };
    },
  };
}
