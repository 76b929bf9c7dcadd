import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { chooseLocalLanguage, currentLanguage } from '../app/language';
import { Icon } from './Icon';
import { LanguageSelect } from './LanguageSelect';

interface AuthFrameProps {
  title: string;
  subtitle?: ReactNode;
  wide?: boolean;
  /** False on the lock screen, which stays in the signed-in user's own language. */
  languageSwitch?: boolean;
  children: ReactNode;
}

/** The frame of every screen before the workspace: brand, language, one centred card. */
export function AuthFrame({ title, subtitle, wide = false, languageSwitch = true, children }: AuthFrameProps) {
  const { t } = useTranslation();
  return (
    <div className="auth-screen">
      <header className="auth-header">
        <div className="brand">
          <span className="brand-mark">
            <Icon name="tooth" size={20} />
          </span>
          <span className="brand-name">{t('app.name')}</span>
        </div>
        {languageSwitch ? <LanguageSelect value={currentLanguage()} onChange={chooseLocalLanguage} /> : null}
      </header>
      <main className={wide ? 'auth-card auth-card-wide' : 'auth-card'}>
        <div className="auth-card-head">
          <h1 className="auth-title">{title}</h1>
          {subtitle ? <p className="auth-subtitle">{subtitle}</p> : null}
        </div>
        {children}
      </main>
      <footer className="auth-footer">{t('app.tagline')}</footer>
    </div>
  );
}
