import type { Language } from '../i18n/languages';

/*
 * The one place dates and times are written for people, in the renderer and
 * in main's PDFs alike. Instants are shown on the practice's wall clock (its
 * IANA zone, never the workstation's), and numeric dates and the clock follow
 * the practice's country, whatever the browser's locale: a Chilean practice
 * reads "03-12-2026 14:09" in Spanish and in English. Words (weekdays, month
 * names) are in the user's language.
 */

export interface PracticeClock {
  /** The user's interface language. */
  language: Language;
  /** ISO 3166 country of the practice ("CL"). */
  country: string;
  /** The practice's IANA zone ("America/Santiago"). */
  timeZone: string;
}

export interface PracticeTimeFormat {
  /** An instant as "03-12-2026 14:09". */
  dateTime(iso: string): string;
  /** The practice's calendar date of an instant, "03-12-2026". */
  date(iso: string): string;
  /** The practice's wall-clock time of an instant, "14:09" ("2:09 PM" where the country uses a 12-hour clock); with seconds, "14:09:05" (the audit log). */
  time(iso: string, withSeconds?: boolean): string;
  /** A calendar date (YYYY-MM-DD, no zone) as "03-12-2026". */
  day(isoDate: string): string;
  /** A calendar date in words: "jueves, 3 de diciembre de 2026" / "Thursday, December 3, 2026". */
  longDay(isoDate: string, withYear?: boolean): string;
  /** A calendar date, short and in words: "jue, 3 dic" / "Thu, Dec 3". */
  shortDay(isoDate: string): string;
  /** A week column's heading: "jue 3". */
  weekdayAndDay(isoDate: string): string;
  /** A wall time already in the practice's zone ("HH:MM") on the practice's clock. */
  wallTime(hhmm: string): string;
  /** The calendar date (YYYY-MM-DD) an instant falls on in the practice's zone: for grouping and comparing, not for showing. */
  dayOf(iso: string): string;
  /** A date typed the way day() writes it ("3-12-2026", "03/12/2026" also do) as YYYY-MM-DD, or null if it is not a real date. */
  parseDay(text: string): string | null;
  /** A time of day typed by a person ("14:30", "1430", "9", "2:30 pm") as "HH:MM", or null if it is not one. */
  parseTime(text: string): string | null;
  /** Whether the practice's country writes times on a 12-hour clock. */
  twelveHour: boolean;
  /** The order day() writes the parts in, and what separates them: for the app's own date field. */
  dayOrder: readonly ('day' | 'month' | 'year')[];
  daySeparator: string;
}

/** Countries whose clinics write times on a 12-hour clock; everywhere else the app offers, records use 24 h. */
const TWELVE_HOUR = new Set(['US']);

function zoneOrUtc(timeZone: string): string {
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    return timeZone;
  } catch {
    // An unknown zone (synced from a newer ICU) shows UTC, labelled nowhere as local: never the workstation's zone.
    return 'UTC';
  }
}

/** The locale people of the country write numeric dates in: CL → es-CL, US → en-US. */
function countryLocale(country: string): string {
  try {
    const locale = new Intl.Locale(`und-${country}`).maximize();
    return `${locale.language}-${country}`;
  } catch {
    return 'es';
  }
}

interface NumericDate {
  order: readonly ('day' | 'month' | 'year')[];
  separator: string;
}

/** Day, month and year order and separator from CLDR for the country (es-CL: dd-mm-yyyy). */
function numericDate(country: string): NumericDate {
  const parts = new Intl.DateTimeFormat(countryLocale(country), { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: 'UTC' }).formatToParts(new Date(Date.UTC(2026, 11, 3)));
  const order = parts.filter((p) => p.type === 'day' || p.type === 'month' || p.type === 'year').map((p) => p.type as 'day' | 'month' | 'year');
  const separator = parts.find((p) => p.type === 'literal')?.value ?? '-';
  return order.length === 3 ? { order, separator } : { order: ['day', 'month', 'year'], separator: '-' };
}

export interface CalendarWords {
  longDay(isoDate: string, withYear?: boolean): string;
  shortDay(isoDate: string): string;
  weekdayAndDay(isoDate: string): string;
}

// Something unparseable is shown as a dash rather than as the raw string it was.
const NONE = '—';

function utcDay(isoDate: string): Date | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate.slice(0, 10));
  return match ? new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))) : null;
}

const wordsCache = new Map<string, CalendarWords>();

/** Calendar dates in words, in a language; they need no zone (a calendar date is the same everywhere). */
export function calendarWords(language: string): CalendarWords {
  let found = wordsCache.get(language);
  if (!found) {
    const long = new Intl.DateTimeFormat(language, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
    const longNoYear = new Intl.DateTimeFormat(language, { weekday: 'long', day: 'numeric', month: 'long', timeZone: 'UTC' });
    const short = new Intl.DateTimeFormat(language, { weekday: 'short', day: 'numeric', month: 'short', timeZone: 'UTC' });
    const weekday = new Intl.DateTimeFormat(language, { weekday: 'short', day: 'numeric', timeZone: 'UTC' });
    const words = (format: Intl.DateTimeFormat) => (isoDate: string) => {
      const d = utcDay(isoDate);
      return d ? format.format(d) : NONE;
    };
    found = {
      longDay: (isoDate, withYear = true) => words(withYear ? long : longNoYear)(isoDate),
      shortDay: words(short),
      weekdayAndDay: words(weekday),
    };
    wordsCache.set(language, found);
  }
  return found;
}

const cache = new Map<string, PracticeTimeFormat>();

/** The formatter for one user and practice; built once per combination, since Intl formatters are costly to create. */
export function practiceTimeFormat(clock: PracticeClock): PracticeTimeFormat {
  const key = `${clock.language}|${clock.country}|${clock.timeZone}`;
  let found = cache.get(key);
  if (!found) {
    found = build(clock);
    cache.set(key, found);
  }
  return found;
}

function build({ language, country, timeZone: zone }: PracticeClock): PracticeTimeFormat {
  const timeZone = zoneOrUtc(zone);
  const { order, separator } = numericDate(country);
  const twelve = TWELVE_HOUR.has(country);
  const dayParts = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
  const clock = (seconds: boolean) =>
    new Intl.DateTimeFormat(
      language,
      twelve
        ? { hour: 'numeric', minute: '2-digit', ...(seconds ? { second: '2-digit' } : {}), hourCycle: 'h12', timeZone: 'UTC' }
        : { hour: '2-digit', minute: '2-digit', ...(seconds ? { second: '2-digit' } : {}), hourCycle: 'h23', timeZone: 'UTC' },
    );
  const clockTime = clock(false);
  const clockSeconds = clock(true);
  const words = calendarWords(language);

  const wall = (iso: string): { y: string; m: string; d: string; hh: string; mm: string; ss: string } | null => {
    const instant = new Date(iso);
    if (Number.isNaN(instant.getTime())) return null;
    const parts = dayParts.formatToParts(instant);
    const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
    return { y: part('year'), m: part('month'), d: part('day'), hh: part('hour') === '24' ? '00' : part('hour'), mm: part('minute'), ss: part('second') };
  };
  const numeric = (y: string, m: string, d: string) => order.map((p) => (p === 'day' ? d : p === 'month' ? m : y)).join(separator);
  const wallTime = (hhmm: string): string => {
    const match = /^(\d{1,2}):(\d{2})/.exec(hhmm);
    return match ? clockTime.format(new Date(Date.UTC(2000, 0, 1, Number(match[1]), Number(match[2])))) : hhmm;
  };
  return {
    dateTime(iso) {
      const w = wall(iso);
      return w ? `${numeric(w.y, w.m, w.d)} ${wallTime(`${w.hh}:${w.mm}`)}` : NONE;
    },
    date(iso) {
      const w = wall(iso);
      return w ? numeric(w.y, w.m, w.d) : NONE;
    },
    time(iso, withSeconds = false) {
      const w = wall(iso);
      if (!w) return NONE;
      return withSeconds ? clockSeconds.format(new Date(Date.UTC(2000, 0, 1, Number(w.hh), Number(w.mm), Number(w.ss)))) : wallTime(`${w.hh}:${w.mm}`);
    },
    day(isoDate) {
      const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate.slice(0, 10));
      return match ? numeric(match[1]!, match[2]!, match[3]!) : NONE;
    },
    ...words,
    wallTime,
    dayOrder: order,
    daySeparator: separator,
    twelveHour: twelve,
    parseTime(text) {
      const match = /^(\d{1,2})(?:[:.h]?(\d{2}))?\s*(?:([ap])\.?\s*m\.?)?$/i.exec(text.trim());
      if (!match) return null;
      let hours = Number(match[1]);
      const minutes = Number(match[2] ?? '0');
      const meridiem = match[3]?.toLowerCase();
      if (meridiem) {
        if (hours < 1 || hours > 12) return null;
        hours = (hours % 12) + (meridiem === 'p' ? 12 : 0);
      }
      if (hours > 23 || minutes > 59) return null;
      return `${String(hours).padStart(2, '0')}:${String(minutes).padStart(2, '0')}`;
    },
    parseDay(text) {
      const parts = text.trim().split(/[-/. ]+/);
      if (parts.length !== 3 || parts.some((p) => !/^\d+$/.test(p))) return null;
      // Year first with four digits is ISO (pasted from elsewhere), whatever the country's order.
      const iso = parts[0]!.length === 4;
      const get = (type: 'day' | 'month' | 'year') => Number(parts[iso ? ['year', 'month', 'day'].indexOf(type) : order.indexOf(type)]);
      const [y, m, d] = [get('year'), get('month'), get('day')];
      if (y < 1000 || y > 9999) return null;
      const date = new Date(Date.UTC(y, m - 1, d));
      if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
      return `${String(y)}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
    },
    dayOf(iso) {
      const w = wall(iso);
      return w ? `${w.y}-${w.m}-${w.d}` : '';
    },
  };
}
