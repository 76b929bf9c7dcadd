import { useInfiniteQuery, useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { AuditEntry } from '../../shared/contract/audit';
import { labelOr } from '../app/i18n';
import { useClient } from '../app/client';
import { useAppStatus } from '../app/status';
import { Alert } from '../ui/Alert';
import { Button } from '../ui/Button';
import { errorMessage } from '../ui/errors';
import { useInstantParts } from '../ui/format';
import { PanelFrame } from '../ui/PanelFrame';
import { ErrorNotice, Loading } from '../ui/QueryState';
import { AUDIT_KEY } from './keys';

const PAGE = 50;

const shortId = (id: string) => (id.length > 8 ? `${id.slice(0, 8)}…` : id);

/** A translated name with the raw code beside it, which is what an auditor searches for. */
function Coded({ label, code }: { label: string; code: string }) {
  return (
    <>
      {label}
      {label !== code ? <span className="code-hint">{code}</span> : null}
    </>
  );
}

export function AuditLogPanel() {
  const { t } = useTranslation();
  const client = useClient();
  const status = useAppStatus();
  // Seconds too: an auditor lines entries up with other logs.
  const formatAt = useInstantParts(true);

  const whenOf = (iso: string) => {
    const { date, time } = formatAt(iso);
    return `${date} ${time}`;
  };

  const entries = useInfiniteQuery({
    queryKey: AUDIT_KEY,
    queryFn: ({ pageParam }) => client['audit.list']({ limit: PAGE, beforeSeq: pageParam }),
    initialPageParam: undefined as number | undefined,
    // A short page is the last one; otherwise continue below the oldest seq seen.
    getNextPageParam: (last) => (last.length < PAGE ? undefined : Math.min(...last.map((e) => e.seq))),
  });

  const verify = useMutation({ mutationFn: () => client['audit.verify']({}) });

  const workstationLabel = (id: string) =>
    id === status.workstation.id ? t('audit.thisWorkstation', { name: status.workstation.name }) : shortId(id);

  const actions = (
    <Button icon="shield" onClick={() => verify.mutate()} busy={verify.isPending} disabled={entries.isError}>
      {t('audit.verify')}
    </Button>
  );

  return (
    <PanelFrame title={t('panels.audit.title')} icon="audit" description={t('panels.audit.description')} actions={entries.isError ? undefined : actions}>
      {verify.data ? (
        verify.data.intact ? (
          <Alert tone="success" title={t('audit.intact')}>
            {t('audit.intactDetail', { count: verify.data.checked })}
          </Alert>
        ) : (
          <Alert tone="error" title={t('audit.broken', { seq: verify.data.brokenAt?.seq ?? '?' })}>
            {verify.data.brokenAt
              ? t('audit.brokenDetail', {
                  workstation: workstationLabel(verify.data.brokenAt.workstationId),
                  problem: t(`audit.problem.${verify.data.brokenAt.kind}`, { seq: verify.data.brokenAt.seq }),
                  lastGood: verify.data.brokenAt.lastGood
                    ? t('audit.lastGood', { seq: verify.data.brokenAt.lastGood.seq, at: whenOf(verify.data.brokenAt.lastGood.at) })
                    : t('audit.noGood'),
                  n: verify.data.checked,
                })
              : null}
          </Alert>
        )
      ) : null}
      {verify.error ? <Alert tone="error">{errorMessage(verify.error)}</Alert> : null}

      {entries.isPending ? (
        <Loading />
      ) : entries.isError ? (
        <ErrorNotice error={entries.error} onRetry={() => void entries.refetch()} />
      ) : (
        <>
          {/* A long log with nothing to click in it: the keyboard scrolls it from here. */}
          <div className="table-wrap" role="region" aria-label={t('panels.audit.title')} tabIndex={0}>
            <table className="table table-dense">
              <caption className="sr-only">{t('panels.audit.title')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('audit.columns.time')}</th>
                  <th scope="col">{t('audit.columns.user')}</th>
                  <th scope="col">{t('audit.columns.workstation')}</th>
                  <th scope="col">{t('audit.columns.action')}</th>
                  <th scope="col">{t('audit.columns.entity')}</th>
                </tr>
              </thead>
              <tbody>
                {entries.data.pages.flat().map((entry: AuditEntry) => {
                  const at = formatAt(entry.at);
                  return (
                    <tr key={entry.id}>
                      <td className="nowrap">
                        {at.date}
                        <span className="cell-sub">{at.time}</span>
                      </td>
                      <td className="cell-user">{entry.userName ?? <span className="muted">{t('audit.system')}</span>}</td>
                      <td className="nowrap">
                        {workstationLabel(entry.workstationId)}
                        {/* Entries are numbered per workstation; a broken chain is reported by this number. */}
                        <span className="cell-sub">{t('audit.seq', { seq: entry.seq })}</span>
                      </td>
                      <td>
                        <Coded label={labelOr(`auditActions.${entry.action.replaceAll('.', '_')}`, entry.action)} code={entry.action} />
                      </td>
                      <td>
                        {labelOr(`auditEntities.${entry.entity}`, entry.entity)}
                        {entry.entityId ? <span className="code-hint">{shortId(entry.entityId)}</span> : null}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          {entries.data.pages[0]?.length === 0 ? <p className="muted">{t('audit.empty')}</p> : null}
          <div className="form-actions form-actions-start">
            {entries.hasNextPage ? (
              <Button onClick={() => void entries.fetchNextPage()} busy={entries.isFetchingNextPage}>
                {t('audit.loadMore')}
              </Button>
            ) : entries.data.pages[0]?.length ? (
              <p className="muted">{t('audit.end')}</p>
            ) : null}
          </div>
        </>
      )}
    </PanelFrame>
  );
}
