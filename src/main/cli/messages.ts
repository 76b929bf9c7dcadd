import type { AppError } from '../../shared/contract/errors';
import type { Language } from '../../shared/i18n/languages';
import { translate } from '../../shared/i18n/translate';

/** The admin's language, from the usual locale variables; Spanish unless they say English. */
export function cliLanguage(env: NodeJS.ProcessEnv = process.env): Language {
  const locale = env.LC_ALL || env.LC_MESSAGES || env.LANG || '';
  return locale.toLowerCase().startsWith('en') ? 'en' : 'es';
}

/** The same translated message the app shows, with the code for support. */
export function describeError(error: AppError, language: Language = cliLanguage()): string {
  const params = translatedParams(error.value.params ?? {}, language);
  const message = translate(language, error.value.messageKey, params) ?? translate(language, `errors.${error.code}`, params) ?? error.code;
  const detail = typeof params.detail === 'string' ? `\n  (${params.detail})` : '';
  return `${message} [${error.code}]${detail}`;
}

/** A param named `somethingKey` is itself a catalog key: its translation fills `{{something}}`. */
function translatedParams(params: Record<string, string | number>, language: Language): Record<string, string | number> {
  const out = { ...params };
  for (const [name, value] of Object.entries(params)) {
    if (name.endsWith('Key') && typeof value === 'string') out[name.slice(0, -3)] = translate(language, value, params) ?? value;
  }
  return out;
}
