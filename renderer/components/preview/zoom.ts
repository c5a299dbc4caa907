// Preview zoom arithmetic (pure, unit-tested): the scale a zoom setting draws the page at, and the
// next fixed level for Ctrl+wheel.
import { ZOOM_LEVELS, type PreviewZoom } from '../../store/layout.js';

/** Room kept around a fitted page, px. */
const FIT_MARGIN = 8;

/** Scale the page is drawn at for a zoom setting in a pane of this size. */
export function displayScale(zoom: PreviewZoom, pane: { width: number; height: number }, page: { width: number; height: number }): number {
  if (zoom !== 'fit') return zoom;
  if (!page.width || !page.height || pane.width <= 0 || pane.height <= 0) return 1;
  return Math.max(0.05, Math.min(1, (pane.width - 2 * FIT_MARGIN) / page.width, (pane.height - 2 * FIT_MARGIN) / page.height));
}

/** The next fixed zoom level in a direction from the scale shown now (Ctrl+wheel). */
export function stepZoom(current: number, dir: 1 | -1): PreviewZoom {
  const fixed = ZOOM_LEVELS.filter((z): z is Exclude<PreviewZoom, 'fit'> => z !== 'fit');
  if (dir > 0) return fixed.find((z) => z > current + 1e-3) ?? fixed[fixed.length - 1];
  return [...fixed].reverse().find((z) => z < current - 1e-3) ?? fixed[0];
}

