import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CallOutput } from '../../shared/contract';
import { describeArea } from '../../shared/plans/where';
import { useClient } from '../app/client';
import { currentLanguage } from '../app/language';
import { Button } from '../ui/Button';
import { usePracticeTime } from '../ui/format';
import { QueryState } from '../ui/QueryState';
import { BookItemsDialog, type BookTarget } from './BookItemsDialog';
import { useMoney } from './money';

/**
 * Accepted treatment nobody has booked yet, oldest acceptance first: the
 * front desk works down it from the schedule's lists. Its key starts with
 * 'schedule', so schedule changes refresh it too.
 */
export function PlanUnscheduledList() {
  const { t } = useTranslation();
  const client = useClient();
  const language = currentLanguage();
  const time = usePracticeTime();
  const list = useQuery({ queryKey: ['schedule', 'lists', 'plans-unscheduled'], queryFn: () => client['plans.unscheduled']({ limit: 200, offset: 0 }) });
  const [booking, setBooking] = useState<BookTarget | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  return (
    <>
      <p role="status" className="plans-notice">
        {notice}
      </p>
      <QueryState query={list}>
        {(data) =>
          data.lines.length === 0 ? (
            <p className="sl-empty">{t('plans.unscheduled.empty')}</p>
          ) : (
            <div className="table-wrap">
              <table className="table table-dense">
                <caption className="sr-only">{t('plans.unscheduled.title')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('scheduleLists.columns.patient')}</th>
                    <th scope="col">{t('plans.columns.procedure')}</th>
                    <th scope="col" className="num">
                      {t('plans.columns.patient')}
                    </th>
                    <th scope="col">
                      <span className="sr-only">{t('plans.columns.actions')}</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {data.lines.map((line) => (
                    <UnscheduledRow
                      key={line.item.id}
                      line={line}
                      where={describeArea(line.item.area, data.numbering, language)}
                      accepted={line.item.acceptedAt ? time.date(line.item.acceptedAt) : ''}
                      onBook={(target) => setBooking(target)}
                    />
                  ))}
                </tbody>
              </table>
              {data.total > data.lines.length ? <p className="sl-meta">{t('plans.unscheduled.more', { count: data.total - data.lines.length })}</p> : null}
            </div>
          )
        }
      </QueryState>
      {booking ? (
        <BookItemsDialog
          target={booking}
          onClose={() => setBooking(null)}
          onBooked={(message) => {
            setBooking(null);
            setNotice(message);
          }}
        />
      ) : null}
    </>
  );
}

type Line = CallOutput<'plans.unscheduled'>['lines'][number];

function UnscheduledRow({ line, where, accepted, onBook }: { line: Line; where: string; accepted: string; onBook: (target: BookTarget) => void }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const money = useMoney(line.currency);
  const item = line.item;
  const procedure = `${item.code} ${where}`;
  return (
    <tr>
      <td>
        <strong>{line.patientName}</strong>
        <div className="sl-meta">{line.planTitle}</div>
      </td>
      <td>
        {item.code} — {item.name[language]} · {where}
        <div className="sl-meta">{t('plans.unscheduled.acceptedOn', { date: accepted })}</div>
      </td>
      <td className="num">{money(item.patientMinor)}</td>
      <td className="num sl-row-actions">
        <Button
          size="sm"
          variant="secondary"
          aria-label={t('plans.unscheduled.bookFor', { procedure, name: line.patientName })}
          onClick={() => onBook({ patient: { id: line.patientId, name: line.patientName }, itemIds: [item.id], summary: procedure })}
        >
          {t('plans.unscheduled.book')}
        </Button>
      </td>
    </tr>
  );
}
