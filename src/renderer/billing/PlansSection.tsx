import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { AccountOut } from '../../shared/contract/billing';
import { useClient } from '../app/client';
import { Button } from '../ui/Button';
import { Section } from '../ui/PanelFrame';
import { usePracticeMoney, usePracticeTime } from '../ui/format';

/** The account's payment plans: each instalment, what has been paid towards it, and which are overdue. */
export function PlansSection({ account, canCancel, onChanged }: { account: AccountOut; canCancel: boolean; onChanged: () => void }) {
  const { t } = useTranslation();
  const money = usePracticeMoney();
  const time = usePracticeTime();
  const client = useClient();
  const cancel = useMutation({ mutationFn: (planId: string) => client['billing.plan.cancel']({ planId }), onSuccess: onChanged });
  if (account.plans.length === 0) return null;
  return (
    <Section title={t('billing.plans.title')}>
      {account.plans.map((plan) => (
        <div key={plan.id} className="plan-card">
          <p>
            <strong>{t('billing.plans.summary', { total: money.format(plan.totalMinor), count: plan.instalments.length, paid: money.format(plan.paidMinor) })}</strong>
            {plan.status === 'cancelled' ? <span className="badge">{t('billing.plans.cancelled')}</span> : null}
            {plan.overdueMinor > 0 ? <span className="badge badge-warning">{t('billing.plans.overdue', { amount: money.format(plan.overdueMinor) })}</span> : null}
          </p>
          {plan.note ? <p className="muted">{plan.note}</p> : null}
          <table className="table account-table" aria-label={t('billing.plans.tableLabel')}>
            <thead>
              <tr>
                <th scope="col">{t('billing.plans.seq')}</th>
                <th scope="col">{t('billing.plans.due')}</th>
                <th scope="col" className="num">
                  {t('billing.plans.amount')}
                </th>
                <th scope="col" className="num">
                  {t('billing.plans.paid')}
                </th>
                <th scope="col">{t('billing.plans.status')}</th>
              </tr>
            </thead>
            <tbody>
              {plan.instalments.map((i) => (
                <tr key={i.seq}>
                  <td>{i.seq}</td>
                  <td>{time.day(i.dueDate)}</td>
                  <td className="num">{money.format(i.amountMinor)}</td>
                  <td className="num">{money.format(i.paidMinor)}</td>
                  <td className={`instalment-status-${i.status}`}>{t(`billing.plans.statuses.${i.status}`)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {canCancel && plan.status === 'active' ? (
            <Button size="sm" variant="ghost" busy={cancel.isPending} onClick={() => cancel.mutate(plan.id)}>
              {t('billing.plans.cancel')}
            </Button>
          ) : null}
        </div>
      ))}
    </Section>
  );
}
