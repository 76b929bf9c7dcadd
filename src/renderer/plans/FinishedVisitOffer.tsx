import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useClient } from '../app/client';
import { currentLanguage } from '../app/language';
import { useAppStatus } from '../app/status';
import { Button } from '../ui/Button';
import { ErrorNotice } from '../ui/QueryState';
import { invalidatePlans } from './keys';

/**
 * Shown on a finished appointment that had plan items booked into it: offers
 * to mark them completed (through the chart, so the chart shows them done).
 * Only for roles that write clinical records; nothing when none were booked.
 */
export function FinishedVisitOffer({ appointmentId, status }: { appointmentId: string; status: string }) {
  const { t } = useTranslation();
  const client = useClient();
  const queryClient = useQueryClient();
  const language = currentLanguage();
  const permissions = useAppStatus().session?.permissions ?? [];
  const [skipped, setSkipped] = useState(false);
  const canComplete = permissions.includes('clinical.write');
  const booked = useQuery({
    queryKey: ['plans', 'appointment', appointmentId],
    queryFn: () => client['plans.forAppointment']({ appointmentId }),
    enabled: status === 'completed' && canComplete,
  });
  const complete = useMutation({
    mutationFn: (itemIds: string[]) => client['plans.items.complete']({ itemIds }),
    onSuccess: () => invalidatePlans(queryClient, booked.data?.patientId ?? undefined),
  });
  const items = booked.data?.items ?? [];
  if (status !== 'completed' || !canComplete || skipped) return null;
  if (complete.isSuccess) return <p role="status">{t('plans.completed', { count: complete.data.completed })}</p>;
  if (items.length === 0) return null;
  return (
    <section className="plan-finish-offer" aria-labelledby={`finish-${appointmentId}`}>
      <h4 id={`finish-${appointmentId}`}>{t('plans.finishOffer.title')}</h4>
      <p>{t('plans.finishOffer.text')}</p>
      <ul>
        {items.map((i) => (
          <li key={i.id}>
            {i.code} — {i.name[language]}
          </li>
        ))}
      </ul>
      {complete.isError ? <ErrorNotice error={complete.error} /> : null}
      <Button size="sm" variant="primary" busy={complete.isPending} onClick={() => complete.mutate(items.map((i) => i.id))}>
        {t('plans.finishOffer.complete')}
      </Button>{' '}
      <Button size="sm" variant="ghost" onClick={() => setSkipped(true)}>
        {t('plans.finishOffer.skip')}
      </Button>
    </section>
  );
}
