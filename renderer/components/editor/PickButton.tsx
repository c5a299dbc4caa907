// "Pick" next to selector fields: asks the live preview for an element (usePickerStore) and hands
// back its best selector. Hovering the field's current selector highlights its matches.
import { useEffect, useState } from 'react';
import { usePickerStore } from '../../store/picker.js';
import { useFilesStore } from '../../store/files.js';

export function PickButton({ purpose, onPicked, sessionId, testId, label = 'Pick', hint = 'Pick an element in the live preview' }: { purpose: string; onPicked(selector: string): void; sessionId?: string; testId?: string; label?: string; hint?: string }) {
  const [busy, setBusy] = useState(false);
  async function pick() {
    setBusy(true);
    try {
      const el = await usePickerStore.getState().pick({ purpose });
      if (!el) return;
      if (el.inShadowRoot) useFilesStore.getState().notify('info', 'Picked inside a shadow root: Crawl4AI\'s captured HTML will not contain it.');
      onPicked(el.selector);
    } finally {
      setBusy(false);
    }
  }
  return (
    <button
      className="ghost pick-btn"
      data-testid={testId ?? `pick-${purpose}`}
      disabled={!sessionId || busy}
      title={sessionId ? hint : 'Needs a session_id with a live page (run the flow up to here)'}
      onClick={() => void pick()}
    >
      {busy ? 'Picking… (Esc)' : label}
    </button>
  );
}

/**
 * Highlight a selector's matches in the preview while the pointer is over a field, following the
 * field's value as it is typed (the match bar always shows what the field says now).
 */
export function useHoverHighlight(selector: string | undefined) {
  const [hovered, setHovered] = useState(false);
  useEffect(() => {
    if (!hovered) return;
    const { setHighlight } = usePickerStore.getState();
    setHighlight(selector?.trim() ? { selector } : null);
    return () => usePickerStore.getState().setHighlight(null);
  }, [hovered, selector]);
  return { onMouseEnter: () => setHovered(true), onMouseLeave: () => setHovered(false) };
}
