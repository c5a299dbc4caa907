// Slot for the live preview (owned by the live-preview work; this placeholder keeps the layout buildable).
export function PreviewPane({ sessionId }: { sessionId: string | null }) {
  return <div className="preview-placeholder">{sessionId ? `Session ${sessionId}` : 'No session selected'}</div>;
}
