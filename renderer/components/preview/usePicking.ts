// The picker's state machine for one preview: hover hit-tests (at most one in flight, the newest
// point wins), picking (click / Enter; Shift adds a second example for select-similar), keyboard
// walking, consumers' pick requests (usePickerStore) and the live match highlight of the chosen
// candidate or a consumer's selector.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { MatchResult, PickedElement } from '../../../shared/api/domains/preview.js';
import { api } from '../../api/client.js';
import { usePickerStore } from '../../store/picker.js';

export type Dir = 'parent' | 'child' | 'next' | 'prev';

/** Where a picked element's selectors apply: its iframe document / shadow root. */
function scopeOf(el: PickedElement | null | undefined): { framePath?: string[]; shadowPath?: string[] } {
  if (!el) return {};
  return { ...(el.framePath.length ? { framePath: el.framePath } : {}), ...(el.shadowPath?.length ? { shadowPath: el.shadowPath } : {}) };
}

export interface MatchTarget {
  selector: string;
  relativeTo?: string;
}

const matchKey = (t: MatchTarget) => JSON.stringify([t.selector, t.relativeTo ?? null]);

export function usePicking(sessionId: string | null, stream: { navSeq: number; contentSeq: number; status: string | null }) {
  const request = usePickerStore((s) => s.request);
  const highlight = usePickerStore((s) => s.highlight);
  const picked = usePickerStore((s) => s.picked);
  const setPicked = usePickerStore((s) => s.setPicked);
  const [pickMode, setPickMode] = useState(false);
  const picking = pickMode || !!request;
  const [hover, setHover] = useState<PickedElement | null>(null);
  const [active, setActive] = useState<string | null>(null);
  // Matches are kept with the selector they are for: a new selector never shows the old count.
  const [matchState, setMatchState] = useState<{ key: string; result: MatchResult } | null>(null);
  const [similar, setSimilar] = useState<{ selector: string; count: number; crawl4aiValid: boolean } | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  // Messages (errors of calls, notes from actions) fade after a while.
  useEffect(() => {
    if (!message) return;
    const t = setTimeout(() => setMessage(null), 6000);
    return () => clearTimeout(t);
  }, [message]);
  const hitBusy = useRef(false);
  const hitNext = useRef<{ x: number; y: number } | null>(null);
  const examples = useRef<string[]>([]);
  // Boxes go stale when the page scrolls or changes: refresh them shortly after input settles.
  const [layoutSeq, setLayoutSeq] = useState(0);
  const layoutTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const layoutMaybeChanged = useCallback(() => {
    if (layoutTimer.current) clearTimeout(layoutTimer.current);
    layoutTimer.current = setTimeout(() => setLayoutSeq((n) => n + 1), 250);
  }, []);

  const describeOpts = { relativeTo: request?.relativeTo, prefer: request?.prefer ?? (request?.purpose === 'baseSelector' ? 'repeated' : undefined) } as const;

  const onHover = useCallback(
    (x: number, y: number) => {
      if (!sessionId) return;
      hitNext.current = { x, y };
      if (hitBusy.current) return;
      const run = async () => {
        while (hitNext.current) {
          const pt = hitNext.current;
          hitNext.current = null;
          hitBusy.current = true;
          try {
            const r = await api['picker.hitTest']({ sessionId, ...pt, ...describeOpts });
            setHover(r.element);
          } catch (e) {
            setMessage((e as Error).message);
          } finally {
            hitBusy.current = false;
          }
        }
      };
      void run();
    },
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [sessionId, request],
  );

  const runSimilar = async (selectors: string[]) => {
    if (!sessionId) return;
    try {
      const r = await api['picker.similar']({ sessionId, selectors, ...scopeOf(usePickerStore.getState().picked) });
      setSimilar(r);
      setActive(r.selector);
      setMatchState({ key: matchKey({ selector: r.selector, relativeTo: request?.relativeTo }), result: { count: r.count, boxes: r.boxes, engine: 'css', crawl4aiValid: r.crawl4aiValid } });
    } catch (e) {
      setMessage((e as Error).message);
    }
  };

  const choose = (el: PickedElement | null, addExample: boolean) => {
    if (!el) return;
    setPicked(el);
    setActive(el.selector);
    examples.current = addExample && examples.current.length ? [examples.current[examples.current.length - 1], el.selector] : [el.selector];
    if (examples.current.length === 2) void runSimilar(examples.current);
    // A click ends pick mode (as in DevTools); Shift+click keeps picking (second example).
    if (!addExample) setPickMode(false);
    setHover(null);
    if (request) usePickerStore.getState().finish(el);
  };

  const onPick = async (x: number, y: number, shift = false) => {
    if (!sessionId) return;
    try {
      if (x < 0) return choose(hover, shift); // Enter: the element reached with the keyboard
      const r = await api['picker.hitTest']({ sessionId, x, y, ...describeOpts });
      choose(r.element, shift);
    } catch (e) {
      setMessage((e as Error).message);
    }
  };

  const onNavigate = async (direction: Dir) => {
    if (!sessionId) return;
    try {
      const r = await api['picker.navigate']({ sessionId, direction, ...describeOpts });
      if (r.element) setHover(r.element);
    } catch (e) {
      setMessage((e as Error).message);
    }
  };

  const cancel = () => {
    setPickMode(false);
    setHover(null);
    if (request) usePickerStore.getState().finish(null);
  };

  /** Forget the picked element (the selector strip closes). */
  const dismiss = () => {
    setPicked(null);
    setActive(null);
    setSimilar(null);
  };

  // Live highlight: the chosen candidate, else the consumer's highlight request.
  // A consumer's highlight (editor / schema tester hover) wins over the chosen candidate while it lasts.
  const fromConsumer = !!highlight?.selector.trim();
  const target: MatchTarget | null = fromConsumer ? highlight : active ? { selector: active, relativeTo: request?.relativeTo } : null;
  const key = target ? matchKey(target) : '';
  const matches = matchState && matchState.key === key ? matchState.result : null;
  useEffect(() => {
    if (!sessionId || !target?.selector.trim()) {
      setMatchState(null);
      return;
    }
    let stale = false;
    const t = setTimeout(() => {
      // The picked element's candidates are relative to its frame / shadow root; consumer highlights to the top document.
      api['picker.match']({ sessionId, selector: target.selector, relativeTo: target.relativeTo, ...(fromConsumer ? {} : scopeOf(picked)) })
        .then((m) => {
          if (stale) return;
          setMatchState({ key, result: m });
          if (fromConsumer) {
            usePickerStore.getState().setHighlightResult({ selector: target.selector, count: m.count, error: m.error, crawl4aiValid: m.crawl4aiValid, items: m.items, itemsWithMatch: m.itemsWithMatch });
          }
        })
        .catch((e: Error) => !stale && setMatchState({ key, result: { count: 0, boxes: [], engine: 'css', crawl4aiValid: false, error: e.message } }));
    }, 120);
    return () => {
      stale = true;
      clearTimeout(t);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [sessionId, target?.selector, target?.relativeTo, fromConsumer, stream.navSeq, stream.contentSeq, layoutSeq]);

  // A new document: the picked element is gone. Same document, new layout: move its box.
  useEffect(() => {
    if (stream.status === 'navigated' || stream.status === 'page-replaced') {
      setHover(null);
      dismiss();
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [stream.navSeq]);
  useEffect(() => {
    const el = usePickerStore.getState().picked;
    if (!sessionId || !el || !layoutSeq) return;
    api['picker.match']({ sessionId, selector: el.selector, ...scopeOf(el), limit: 1 })
      .then((m) => {
        const now = usePickerStore.getState().picked;
        if (now === el && m.count >= 1 && m.boxes[0]) setPicked({ ...el, box: m.boxes[0] });
      })
      .catch(() => undefined);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [layoutSeq]);

  // Esc anywhere cancels a pick request.
  useEffect(() => {
    if (!picking) return;
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && cancel();
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  return {
    request,
    picking,
    hover,
    picked,
    active,
    setActive,
    matches,
    similar,
    target,
    message,
    setMessage,
    startPicking: () => setPickMode(true),
    onHover,
    onPick,
    onNavigate,
    cancel,
    dismiss,
    runSimilar,
    layoutMaybeChanged,
  };
}
