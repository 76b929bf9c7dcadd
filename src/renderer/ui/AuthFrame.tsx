import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { chooseLocalLanguage, currentLanguage } from '../app/language';
import { Icon } from './Icon';
import { LanguageSelect } from './LanguageSelect';

interface AuthFrameProps {
  title: string;
  subtitle?: ReactNode;
  wide?: boolean;
  /** Replaces the local language switch (the lock screen shows the user's own language). */
  languageControl?: ReactNode;
  children: ReactNode;
}

/** The frame of every screen before the workspace: brand, language, one centred card. */
export function AuthFrame({ title, subtitle, wide = false, languageControl, children }: AuthFrameProps) {
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
        {languageControl ?? <LanguageSelect value={currentLanguage()} onChange={chooseLocalLanguage} />}
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
