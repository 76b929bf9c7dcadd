import type { Language } from '../../shared/i18n/languages';

export function fullName(person: { givenNames: string; firstSurname: string; secondSurname: string }): string {
  return [person.givenNames, person.firstSurname, person.secondSurname].filter(Boolean).join(' ');
}

function formatter(language: Language, timeZone: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  try {
    return new Intl.DateTimeFormat(language, { ...options, timeZone });
  } catch {
    // An unknown zone (a practice synced from a newer ICU) still shows local time rather than failing.
    return new Intl.DateTimeFormat(language, options);
  }
}

/**
 * Formats instants as wall-clock date and time in the practice's zone, in the
 * user's language. Build it once per table: formatters are costly to create.
 */
export function dateTimeFormatter(language: Language, timeZone: string): (iso: string) => { date: string; time: string } {
  const date = formatter(language, timeZone, { dateStyle: 'medium' });
  const time = formatter(language, timeZone, { timeStyle: 'medium' });
  return (iso) => {
    const instant = new Date(iso);
    if (Number.isNaN(instant.getTime())) return { date: iso, time: '' };
    return { date: date.format(instant), time: time.format(instant) };
  };
}

export function formatLongDate(date: Date, language: Language, timeZone: string): string {
  return formatter(language, timeZone, { dateStyle: 'full' }).format(date);
}

/** The hour of day in the practice's zone, for the greeting. */
export function hourIn(date: Date, timeZone: string): number {
  try {
    const hour = new Intl.DateTimeFormat('en-GB', { hour: 'numeric', hourCycle: 'h23', timeZone }).format(date);
    return Number.parseInt(hour, 10);
  } catch {
    return date.getHours();
  }
}

/** A calendar date (YYYY-MM-DD, no time zone) in the user's language, e.g. "14 mar 1985". */
export function formatCalendarDate(isoDate: string, language: Language, style: 'medium' | 'long' = 'medium'): string {
  const [y, m, d] = isoDate.split('-').map(Number);
  if (!y || !m || !d) return isoDate;
  return new Intl.DateTimeFormat(language, { dateStyle: style, timeZone: 'UTC' }).format(new Date(Date.UTC(y, m - 1, d)));
}
