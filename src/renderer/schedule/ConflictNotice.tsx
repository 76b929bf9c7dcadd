import { useTranslation } from 'react-i18next';
import type { Conflict } from '../../shared/contract/schedule';
import { Button } from '../ui/Button';
import { Icon } from '../ui/Icon';

export interface ConflictReport {
  /** Saved with these conflicts (warn policy), or refused (block policy) naming these kinds. */
  kind: 'saved' | 'blocked';
  conflicts: readonly Pick<Conflict, 'kind' | 'label'>[];
  /** The refusal's own sentence, for a blocked write. */
  message?: string;
  /** Retry through the conflict, where the practice allows it. */
  onOverride?: () => void;
}

/** The translated lines of a list of conflicts, each kind and label once. */
function ConflictLines({ conflicts }: { conflicts: readonly Pick<Conflict, 'kind' | 'label'>[] }) {
  const { t } = useTranslation();
  const unique = conflicts.filter((c, i, all) => all.findIndex((o) => o.kind === c.kind && o.label === c.label) === i);
  return (
    <ul className="sched-conflict-list">
      {unique.map((c, i) => {
        const kind = t(`schedule.conflicts.kinds.${c.kind}`);
        return <li key={i}>{c.label ? t('schedule.conflicts.withLabel', { kind, label: c.label }) : kind}</li>;
      })}
    </ul>
  );
}

/** What the booking being filled in would clash with; the form puts it in its own polite live region. */
export function ConflictPreview({ conflicts }: { conflicts: readonly Pick<Conflict, 'kind' | 'label'>[] }) {
  const { t } = useTranslation();
  return (
    <div className="sched-conflicts sched-conflicts-preview">
      <Icon name="alert" size={18} className="alert-icon" />
      <div className="alert-body">
        <p className="alert-title">{t('schedule.conflicts.whileBooking')}</p>
        <ConflictLines conflicts={conflicts} />
      </div>
    </div>
  );
}

/** Conflicts returned by a booking or a move, translated, announced at once (role=alert). */
export function ConflictNotice({ report, onDismiss }: { report: ConflictReport; onDismiss: () => void }) {
  const { t } = useTranslation();
  return (
    <div role="alert" className={report.kind === 'blocked' ? 'sched-conflicts sched-conflicts-blocked' : 'sched-conflicts'}>
      <Icon name="alert" size={18} className="alert-icon" />
      <div className="alert-body">
        <p className="alert-title">{report.kind === 'blocked' ? t('schedule.conflicts.blockedTitle') : t('schedule.conflicts.savedWithConflicts')}</p>
        {report.message ? <p>{report.message}</p> : null}
        <ConflictLines conflicts={report.conflicts} />
        <div className="sched-conflict-actions">
          {report.onOverride ? (
            <Button size="sm" variant="danger" onClick={report.onOverride}>
              {t('schedule.booking.override')}
            </Button>
          ) : null}
          <Button size="sm" variant="ghost" onClick={onDismiss}>
            {t('schedule.conflicts.dismiss')}
          </Button>
        </div>
      </div>
    </div>
  );
}
