import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { SyncConflict } from '../../shared/contract/sync';
import { labelOr } from '../app/i18n';
import { useClient } from '../app/client';
import { useAppStatus } from '../app/status';
import { Alert } from '../ui/Alert';
import { Button } from '../ui/Button';
import { errorMessage } from '../ui/errors';
import { useInstantParts, usePracticeTime } from '../ui/format';
import { Section } from '../ui/PanelFrame';
import { ErrorNotice, Loading } from '../ui/QueryState';
import { SYNC_CONFLICTS_KEY, SYNC_STATUS_KEY } from './keys';

export function useConflicts() {
  const client = useClient();
  return useQuery({ queryKey: SYNC_CONFLICTS_KEY, queryFn: () => client['sync.conflicts']({ includeResolved: false }) });
}

/** What merging kept aside, for a person to decide: keep what is there, or put the other value back. */
export function ConflictsSection() {
  const { t } = useTranslation();
  const client = useClient();
  const queryClient = useQueryClient();
  const app = useAppStatus();
  const canWrite = app.session?.permissions.includes('patients.write') ?? false;
  const formatAt = useInstantParts();
  const conflicts = useConflicts();
  const resolve = useMutation({
    mutationFn: (input: { id: string; action: 'keep' | 'restore' }) => client['sync.resolveConflict'](input),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: SYNC_CONFLICTS_KEY });
      void queryClient.invalidateQueries({ queryKey: SYNC_STATUS_KEY });
    },
  });

  const time = usePracticeTime();
  const recordName = (c: SyncConflict) =>
    `${labelOr(`sync.tables.${c.table}`, c.table)}: ${c.when ? `${time.day(c.when)} ${time.wallTime(c.when.slice(11, 16))} · ` : ''}${c.label}`;
  const author = (c: SyncConflict) =>
    c.lostUserName && c.lostDeviceName
      ? t('sync.conflicts.byOn', { name: c.lostUserName, device: c.lostDeviceName })
      : c.lostUserName
        ? t('sync.conflicts.by', { name: c.lostUserName })
        : c.lostDeviceName
          ? t('sync.conflicts.on', { device: c.lostDeviceName })
          : null;
  const value = (v: string | null) => (v === null || v === '' ? <span className="muted">{t('sync.conflicts.empty')}</span> : v);

  return (
    <Section title={t('sync.conflicts.title')} description={t('sync.conflicts.intro')}>
      {conflicts.isPending ? (
        <Loading />
      ) : conflicts.isError ? (
        <ErrorNotice error={conflicts.error} onRetry={() => void conflicts.refetch()} />
      ) : conflicts.data.length === 0 ? (
        <p className="section-description">{t('sync.conflicts.none')}</p>
      ) : (
        <ul className="conflict-list" aria-label={t('sync.conflicts.title')}>
          {conflicts.data.map((c) => {
            const detected = formatAt(c.detectedAt);
            return (
              <li key={c.id} className={`conflict conflict-${c.kind}`}>
                <div className="conflict-head">
                  <strong>{recordName(c)}</strong>
                  <span className="cell-sub">
                    {t('sync.conflicts.detected')} {detected.date} {detected.time}
                  </span>
                </div>
                {c.kind === 'field' ? (
                  <dl className="sync-facts">
                    <div>
                      <dt>{t('sync.conflicts.field')}</dt>
                      <dd className="mono">{c.field}</dd>
                    </div>
                    <div>
                      <dt>{t('sync.conflicts.current')}</dt>
                      <dd>{value(c.currentValue)}</dd>
                    </div>
                    <div>
                      <dt>{t('sync.conflicts.lost')}</dt>
                      <dd>
                        {value(c.lostValue)}
                        {author(c) ? <span className="cell-sub">{author(c)}</span> : null}
                      </dd>
                    </div>
                  </dl>
                ) : (
                  <p>{t(c.kind === 'overlap' ? 'sync.conflicts.overlap' : 'sync.conflicts.refused')}</p>
                )}
                {canWrite ? (
                  <div className="conflict-actions">
                    {c.kind === 'field' ? (
                      <>
                        <Button size="sm" onClick={() => resolve.mutate({ id: c.id, action: 'keep' })} aria-label={t('sync.conflicts.keepLabel', { record: recordName(c) })}>
                          {t('sync.conflicts.keep')}
                        </Button>
                        {c.restorable ? (
                          <Button
                            size="sm"
                            variant="primary"
                            onClick={() => resolve.mutate({ id: c.id, action: 'restore' })}
                            aria-label={t('sync.conflicts.restoreLabel', { record: recordName(c) })}
                          >
                            {t('sync.conflicts.restore')}
                          </Button>
                        ) : null}
                      </>
                    ) : (
                      <Button size="sm" onClick={() => resolve.mutate({ id: c.id, action: 'keep' })} aria-label={t('sync.conflicts.reviewedLabel', { record: recordName(c) })}>
                        {t('sync.conflicts.reviewed')}
                      </Button>
                    )}
                  </div>
                ) : null}
              </li>
            );
          })}
        </ul>
      )}
      {resolve.error ? <Alert tone="error">{errorMessage(resolve.error)}</Alert> : null}
    </Section>
  );
}
