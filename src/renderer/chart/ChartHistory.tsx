import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChartStateOut } from '../../shared/contract/chairside';
import type { Notation } from '../../shared/chart/teeth';
import type { Language } from '../../shared/i18n/languages';
import { useClient } from '../app/client';
import { QueryState } from '../ui/QueryState';
import { DateField } from '../ui/DateField';
import { usePracticeTime } from '../ui/format';
import { entryText } from './labels';

/**
 * The chart through time: a slider over the days something was recorded (or
 * any date typed), and what changed between two dates.
 */
export function ChartHistory({ chart, asOf, onAsOf, notation, language }: { chart: ChartStateOut; asOf: string | null; onAsOf: (d: string | null) => void; notation: Notation; language: Language }) {
  const { t } = useTranslation();
  const client = useClient();
  const time = usePracticeTime();
  // Days as the practice lived them: an event at 22:00 in Santiago belongs to that day, not to UTC's next one.
  const days = useMemo(() => [...new Set(chart.events.map((e) => time.dayOf(e.at)))].sort(), [chart.events, time]);
  const today = time.dayOf(new Date().toISOString());
  const [from, setFrom] = useState(days[0] ?? today);
  const [to, setTo] = useState(today);
  const [comparing, setComparing] = useState<{ from: string; to: string } | null>(null);
  const index = asOf ? Math.max(0, days.indexOf(asOf)) : days.length;
  const compare = useQuery({
    queryKey: ['chart.compare', chart.patientId, comparing?.from, comparing?.to],
    queryFn: () => client['chart.compare']({ patientId: chart.patientId, from: comparing!.from, to: comparing!.to }),
    enabled: comparing !== null,
  });
  return (
    <section className="chart-history card" aria-labelledby="chart-history-title">
      <h3 id="chart-history-title" className="card-title">
        {t('chart.history.title')}
      </h3>
      <div className="chart-history-row">
        <label className="field-inline">
          <span>{t('chart.history.slider')}</span>
          <input
            type="range"
            min={0}
            max={days.length}
            value={index}
            aria-valuetext={index >= days.length ? t('chart.history.now') : time.day(days[index]!)}
            onChange={(e) => {
              const i = Number(e.target.value);
              onAsOf(i >= days.length ? null : days[i]!);
            }}
          />
        </label>
        <span className="muted">{asOf ? time.day(asOf) : t('chart.history.now')}</span>
        <label className="field-inline">
          <span>{t('chart.history.asOf')}</span>
          <DateField value={asOf ?? ''} onChange={(day) => onAsOf(day || null)} />
        </label>
      </div>
      <form
        className="chart-history-row"
        onSubmit={(e) => {
          e.preventDefault();
          setComparing({ from, to });
        }}
      >
        <label className="field-inline">
          <span>{t('chart.history.from')}</span>
          <DateField value={from} onChange={setFrom} required />
        </label>
        <label className="field-inline">
          <span>{t('chart.history.to')}</span>
          <DateField value={to} onChange={setTo} required />
        </label>
        <button type="submit" className="btn btn-secondary btn-sm">
          {t('chart.history.compare')}
        </button>
      </form>
      {comparing ? (
        <QueryState query={compare}>
          {(diff) => (
            <div className="chart-diff" aria-live="polite">
              <p>{t('chart.history.between', { from: time.day(comparing.from), to: time.day(comparing.to) })}</p>
              {diff.added.length + diff.removed.length + diff.changed.length === 0 ? <p className="muted">{t('chart.history.noChanges')}</p> : null}
              <ul>
                {diff.added.map((e) => (
                  <li key={`a${e.id}`} className="diff-added">
                    {t('chart.history.added')}: {entryText(e, chart.catalog, language, notation)}
                  </li>
                ))}
                {diff.removed.map((e) => (
                  <li key={`r${e.id}`} className="diff-removed">
                    {t('chart.history.removed')}: {entryText(e, chart.catalog, language, notation)}
                  </li>
                ))}
                {diff.changed.map((c) => (
                  <li key={`c${c.after.id}`} className="diff-changed">
                    {t('chart.history.changed')}: {entryText(c.before, chart.catalog, language, notation)} → {entryText(c.after, chart.catalog, language, notation)}
                  </li>
                ))}
              </ul>
            </div>
          )}
        </QueryState>
      ) : null}
    </section>
  );
}
