// The live preview of a session's page, the largest pane of the workbench: toolbar (session,
// history, URL, viewport, zoom, pick, headed), the streamed page with input forwarding and the
// picker overlay, the selector strip over one edge of the page, and a one-line status bar (pick
// prompt, live match count). Nothing that appears or disappears here changes the page image's
// size or position: the strip floats over the page and the status bar is always there, so a click
// lands where the user aimed.
//
// Consumers (step editor, schema builder) drive it through usePickerStore: `pick()` requests and
// `setHighlight()` selectors, whose match count is reported back in `highlightResult`.
import { useEffect, useRef, useState } from 'react';
import type { PickedElement } from '../../../shared/api/domains/preview.js';
import { api } from '../../api/client.js';
import { useLayoutStore } from '../../store/layout.js';
import { useRecorderStore } from '../../store/recorder.js';
import { resolvePreviewSession, usePreviewSessionStore } from '../../store/previewSession.js';
import { useSessionsStore, wireSessionEvents } from '../../store/sessions.js';
import { PickerPanel } from './PickerPanel.js';
import { PreviewToolbar } from './PreviewToolbar.js';
import { PreviewViewport, type OverlayBoxes } from './PreviewViewport.js';
import { usePreviewStream } from './usePreviewStream.js';
import { usePicking, type MatchTarget } from './usePicking.js';
import type { MatchResult } from '../../../shared/api/domains/preview.js';
import './preview.css';

function matchText(m: MatchResult): string {
  if (m.error) return m.error;
  return `${m.count} match${m.count === 1 ? '' : 'es'}${m.items !== undefined ? ` (${m.itemsWithMatch}/${m.items} items)` : ''}${m.engine === 'playwright' ? ' · Playwright engine' : ''}${m.crawl4aiValid ? '' : ' · not valid for Crawl4AI'}`;
}

/** The selector strip: over the page's edge; while picking it is see-through for the pointer. */
function PickerStrip({ element, sessionId, picking, pick }: { element: PickedElement; sessionId: string; picking: boolean; pick: ReturnType<typeof usePicking> }) {
  const side = useLayoutStore((s) => s.pickerSide);
  const collapsed = useLayoutStore((s) => s.pickerCollapsed);
  const setLayout = useLayoutStore((s) => s.set);
  if (collapsed) {
    return (
      <button type="button" className={`picker-strip-tab ${side}`} data-testid="picker-expand" onClick={() => setLayout({ pickerCollapsed: false })} title="Show the selector candidates and actions">
        {side === 'right' ? '‹ ' : ''}&lt;{element.tagName}&gt; selectors{side === 'left' ? ' ›' : ''}
      </button>
    );
  }
  return (
    <aside className={`picker-strip ${side}${picking ? ' hud' : ''}`} data-testid="picker-strip" data-side={side} aria-label="Picked element">
      <PickerPanel
        element={element}
        sessionId={sessionId}
        active={pick.active}
        onChoose={pick.setActive}
        onSimilar={(s) => void pick.runSimilar([s])}
        controls={
          <span className="picker-strip-controls">
            <button type="button" className="ghost icon" aria-label="Move to the other side" title="Move to the other side" data-testid="picker-side" onClick={() => setLayout({ pickerSide: side === 'right' ? 'left' : 'right' })}>
              ⇄
            </button>
            <button type="button" className="ghost icon" aria-label="Fold away" title="Fold away (the page underneath gets the clicks)" data-testid="picker-collapse" onClick={() => setLayout({ pickerCollapsed: true })}>
              {side === 'right' ? '›' : '‹'}
            </button>
            <button type="button" className="ghost icon" aria-label="Close" title="Forget the picked element" data-testid="picker-close" onClick={pick.dismiss}>
              ×
            </button>
          </span>
        }
      />
    </aside>
  );
}

function StatusBar({ pick, sessionId, target }: { pick: ReturnType<typeof usePicking>; sessionId: string | null; target: MatchTarget | null }) {
  const { request, picking, matches, similar, message, active } = pick;
  const recording = useRecorderStore((s) => (s.starting ? null : s.sessionId));
  return (
    <div className="preview-status" data-testid="preview-status">
      <span className="preview-status-text" role="status">
        {recording && !request && !picking ? (
          <span className="recording-status" data-testid="recording-status">● Recording “{recording}”: what you do in the page becomes steps. Ctrl+Alt+R or ■ Stop ends it.</span>
        ) : request ? (
          <span className="preview-prompt">
            Pick an element for <b>{request.purpose}</b>
            {request.relativeTo ? <> inside <code>{request.relativeTo}</code></> : null} — arrows: parent/child/siblings, Enter: pick, Esc: cancel{' '}
            <button type="button" className="ghost small" onClick={pick.cancel}>Cancel</button>
          </span>
        ) : message ? (
          message
        ) : picking ? (
          'Click an element to pick it (Shift+click: a second example) · arrows walk the tree · Esc cancels'
        ) : sessionId ? (
          'Pick an element to get ranked selectors. Shift+click a second example to select similar items. Ctrl+wheel zooms.'
        ) : (
          ''
        )}
      </span>
      {matches && target && (
        <span className={`preview-match${matches.error ? ' error' : ''}`} data-testid="preview-match" data-count={matches.count}>
          <code title={target.selector}>{target.selector}</code>: {matchText(matches)}
          {similar && similar.selector === target.selector && <span className="picker-badge">similar</span>}
          {active && (
            <button type="button" className="ghost icon" onClick={() => pick.setActive(null)} title="Stop highlighting" aria-label="Stop highlighting">
              ×
            </button>
          )}
        </span>
      )}
    </div>
  );
}

export function PreviewPane({ sessionId: stepSession }: { sessionId: string | null }) {
  useEffect(() => wireSessionEvents(), []);
  const sessions = useSessionsStore((s) => s.sessions);
  const { pinned, lastShown, pin, setLastShown } = usePreviewSessionStore();
  // The step's own session wins again when it changes (another step selected, session_id edited).
  const firstRender = useRef(true);
  useEffect(() => {
    if (firstRender.current) firstRender.current = false;
    else pin(null);
  }, [stepSession, pin]);
  const sessionId = resolvePreviewSession(stepSession, pinned, lastShown, sessions);
  useEffect(() => setLastShown(sessionId), [sessionId, setLastShown]);
  const live = sessions.find((s) => s.id === sessionId);
  const canvasRef = useRef<HTMLCanvasElement | null>(null);
  const [retry, setRetry] = useState(0);
  // Re-attach when the session (re)appears alive.
  const aliveKey = live ? `${live.alive}:${live.createdAt}` : 'none';
  const stream = usePreviewStream(sessionId, canvasRef, `${retry}:${aliveKey}`);
  const pick = usePicking(sessionId, stream);
  const { picking, hover, picked, matches, target } = pick;
  const [scale, setScale] = useState(1);

  // While picking, the strip fades when the pointer is over it (it never takes the clicks then).
  const stripRef = useRef<HTMLDivElement | null>(null);
  const [pointerOverStrip, setPointerOverStrip] = useState(false);
  const onPointer = (x: number, y: number) => {
    const r = stripRef.current?.querySelector('.picker-strip')?.getBoundingClientRect();
    const over = !!r && x >= r.left && x <= r.right && y >= r.top && y <= r.bottom;
    if (over !== pointerOverStrip) setPointerOverStrip(over);
  };

  const shown = picking ? (hover ?? picked) : picked;
  const overlay: OverlayBoxes = {
    hover: picking ? hover?.box : null,
    selected: picked?.box,
    matches: matches?.boxes,
    items: matches?.itemBoxes,
    containers: [...(shown?.frameBoxes ?? []), ...(shown?.shadowHostBoxes ?? []), ...(shown?.itemBox ? [shown.itemBox] : [])],
  };

  return (
    <div className="preview-pane" data-testid="preview-pane">
      <PreviewToolbar
        sessionId={sessionId}
        sessions={sessions}
        onSession={pin}
        url={stream.info?.url ?? ''}
        viewport={stream.info?.viewport ?? null}
        scale={scale}
        picking={picking}
        onTogglePick={() => (picking ? pick.cancel() : pick.startPicking())}
        onError={pick.setMessage}
      />
      <div className={`preview-body${picking && pointerOverStrip ? ' strip-faded' : ''}`} ref={stripRef}>
        {!sessionId ? (
          <div className="preview-empty">No session. Give the selected step a session_id and run it, or pick a live session above.</div>
        ) : stream.error ? (
          <div className="preview-empty" role="alert">
            {stream.error}
            <div className="preview-empty-actions">
              <button type="button" onClick={() => api['session.create']({ id: sessionId }).then(() => setRetry((r) => r + 1), (e: Error) => pick.setMessage(e.message))}>Open session “{sessionId}”</button>
              <button type="button" onClick={() => setRetry((r) => r + 1)}>Retry</button>
            </div>
          </div>
        ) : (
          <PreviewViewport
            sessionId={sessionId}
            canvasRef={canvasRef}
            viewport={stream.info?.viewport ?? null}
            picking={picking}
            overlay={overlay}
            onHover={pick.onHover}
            onPick={(x, y, shift) => void pick.onPick(x, y, shift)}
            onNavigate={(d) => void pick.onNavigate(d)}
            onCancel={pick.cancel}
            onError={pick.setMessage}
            onLayoutMaybeChanged={pick.layoutMaybeChanged}
            onPointer={onPointer}
            onScale={setScale}
          />
        )}
        {shown && sessionId && !stream.error && <PickerStrip element={shown} sessionId={sessionId} picking={picking} pick={pick} />}
      </div>
      <StatusBar pick={pick} sessionId={sessionId} target={target} />
    </div>
  );
}
