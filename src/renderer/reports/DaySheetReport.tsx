import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { cashDifference, denominationsOf } from '../../shared/reports/aggregate';
import { useClient } from '../app/client';
import { DateField } from '../ui/DateField';
import { ChoiceGroup, Field } from '../ui/Field';
import { Section } from '../ui/PanelFrame';
import { QueryState } from '../ui/QueryState';
import { usePracticeMoney } from '../ui/format';
import { BarChart } from './BarChart';
import { TotalsTable } from './TotalsTable';
import { ExportButtons, usePracticeToday } from './report-common';

/** The day sheet: production and collections by provider and method, and the cash count. */
export function DaySheetReport() {
  const { t } = useTranslation();
  const client = useClient();
  const money = usePracticeMoney();
  const [date, setDate] = useState(usePracticeToday());
  const [counted, setCounted] = useState<number | null>(null);
  const query = useQuery({ queryKey: ['reports.daySheet', date], queryFn: () => client['reports.daySheet']({ date }), enabled: date !== '' });
  const unassigned = t('reports.unassigned');
  return (
    <div className="report-stack">
      <div className="form-grid form-grid-3">
        <Field label={t('reports.date')}>{(control) => <DateField {...control} value={date} onChange={setDate} />}</Field>
      </div>
      <QueryState query={query}>
        {(sheet) => (
          <>
            <ExportButtons request={{ kind: 'daySheet', date: sheet.date, countedCashMinor: counted }} />
            <BarChart title={t('reports.chart.title')} bars={sheet.byProvider.map((p) => ({ label: p.name || unassigned, production: p.production, collections: p.collections }))} />
            <TotalsTable
              caption={t('reports.daySheet.byProvider')}
              first={t('reports.columns.provider')}
              rows={sheet.byProvider.map((p) => ({ key: p.providerId || '-', label: p.name || unassigned, ...p }))}
              total={{ key: 'total', label: '', ...sheet.totals }}
            />
            <div className="table-wrap">
              <table className="table table-dense">
                <caption className="table-caption">{t('reports.daySheet.byMethod')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('reports.columns.method')}</th>
                    <th scope="col" className="num">{t('reports.columns.collections')}</th>
                  </tr>
                </thead>
                <tbody>
                  {sheet.byMethod.length === 0 ? (
                    <tr>
                      <td colSpan={2} className="muted">{t('reports.empty')}</td>
                    </tr>
                  ) : null}
                  {sheet.byMethod.map((m) => (
                    <tr key={m.method || '-'}>
                      <th scope="row">{m.method ? t(`reports.methods.${m.method as 'cash'}`) : unassigned}</th>
                      <td className="num">{money.format(m.amountMinor)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <CashCount expectedMinor={sheet.expectedCashMinor} currency={sheet.currency} onCounted={setCounted} />
          </>
        )}
      </QueryState>
    </div>
  );
}

function CashCount({ expectedMinor, currency, onCounted }: { expectedMinor: number; currency: string; onCounted: (minor: number | null) => void }) {
  const { t } = useTranslation();
  const money = usePracticeMoney();
  const values = denominationsOf(currency);
  const [mode, setMode] = useState<'denominations' | 'total'>(values.length ? 'denominations' : 'total');
  const [counts, setCounts] = useState<Record<number, string>>({});
  const [totalText, setTotalText] = useState('');
  const denominations = values.map((valueMinor) => ({ valueMinor, count: Number.parseInt(counts[valueMinor] ?? '', 10) || 0 }));
  const typedTotal = money.parse(totalText);
  const anything = mode === 'total' ? typedTotal !== null : denominations.some((d) => d.count > 0);
  const result = cashDifference(expectedMinor, mode === 'total' ? { totalMinor: typedTotal ?? 0 } : { denominations });
  const report = (next: number | null) => onCounted(next);
  return (
    <Section title={t('reports.daySheet.cash')}>
      <p>
        {t('reports.daySheet.expectedCash')}: <strong>{money.format(expectedMinor)}</strong>
      </p>
      <ChoiceGroup
        legend={t('reports.daySheet.countBy')}
        name="cash-count-mode"
        value={mode}
        options={[
          { value: 'denominations', label: t('reports.daySheet.byDenomination') },
          { value: 'total', label: t('reports.daySheet.byTotal') },
        ]}
        onChange={(next) => setMode(next)}
      />
      {mode === 'denominations' ? (
        <div className="cash-grid">
          {values.map((v) => (
            <Field key={v} label={t('reports.daySheet.denomination', { value: money.format(v) })} optional="quiet">
              {(control) => (
                <input
                  {...control}
                  className="input"
                  inputMode="numeric"
                  value={counts[v] ?? ''}
                  onChange={(e) => {
                    const next = { ...counts, [v]: e.target.value.replace(/\D/g, '') };
                    setCounts(next);
                    report(values.reduce((s, value) => s + value * (Number.parseInt(next[value] ?? '', 10) || 0), 0));
                  }}
                />
              )}
            </Field>
          ))}
        </div>
      ) : (
        <div className="form-grid form-grid-3">
          <Field label={t('reports.daySheet.countedTotal')} optional="quiet">
            {(control) => (
              <input
                {...control}
                className="input"
                inputMode="decimal"
                value={totalText}
                onChange={(e) => {
                  setTotalText(e.target.value);
                  report(money.parse(e.target.value));
                }}
              />
            )}
          </Field>
        </div>
      )}
      {anything ? (
        <p role="status" className={result.differenceMinor === 0 ? 'cash-ok' : 'cash-off'}>
          {t('reports.daySheet.countedCash')}: <strong>{money.format(result.countedMinor)}</strong> · {t('reports.daySheet.difference')}: <strong>{money.format(result.differenceMinor)}</strong> ·{' '}
          {result.differenceMinor === 0
            ? t('reports.daySheet.balanced')
            : result.differenceMinor > 0
              ? t('reports.daySheet.over', { amount: money.format(result.differenceMinor) })
              : t('reports.daySheet.short', { amount: money.format(-result.differenceMinor) })}
        </p>
      ) : null}
    </Section>
  );
}
