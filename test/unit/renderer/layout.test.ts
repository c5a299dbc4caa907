// Workbench layout arithmetic: first-start sizes give the preview most of the window, stored
// preferences are validated, and the preview zoom maps a setting to a scale.
import { describe, expect, it } from 'vitest';
import { defaultLayout, mergePrefs } from '../../../renderer/store/layout.js';
import { displayScale, stepZoom } from '../../../renderer/components/preview/zoom.js';

describe('default layout', () => {
  for (const [w, h] of [
    [1280, 720],
    [1440, 900],
    [1920, 1080],
  ]) {
    it(`${w}×${h}: the preview column is ≥ 60% of the width right of the step list`, () => {
      const d = defaultLayout(w, h);
      const rest = w - d.stepListWidth;
      expect((rest - d.inspectorWidth) / rest).toBeGreaterThanOrEqual(0.6);
      expect(d.dockHeight).toBeLessThanOrEqual(h * 0.35);
      expect(d.previewZoom).toBe('fit');
    });
  }
});

describe('stored preferences', () => {
  const d = defaultLayout(1440, 900);
  it('keeps valid values and drops the wrong types or unknown enums', () => {
    const m = mergePrefs(d, { stepListWidth: 300, inspectorWidth: '9', dockTab: 'schema', previewZoom: 1.5, pickerSide: 'top', extra: 1 });
    expect(m.stepListWidth).toBe(300);
    expect(m.inspectorWidth).toBe(d.inspectorWidth);
    expect(m.dockTab).toBe('results');
    expect(m.previewZoom).toBe(1.5);
    expect(m.pickerSide).toBe('right');
    expect(m).not.toHaveProperty('extra');
  });
  it('an unknown zoom falls back to fit', () => {
    expect(mergePrefs(d, { previewZoom: 3 }).previewZoom).toBe('fit');
    expect(mergePrefs(d, null)).toEqual(d);
  });
});

describe('preview zoom', () => {
  it('fit scales down to the pane, never up past 100%', () => {
    expect(displayScale('fit', { width: 556, height: 1000 }, { width: 1080, height: 600 })).toBeCloseTo(0.5);
    expect(displayScale('fit', { width: 3000, height: 3000 }, { width: 1080, height: 600 })).toBe(1);
    // The tighter dimension wins.
    expect(displayScale('fit', { width: 2000, height: 316 }, { width: 1080, height: 600 })).toBeCloseTo(0.5);
  });
  it('a fixed zoom is that factor whatever the pane', () => {
    expect(displayScale(1.5, { width: 100, height: 100 }, { width: 1080, height: 600 })).toBe(1.5);
  });
  it('Ctrl+wheel steps from the scale shown to the next fixed level', () => {
    expect(stepZoom(0.62, 1)).toBe(0.75);
    expect(stepZoom(0.62, -1)).toBe(0.5);
    expect(stepZoom(1, 1)).toBe(1.25);
    expect(stepZoom(2, 1)).toBe(2);
    expect(stepZoom(0.5, -1)).toBe(0.5);
  });
});
