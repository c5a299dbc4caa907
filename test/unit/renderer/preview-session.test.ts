// Which session the preview and the tester show (store/previewSession.ts).
import { describe, expect, it } from 'vitest';
import { resolvePreviewSession } from '../../../renderer/store/previewSession.js';

const live = [
  { id: 'other', alive: true },
  { id: 'shop', alive: true },
];

describe('resolvePreviewSession', () => {
  it('a pin wins, then the step\'s session_id (live or not)', () => {
    expect(resolvePreviewSession('shop', 'other', null, live)).toBe('other');
    expect(resolvePreviewSession('shop', null, 'other', live)).toBe('shop');
    expect(resolvePreviewSession('not-open', null, 'other', live)).toBe('not-open');
  });
  it('a step without session_id keeps the session shown last instead of the first live one', () => {
    expect(resolvePreviewSession(undefined, null, 'shop', live)).toBe('shop');
    expect(resolvePreviewSession(undefined, null, null, live)).toBe('other');
    expect(resolvePreviewSession(undefined, null, null, [])).toBeNull();
  });
});
