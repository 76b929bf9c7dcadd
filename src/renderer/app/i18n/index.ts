import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { DEFAULT_LANGUAGE, LANGUAGES } from '../../../shared/i18n/languages';
import type { Language } from '../../../shared/i18n/languages';
import { es } from '../../../shared/i18n/es';
import type { Catalog } from '../../../shared/i18n/es';
import { formatMessageNumber } from '../../../shared/i18n/numbers';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    // Typing keys against the Spanish catalog makes a misspelt key a type error.
    resources: { translation: typeof es };
  }
}

export const i18n = i18next.createInstance();

function initialLanguage(): Language {
  try {
    const stored = localStorage.getItem('dental.language');
    if (stored && (LANGUAGES as readonly string[]).includes(stored)) return stored as Language;
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

/**
 * Spanish, the reference and the fallback, ships in the first chunk; other
 * catalogs are fetched from their own chunk the first time they are needed,
 * so the screens before sign-in do not carry every language.
 */
const LOADERS: Record<Language, () => Promise<Catalog>> = {
  es: () => Promise.resolve(es),
  en: () => import('../../../shared/i18n/en').then((m) => m.en),
};

async function loadLanguage(language: Language): Promise<void> {
  if (i18n.hasResourceBundle(language, 'translation')) return;
  i18n.addResourceBundle(language, 'translation', await LOADERS[language]());
}

let requested: Language = DEFAULT_LANGUAGE;

/**
 * Changes the language once its catalog is here, so nobody sees one screen in
 * two languages. When choices overlap, the last one asked for wins.
 */
export async function switchLanguage(language: Language): Promise<void> {
  requested = language;
  await loadLanguage(language);
  if (requested === language && i18n.language !== language) await i18n.changeLanguage(language);
}

void i18n.use(initReactI18next).init({
  resources: { es: { translation: es } },
  lng: DEFAULT_LANGUAGE,
  fallbackLng: DEFAULT_LANGUAGE,
  supportedLngs: [...LANGUAGES],
  // React escapes on render; escaping here too would show &amp; to users.
  interpolation: { escapeValue: false },
  initAsync: false,
  returnNull: false,
  // An advert in the console of a medical app reads as noise in support logs.
  showSupportNotice: false,
});

// The same numbers as the messages main writes (translate.ts): "4.000", not CLDR Spanish's "4000".
i18n.services.formatter?.add('number', (value: unknown, lng: string | undefined) => (typeof value === 'number' ? formatMessageNumber(lng ?? DEFAULT_LANGUAGE, value) : String(value)));

reflectLanguage(i18n.language);

/** Resolves once this workstation's language is loaded and applied; the first render waits for it. */
export const i18nReady: Promise<void> = switchLanguage(initialLanguage()).catch(() => undefined);

/**
 * Translates a key that arrives at run time (an error's messageKey from main),
 * which the typed `t` cannot check. A key this build does not know falls back
 * to `fallbackKey` (the error code's own message), never to the raw key.
 */
export function translateKey(key: string, params?: Record<string, unknown>, fallbackKey = 'errors.INTERNAL'): string {
  const lookup = i18n.t as unknown as (k: string, o?: Record<string, unknown>) => string;
  // With its params, so a plural key (`_one`/`_other` only) is found through its count.
  return lookup(i18n.exists(key, params) ? key : fallbackKey, params);
}

/** Looks up an optional label (an audit action, say), falling back to the raw value. */
export function labelOr(key: string, fallback: string): string {
  const lookup = i18n.t as unknown as (k: string) => string;
  return i18n.exists(key) ? lookup(key) : fallback;
}
