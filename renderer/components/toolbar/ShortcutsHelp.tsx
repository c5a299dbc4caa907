// Keyboard reference (F1), grouped like the UI.
import { Modal } from '../layout/Modal.js';

const GROUPS: Array<[string, Array<[string, string]>]> = [
  ['Run', [['F5', 'Run all / Continue at a breakpoint'], ['F10', 'Run the selected step'], ['Shift+F5', 'Stop']]],
  ['Preview', [['Ctrl+Alt+R', 'Record what you do in the page as steps / stop recording']]],
  [
    'Steps (list focused)',
    [
      ['↑ / ↓', 'Select previous / next'],
      ['Shift+↑ / ↓, Shift+click', 'Extend the selection'],
      ['Ctrl+click', 'Add to / remove from the selection'],
      ['Alt+↑ / ↓', 'Move the step'],
      ['F2 / double-click', 'Rename'],
      ['Space', 'Enable / disable'],
      ['F9', 'Toggle breakpoint'],
      ['Ctrl+D', 'Duplicate'],
      ['Ctrl+C / X / V', 'Copy / cut / paste steps (JSON)'],
      ['Del', 'Delete'],
      ['Shift+F10 / right-click', 'Step menu (run step / to here / from here, …)'],
      ['Ctrl+A', 'Select all'],
    ],
  ],
  [
    'File & edit',
    [
      ['Ctrl+N / O', 'New / Open'],
      ['Ctrl+S / Ctrl+Shift+S', 'Save / Save As'],
      ['Ctrl+E', 'Export'],
      ['Ctrl+Z / Ctrl+Shift+Z', 'Undo / redo (inside a code editor: that editor\'s own undo)'],
    ],
  ],
];

export function ShortcutsHelp({ open, onClose }: { open: boolean; onClose(): void }) {
  if (!open) return null;
  return (
    <Modal onClose={onClose} label="Keyboard shortcuts" className="shortcuts" testId="shortcuts-help" closeKeys={['F1']}>
        <div className="modal-head row">
          Keyboard shortcuts <span className="grow" />
          <button className="ghost icon" aria-label="Close" onClick={onClose}>
            ×
          </button>
        </div>
        <div className="modal-body shortcuts-body">
          {GROUPS.map(([title, rows]) => (
            <section key={title}>
              <div className="section-title">{title}</div>
              <table>
                <tbody>
                  {rows.map(([k, d]) => (
                    <tr key={k}>
                      <td>
                        <kbd>{k}</kbd>
                      </td>
                      <td>{d}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </section>
          ))}
        </div>
    </Modal>
  );
}
