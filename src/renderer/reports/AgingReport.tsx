import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AGING_BUCKETS } from '../../shared/statements/aging';
import { useClient } from '../app/client';
import { GuarantorStatements, IssueStatementButton } from '../statements/GuarantorStatements';
import { QueryState } from '../ui/QueryState';
import { usePracticeMoney, usePracticeTime } from '../ui/format';
import { ExportButtons, usePermission } from './report-common';

/** The practice's aging: every account with a balance, by bucket, oldest debt first; a statement from each row. */
export function AgingReport() {
  const { t } = useTranslation();
  const client = useClient();
  const money = usePracticeMoney();
  const time = usePracticeTime();
  const canIssue = usePermission('billing.write');
  const canRead = usePermission('billing.read');
  const [open, setOpen] = useState<{ id: string; name: string } | null>(null);
  const query = useQuery({ queryKey: ['reports.aging'], queryFn: () => client['reports.aging']({}) });
  return (
    <div className="report-stack">
      <QueryState query={query}>
        {(aging) => (
          <>
            <p className="muted">{t('reports.aging.asOf', { date: time.day(aging.asOf) })}</p>
            <ExportButtons request={{ kind: 'aging' }} />
            <div className="table-wrap">
              <table className="table table-dense">
                <caption className="table-caption">{t('reports.aging.byAccount')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('reports.columns.guarantor')}</th>
                    {AGING_BUCKETS.map((b) => (
                      <th key={b} scope="col" className="num">
                        {t(`reports.buckets.${b}`)}
                      </th>
                    ))}
                    <th scope="col" className="num">{t('reports.columns.balance')}</th>
                    {canRead ? <th scope="col"><span className="sr-only">{t('reports.aging.history')}</span></th> : null}
                  </tr>
                </thead>
                <tbody>
                  {aging.rows.length === 0 ? (
                    <tr>
                      <td colSpan={7} className="muted">{t('reports.empty')}</td>
                    </tr>
                  ) : null}
                  {aging.rows.map((r) => (
                    <tr key={r.guarantorId}>
                      <th scope="row">{r.name}</th>
                      {AGING_BUCKETS.map((b) => (
                        <td key={b} className={b === 'over90' && r.over90 > 0 ? 'num aging-late' : 'num'}>
                          {money.format(r[b])}
                        </td>
                      ))}
                      <td className="num"><strong>{money.format(r.balance)}</strong></td>
                      {canRead ? (
                        <td className="row-actions">
                          {canIssue ? <IssueStatementButton guarantorId={r.guarantorId} name={r.name} /> : null}
                          <button type="button" className="link-button" aria-label={t('reports.aging.historyLabel', { name: r.name })} onClick={() => setOpen({ id: r.guarantorId, name: r.name })}>
                            {t('reports.aging.history')}
                          </button>
                        </td>
                      ) : null}
                    </tr>
                  ))}
                </tbody>
                <tfoot>
                  <tr>
                    <th scope="row">{t('reports.total')}</th>
                    {AGING_BUCKETS.map((b) => (
                      <td key={b} className="num">{money.format(aging.totals[b])}</td>
                    ))}
                    <td className="num"><strong>{money.format(aging.totals.balance)}</strong></td>
                    {canRead ? <td /> : null}
                  </tr>
                </tfoot>
              </table>
            </div>
            {open ? <GuarantorStatements guarantorId={open.id} name={open.name} /> : null}
          </>
        )}
      </QueryState>
    </div>
  );
}
