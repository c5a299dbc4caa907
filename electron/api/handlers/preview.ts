// preview.* and picker.* calls → the preview service (electron/preview).
import { OK } from '../../../shared/api/define.js';
import { previewCalls } from '../../../shared/api/domains/preview.js';
import type { Services } from '../services.js';
import type { DomainHandlers } from './types.js';
import * as nav from '../../preview/navigation.js';
import * as picker from '../../preview/picker.js';

export function createPreviewHandlers(s: Services): DomainHandlers<typeof previewCalls> {
  const p = s.preview;
  return {
    'preview.attach': (a) => p.attach(a.sessionId, { maxWidth: a.maxWidth, maxHeight: a.maxHeight, quality: a.quality }),
    'preview.detach': async (a) => (await p.detach(a.sessionId), OK),
    'preview.frameAck': (a) => (p.frameAck(a.sessionId, a.seq), OK),
    'preview.input': async (a) => (await p.input(a.sessionId, a.events), OK),
    'preview.navigate': (a) => nav.navigate(p, a.sessionId, a.url, s.engine.options.builtinVars),
    'preview.history': (a) => nav.history(p, a.sessionId, a.action),
    'preview.setViewport': async (a) => (await nav.setViewport(p, a.sessionId, a.width, a.height), OK),
    'preview.openHeaded': (a) => nav.openHeaded(p, a.sessionId, s.engine.options.browserPath),
    'picker.hitTest': async (a) => ({ element: await picker.hitTest(p, a.sessionId, a.x, a.y, { relativeTo: a.relativeTo, prefer: a.prefer, target: a.target }) }),
    'picker.navigate': async (a) => ({ element: await picker.navigate(p, a.sessionId, a.direction, { relativeTo: a.relativeTo, prefer: a.prefer }) }),
    'picker.match': (a) => picker.match(p, a.sessionId, a.selector, { relativeTo: a.relativeTo, framePath: a.framePath, shadowPath: a.shadowPath, limit: a.limit }),
    'picker.target': async (a) => ({ target: await picker.target(p, a.sessionId, a.selectors, { preferred: a.preferred, framePath: a.framePath, shadowPath: a.shadowPath }) }),
    'picker.check': async (a) => ({ checks: await picker.check(p, a.sessionId, a.selectors, { framePath: a.framePath, shadowPath: a.shadowPath }) }),
    'recorder.start': (a) => p.startRecording(a.sessionId, { openFirst: a.openFirst, ...(a.recordingId ? { recordingId: a.recordingId } : {}), demoUrl: s.demoUrl }),
    'recorder.stop': async (a) => (await p.stopRecording(a.sessionId), OK),
    'picker.items': async (a) => ({ items: await picker.items(p, a.sessionId, a.selectors) }),
    'picker.paginationHints': (a) => picker.paginationHints(p, a.sessionId),
    'picker.loginForm': async (a) => ({ form: await picker.loginForm(p, a.sessionId, s.demoUrl ? new URL(s.demoUrl).host : null) }),
    'picker.similar': (a) => picker.similar(p, a.sessionId, a.selectors, { framePath: a.framePath, shadowPath: a.shadowPath, limit: a.limit }),
  };
}
