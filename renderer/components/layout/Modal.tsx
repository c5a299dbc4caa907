// One modal dialog behaviour for every dialog: the focus moves into it when it opens (its
// `autoFocus` element, else the first control, else the dialog itself), Tab and Shift+Tab cycle
// inside it, Esc and a click on the backdrop close it, and the focus returns to where it was.
import { useEffect, useRef, useState, type ReactNode } from 'react';

const FOCUSABLE = 'button:not([disabled]), [href], input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

interface ModalProps {
  onClose(): void;
  label: string;
  className?: string;
  testId?: string;
  /** Extra keys that close it besides Esc (e.g. F1 for the shortcuts help). */
  closeKeys?: string[];
  children: ReactNode;
  /** Passed to the dialog element (FileDialog keeps native undo in its inputs). */
  nativeUndo?: boolean;
}

function focusables(root: HTMLElement): HTMLElement[] {
  return [...root.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((el) => el.offsetParent !== null || el === document.activeElement);
}

export function Modal({ onClose, label, className = '', testId, closeKeys = [], children, nativeUndo }: ModalProps) {
  const ref = useRef<HTMLDivElement>(null);
  const onCloseRef = useRef(onClose);
  onCloseRef.current = onClose;
  // Taken while rendering: by the time effects run, an autoFocus child already has the focus.
  const [before] = useState(() => (document.activeElement instanceof HTMLElement ? document.activeElement : null));

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    // After children's own effects (autoFocus, Monaco), unless they already took the focus.
    const t = requestAnimationFrame(() => {
      if (el.contains(document.activeElement)) return;
      (el.querySelector<HTMLElement>('[autofocus], [data-autofocus]') ?? focusables(el)[0] ?? el).focus();
    });
    return () => {
      cancelAnimationFrame(t);
      if (before?.isConnected) before.focus();
    };
  }, [before]);

  const onKeyDown = (e: React.KeyboardEvent) => {
    if (e.key === 'Escape' || closeKeys.includes(e.key)) {
      // Esc inside an open Monaco suggest widget closes the widget, not the dialog.
      if (e.key === 'Escape' && (e.target as HTMLElement).closest('.monaco-editor') && document.querySelector('.monaco-editor .suggest-widget.visible')) return;
      e.preventDefault();
      e.stopPropagation();
      onCloseRef.current();
      return;
    }
    if (e.key !== 'Tab' || !ref.current) return;
    const list = focusables(ref.current);
    if (!list.length) return e.preventDefault();
    const i = list.indexOf(document.activeElement as HTMLElement);
    const next = e.shiftKey ? (i <= 0 ? list.length - 1 : i - 1) : i === list.length - 1 || i < 0 ? 0 : i + 1;
    // Monaco uses Tab for indentation: leave it alone inside an editor.
    if ((e.target as HTMLElement).closest('.monaco-editor')) return;
    e.preventDefault();
    list[next].focus();
  };

  return (
    <div className="modal-backdrop" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <div ref={ref} className={`modal ${className}`} role="dialog" aria-modal="true" aria-label={label} data-testid={testId} tabIndex={-1} onKeyDown={onKeyDown} {...(nativeUndo ? { 'data-native-undo': true } : {})}>
        {children}
      </div>
    </div>
  );
}
