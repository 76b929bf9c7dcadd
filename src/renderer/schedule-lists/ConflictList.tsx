import { useTranslation } from 'react-i18next';
import type { Conflict } from '../../shared/contract/schedule';

/** Each conflict of a booking, said plainly, blocking ones marked. */
export function ConflictList({ conflicts }: { conflicts: readonly Conflict[] }) {
  const { t } = useTranslation();
  return (
    <ul className="sl-conflicts" aria-label={t('scheduleLists.conflicts')}>
      {conflicts.map((c, i) => (
        <li key={`${c.kind}-${c.date}-${i}`}>
          {t(`scheduleLists.conflictKinds.${c.kind}`)}
          {c.label ? ` (${c.label})` : ''}
          {c.blocking ? ` · ${t('scheduleLists.blocking')}` : ''}
        </li>
      ))}
    </ul>
  );
}
