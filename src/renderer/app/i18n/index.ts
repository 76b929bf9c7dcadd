import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { DEFAULT_LANGUAGE, LANGUAGES } from '../../../shared/i18n/languages';
import { en } from '../../../shared/i18n/en';
import { es } from '../../../shared/i18n/es';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    // Typing keys against the Spanish catalog makes a misspelt key a type error.
    resources: { translation: typeof es };
  }
}

export const i18n = i18next.createInstance();

function initialLanguage(): string {
  try {
    const stored = localStorage.getItem('dental.language');
    if (stored && (LANGUAGES as readonly string[]).includes(stored)) return stored;
  } catch {
    // Storage disabled: fall back to the default.
  }
  return DEFAULT_LANGUAGE;
}

function reflectLanguage(language: string) {
  document.documentElement.lang = language;
  document.title = i18n.t('app.name');
}

i18n.on('languageChanged', reflectLanguage);

void i18n.use(initReactI18next).init({
  resources: { es: { translation: es }, en: { translation: en } },
  lng: initialLanguage(),
  fallbackLng: DEFAULT_LANGUAGE,
  supportedLngs: [...LANGUAGES],
  // React escapes on render; escaping here too would show &amp; to users.
  interpolation: { escapeValue: false },
  initAsync: false,
  returnNull: false,
  // An advert in the console of a medical app reads as noise in support logs.
  showSupportNotice: false,
});

reflectLanguage(i18n.language);

/**
 * Translates a key that arrives at run time (an error's messageKey from main),
 * which the typed `t` cannot check. A key this build does not know falls back
 * to `fallbackKey` (the error code's own message), never to the raw key.
 */
export function translateKey(key: string, params?: Record<string, unknown>, fallbackKey = 'errors.INTERNAL'): string {
  const lookup = i18n.t as unknown as (k: string, o?: Record<string, unknown>) => string;
  return lookup(i18n.exists(key) ? key : fallbackKey, params);
}

/** Looks up an optional label (an audit action, say), falling back to the raw value. */
export function labelOr(key: string, fallback: string): string {
  const lookup = i18n.t as unknown as (k: string) => string;
  return i18n.exists(key) ? lookup(key) : fallback;
}
