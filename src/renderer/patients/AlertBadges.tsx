import { useTranslation } from 'react-i18next';
import type { AlertCode } from '../../shared/patients/alerts';
import { SEVERE_ALERTS } from '../../shared/patients/alerts';
import { Icon } from '../ui/Icon';
import { sortAlerts } from './names';

/**
 * The medical alerts as badges, wherever the patient appears. Severe ones
 * (those that can harm the patient in the chair) come first, filled and with a
 * warning sign; each badge reads as the alert's name.
 */
export function AlertBadges({ alerts, compact = false, showEmpty = false }: { alerts: readonly AlertCode[]; compact?: boolean; showEmpty?: boolean }) {
  const { t } = useTranslation();
  if (alerts.length === 0) {
    return showEmpty ? <p className="alert-badges-empty">{t('patients.noAlerts')}</p> : null;
  }
  return (
    <ul role="list" className={compact ? 'alert-badges alert-badges-compact' : 'alert-badges'} aria-label={t('patients.alertsLabel')}>
      {sortAlerts(alerts).map((code) => {
        const severe = SEVERE_ALERTS.has(code);
        return (
          <li key={code} className={severe ? 'alert-badge alert-badge-severe' : 'alert-badge'} data-alert={code}>
            {severe ? <Icon name="alert" size={compact ? 12 : 14} /> : null}
            {t(`alerts.${code}`)}
          </li>
        );
      })}
    </ul>
  );
}
