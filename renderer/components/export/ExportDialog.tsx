// Slot for the Export… dialog (owned by the export work; placeholder keeps the layout buildable).
export function ExportDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  if (!open) return null;
  return (
    <div role="dialog" aria-label="Export">
      <button onClick={onClose}>Close</button>
    </div>
  );
}
