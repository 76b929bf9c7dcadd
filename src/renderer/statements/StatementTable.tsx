import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { StatementSummary } from '../../shared/contract/statements';
import { useClient } from '../app/client';
import { saveMade } from '../reports/report-common';
import { Alert } from '../ui/Alert';
import { errorMessage } from '../ui/errors';
import { usePracticeMoney, usePracticeTime } from '../ui/format';

/** Archived statements; "Open" saves the archived PDF, byte for byte. */
export function StatementTable({ rows, showHolder = true }: { rows: readonly StatementSummary[]; showHolder?: boolean }) {
  const { t } = useTranslation();
  const client = useClient();
  const money = usePracticeMoney();
  const time = usePracticeTime();
  const open = useMutation({
    mutationFn: async (statementId: string) => saveMade((await client['statements.open']({ statementId })).file),
  });
  if (rows.length === 0) return <p className="muted">{t('statements.archive.none')}</p>;
  return (
    <>
      <div className="table-wrap">
        <table className="table table-dense">
          <caption className="sr-only">{t('statements.archive.list')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('statements.archive.columns.issued')}</th>
              {showHolder ? <th scope="col">{t('statements.archive.columns.guarantor')}</th> : null}
              <th scope="col" className="num">{t('statements.archive.columns.balance')}</th>
              <th scope="col">{t('statements.archive.columns.by')}</th>
              <th scope="col">{t('statements.archive.columns.language')}</th>
              <th scope="col"><span className="sr-only">{t('statements.archive.open')}</span></th>
            </tr>
          </thead>
          <tbody>
            {rows.map((s) => (
              <tr key={s.id}>
                <td>{time.dateTime(s.issuedAt)}</td>
                {showHolder ? <th scope="row">{s.guarantorName}</th> : null}
                <td className="num">{money.format(s.balanceMinor, s.currency)}</td>
                <td>{s.issuedBy ?? ''}</td>
                <td>{t(`languages.${s.language}`, { defaultValue: s.language })}</td>
                <td>
                  <button type="button" className="link-button" aria-label={t('statements.archive.openLabel', { name: s.guarantorName, date: time.dateTime(s.issuedAt) })} onClick={() => open.mutate(s.id)}>
                    {t('statements.archive.open')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {open.isSuccess ? <p role="status" className="muted">{t('statements.archive.saved', { name: open.data.path ?? open.data.fileName })}</p> : null}
      {open.isError ? <Alert tone="error">{errorMessage(open.error)}</Alert> : null}
    </>
  );
}
