import { useTranslation } from 'react-i18next';
import { formatMoney } from '../../shared/plans/money';
import { isLanguage } from '../app/language';
import { useAppStatus } from '../app/status';

/** The one money formatter of these screens: the practice's country, the user's language. */
export function useMoney(currency: string): (minor: number) => string {
  const { i18n } = useTranslation();
  const country = useAppStatus().practice?.country ?? 'CL';
  const language = isLanguage(i18n.language) ? i18n.language : 'es';
  return (minor) => formatMoney(minor, currency, language, country);
}
