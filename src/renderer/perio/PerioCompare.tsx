import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { usePracticeTime } from '../ui/format';
import { type Notation, displayOrder, formatTooth } from '../../shared/chart/teeth';
import { type Site, siteLabel, sitesLeftToRight } from '../../shared/perio/sites';
import { useClient } from '../app/client';
import { currentLanguage } from '../app/language';
import { QueryState } from '../ui/QueryState';

/** Two exams side by side: each site's depth before → after, worse in red and better in green past the practice's thresholds. */
export function PerioCompare({ patientId, notation }: { patientId: string; notation: Notation }) {
  const { t } = useTranslation();
  const time = usePracticeTime();
  const client = useClient();
  const language = currentLanguage();
  const list = useQuery({ queryKey: ['perio', patientId, 'list'], queryFn: () => client['perio.exam.list']({ patientId }) });
  const [pair, setPair] = useState<{ a: string; b: string } | null>(null);
  const exams = list.data ?? [];
  const a = pair?.a ?? exams[1]?.id ?? '';
  const b = pair?.b ?? exams[0]?.id ?? '';
  const compare = useQuery({
    queryKey: ['perio.compare', a, b],
    queryFn: () => client['perio.compare']({ examIdA: a, examIdB: b }),
    enabled: Boolean(a && b && a !== b),
  });
  return (
    <section className="perio-compare" aria-labelledby="perio-compare-title">
      <h3 id="perio-compare-title" className="card-title">
        {t('perio.compareTitle')}
      </h3>
      <QueryState query={list}>
        {(items) =>
          items.length < 2 ? (
            <p className="muted">{t('perio.compareNeedTwo')}</p>
          ) : (
            <div className="chart-toolbar">
              {(['a', 'b'] as const).map((which) => (
                <label key={which} className="field-inline">
                  <span>{t(which === 'a' ? 'perio.before' : 'perio.after')}</span>
                  <select value={which === 'a' ? a : b} onChange={(e) => setPair({ a: which === 'a' ? e.target.value : a, b: which === 'b' ? e.target.value : b })}>
                    {items.map((x) => (
                      <option key={x.id} value={x.id}>
                        {time.day(x.date)} · {t(x.status === 'signed' ? 'perio.signed' : 'perio.draft')}
                      </option>
                    ))}
                  </select>
                </label>
              ))}
            </div>
          )
        }
      </QueryState>
      {a && b && a !== b ? (
        <QueryState query={compare}>
          {(c) => {
            const bySite = new Map(c.sites.map((s) => [`${s.tooth}|${s.site}`, s]));
            const teeth = [...new Set(c.sites.map((s) => s.tooth))];
            const rows = displayOrder(teeth);
            // One table per arch side: a header row of teeth, then one row of depths before → after, site by site.
            const band = (list: string[], side: 'facial' | 'lingual') => (
              <div className="perio-table perio-compare-band" role="table" aria-label={t(side === 'facial' ? 'perio.facial' : 'perio.lingual')} style={{ gridTemplateColumns: `64px repeat(${list.length}, max-content)` }}>
                <div role="row" className="perio-row perio-row-head">
                  <span role="rowheader" className="perio-label">
                    {t(side === 'facial' ? 'perio.facial' : 'perio.lingual')}
                  </span>
                  {list.map((tooth) => (
                    <div key={tooth} role="columnheader" aria-colspan={3} className="perio-tooth-head compare-head">
                      <strong>{formatTooth(tooth, notation)}</strong>
                    </div>
                  ))}
                </div>
                <div role="row" className="perio-row">
                  <span role="rowheader" className="perio-label">
                    {t('perio.rows.pd')}
                  </span>
                  {list.map((tooth) => (
                    <div key={tooth} className="perio-seg perio-cells">
                      {sitesLeftToRight(tooth, side).map((site: Site) => {
                        const s = bySite.get(`${tooth}|${site}`);
                        const text = s ? `${s.pd.before ?? '·'}→${s.pd.after ?? '·'}` : '';
                        return (
                          <span
                            key={site}
                            role="cell"
                            className={['perio-cell', 'compare-cell', s?.highlight === 'worse' ? 'compare-worse' : s?.highlight === 'better' ? 'compare-better' : ''].filter(Boolean).join(' ')}
                            aria-label={`${formatTooth(tooth, notation)} ${siteLabel(site, tooth, language)}: ${text}${s?.highlight ? ` (${t(`perio.${s.highlight}`)})` : ''}`}
                          >
                            {text}
                          </span>
                        );
                      })}
                    </div>
                  ))}
                </div>
              </div>
            );
            return (
              <div className="perio-compare-body">
                <p>
                  {t('perio.compareSummary', { before: time.day(c.before.date), after: time.day(c.after.date), count: c.worse, better: c.better, pd: c.thresholds.pdMm })}
                </p>
                <dl className="perio-indices">
                  <div>
                    <dt>{t('perio.bop')}</dt>
                    <dd>
                      {c.before.summary.bleeding.percent ?? '—'}% → {c.after.summary.bleeding.percent ?? '—'}%
                    </dd>
                  </div>
                  <div>
                    <dt>{t('perio.plaque')}</dt>
                    <dd>
                      {c.before.summary.plaque.percent ?? '—'}% → {c.after.summary.plaque.percent ?? '—'}%
                    </dd>
                  </div>
                  <div>
                    <dt>{t('perio.meanPd')}</dt>
                    <dd>
                      {c.before.summary.meanPd ?? '—'} → {c.after.summary.meanPd ?? '—'}
                    </dd>
                  </div>
                </dl>
                <div className="perio-grid">
                  <div className="perio-side-caption">{t('perio.upper')}</div>
                  <div className="perio-arch">
                    {band(rows.upper, 'facial')}
                    {band(rows.upper, 'lingual')}
                  </div>
                  <div className="perio-side-caption">{t('perio.lower')}</div>
                  <div className="perio-arch">
                    {band(rows.lower, 'lingual')}
                    {band(rows.lower, 'facial')}
                  </div>
                </div>
                {c.lostTeeth.length ? <p>{t('perio.lostTeeth', { teeth: c.lostTeeth.map((x) => formatTooth(x, notation)).join(', ') })}</p> : null}
              </div>
            );
          }}
        </QueryState>
      ) : null}
    </section>
  );
}
