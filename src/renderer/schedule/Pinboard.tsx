import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Appointment, Operatory } from '../../shared/contract/schedule';
import { useClient } from '../app/client';
import { Button } from '../ui/Button';
import { hhmm } from './format';
import { scheduleKeys } from './keys';
import type { Slot } from './SchedulePanel';

/** Appointments taken off the grid (P or Delete), to place again at the cursor's slot. */
export function Pinboard({
  slot,
  chairs,
  canWrite,
  busy,
  onPlace,
}: {
  slot: Slot | null;
  chairs: readonly Operatory[];
  canWrite: boolean;
  busy: boolean;
  onPlace: (appointment: Appointment, slot: Slot) => void;
}) {
  const { t } = useTranslation();
  const client = useClient();
  const list = useQuery({ queryKey: scheduleKeys.pinboard(), queryFn: () => client['schedule.pinboard']({}) });
  const items = list.data ?? [];
  const chair = slot?.operatoryId ? (chairs.find((c) => c.id === slot.operatoryId)?.name ?? '') : '';
  return (
    <section className="sched-pinboard" aria-label={t('schedule.pinboard.title')}>
      <h3 className="sched-side-title">
        {t('schedule.pinboard.title')} <span className="badge">{items.length}</span>
      </h3>
      {items.length === 0 ? (
        <p className="muted">{t('schedule.pinboard.empty')}</p>
      ) : (
        <>
          <p className="muted">{t('schedule.pinboard.hint')}</p>
          <ul className="sched-pin-list">
            {items.map((a) => (
              <li key={a.id} className="sched-pin" style={{ borderLeftColor: a.colour }}>
                <span>
                  <strong>{a.patientName}</strong> · {a.typeName ?? t('schedule.card.noType')} · {a.durationMin} min
                </span>
                {canWrite && slot ? (
                  <Button size="sm" busy={busy} onClick={() => onPlace(a, slot)}>
                    {t('schedule.pinboard.place', { chair: chair || '—', time: hhmm(slot.minute) })}
                  </Button>
                ) : null}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
