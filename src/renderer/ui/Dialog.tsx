import { useLayoutEffect, useRef } from 'react';
import type { ReactNode } from 'react';

interface DialogProps {
  /** The dialog's accessible name. */
  label: string;
  /** The id of the text that says what the dialog is about, read after its name. */
  describedBy?: string;
  onClose: () => void;
  className?: string;
  children: ReactNode;
}

/**
 * A native modal <dialog>: the browser makes the rest of the page inert and
 * turns Escape into a cancel. Mounted means open. On unmount focus returns to
 * whatever had it before, unless something else (a panel that was just opened)
 * has taken it meanwhile.
 */
export function Dialog({ label, describedBy, onClose, className, children }: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const onCloseRef = useRef(onClose);
  useLayoutEffect(() => {
    onCloseRef.current = onClose;
  });

  useLayoutEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    const returnTo = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    dialog.showModal();
    const onCancel = (event: Event) => {
      event.preventDefault();
      onCloseRef.current();
    };
    dialog.addEventListener('cancel', onCancel);
    return () => {
      dialog.removeEventListener('cancel', onCancel);
      const focusWasInside = dialog.contains(document.activeElement) || document.activeElement === document.body;
      dialog.close();
      if (focusWasInside && returnTo?.isConnected) returnTo.focus();
    };
  }, []);

  return (
    <dialog
      ref={ref}
      aria-label={label}
      aria-describedby={describedBy}
      className={['dialog', className ?? ''].filter(Boolean).join(' ')}
      onClick={(event) => {
        // A click on the backdrop lands on the <dialog> itself, outside its content box.
        if (event.target === ref.current) onCloseRef.current();
      }}
    >
      {children}
    </dialog>
  );
}
