import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BatchProgress } from '../../shared/contract/statements';
import { useClient, useTransport } from '../app/client';
import { saveMade, usePermission } from '../reports/report-common';
import { Alert } from '../ui/Alert';
import { Button } from '../ui/Button';
import { Field } from '../ui/Field';
import { Section } from '../ui/PanelFrame';
import { QueryState } from '../ui/QueryState';
import { errorMessage, fieldErrors } from '../ui/errors';
import { usePracticeMoney, usePracticeTime } from '../ui/format';
import { STATEMENTS_KEY } from './GuarantorStatements';
import { StatementTable } from './StatementTable';

/** The batch of statements (criteria, progress, cancel) and the archive of batches. */
export function StatementsTab() {
  const { t } = useTranslation();
  const canIssue = usePermission('billing.write');
  const [shownBatch, setShownBatch] = useState<string | null>(null);
  return (
    <div className="report-stack">
      <p className="muted">{t('statements.intro')}</p>
      {canIssue ? <BatchForm onDone={setShownBatch} /> : null}
      <Archive shownBatch={shownBatch} onShow={setShownBatch} />
    </div>
  );
}

function BatchForm({ onDone }: { onDone: (batchId: string) => void }) {
  const { t } = useTranslation();
  const client = useClient();
  const transport = useTransport();
  const queryClient = useQueryClient();
  const money = usePracticeMoney();
  const [minText, setMinText] = useState('');
  const [daysText, setDaysText] = useState('');
  const [instalments, setInstalments] = useState(false);
  const [progress, setProgress] = useState<BatchProgress | null>(null);
  const minBalanceMinor = minText.trim() === '' ? null : money.parse(minText);
  const overdueDays = daysText.trim() === '' ? null : Number.parseInt(daysText, 10);
  const criteria = { minBalanceMinor: minBalanceMinor ?? null, overdueDays: overdueDays !== null && Number.isFinite(overdueDays) ? overdueDays : null, overdueInstalments: instalments };
  const preview = useMutation({ mutationFn: () => client['statements.batch.preview']({ criteria }) });
  const start = useMutation({
    mutationFn: () => client['statements.batch.start']({ criteria }),
    onSuccess: (p) => setProgress(p),
  });
  const cancel = useMutation({ mutationFn: (batchId: string) => client['statements.batch.cancel']({ batchId }), onSuccess: (p) => setProgress(p) });
  const running = progress?.state === 'running';

  // Main pushes the batch's progress to this window; a slow poll covers a missed push.
  useEffect(() => {
    if (!running || !progress) return;
    const batchId = progress.batchId;
    const stop = transport.onEvent((event) => {
      if (event.name === 'statements.batch' && event.payload.batchId === batchId) setProgress(event.payload);
    });
    const timer = setInterval(() => {
      void client['statements.batch.status']({ batchId }).then((p) => setProgress((now) => (now && now.state === 'running' ? p : now))).catch(() => {});
    }, 1500);
    return () => {
      stop();
      clearInterval(timer);
    };
  }, [running, progress?.batchId, transport, client]);

  useEffect(() => {
    if (progress && progress.state !== 'running') {
      void queryClient.invalidateQueries({ queryKey: STATEMENTS_KEY });
      if (progress.done > 0) onDone(progress.batchId);
    }
  }, [progress?.state]);

  const errors = { ...fieldErrors(preview.error), ...fieldErrors(start.error) };
  const criteriaError = errors.minBalanceMinor ? t(errors.minBalanceMinor as 'statements.errors.noCriteria') : undefined;
  return (
    <Section title={t('statements.batch.title')}>
      <div className="form-grid form-grid-3">
        <Field label={t('statements.batch.minBalance')} optional="quiet" error={minText && minBalanceMinor === null ? t('errors.VALIDATION') : criteriaError}>
          {(control) => <input {...control} className="input" inputMode="decimal" value={minText} onChange={(e) => setMinText(e.target.value)} />}
        </Field>
        <Field label={t('statements.batch.overdueDays')} optional="quiet">
          {(control) => <input {...control} className="input" inputMode="numeric" value={daysText} onChange={(e) => setDaysText(e.target.value.replace(/\D/g, ''))} />}
        </Field>
        <label className="checkbox">
          <input type="checkbox" checked={instalments} onChange={(e) => setInstalments(e.target.checked)} />
          {t('statements.batch.overdueInstalments')}
        </label>
      </div>
      <div className="form-actions form-actions-start">
        <Button busy={preview.isPending} disabled={running} onClick={() => preview.mutate()}>
          {t('statements.batch.preview')}
        </Button>
        <Button variant="primary" busy={start.isPending} disabled={running} onClick={() => start.mutate()}>
          {t('statements.batch.start')}
        </Button>
        {running ? (
          <Button variant="danger" busy={cancel.isPending} onClick={() => cancel.mutate(progress.batchId)}>
            {t('statements.batch.cancel')}
          </Button>
        ) : null}
      </div>
      {preview.isSuccess ? (
        <p role="status">{preview.data.count === 0 ? t('statements.batch.empty') : t('statements.batch.previewResult', { count: preview.data.count, amount: money.format(preview.data.balanceMinor, preview.data.currency) })}</p>
      ) : null}
      {(preview.isError || start.isError) && !criteriaError ? <Alert tone="error">{errorMessage(preview.error ?? start.error)}</Alert> : null}
      {progress ? <BatchProgressView progress={progress} /> : null}
    </Section>
  );
}

function BatchProgressView({ progress }: { progress: BatchProgress }) {
  const { t } = useTranslation();
  const label = t('statements.batch.progressText', { done: progress.done, total: progress.total });
  return (
    <div className="batch-progress">
      <div className="batch-progress-row">
        <progress aria-label={t('statements.batch.progress')} aria-valuetext={label} max={Math.max(1, progress.total)} value={progress.done} />
        <span aria-hidden="true">{label}</span>
      </div>
      <div role="status">
        {progress.state === 'running' ? t('statements.batch.running') : null}
        {progress.state === 'done' ? (progress.total === 0 ? t('statements.batch.empty') : t('statements.batch.done', { count: progress.done })) : null}
        {progress.state === 'cancelled' ? t('statements.batch.cancelled', { count: progress.done, total: progress.total }) : null}
        {progress.state === 'failed' ? t('statements.batch.failed') : null}
      </div>
    </div>
  );
}

function Archive({ shownBatch, onShow }: { shownBatch: string | null; onShow: (batchId: string) => void }) {
  const { t, i18n } = useTranslation();
  const client = useClient();
  const money = usePracticeMoney();
  const time = usePracticeTime();
  const batches = useQuery({ queryKey: [...STATEMENTS_KEY, 'batches'], queryFn: () => client['statements.batch.list']({}) });
  const statements = useQuery({
    queryKey: [...STATEMENTS_KEY, 'list', shownBatch],
    queryFn: () => client['statements.list'](shownBatch ? { batchId: shownBatch } : {}),
  });
  const exporting = useMutation({
    mutationFn: async (input: { batchId: string; format: 'zip' | 'pdf' }) => saveMade(await client['statements.batch.export']({ ...input, language: i18n.language === 'en' ? 'en' : 'es' })),
  });
  return (
    <>
      <Section title={t('statements.archive.batches')}>
        <QueryState query={batches}>
          {(rows) =>
            rows.length === 0 ? (
              <p className="muted">{t('statements.archive.noBatches')}</p>
            ) : (
              <ul className="batch-list">
                {rows.map((b) => {
                  const date = time.dateTime(b.issuedAt);
                  return (
                    <li key={b.batchId} className={b.batchId === shownBatch ? 'batch-item batch-item-active' : 'batch-item'}>
                      <button type="button" className="link-button" aria-label={t('statements.archive.showBatch', { date })} aria-pressed={b.batchId === shownBatch} onClick={() => onShow(b.batchId)}>
                        {t('statements.archive.batchLine', { date, count: b.count, amount: money.format(b.balanceMinor, b.currency) })}
                      </button>
                      <Button size="sm" icon="download" busy={exporting.isPending && exporting.variables?.batchId === b.batchId && exporting.variables.format === 'zip'} onClick={() => exporting.mutate({ batchId: b.batchId, format: 'zip' })}>
                        {t('statements.archive.exportZip')}
                      </Button>
                      <Button size="sm" icon="download" busy={exporting.isPending && exporting.variables?.batchId === b.batchId && exporting.variables.format === 'pdf'} onClick={() => exporting.mutate({ batchId: b.batchId, format: 'pdf' })}>
                        {t('statements.archive.exportPdf')}
                      </Button>
                    </li>
                  );
                })}
              </ul>
            )
          }
        </QueryState>
        {exporting.isSuccess ? <p role="status" className="muted">{t('statements.archive.saved', { name: exporting.data.path ?? exporting.data.fileName })}</p> : null}
        {exporting.isError ? <Alert tone="error">{errorMessage(exporting.error)}</Alert> : null}
      </Section>
      <Section title={t('statements.archive.list')}>
        <QueryState query={statements}>{(rows) => <StatementTable rows={rows} />}</QueryState>
      </Section>
    </>
  );
}
