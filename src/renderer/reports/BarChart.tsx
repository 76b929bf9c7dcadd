import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { usePracticeMoney } from '../ui/format';

/*
 * Production and collections side by side, as an SVG drawn from the data.
 * No charting library is in the project and two series of bars do not need
 * one: the SVG is role="img" with a name that says what it shows, and the
 * same figures are always in the table beside it (the text alternative).
 */

export interface Bar {
  label: string;
  production: number;
  collections: number;
}

const ROW = 30;
const LABEL = 150;
const WIDTH = 640;

export function BarChart({ title, bars }: { title: string; bars: readonly Bar[] }) {
  const { t } = useTranslation();
  const money = usePracticeMoney();
  const titleId = useId();
  const shown = bars.filter((b) => b.production !== 0 || b.collections !== 0);
  if (shown.length === 0) return null;
  const max = Math.max(1, ...shown.flatMap((b) => [b.production, b.collections]));
  const span = WIDTH - LABEL - 110;
  const height = shown.length * ROW + 28;
  const scale = (v: number) => Math.max(0, (v / max) * span);
  return (
    <figure className="bar-chart">
      <figcaption id={titleId} className="section-title">
        {title}
      </figcaption>
      <svg role="img" aria-label={t('reports.chart.label', { title })} viewBox={`0 0 ${WIDTH} ${height}`} width="100%" preserveAspectRatio="xMinYMin meet">
        {shown.map((b, i) => {
          const y = i * ROW + 4;
          return (
            <g key={`${b.label}-${i}`}>
              <text x={LABEL - 8} y={y + 15} textAnchor="end" className="bar-label">
                {b.label.length > 22 ? `${b.label.slice(0, 21)}…` : b.label}
              </text>
              <rect x={LABEL} y={y} width={scale(b.production)} height={11} className="bar-production" />
              <rect x={LABEL} y={y + 13} width={scale(b.collections)} height={11} className="bar-collections" />
              <text x={LABEL + scale(b.production) + 4} y={y + 10} className="bar-value">
                {money.format(b.production)}
              </text>
              <text x={LABEL + scale(b.collections) + 4} y={y + 23} className="bar-value">
                {money.format(b.collections)}
              </text>
            </g>
          );
        })}
        <g transform={`translate(${LABEL}, ${shown.length * ROW + 10})`}>
          <rect width={10} height={10} className="bar-production" />
          <text x={14} y={9} className="bar-value">
            {t('reports.columns.production')}
          </text>
          <rect x={130} width={10} height={10} className="bar-collections" />
          <text x={144} y={9} className="bar-value">
            {t('reports.columns.collections')}
          </text>
        </g>
      </svg>
    </figure>
  );
}
