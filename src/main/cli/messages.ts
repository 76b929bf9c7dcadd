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
  const params = error.value.params ?? {};
  const message = translate(language, error.value.messageKey, params) ?? translate(language, `errors.${error.code}`, params) ?? error.code;
  const detail = typeof params.detail === 'string' ? `\n  (${params.detail})` : '';
  return `${message} [${error.code}]${detail}`;
}
