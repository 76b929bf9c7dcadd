import type { Language } from '../i18n/languages';

/*
 * The one place amounts of money are written and read for people, in the
 * renderer and in main's PDFs alike. Amounts are integers in the currency's
 * minor units (CLP has none, USD and EUR two), never floats. Digits, grouping
 * and the decimal mark follow the practice's country, as dates do: a Chilean
 * practice reads "$12.500" in Spanish and in English.
 */

export interface PracticeMoneyOptions {
  language: Language;
  /** ISO 3166 country of the practice ("CL"). */
  country: string;
  /** ISO 4217 currency of the practice ("CLP"). */
  currency: string;
}

export interface PracticeMoneyFormat {
  readonly currency: string;
  /** Digits after the decimal mark (CLP 0, USD 2). */
  readonly digits: number;
  /** Minor units as "$12.500" (CLP) or "US$ 125,50". */
  format(minor: number, currency?: string): string;
  /** Minor units as a plain number without the currency sign, for inputs: "12.500". */
  plain(minor: number): string;
  /** What a person typed ("12.500", "$ 12500", "125,5") as minor units; null when it is not an amount. */
  parse(text: string): number | null;
}

/** Digits after the decimal point for a currency (CLP 0, USD 2), from ICU. */
export function currencyMinorDigits(currency: string): number {
  try {
    return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    return 2;
  }
}

/** The locale people of the country write numbers in, whatever the interface language: CL → es-CL. */
function countryLocale(language: Language, country: string): string {
  try {
    const locale = new Intl.Locale(`und-${country}`).maximize();
    return `${locale.language}-${country}`;
  } catch {
    return language;
  }
}

const cache = new Map<string, PracticeMoneyFormat>();

export function practiceMoney(options: PracticeMoneyOptions): PracticeMoneyFormat {
  const key = `${options.language}|${options.country}|${options.currency}`;
  let found = cache.get(key);
  if (!found) {
    found = build(options);
    cache.set(key, found);
  }
  return found;
}

function build({ language, country, currency }: PracticeMoneyOptions): PracticeMoneyFormat {
  const locale = countryLocale(language, country);
  const digits = currencyMinorDigits(currency);
  const formatters = new Map<string, Intl.NumberFormat>();
  const formatterFor = (code: string) => {
    let formatter = formatters.get(code);
    if (!formatter) {
      formatter = new Intl.NumberFormat(locale, { style: 'currency', currency: code, currencyDisplay: 'narrowSymbol' });
      formatters.set(code, formatter);
    }
    return formatter;
  };
  const plainFormatter = new Intl.NumberFormat(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits });
  const parts = new Intl.NumberFormat(locale).formatToParts(1234567.5);
  const group = parts.find((p) => p.type === 'group')?.value ?? ',';
  const decimal = parts.find((p) => p.type === 'decimal')?.value ?? '.';

  const toMajor = (minor: number, places: number) => minor / 10 ** places;
  return {
    currency,
    digits,
    format(minor, code = currency) {
      return formatterFor(code).format(toMajor(minor, code === currency ? digits : currencyMinorDigits(code)));
    },
    plain(minor) {
      return plainFormatter.format(toMajor(minor, digits));
    },
    parse(text) {
      // Keep digits, signs and both marks; the country's grouping mark goes, its decimal mark becomes '.'.
      let cleaned = text.replace(/[\s\u00a0\u202f]/g, '').replace(/[^\d.,-]/g, '');
      if (!/\d/.test(cleaned)) return null;
      const groupMark = group.replace(/[\u00a0\u202f]/g, ' ');
      if (groupMark !== ' ') cleaned = cleaned.split(groupMark).join('');
      if (decimal !== '.') cleaned = cleaned.replace(decimal, '.');
      if (!/^-?\d+(\.\d+)?$/.test(cleaned)) return null;
      const [whole, fraction = ''] = cleaned.replace('-', '').split('.');
      if (fraction.length > digits) return null;
      const minor = Number(whole) * 10 ** digits + Number(fraction.padEnd(digits, '0') || '0');
      if (!Number.isSafeInteger(minor)) return null;
      return cleaned.startsWith('-') ? -minor : minor;
    },
  };
}
