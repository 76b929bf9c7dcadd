import type { Language } from './languages';

const formats = new Map<string, Intl.NumberFormat>();

/**
 * A count or a limit inside a message ("hasta 4.000 caracteres"): grouped
 * from the thousands on. CLDR's Spanish leaves four-digit numbers ungrouped,
 * where Chilean text writes 4.000 as it writes 40.000.
 */
export function formatMessageNumber(language: Language | string, value: number): string {
  let format = formats.get(language);
  if (!format) formats.set(language, (format = new Intl.NumberFormat(language, { useGrouping: 'always', maximumFractionDigits: 2 })));
  return format.format(value);
}
