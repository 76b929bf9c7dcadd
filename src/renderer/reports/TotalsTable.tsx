import { useTranslation } from 'react-i18next';
import { usePracticeMoney } from '../ui/format';

export interface TotalsRow {
  key: string;
  label: string;
  production: number;
  collections: number;
  adjustments?: number;
}

/** A table of production, collections (and adjustments) per row, with the total. */
export function TotalsTable({ caption, first, rows, total, adjustments = true }: { caption: string; first: string; rows: readonly TotalsRow[]; total?: TotalsRow; adjustments?: boolean }) {
  const { t } = useTranslation();
  const money = usePracticeMoney();
  return (
    <div className="table-wrap">
      <table className="table table-dense">
        <caption className="table-caption">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{first}</th>
            <th scope="col" className="num">{t('reports.columns.production')}</th>
            <th scope="col" className="num">{t('reports.columns.collections')}</th>
            {adjustments ? <th scope="col" className="num">{t('reports.columns.adjustments')}</th> : null}
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 ? (
            <tr>
              <td colSpan={adjustments ? 4 : 3} className="muted">{t('reports.empty')}</td>
            </tr>
          ) : null}
          {rows.map((r) => (
            <tr key={r.key}>
              <th scope="row">{r.label}</th>
              <td className="num">{money.format(r.production)}</td>
              <td className="num">{money.format(r.collections)}</td>
              {adjustments ? <td className="num">{money.format(r.adjustments ?? 0)}</td> : null}
            </tr>
          ))}
        </tbody>
        {total ? (
          <tfoot>
            <tr>
              <th scope="row">{t('reports.total')}</th>
              <td className="num">{money.format(total.production)}</td>
              <td className="num">{money.format(total.collections)}</td>
              {adjustments ? <td className="num">{money.format(total.adjustments ?? 0)}</td> : null}
            </tr>
          </tfoot>
        ) : null}
      </table>
    </div>
  );
}
