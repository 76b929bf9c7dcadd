import type { Language } from '../../shared/i18n/languages';

export function fullName(person: { givenNames: string; firstSurname: string; secondSurname: string }): string {
  return [person.givenNames, person.firstSurname, person.secondSurname].filter(Boolean).join(' ');
}

/** An instant shown as wall-clock time in the practice's zone, in the user's language. */
export function formatDateTime(iso: string, language: Language, timeZone: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  try {
    return new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'medium', timeZone }).format(date);
  } catch {
    return new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'medium' }).format(date);
  }
}

export function formatLongDate(date: Date, language: Language, timeZone: string): string {
  try {
    return new Intl.DateTimeFormat(language, { dateStyle: 'full', timeZone }).format(date);
  } catch {
    return new Intl.DateTimeFormat(language, { dateStyle: 'full' }).format(date);
  }
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
