import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useClient } from '../app/client';
import { saveMade } from '../reports/report-common';
import { Alert } from '../ui/Alert';
import { Button } from '../ui/Button';
import { Section } from '../ui/PanelFrame';
import { QueryState } from '../ui/QueryState';
import { errorMessage } from '../ui/errors';
import { StatementTable } from './StatementTable';

export const STATEMENTS_KEY = ['statements'] as const;

/** Issues one account holder's statement now, archives it and saves the PDF. */
export function IssueStatementButton({ guarantorId, name }: { guarantorId: string; name: string }) {
  const { t } = useTranslation();
  const client = useClient();
  const queryClient = useQueryClient();
  const issue = useMutation({
    mutationFn: async () => {
      const made = await client['statements.issue']({ guarantorId });
      await saveMade(made.file);
      return made;
    },
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: STATEMENTS_KEY }),
  });
  return (
    <>
      <Button size="sm" busy={issue.isPending} aria-label={t('reports.aging.issueLabel', { name })} onClick={() => issue.mutate()}>
        {t('reports.aging.issue')}
      </Button>
      {issue.isSuccess ? <span role="status" className="sr-only">{t('statements.one.issued')}</span> : null}
      {issue.isError ? <Alert tone="error">{errorMessage(issue.error)}</Alert> : null}
    </>
  );
}

/** One account holder's archived statements, each reopened exactly as sent (for the account tab too). */
export function GuarantorStatements({ guarantorId, name }: { guarantorId: string; name: string }) {
  const { t } = useTranslation();
  const client = useClient();
  const query = useQuery({ queryKey: [...STATEMENTS_KEY, 'guarantor', guarantorId], queryFn: () => client['statements.list']({ guarantorId }) });
  return (
    <Section title={`${t('statements.archive.list')} · ${name}`}>
      <QueryState query={query}>{(rows) => <StatementTable rows={rows} showHolder={false} />}</QueryState>
    </Section>
  );
}
