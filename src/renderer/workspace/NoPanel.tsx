import { useTranslation } from 'react-i18next';
import { Keys } from '../app/Keys';
import { shortcutFor } from '../app/shortcuts';
import { Icon } from '../ui/Icon';

/** What the work area says to a role that has none of the panels of this version. */
export function NoPanel() {
  const { t } = useTranslation();
  const palette = shortcutFor('palette')?.combos[0];
  return (
    <section className="panel panel-empty" aria-label={t('workspace.noPanelTitle')}>
      <div className="empty-state">
        <span className="empty-state-icon">
          <Icon name="calendar" size={28} />
        </span>
        <h2 className="panel-title" tabIndex={-1}>
          {t('workspace.noPanelTitle')}
        </h2>
        <p>{t('workspace.noPanelBody')}</p>
        {palette ? (
          <p className="muted">
            {t('workspace.noPanelHint')} <Keys combo={palette} announce />
          </p>
        ) : null}
      </div>
    </section>
  );
}
