import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { CallOutput } from '../../shared/contract';
import { useClient } from '../app/client';
import { Button } from '../ui/Button';
import { QueryState } from '../ui/QueryState';
import { LISTS_KEY, shortDate, timeOf, useLanguage } from './shared';

export type UnscheduledItem = CallOutput<'schedule.unscheduled'>['items'][number];

/** Cancelled and missed appointments still to rebook. */
export function UnscheduledList({ onRebook }: { onRebook: (item: UnscheduledItem) => void }) {
  const { t } = useTranslation();
  const client = useClient();
  const queryClient = useQueryClient();
  const language = useLanguage();
  const list = useQuery({ queryKey: [...LISTS_KEY, 'unscheduled'], queryFn: () => client['schedule.unscheduled']({ limit: 200, offset: 0 }) });
  const dismiss = useMutation({
    mutationFn: (id: string) => client['schedule.unscheduled.dismiss']({ id }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['schedule'] }),
  });

  return (
    <QueryState query={list}>
      {(data) =>
        data.items.length === 0 ? (
          <p className="sl-empty">{t('scheduleLists.unscheduled.empty')}</p>
        ) : (
          <div className="table-wrap">
            <table className="table table-dense">
              <caption className="sr-only">{t('scheduleLists.unscheduled.title')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('scheduleLists.columns.patient')}</th>
                  <th scope="col">{t('scheduleLists.columns.was')}</th>
                  <th scope="col">{t('scheduleLists.columns.status')}</th>
                  <th scope="col">
                    <span className="sr-only">{t('scheduleLists.columns.actions')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {data.items.map((item) => {
                  const a = item.appointment;
                  return (
                    <tr key={a.id}>
                      <td>
                        <strong>{a.patientName}</strong>
                        {item.phone ? <div className="sl-meta">{item.phone}</div> : null}
                      </td>
                      <td>
                        {shortDate(a.startLocal.slice(0, 10), language)} {timeOf(a.startLocal)}
                        <div className="sl-meta">{[a.typeName, item.providerName, item.operatoryName].filter(Boolean).join(' · ')}</div>
                      </td>
                      <td>
                        {t(`scheduleLists.statuses.${a.status}`, { defaultValue: a.status })}
                        {item.reason ? <div className="sl-meta">{t(`scheduleLists.cancelReasons.${item.reason}`, { defaultValue: item.reason })}</div> : null}
                      </td>
                      <td className="num sl-row-actions">
                        <Button size="sm" variant="secondary" onClick={() => onRebook(item)} aria-label={t('scheduleLists.unscheduled.rebookFor', { name: a.patientName })}>
                          {t('scheduleLists.unscheduled.rebook')}
                        </Button>
                        <Button size="sm" variant="ghost" busy={dismiss.isPending && dismiss.variables === a.id} onClick={() => dismiss.mutate(a.id)} aria-label={t('scheduleLists.unscheduled.dismissFor', { name: a.patientName })}>
                          {t('scheduleLists.unscheduled.dismiss')}
                        </Button>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
            {data.total > data.items.length ? <p className="sl-meta">{t('scheduleLists.unscheduled.more', { count: data.total - data.items.length })}</p> : null}
          </div>
        )
      }
    </QueryState>
  );
}
