import { useState } from 'react';
import type { RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import type { Appointment, DayView } from '../../shared/contract/schedule';
import { allowedNextStatuses, CANCEL_REASONS } from '../../shared/schedule/status';
import type { AppointmentStatus, CancelReason } from '../../shared/schedule/status';
import { AlertBadges } from '../patients/AlertBadges';
import { Button } from '../ui/Button';
import { currentLanguage } from '../app/language';
import { whenLabel } from './format';
import { FinishedVisitOffer } from '../plans/FinishedVisitOffer';

interface Props {
  appointment: Appointment;
  day: DayView | undefined;
  busy: boolean;
  cancelling: boolean;
  onCancelling: (on: boolean) => void;
  onStatus: (status: AppointmentStatus, reason?: CancelReason) => void;
  onPinboard: () => void;
  onOpenPatient: () => void;
  onClose: () => void;
  firstRef: RefObject<HTMLDivElement | null>;
}

const STEPS: { status: AppointmentStatus; label: 'confirm' | 'arrive' | 'seat' | 'complete' | 'noShow'; key: string }[] = [
  { status: 'confirmed', label: 'confirm', key: 'C' },
  { status: 'arrived', label: 'arrive', key: 'A' },
  { status: 'seated', label: 'seat', key: 'S' },
  { status: 'completed', label: 'complete', key: 'F' },
  { status: 'no_show', label: 'noShow', key: 'N' },
];

/** The selected appointment: who, when, its status, and the status workflow's next steps (the letter keys do the same from the grid). */
export function AppointmentActions({ appointment: a, day, busy, cancelling, onCancelling, onStatus, onPinboard, onOpenPatient, onClose, firstRef }: Props) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const [reason, setReason] = useState<CancelReason>('patient_request');
  const next = allowedNextStatuses(a.status);
  const chair = day?.operatories.find((o) => o.id === a.operatoryId)?.name ?? '';
  const provider = day?.providers.find((p) => p.id === a.providerId)?.displayName ?? '';
  return (
    <section className="sched-side-section" aria-label={t('schedule.actions.title')}>
      <h3 className="sched-side-title">{a.patientName}</h3>
      <dl className="facts sched-facts">
        <dt>{t('schedule.actions.when')}</dt>
        <dd>
          {whenLabel(a.startLocal, language)}–{a.endLocal.slice(11, 16)} ({a.durationMin} min) · {a.typeName ?? t('schedule.card.noType')}
        </dd>
        <dt>{t('schedule.actions.chair')}</dt>
        <dd>
          {chair} · {provider}
        </dd>
        <dt>{t('schedule.actions.status')}</dt>
        <dd>
          <span className={`appt-badge appt-badge-${a.status}`} data-testid="appointment-status">
            {t(`schedule.statuses.${a.status}`)}
          </span>{' '}
          <span className="muted">{t(`schedule.confirmation.${a.confirmation}`)}</span>
        </dd>
      </dl>
      <AlertBadges alerts={a.patientAlerts} compact />
      <FinishedVisitOffer appointmentId={a.id} status={a.status} />
      <div ref={firstRef} className="sched-actions" tabIndex={-1}>
        {STEPS.filter((s) => next.includes(s.status)).map((s) => (
          <Button key={s.status} size="sm" variant={s.status === 'no_show' ? 'secondary' : 'primary'} busy={busy} aria-keyshortcuts={s.key} onClick={() => onStatus(s.status)}>
            {t(`schedule.actions.${s.label}`)} <kbd className="kbd">{s.key}</kbd>
          </Button>
        ))}
        {next.includes('cancelled') ? (
          <Button size="sm" variant="danger" aria-keyshortcuts="X" onClick={() => onCancelling(true)}>
            {t('schedule.actions.cancel')} <kbd className="kbd">X</kbd>
          </Button>
        ) : null}
        {next.length > 0 ? (
          <Button size="sm" aria-keyshortcuts="P" onClick={onPinboard}>
            {t('schedule.actions.pinboard')} <kbd className="kbd">P</kbd>
          </Button>
        ) : null}
        <Button size="sm" variant="ghost" icon="person" onClick={onOpenPatient}>
          {t('schedule.actions.openPatient')}
        </Button>
        <Button size="sm" variant="ghost" onClick={onClose}>
          {t('schedule.actions.close')}
        </Button>
      </div>
      {cancelling ? (
        <div className="sched-cancel">
          <label className="field">
            <span className="field-label">{t('schedule.actions.reason')}</span>
            <select
              className="input"
              autoFocus
              value={reason}
              onChange={(e) => setReason(e.target.value as CancelReason)}
              onKeyDown={(e) => {
                if (e.key === 'Enter') {
                  e.preventDefault();
                  onStatus('cancelled', reason);
                }
              }}
            >
              {CANCEL_REASONS.map((r) => (
                <option key={r} value={r}>
                  {t(`schedule.cancelReasons.${r}`)}
                </option>
              ))}
            </select>
          </label>
          <Button size="sm" variant="danger" busy={busy} onClick={() => onStatus('cancelled', reason)}>
            {t('schedule.actions.confirmCancel')}
          </Button>
          <Button size="sm" variant="ghost" onClick={() => onCancelling(false)}>
            {t('schedule.actions.keep')}
          </Button>
        </div>
      ) : null}
    </section>
  );
}
