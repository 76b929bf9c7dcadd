import { useTranslation } from 'react-i18next';
import { Button } from '../ui/Button';
import { Dialog } from '../ui/Dialog';
import { Keys } from './Keys';
import { SHORTCUTS, SHORTCUT_GROUPS } from './shortcuts';

/** `?`: the whole shortcut registry, grouped. Rendered from the same list the key handler uses. */
export function ShortcutsDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Dialog label={t('shortcuts.title')} onClose={onClose} className="shortcuts-dialog">
      <header className="dialog-header">
        <h2 className="dialog-title">{t('shortcuts.title')}</h2>
        <Button variant="ghost" size="sm" onClick={onClose}>
          {t('common.close')}
        </Button>
      </header>
      {/* It scrolls, so it takes the keyboard too (the arrows scroll it). */}
      <div className="dialog-body shortcuts-grid" role="region" aria-label={t('shortcuts.list')} tabIndex={0}>
        {SHORTCUT_GROUPS.map((group) => (
          <section key={group} className="shortcuts-group" aria-labelledby={`shortcuts-${group}`}>
            <h3 id={`shortcuts-${group}`} className="shortcuts-group-title">
              {t(`shortcuts.groups.${group}`)}
            </h3>
            <ul className="shortcuts-list">
              {SHORTCUTS.filter((s) => s.group === group).map((shortcut) => (
                <li key={shortcut.action} className="shortcut-row">
                  <span>{t(`shortcuts.actions.${shortcut.action}`)}</span>
                  <span className="shortcut-keys">
                    {shortcut.combos.map((combo, i) => (
                      <Keys key={i} combo={combo} announce />
                    ))}
                  </span>
                </li>
              ))}
            </ul>
          </section>
        ))}
      </div>
    </Dialog>
  );
}
