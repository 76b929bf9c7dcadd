import { useTranslation } from 'react-i18next';
import { DEFAULT_LANGUAGE, type Language } from '../../shared/i18n/languages';
import { type PracticeTimeFormat, practiceTimeFormat } from '../../shared/practice/datetime';
import { type PracticeMoneyFormat, practiceMoney } from '../../shared/practice/money';
import { isLanguage } from '../app/language';
import { useAppStatus } from '../app/status';

export function fullName(person: { givenNames: string; firstSurname: string; secondSurname: string }): string {
  return [person.givenNames, person.firstSurname, person.secondSurname].filter(Boolean).join(' ');
}

/**
 * Every date and time the screens show, through the one shared helper: the
 * practice's zone and country, the user's language. Re-renders on a language
 * switch because useTranslation does.
 */
export function usePracticeTime(): PracticeTimeFormat {
  const { i18n } = useTranslation();
  const practice = useAppStatus().practice;
  const language: Language = isLanguage(i18n.language) ? i18n.language : DEFAULT_LANGUAGE;
  return practiceTimeFormat({ language, country: practice?.country ?? 'CL', timeZone: practice?.timeZone ?? 'UTC' });
}

/** Every amount of money the screens show or read, in the practice's currency and country (CLP without decimals). */
export function usePracticeMoney(): PracticeMoneyFormat {
  const { i18n } = useTranslation();
  const practice = useAppStatus().practice;
  const language: Language = isLanguage(i18n.language) ? i18n.language : DEFAULT_LANGUAGE;
  return practiceMoney({ language, country: practice?.country ?? 'CL', currency: practice?.currency ?? 'CLP' });
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

/** An instant split for two-line table cells: { date: '03-12-2026', time: '14:09' } (with seconds, '14:09:05'). */
export function useInstantParts(withSeconds = false): (iso: string) => { date: string; time: string } {
  const f = usePracticeTime();
  return (iso) => ({ date: f.date(iso), time: f.time(iso, withSeconds) });
}
