import { calendarWords } from '../../shared/practice/datetime';
import { minutesToTime, timeToMinutes } from '../../shared/schedule/time';

/** "2026-11-23T09:30" → minutes of the day. */
export const localMinutes = (local: string): number => timeToMinutes(local.slice(11, 16));
export const localDate = (local: string): string => local.slice(0, 10);
export const hhmm = (minutes: number): string => minutesToTime(Math.max(0, Math.min(minutes, 1440)));

/** Today in the practice's zone, as YYYY-MM-DD. */
export function todayIn(timeZone: string): string {
  try {
    return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
  } catch {
    return new Date().toISOString().slice(0, 10);
  }
}

/** A local date for people: "lunes 23 de noviembre de 2026" / "Monday, November 23, 2026" (shared/practice/datetime.ts). */
export const longDate = (date: string, language: string, withYear = true): string => calendarWords(language).longDay(date, withYear);

export const shortDate = (date: string, language: string): string => calendarWords(language).shortDay(date);

/** "lun 23": a week column's heading, narrow enough for seven columns beside the patient. */
export const weekdayAndDay = (date: string, language: string): string => calendarWords(language).weekdayAndDay(date);

/** "lun 23 nov, 09:30". */
export function whenLabel(startLocal: string, language: string): string {
  return `${shortDate(localDate(startLocal), language)}, ${startLocal.slice(11, 16)}`;
}
