import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { SessionInfo } from '../../shared/contract/app';
import type { Language } from '../../shared/i18n/languages';
import { Keys, ariaKeys } from '../app/Keys';
import { shortcutFor } from '../app/shortcuts';
import { SyncIndicator } from '../sync/SyncIndicator';
import { Button } from '../ui/Button';
import { Icon } from '../ui/Icon';
import { LanguageSelect } from '../ui/LanguageSelect';

interface TopBarProps {
  practiceName: string;
  /** The patient search, for roles that may read patients. */
  search: ReactNode;
  session: SessionInfo;
  language: Language;
  languageBusy: boolean;
  onLanguage: (language: Language) => void;
  onPalette: () => void;
  onShortcuts: () => void;
  onLock: () => void;
  onSignOut: () => void;
  onOpenSync: () => void;
}

const initials = (name: string) =>
  name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((part) => part[0]?.toUpperCase())
    .join('');

export function TopBar(props: TopBarProps) {
  const { t } = useTranslation();
  const { session } = props;
  const palette = shortcutFor('palette')?.combos[0];
  const lock = shortcutFor('lock')?.combos[0];
  const help = shortcutFor('help')?.combos[0];
  return (
    <header className="topbar" data-region="topbar">
      <div className="brand">
        <span className="brand-mark">
          <Icon name="tooth" size={18} />
        </span>
        <h1 className="topbar-practice">{props.practiceName}</h1>
      </div>

      {props.search ? <div className="topbar-search">{props.search}</div> : null}

      <button
        type="button"
        className={props.search ? 'command-trigger command-trigger-compact' : 'command-trigger'}
        onClick={props.onPalette}
        aria-keyshortcuts={palette ? ariaKeys(palette) : undefined}
        aria-haspopup="dialog"
      >
        <Icon name="search" size={16} />
        <span className="command-trigger-label">{t('topbar.commands')}</span>
        {palette ? <Keys combo={palette} /> : null}
      </button>

      <div className="topbar-end">
        <SyncIndicator onOpen={props.onOpenSync} />
        <div className="topbar-user">
          <span className="avatar" aria-hidden="true">
            {initials(session.user.displayName)}
          </span>
          <span className="topbar-user-text">
            <span className="topbar-user-name">{session.user.displayName}</span>
            <span className="topbar-user-role">{t(`roles.${session.user.role}`)}</span>
          </span>
        </div>
        <LanguageSelect value={props.language} onChange={props.onLanguage} disabled={props.languageBusy} />
        <Button
          variant="ghost"
          size="sm"
          icon="keyboard"
          onClick={props.onShortcuts}
          aria-label={t('topbar.shortcuts')}
          title={t('topbar.shortcuts')}
          aria-keyshortcuts={help ? ariaKeys(help) : undefined}
          aria-haspopup="dialog"
          className="btn-icon"
        />
        <Button variant="ghost" size="sm" icon="lock" onClick={props.onLock} aria-keyshortcuts={lock ? ariaKeys(lock) : undefined}>
          {t('topbar.lock')}
        </Button>
        <Button variant="ghost" size="sm" icon="signOut" onClick={props.onSignOut}>
          {t('topbar.signOut')}
        </Button>
      </div>
    </header>
  );
}
