import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FeeLine, FeeScheduleOut } from '../../shared/contract/plans';
import { FEE_SCHEDULE_KINDS } from '../../shared/contract/plans';
import { currencyDigits, parseMoneyInput } from '../../shared/plans/money';
import type { CoverageKind } from '../../shared/plans/rules';
import { useClient } from '../app/client';
import { currentLanguage } from '../app/language';
import { SetupTable } from '../schedule-admin/SetupTable';
import { Alert } from '../ui/Alert';
import { Button } from '../ui/Button';
import { errorMessage } from '../ui/errors';
import { PanelFrame, Section } from '../ui/PanelFrame';
import { QueryState } from '../ui/QueryState';
import { FEES_KEY } from './keys';
import { useMoney } from './money';
import './plans.css';

/** Setup of the fee schedules (admin): the lists, each list's fees and coverage, and a CSV price list import. */
export function FeeSchedulesPanel() {
  const { t } = useTranslation();
  const client = useClient();
  const lists = useQuery({ queryKey: [...FEES_KEY, 'list', 'all'], queryFn: () => client['fees.schedules.list']({ includeInactive: true }) });
  const [editing, setEditing] = useState<string | null>(null);
  return (
    <PanelFrame title={t('fees.panel.title')} icon="building" description={t('fees.panel.description')}>
      <Section title={t('fees.schedules')}>
        <QueryState query={lists}>
          {(rows) => (
            <SetupTable<FeeScheduleOut>
              caption={t('fees.schedules')}
              rows={rows}
              columns={[
                { header: t('fees.columns.name'), cell: (s) => <>{s.name}{s.isDefault ? <span className="muted"> · {t('fees.isDefault')}</span> : null}</> },
                { header: t('fees.columns.kind'), cell: (s) => t(`fees.kinds.${s.kind}`) },
                { header: t('fees.columns.isapre'), cell: (s) => s.isapre ?? '—' },
                { header: t('fees.columns.fees'), cell: (s) => String(s.feeCount), className: 'num' },
                { header: t('fees.columns.active'), cell: (s) => (s.active ? '✓' : '—') },
                {
                  header: null,
                  cell: (s) => (
                    <Button size="sm" onClick={() => setEditing(s.id)} aria-label={t('fees.edit', { name: s.name })}>
                      {t('fees.feesOf', { name: '' }).replace(/\s*$/, '')}
                    </Button>
                  ),
                },
              ]}
            />
          )}
        </QueryState>
        <NewSchedule onSaved={(id) => setEditing(id)} />
      </Section>
      {editing ? <ScheduleFees key={editing} scheduleId={editing} /> : null}
    </PanelFrame>
  );
}

function NewSchedule({ onSaved }: { onSaved: (id: string) => void }) {
  const { t } = useTranslation();
  const client = useClient();
  const queryClient = useQueryClient();
  const [name, setName] = useState('');
  const [kind, setKind] = useState<FeeScheduleOut['kind']>('fonasa');
  const [isapre, setIsapre] = useState('');
  const save = useMutation({
    mutationFn: () => client['fees.schedules.save']({ name, kind, isapre: kind === 'isapre' ? isapre || null : null }),
    onSuccess: async (schedule) => {
      setName('');
      await queryClient.invalidateQueries({ queryKey: FEES_KEY });
      onSaved(schedule.id);
    },
  });
  return (
    <form
      className="plan-add"
      aria-labelledby="fees-new"
      onSubmit={(event) => {
        event.preventDefault();
        save.mutate();
      }}
    >
      <h4 id="fees-new" className="card-title">
        {t('fees.newSchedule')}
      </h4>
      <div className="plan-add-fields">
        <label className="field">
          <span className="field-label">{t('fees.name')}</span>
          <input value={name} onChange={(e) => setName(e.target.value)} required maxLength={120} />
        </label>
        <div className="field">
          <label className="field-label" htmlFor="fees-new-kind">
            {t('fees.kind')}
          </label>
          <select id="fees-new-kind" value={kind} onChange={(e) => setKind(e.target.value as FeeScheduleOut['kind'])}>
            {FEE_SCHEDULE_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`fees.kinds.${k}`)}
              </option>
            ))}
          </select>
        </div>
        {kind === 'isapre' ? (
          <label className="field">
            <span className="field-label">{t('fees.isapre')}</span>
            <input value={isapre} onChange={(e) => setIsapre(e.target.value)} maxLength={80} />
          </label>
        ) : null}
        <Button type="submit" variant="primary" size="sm" busy={save.isPending}>
          {t('fees.save')}
        </Button>
      </div>
      {save.isError ? <Alert tone="error">{errorMessage(save.error)}</Alert> : null}
    </form>
  );
}

function ScheduleFees({ scheduleId }: { scheduleId: string }) {
  const { t } = useTranslation();
  const client = useClient();
  const fees = useQuery({ queryKey: [...FEES_KEY, 'fees', scheduleId], queryFn: () => client['fees.schedules.fees']({ scheduleId }) });
  const [filter, setFilter] = useState('');
  return (
    <QueryState query={fees}>
      {(data) => {
        const needle = filter.trim().toLowerCase();
        const lines = data.lines.filter((l) => !needle || l.code.toLowerCase().includes(needle) || l.name.es.toLowerCase().includes(needle) || l.name.en.toLowerCase().includes(needle));
        return (
          <Section title={t('fees.feesOf', { name: data.schedule.name })}>
            <CsvImport scheduleId={scheduleId} />
            <label className="field-inline">
              <span>{t('fees.filter')}</span>
              <input type="search" value={filter} onChange={(e) => setFilter(e.target.value)} />
            </label>
            <div className="table-wrap fee-lines">
              <table className="table table-dense">
                <caption className="sr-only">{t('fees.feesOf', { name: data.schedule.name })}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('fees.columns.code')}</th>
                    <th scope="col">{t('fees.columns.procedure')}</th>
                    <th scope="col">{t('fees.columns.fee')}</th>
                    <th scope="col">{t('fees.columns.coverage')}</th>
                    <th scope="col" className="num">
                      {t('fees.columns.effective')}
                    </th>
                    <th scope="col">
                      <span className="sr-only">{t('plans.columns.actions')}</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {lines.map((line) => (
                    <FeeRow key={`${line.code}:${line.feeMinor}:${line.coverage.kind}:${line.coverage.value}`} scheduleId={scheduleId} line={line} currency={data.currency} />
                  ))}
                </tbody>
              </table>
            </div>
          </Section>
        );
      }}
    </QueryState>
  );
}

function FeeRow({ scheduleId, line, currency }: { scheduleId: string; line: FeeLine; currency: string }) {
  const { t } = useTranslation();
  const client = useClient();
  const queryClient = useQueryClient();
  const language = currentLanguage();
  const money = useMoney(currency);
  const digits = currencyDigits(currency);
  const asText = (minor: number | null) => (minor === null ? '' : (minor / 10 ** digits).toFixed(digits).replace('.', language === 'es' ? ',' : '.'));
  const [fee, setFee] = useState(asText(line.feeMinor));
  const [kind, setKind] = useState<CoverageKind>(line.coverage.kind);
  const [value, setValue] = useState(line.coverage.kind === 'fixed' ? asText(line.coverage.value) : line.coverage.kind === 'percent' ? String(line.coverage.value) : '');
  const [problem, setProblem] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: () => {
      const feeMinor = fee.trim() === '' ? null : parseMoneyInput(fee, currency, language);
      if (fee.trim() !== '' && feeMinor === null) throw new Error(t('fees.badAmount'));
      const coverageValue = kind === 'percent' ? Number.parseInt(value, 10) : kind === 'fixed' ? parseMoneyInput(value, currency, language) : 0;
      if (coverageValue === null || Number.isNaN(coverageValue)) throw new Error(t('fees.badAmount'));
      return client['fees.schedules.setFee']({ scheduleId, code: line.code, feeMinor, coverage: { kind, value: coverageValue } });
    },
    onSuccess: async () => {
      setProblem(null);
      await queryClient.invalidateQueries({ queryKey: FEES_KEY });
    },
    onError: (error) => setProblem(error instanceof Error && !('value' in error) ? error.message : errorMessage(error)),
  });
  return (
    <tr>
      <td>
        <strong>{line.code}</strong>
      </td>
      <td>{line.name[language]}</td>
      <td>
        <input inputMode="decimal" value={fee} onChange={(e) => setFee(e.target.value)} aria-label={t('fees.feeFor', { code: line.code })} placeholder={t('fees.notSet')} />
        {problem ? <div className="field-error">{problem}</div> : null}
      </td>
      <td>
        <select value={kind} onChange={(e) => setKind(e.target.value as CoverageKind)} aria-label={t('fees.coverageKindFor', { code: line.code })}>
          {(['none', 'percent', 'fixed'] as const).map((k) => (
            <option key={k} value={k}>
              {t(`fees.coverageKinds.${k}`)}
            </option>
          ))}
        </select>
        {kind !== 'none' ? <input inputMode="decimal" value={value} onChange={(e) => setValue(e.target.value)} aria-label={t('fees.coverageValueFor', { code: line.code })} /> : null}
      </td>
      <td className="num">{line.effectiveFeeMinor === null ? t('fees.notSet') : money(line.effectiveFeeMinor)}</td>
      <td>
        <Button size="sm" busy={save.isPending} onClick={() => save.mutate()} aria-label={t('fees.saveFee', { code: line.code })}>
          ✓
        </Button>
      </td>
    </tr>
  );
}

function CsvImport({ scheduleId }: { scheduleId: string }) {
  const { t } = useTranslation();
  const client = useClient();
  const queryClient = useQueryClient();
  const [text, setText] = useState<string | null>(null);
  const run = useMutation({
    mutationFn: (dryRun: boolean) => client['fees.schedules.importCsv']({ scheduleId, text: text ?? '', dryRun }),
    onSuccess: (report) => {
      if (!report.dryRun) void queryClient.invalidateQueries({ queryKey: FEES_KEY });
    },
  });
  const report = run.data;
  return (
    <div className="plan-add" role="group" aria-labelledby={`csv-${scheduleId}`}>
      <h4 id={`csv-${scheduleId}`} className="card-title">
        {t('fees.import.title')}
      </h4>
      <p className="muted">{t('fees.import.help')}</p>
      <div className="plan-add-fields">
        <div className="field">
          <label className="field-label" htmlFor={`csv-file-${scheduleId}`}>
            {t('fees.import.file')}
          </label>
          <input id={`csv-file-${scheduleId}`} type="file" accept=".csv,text/csv,text/plain" onChange={async (e) => setText((await e.target.files?.[0]?.text()) ?? null)} />
        </div>
        <Button size="sm" busy={run.isPending && run.variables} onClick={() => text && run.mutate(true)}>
          {t('fees.import.check')}
        </Button>
        <Button size="sm" variant="primary" busy={run.isPending && !run.variables} onClick={() => text && run.mutate(false)}>
          {t('fees.import.run')}
        </Button>
      </div>
      <div role="status">
        {report ? <p>{report.dryRun ? t('fees.import.checked', { count: report.imported }) : t('fees.import.done', { count: report.imported })}</p> : null}
      </div>
      {report && report.errors.length ? (
        <section aria-label={t('fees.import.errors')}>
          <h5>{t('fees.import.errors')}</h5>
          <ul>
            {report.errors.map((e, i) => (
              <li key={i}>
                {t('fees.import.line', { line: e.line })}: {t(`fees.import.problems.${e.error as 'empty_file'}`, { value: e.value ?? '', column: e.column ?? '' })}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {run.isError ? <Alert tone="error">{errorMessage(run.error)}</Alert> : null}
    </div>
  );
}
