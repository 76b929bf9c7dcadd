import type { Language } from '../i18n/languages';

/** Digits of a currency's minor unit (CLP 0, USD and EUR 2), from ICU. */
export function currencyDigits(currency: string): number {
  try {
    return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    return 2;
  }
}

/** The one way plans show an amount: "$ 350.000" (es-CL), "CLP 350,000" (en). Integer minor units in, never a float stored. */
export function formatMoney(minor: number, currency: string, language: Language, country = 'CL'): string {
  const digits = currencyDigits(currency);
  const locale = language === 'es' ? `es-${country}` : 'en-US';
  let format: Intl.NumberFormat;
  try {
    format = new Intl.NumberFormat(locale, { style: 'currency', currency, minimumFractionDigits: digits, maximumFractionDigits: digits });
  } catch {
    format = new Intl.NumberFormat(language, { style: 'currency', currency, minimumFractionDigits: digits, maximumFractionDigits: digits });
  }
  return format.format(minor / 10 ** digits);
}

/** A typed amount ("350.000", "12,50") to minor units; null when it is not an amount. */
export function parseMoneyInput(text: string, currency: string, language: Language): number | null {
  const digits = currencyDigits(currency);
  let clean = text.replace(/[^\d.,]/g, '');
  if (!clean) return null;
  const decimal = language === 'es' ? ',' : '.';
  const group = decimal === ',' ? '.' : ',';
  clean = clean.split(group).join('');
  if (digits === 0 && clean.includes(decimal)) return null;
  const value = Number(clean.replace(decimal, '.'));
  if (!Number.isFinite(value) || value < 0) return null;
  const minor = Math.round(value * 10 ** digits);
  return Number.isSafeInteger(minor) ? minor : null;
}
