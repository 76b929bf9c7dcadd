import { useTranslation } from 'react-i18next';
import type { ProcedureOut } from '../../shared/contract/chairside';
import type { ChartDescription } from '../../shared/chart/describe';
import type { Language } from '../../shared/i18n/languages';
import { describedText, wideAreaLabel } from './labels';

/** Every finding per tooth, in odontogram reading order: the screen-reader alternative and what the print lists. */
export function ChartTextView({ description, catalog, language }: { description: ChartDescription; catalog: readonly ProcedureOut[]; language: Language }) {
  const { t } = useTranslation();
  const recorded = description.teeth.filter((d) => d.items.length > 0);
  return (
    <section className="chart-text card" aria-labelledby="chart-text-title">
      <h3 id="chart-text-title" className="card-title">
        {t('chart.textTitle')}
      </h3>
      {recorded.length === 0 && description.areas.length === 0 ? <p className="muted">{t('chart.textEmpty')}</p> : null}
      <ul className="chart-text-list">
        {recorded.map((d) => (
          <li key={d.tooth}>
            <strong>{t('chart.tooth', { tooth: d.toothLabel })}</strong>
            <ul>
              {d.items.map((item) => (
                <li key={item.entryId}>{describedText(item, catalog, language)}</li>
              ))}
            </ul>
          </li>
        ))}
        {description.areas.map((a, i) => (
          <li key={`area-${i}`}>
            <strong>{wideAreaLabel(a.area)}</strong>
            <ul>
              {a.items.map((item) => (
                <li key={item.entryId}>{describedText(item, catalog, language)}</li>
              ))}
            </ul>
          </li>
        ))}
      </ul>
      <p className="muted">{t('chart.textEmptyTeeth', { count: description.teeth.length - recorded.length })}</p>
    </section>
  );
}
