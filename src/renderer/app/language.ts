import { useEffect } from 'react';
import { DEFAULT_LANGUAGE, LANGUAGES } from '../../shared/i18n/languages';
import type { Language } from '../../shared/i18n/languages';
import { i18n, switchLanguage } from './i18n';
import type { AppStatus } from './status';

const STORAGE_KEY = 'dental.language';

export function isLanguage(value: unknown): value is Language {
  return (LANGUAGES as readonly unknown[]).includes(value);
}

/** The language this workstation chose before anyone signed in. */
export function storedLanguage(): Language | null {
  try {
    const value = localStorage.getItem(STORAGE_KEY);
    return isLanguage(value) ? value : null;
  } catch {
    return null;
  }
}

export function currentLanguage(): Language {
  return isLanguage(i18n.language) ? i18n.language : DEFAULT_LANGUAGE;
}

/** Pre-login choice: remembered on this workstation only. */
export function chooseLocalLanguage(language: Language): void {
  try {
    localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // Storage may be disabled; the choice still holds for this page.
  }
  void switchLanguage(language);
}

/**
 * A signed-in user's own language wins; before sign-in, the workstation's
 * choice, then the practice's language, then Spanish.
 */
export function useLanguageFromStatus(status: AppStatus | undefined): void {
  const wanted: Language = status?.session
    ? status.session.user.language
    : (storedLanguage() ?? status?.practice?.language ?? DEFAULT_LANGUAGE);
  useEffect(() => {
    if (i18n.language !== wanted) void switchLanguage(wanted);
  }, [wanted]);
}
