import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useClient } from '../app/client';
import { useAppStatus } from '../app/status';
import { BookingForm } from '../schedule/BookingForm';
import { todayIn } from '../schedule/format';
import { Alert } from '../ui/Alert';
import { Dialog } from '../ui/Dialog';
import { errorMessage } from '../ui/errors';
import { invalidatePlans } from './keys';

export interface BookTarget {
  patient: { id: string; name: string };
  itemIds: string[];
  /** "COR-CER 26, RES-C2 36 OD": what will be linked, said in the dialog. */
  summary: string;
}

/**
 * Books accepted plan items: the schedule's own booking form (next free slot,
 * conflicts, types), and once the appointment exists the items are linked to
 * it (status → scheduled).
 */
export function BookItemsDialog({ target, onClose, onBooked }: { target: BookTarget; onClose: () => void; onBooked: (message: string) => void }) {
  const { t } = useTranslation();
  const client = useClient();
  const queryClient = useQueryClient();
  const timeZone = useAppStatus().practice?.timeZone ?? 'UTC';
  const [today] = useState(() => todayIn(timeZone));
  const [problem, setProblem] = useState<string | null>(null);
  const day = useQuery({ queryKey: ['schedule', 'day', today], queryFn: () => client['schedule.day']({ date: today }) });
  const link = useMutation({
    mutationFn: (appointmentId: string) => client['plans.items.book']({ itemIds: target.itemIds, appointmentId }),
    onSuccess: async () => {
      await invalidatePlans(queryClient, target.patient.id);
      onBooked(t('plans.bookDialog.linked', { count: target.itemIds.length }));
    },
    onError: (error) => setProblem(errorMessage(error)),
  });
  const dayData = day.data;
  return (
    <Dialog label={t('plans.bookDialog.title')} onClose={onClose} className="plan-book-dialog">
      <header className="dialog-header">
        <h2 className="dialog-title">{t('plans.bookDialog.title')}</h2>
      </header>
      <div className="dialog-body stack">
        <p>{t('plans.bookDialog.items', { items: target.summary })}</p>
        {problem ? <Alert tone="error">{problem}</Alert> : null}
        {dayData ? (
          <BookingForm
            draft={{ patient: target.patient, date: today, time: '09:00', operatoryId: dayData.operatories[0]?.id ?? '', providerId: dayData.providers[0]?.id ?? '', findNext: true, n: 1 }}
            day={dayData}
            today={today}
            onCancel={onClose}
            onBooked={(appointments) => {
              const first = appointments[0];
              if (first) link.mutate(first.id);
            }}
          />
        ) : null}
      </div>
    </Dialog>
  );
}
