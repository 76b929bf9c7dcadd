import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useClient } from '../app/client';
import { QueryState } from '../ui/QueryState';
import { usePracticeMoney } from '../ui/format';
import { ExportButtons } from './report-common';

/** Treatment plans with procedures still to do (once the plans exist in this database). */
export function PlansReport() {
  const { t } = useTranslation();
  const client = useClient();
  const money = usePracticeMoney();
  const query = useQuery({ queryKey: ['reports.treatmentPlans'], queryFn: () => client['reports.treatmentPlans']({}) });
  return (
    <div className="report-stack">
      <QueryState query={query}>
        {(report) => (
          <>
            <ExportButtons request={{ kind: 'treatmentPlans' }} />
            <div className="table-wrap">
              <table className="table table-dense">
                <caption className="table-caption">{t('reports.plans.outstanding')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('reports.columns.patient')}</th>
                    <th scope="col">{t('reports.columns.status')}</th>
                    <th scope="col" className="num">{t('reports.columns.items')}</th>
                    <th scope="col" className="num">{t('reports.columns.amount')}</th>
                  </tr>
                </thead>
                <tbody>
                  {report.rows.length === 0 ? (
                    <tr>
                      <td colSpan={4} className="muted">{t('reports.empty')}</td>
                    </tr>
                  ) : null}
                  {report.rows.map((r) => (
                    <tr key={r.planId}>
                      <th scope="row">{r.name}</th>
                      <td>{t(`plans.status.${r.status === 'accepted' ? 'accepted' : 'planned'}`)}</td>
                      <td className="num">{r.items}</td>
                      <td className="num">{money.format(r.amountMinor)}</td>
                    </tr>
                  ))}
                </tbody>
                <tfoot>
                  <tr>
                    <th scope="row">{t('reports.total')}</th>
                    <td />
                    <td />
                    <td className="num">{money.format(report.totalMinor)}</td>
                  </tr>
                </tfoot>
              </table>
            </div>
          </>
        )}
      </QueryState>
    </div>
  );
}
