import { useTranslation } from 'react-i18next';
import type { Permission } from '../../shared/auth/roles';
import { ariaKeys } from '../app/Keys';
import { shortcutFor } from '../app/shortcuts';
import { Icon } from '../ui/Icon';
import { PANEL_IDS, PANEL_PERMISSION } from './panel-ids';
import type { PanelId } from './panel-ids';
import { PANELS } from './panels';

/** Panels the signed-in role can use; the palette still lists all of them. */
export function railPanels(permissions: readonly Permission[]): PanelId[] {
  return PANEL_IDS.filter((id) => permissions.includes(PANEL_PERMISSION[id]));
}

export function NavRail({ panels, active, onOpen }: { panels: readonly PanelId[]; active: PanelId | null; onOpen: (id: PanelId) => void }) {
  const { t } = useTranslation();
  return (
    <nav className="rail" aria-label={t('nav.label')} data-region="nav">
      <ul className="rail-list">
        {panels.map((id) => {
          const combo = shortcutFor(`panel.${id}`)?.combos[0];
          return (
            <li key={id}>
              <button
                type="button"
                className={id === active ? 'rail-item rail-item-active' : 'rail-item'}
                aria-current={id === active ? 'page' : undefined}
                aria-keyshortcuts={combo ? ariaKeys(combo) : undefined}
                title={t(`panels.${id}.title`)}
                onClick={() => onOpen(id)}
              >
                <Icon name={PANELS[id].icon} size={20} />
                <span className="rail-label">{t(`panels.${id}.nav`)}</span>
              </button>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
