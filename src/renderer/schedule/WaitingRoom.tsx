import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppointmentStatus } from '../../shared/schedule/status';
import { useClient } from '../app/client';
import { Alert } from '../ui/Alert';
import { Button } from '../ui/Button';
import { Loading } from '../ui/QueryState';
import { errorMessage } from '../ui/errors';
import { SCHEDULE_KEY, scheduleKeys } from './keys';

/** Minutes since an instant, ticking every 15 s. */
function useNow(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), 15_000);
    return () => window.clearInterval(timer);
  }, []);
  return now;
}

/** Who is in the building: arrived (waiting, with the minutes ticking) and seated, with one-key steps. */
export function WaitingRoom({ onShow }: { onShow: (appointment: { id: string; startLocal: string }) => void }) {
  const { t } = useTranslation();
  const client = useClient();
  const queryClient = useQueryClient();
  const now = useNow();
  const list = useQuery({ queryKey: scheduleKeys.waitingRoom(), queryFn: () => client['schedule.waitingRoom']({}), refetchInterval: 60_000 });
  const step = useMutation({
    mutationFn: (input: { id: string; status: AppointmentStatus }) => client['schedule.setStatus']({ id: input.id, status: input.status, reason: null, note: '' }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: SCHEDULE_KEY }),
  });
  if (list.isPending) return <Loading />;
  if (list.error) return <Alert tone="error">{errorMessage(list.error)}</Alert>;
  const rows = list.data;
  return (
    <div className="sched-waiting">
      {step.error ? <Alert tone="error">{errorMessage(step.error)}</Alert> : null}
      {rows.length === 0 ? (
        <p className="muted sched-empty">{t('schedule.waiting.empty')}</p>
      ) : (
        <table className="table sched-waiting-table" aria-label={t('schedule.waiting.title')}>
          <thead>
            <tr>
              <th scope="col">{t('schedule.waiting.patient')}</th>
              <th scope="col">{t('schedule.waiting.appointment')}</th>
              <th scope="col">{t('schedule.waiting.chair')}</th>
              <th scope="col">{t('schedule.waiting.status')}</th>
              <th scope="col">{t('schedule.waiting.waiting')}</th>
              <th scope="col">
                <span className="sr-only">{t('schedule.actions.title')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => {
              const a = row.appointment;
              const waitingSince = row.arrivedAt ? Date.parse(row.arrivedAt) : null;
              const minutes =
                a.status === 'arrived' && waitingSince !== null ? Math.max(0, Math.floor((now - waitingSince) / 60_000)) : row.minutesWaiting;
              return (
                <tr key={a.id} className={a.status === 'seated' ? 'sched-waiting-seated' : undefined}>
                  <th scope="row">
                    <button type="button" className="link-button" onClick={() => onShow(a)}>
                      {a.patientName}
                    </button>
                  </th>
                  <td>
                    {a.startLocal.slice(11, 16)} · {a.typeName ?? t('schedule.card.noType')} · {row.providerName}
                  </td>
                  <td>{row.operatoryName}</td>
                  <td>
                    <span className={`appt-badge appt-badge-${a.status}`}>{t(`schedule.statuses.${a.status}`)}</span>
                  </td>
                  <td className={a.status === 'arrived' && minutes >= 15 ? 'sched-waiting-long' : undefined}>
                    {t('schedule.waiting.minutes', { count: minutes })}
                    {row.late ? <span className="muted"> · {t('schedule.waiting.late')}</span> : null}
                  </td>
                  <td className="sched-waiting-actions">
                    {a.status === 'arrived' ? (
                      <Button size="sm" variant="primary" busy={step.isPending} onClick={() => step.mutate({ id: a.id, status: 'seated' })}>
                        {t('schedule.waiting.seat')}
                      </Button>
                    ) : null}
                    <Button size="sm" busy={step.isPending} onClick={() => step.mutate({ id: a.id, status: 'completed' })}>
                      {t('schedule.waiting.complete')}
                    </Button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </div>
  );
}
