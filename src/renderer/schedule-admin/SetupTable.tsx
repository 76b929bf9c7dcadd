import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../ui/Button';
import { Swatch } from './common';

/** One column of a setup table: its header (null: "actions", read by screen readers only) and how a row fills it. */
export interface SetupColumn<T> {
  header: string | null;
  cell: (row: T, index: number) => ReactNode;
  className?: string;
}

/**
 * The list of one kind of setup record (chairs, providers, types), described
 * by its columns: every such list reads and behaves the same.
 */
export function SetupTable<T extends { id: string }>({ caption, rows, columns }: { caption: string; rows: readonly T[]; columns: readonly SetupColumn<T>[] }) {
  const { t } = useTranslation();
  return (
    <div className="table-wrap">
      <table className="table table-dense">
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr>
            {columns.map((c, i) => (
              <th key={i} scope="col">
                {c.header ?? <span className="sr-only">{t('scheduleAdmin.common.actions')}</span>}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row, index) => (
            <tr key={row.id}>
              {columns.map((c, i) => (
                <td key={i} className={c.className}>
                  {c.cell(row, index)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** A record's name with its colour, marked when turned off. */
export function NameCell({ name, colour, active }: { name: string; colour?: string; active: boolean }) {
  const { t } = useTranslation();
  return (
    <>
      {colour ? <Swatch colour={colour} /> : null}
      {name}
      {active ? null : <span className="badge badge-inline">{t('scheduleAdmin.common.inactive')}</span>}
    </>
  );
}

/** Turns a record off or on again; records are never deleted, appointments point at them. */
export function ActiveToggle({ name, active, onToggle }: { name: string; active: boolean; onToggle: () => void }) {
  const { t } = useTranslation();
  return (
    <Button size="sm" variant="ghost" onClick={onToggle} aria-label={t(active ? 'scheduleAdmin.common.deactivateOf' : 'scheduleAdmin.common.activateOf', { name })}>
      {active ? t('scheduleAdmin.common.deactivate') : t('scheduleAdmin.common.activate')}
    </Button>
  );
}
