import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useClient } from '../app/client';
import { currentLanguage } from '../app/language';
import { legalName } from '../patients/names';
import type { PatientTabProps } from '../patients/tabs/types';
import { Alert } from '../ui/Alert';
import { Button } from '../ui/Button';
import { Loading } from '../ui/QueryState';
import { errorMessage } from '../ui/errors';
import { useScheduleBridge } from './bridge';
import { whenLabel } from './format';
import { scheduleKeys } from './keys';

/** The patient's upcoming appointments (and how many were kept, cancelled or missed), with "Book appointment". */
export function PatientAppointmentsTab({ patient, permissions }: PatientTabProps) {
  const { t } = useTranslation();
  const client = useClient();
  const bridge = useScheduleBridge();
  const language = currentLanguage();
  const list = useQuery({ queryKey: scheduleKeys.patient(patient.id), queryFn: () => client['schedule.patientAppointments']({ patientId: patient.id, limit: 50 }) });
  const canBook = permissions.includes('schedule.write') && bridge !== null;
  return (
    <div className="sched-patient-tab">
      {canBook ? (
        <Button variant="primary" size="sm" icon="calendar" aria-keyshortcuts="Alt+B" onClick={() => bridge.bookFor({ id: patient.id, name: legalName(patient) })}>
          {t('schedule.patientTab.book')}
        </Button>
      ) : null}
      {list.isPending ? (
        <Loading />
      ) : list.error ? (
        <Alert tone="error">{errorMessage(list.error)}</Alert>
      ) : (
        <>
          <h4 className="section-title">{t('schedule.patientTab.upcoming')}</h4>
          {list.data.upcoming.length === 0 ? (
            <p className="muted">{t('schedule.patientTab.none')}</p>
          ) : (
            <ul className="sched-patient-list">
              {list.data.upcoming.map((a) => (
                <li key={a.id} className="sched-pin" style={{ borderLeftColor: a.colour }}>
                  <span>
                    <strong>{whenLabel(a.startLocal, language)}</strong> · {a.typeName ?? t('schedule.card.noType')} ·{' '}
                    <span className={`appt-badge appt-badge-${a.status}`}>{t(`schedule.statuses.${a.status}`)}</span>
                  </span>
                  {bridge ? (
                    <Button size="sm" variant="ghost" onClick={() => bridge.showAppointment(a)}>
                      {t('schedule.patientTab.show')}
                    </Button>
                  ) : null}
                </li>
              ))}
            </ul>
          )}
          <p className="muted">{[
              t('schedule.patientTab.counts.completed', { count: list.data.counts.completed }),
              t('schedule.patientTab.counts.cancelled', { count: list.data.counts.cancelled }),
              t('schedule.patientTab.counts.noShow', { count: list.data.counts.noShow }),
            ].join(' · ')}</p>
        </>
      )}
    </div>
  );
}
