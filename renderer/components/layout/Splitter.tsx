// A draggable, keyboard-accessible divider between two panels. Reports the new size of the panel it
// controls; the parent clamps and stores it. Arrow keys move by 16 px (Shift: 64 px).
import { useRef } from 'react';

export interface SplitterProps {
  orientation: 'vertical' | 'horizontal';
  /** Current size of the controlled panel (px). */
  size: number;
  min: number;
  max: number;
  /** +1 when dragging right/down grows the panel, -1 when it shrinks it. */
  direction?: 1 | -1;
  onResize(size: number): void;
  label: string;
  testId?: string;
}

export function Splitter({ orientation, size, min, max, direction = 1, onResize, label, testId }: SplitterProps) {
  const start = useRef<{ pos: number; size: number } | null>(null);
  const clamp = (v: number) => Math.round(Math.max(min, Math.min(max, v)));
  const vertical = orientation === 'vertical';

  function onPointerDown(e: React.PointerEvent<HTMLDivElement>) {
    e.preventDefault();
    (e.target as HTMLElement).setPointerCapture(e.pointerId);
    start.current = { pos: vertical ? e.clientX : e.clientY, size };
    document.body.classList.add(vertical ? 'resizing-col' : 'resizing-row');
  }
  function onPointerMove(e: React.PointerEvent<HTMLDivElement>) {
    if (!start.current) return;
    const delta = (vertical ? e.clientX : e.clientY) - start.current.pos;
    onResize(clamp(start.current.size + direction * delta));
  }
  function onPointerUp(e: React.PointerEvent<HTMLDivElement>) {
    start.current = null;
    (e.target as HTMLElement).releasePointerCapture?.(e.pointerId);
    document.body.classList.remove('resizing-col', 'resizing-row');
  }
  function onKeyDown(e: React.KeyboardEvent<HTMLDivElement>) {
    const step = e.shiftKey ? 64 : 16;
    const grow = vertical ? (e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0) : e.key === 'ArrowDown' ? 1 : e.key === 'ArrowUp' ? -1 : 0;
    if (!grow) return;
    e.preventDefault();
    onResize(clamp(size + direction * grow * step));
  }

  return (
    <div
      className={`splitter splitter-${orientation}`}
      role="separator"
      aria-orientation={vertical ? 'vertical' : 'horizontal'}
      aria-label={label}
      aria-valuenow={size}
      aria-valuemin={min}
      aria-valuemax={max}
      tabIndex={0}
      data-testid={testId}
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={onPointerUp}
      onKeyDown={onKeyDown}
    />
  );
}
