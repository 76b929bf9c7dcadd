import { useEffect, useId, useRef } from 'react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from './Button';
import { Dialog } from './Dialog';
import { Icon } from './Icon';

interface ConfirmDialogProps {
  /** The question, also the dialog's accessible name: "¿Firmar la nota clínica?". */
  title: string;
  /** What happens, said plainly (it cannot be undone, what remains possible). */
  children: ReactNode;
  /** Something to weigh before confirming, announced at once. */
  warning?: ReactNode;
  confirmLabel: string;
  onConfirm: () => void;
  onCancel: () => void;
}

/**
 * Asks before an action that cannot be taken back. Focus starts on Cancel, so
 * an Enter pressed out of habit changes nothing; Escape, the backdrop and
 * Cancel all leave things as they were, and focus returns to what opened it.
 */
export function ConfirmDialog({ title, children, warning, confirmLabel, onConfirm, onCancel }: ConfirmDialogProps) {
  const { t } = useTranslation();
  const id = useId();
  const actions = useRef<HTMLDivElement>(null);
  // After the dialog's own layout effect has opened it (showModal moves focus on its own).
  useEffect(() => actions.current?.querySelector<HTMLButtonElement>('button')?.focus(), []);
  return (
    <Dialog label={title} describedBy={`${id}-text`} onClose={onCancel} className="confirm-dialog">
      <header className="dialog-header">
        <h2 className="dialog-title">{title}</h2>
      </header>
      <div className="dialog-body">
        <div id={`${id}-text`} className="confirm-text">
          {children}
        </div>
        {warning ? (
          <div role="alert" className="alert alert-warning">
            <Icon name="alert" size={18} className="alert-icon" />
            <div className="alert-body">{warning}</div>
          </div>
        ) : null}
        <div ref={actions} className="confirm-actions">
          <Button onClick={onCancel}>
            {t('common.cancel')}
          </Button>
          <Button variant="primary" onClick={onConfirm}>
            {confirmLabel}
          </Button>
        </div>
      </div>
    </Dialog>
  );
}
