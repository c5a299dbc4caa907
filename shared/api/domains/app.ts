import { z } from 'zod';
import { call, noArgs } from '../define.js';

export const BrowserStatusSchema = z.object({
  found: z.boolean(),
  executablePath: z.string().nullable(),
  /** Where it came from: setting, env (CRAWLWRIGHT_BROWSER), playwright, system. */
  source: z.enum(['setting', 'env', 'playwright', 'system']).nullable(),
  /** How to get one, when none was found. */
  help: z.string().optional(),
});

export const appCalls = {
  'app.info': call(
    noArgs,
    z.object({
      mode: z.enum(['electron', 'web']),
      version: z.string(),
      platform: z.string(),
      demoUrl: z.string(),
      browser: BrowserStatusSchema,
    }),
  ),
};

export const appEvents = {
  /**
   * Desktop menu commands forwarded to the renderer. command: new | open | openRecent (with path) |
   * save | saveAs | export | undo | redo. Edit > Undo/Redo are sent as commands (not
   * native roles) so the UI decides between the flow history and the focused editor's own undo.
   */
  'app.menu': z.object({ command: z.string(), path: z.string().optional() }),
};
