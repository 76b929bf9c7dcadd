import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { addDays } from '../../shared/schedule/time';
import { useClient } from '../app/client';
import { DateField } from '../ui/DateField';
import { Field } from '../ui/Field';
import { QueryState } from '../ui/QueryState';
import { usePracticeTime } from '../ui/format';
import { BarChart } from './BarChart';
import { TotalsTable } from './TotalsTable';
import { ExportButtons, usePracticeToday } from './report-common';

/** Production and collections over any dates, by provider, procedure category and day. */
export function ProductionReport() {
  const { t } = useTranslation();
  const client = useClient();
  const time = usePracticeTime();
  const today = usePracticeToday();
  const [from, setFrom] = useState(addDays(today, -29));
  const [to, setTo] = useState(today);
  const valid = from !== '' && to !== '' && from <= to;
  const query = useQuery({ queryKey: ['reports.production', from, to], queryFn: () => client['reports.production']({ from, to }), enabled: valid });
  const unassigned = t('reports.unassigned');
  return (
    <div className="report-stack">
      <div className="form-grid form-grid-3">
        <Field label={t('reports.from')}>{(control) => <DateField {...control} value={from} onChange={setFrom} />}</Field>
        <Field label={t('reports.to')} error={from && to && from > to ? t('reports.errors.range') : undefined}>
          {(control) => <DateField {...control} value={to} onChange={setTo} />}
        </Field>
      </div>
      {valid ? (
        <QueryState query={query}>
          {(report) => (
            <>
              <ExportButtons request={{ kind: 'production', from: report.from, to: report.to }} />
              <BarChart title={t('reports.chart.title')} bars={report.byProvider.map((p) => ({ label: p.name || unassigned, production: p.production, collections: p.collections }))} />
              <TotalsTable
                caption={t('reports.production.byProvider')}
                first={t('reports.columns.provider')}
                rows={report.byProvider.map((p) => ({ key: p.providerId || '-', label: p.name || unassigned, ...p }))}
                total={{ key: 'total', label: '', ...report.totals }}
              />
              <TotalsTable
                caption={t('reports.production.byCategory')}
                first={t('reports.columns.category')}
                adjustments={false}
                rows={report.byCategory.map((c) => ({ key: c.category || '-', label: c.category ? t(`reports.categories.${c.category}`, { defaultValue: c.category }) : unassigned, ...c }))}
              />
              {report.byDay.length > 1 && report.byDay.length <= 62 ? (
                <BarChart title={t('reports.chart.byDayTitle')} bars={report.byDay.map((d) => ({ label: time.day(d.date), production: d.production, collections: d.collections }))} />
              ) : null}
              <TotalsTable caption={t('reports.production.byDay')} first={t('reports.columns.date')} adjustments={false} rows={report.byDay.map((d) => ({ key: d.date, label: time.day(d.date), ...d }))} />
            </>
          )}
        </QueryState>
      ) : null}
    </div>
  );
}
