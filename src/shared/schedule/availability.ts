import { type NationalHoliday, nationalHolidays } from './holidays';
import { type Interval, normalize, subtract, union } from './intervals';
import { isoWeekday, MINUTES_PER_DAY, timeToMinutes, type ZoneCalendar } from './time';

/*
 * Who works when, and what is closed: the inputs every schedule rule reads
 * (conflicts, find next opening, the day and week views), as plain data that
 * main loads from the database and the tests write by hand.
 */

/** A provider's weekly hours: one row per interval, several per weekday allowed. */
export interface WorkingInterval {
  /** The stored row's id, when it comes from one. */
  id?: string;
  providerId: string;
  /** ISO weekday, 1 = Monday ... 7 = Sunday. */
  weekday: number;
  /** "HH:MM" local; end may be "24:00". */
  start: string;
  end: string;
  /** The chair the provider uses in this interval, if fixed. */
  operatoryId: string | null;
  /** Dates the row applies from / until (inclusive); null = open-ended. */
  validFrom: string | null;
  validUntil: string | null;
}

export const EXCEPTION_KINDS = ['off', 'extra'] as const;
export type ExceptionKind = (typeof EXCEPTION_KINDS)[number];

/**
 * A date-specific change to a provider's hours. `off` with no times is a day
 * (or, over a range, a vacation) off; `off` with times is part of a day off;
 * `extra` adds hours (a Saturday, an evening).
 */
export interface ProviderException {
  id: string;
  providerId: string;
  kind: ExceptionKind;
  startDate: string;
  endDate: string;
  start: string | null;
  end: string | null;
  note: string;
}

/** A practice's own entry: a closed day it adds, or a shipped holiday on which it opens. */
export interface PracticeHoliday {
  id: string;
  date: string;
  name: string;
  /** true: the practice is closed that day; false: it works although the day is a national holiday. */
  closed: boolean;
}

export interface EffectiveHoliday {
  date: string;
  name: string;
  nameEn: string | null;
  source: 'national' | 'practice';
  /** The practice's entry, when there is one. */
  id: string | null;
  closed: boolean;
}

export interface BlockoutRule {
  id: string;
  typeId: string;
  typeName: string;
  colour: string;
  forbidsBooking: boolean;
  /** Both null: the whole practice. */
  operatoryId: string | null;
  providerId: string | null;
  /** "YYYY-MM-DDTHH:MM". A one-off blockout may span days; a repeating one repeats its times of day. */
  startLocal: string;
  endLocal: string;
  /** ISO weekdays it repeats on, from the start date until `untilDate`; null = once. */
  weekdays: number[] | null;
  untilDate: string | null;
  note: string;
}

export interface BlockoutOccurrence {
  blockoutId: string;
  typeId: string;
  typeName: string;
  colour: string;
  forbidsBooking: boolean;
  operatoryId: string | null;
  providerId: string | null;
  date: string;
  /** Minutes of the local day, clipped to it. */
  startMin: number;
  endMin: number;
  note: string;
}

export interface OfficeHours {
  /** Minutes of the local day. */
  start: number;
  end: number;
  /** ISO weekdays the practice opens. */
  weekdays: number[];
}

/** Everything the rules need, for one practice over a range of dates. */
export interface ScheduleRules {
  calendar: ZoneCalendar;
  country: string;
  office: OfficeHours;
  hours: readonly WorkingInterval[];
  exceptions: readonly ProviderException[];
  practiceHolidays: readonly PracticeHoliday[];
  blockouts: readonly BlockoutRule[];
}

/** National holidays, with the practice's own entries added and overriding them. */
export function effectiveHolidays(national: readonly NationalHoliday[], practice: readonly PracticeHoliday[]): Map<string, EffectiveHoliday> {
  const out = new Map<string, EffectiveHoliday>();
  for (const h of national) out.set(h.date, { date: h.date, name: h.name, nameEn: h.nameEn, source: 'national', id: null, closed: true });
  for (const p of practice) {
    const shipped = out.get(p.date);
    out.set(p.date, { date: p.date, name: p.name || shipped?.name || '', nameEn: shipped?.nameEn ?? null, source: 'practice', id: p.id, closed: p.closed });
  }
  return out;
}

/**
 * Answers the rules' questions for dates, caching per date: the views and
 * find-next-opening ask the same question for many providers and slots.
 */
export class Availability {
  private readonly hoursByProvider = new Map<string, WorkingInterval[]>();
  private readonly exceptionsByProvider = new Map<string, ProviderException[]>();
  private readonly blockoutCache = new Map<string, BlockoutOccurrence[]>();
  private readonly workingCache = new Map<string, Interval[]>();
  private readonly instantsCache = new Map<string, Interval[]>();
  private readonly forCache = new Map<string, BlockoutOccurrence[]>();

  /** Years whose holidays are in `holidays`. */
  private readonly holidayYears = new Set<number>();
  private readonly holidays = new Map<string, EffectiveHoliday>();

  constructor(readonly rules: ScheduleRules) {
    for (const h of rules.hours) {
      const list = this.hoursByProvider.get(h.providerId) ?? [];
      list.push(h);
      this.hoursByProvider.set(h.providerId, list);
    }
    for (const e of rules.exceptions) {
      const list = this.exceptionsByProvider.get(e.providerId) ?? [];
      list.push(e);
      this.exceptionsByProvider.set(e.providerId, list);
    }
  }

  /** The national holidays and the practice's own of a year, worked out when first asked. */
  private loadYear(year: number): void {
    if (this.holidayYears.has(year)) return;
    this.holidayYears.add(year);
    const from = `${year}-01-01`;
    const to = `${year}-12-31`;
    const own = this.rules.practiceHolidays.filter((h) => h.date >= from && h.date <= to);
    for (const [date, h] of effectiveHolidays(nationalHolidays(this.rules.country, from, to), own)) this.holidays.set(date, h);
  }

  /** Memoised answers are dropped past this many, so a long-running process does not grow without end. */
  private remember<T>(map: Map<string, T>, key: string, value: T): T {
    if (map.size > 50_000) map.clear();
    map.set(key, value);
    return value;
  }

  get calendar(): ZoneCalendar {
    return this.rules.calendar;
  }

  /** The holiday on a date, closed or not (a practice may open on a national holiday). */
  holiday(date: string): EffectiveHoliday | null {
    this.loadYear(Number(date.slice(0, 4)));
    return this.holidays.get(date) ?? null;
  }

  isClosed(date: string): boolean {
    return this.holiday(date)?.closed === true;
  }

  /** True when the provider has weekly hours at all; those without any work the office hours. */
  hasWeeklyHours(providerId: string): boolean {
    return (this.hoursByProvider.get(providerId)?.length ?? 0) > 0;
  }

  /** The provider's weekly intervals that apply on a date, before exceptions. */
  weeklyIntervals(providerId: string, date: string): WorkingInterval[] {
    const weekday = isoWeekday(date);
    return (this.hoursByProvider.get(providerId) ?? []).filter(
      (h) => h.weekday === weekday && (h.validFrom === null || h.validFrom <= date) && (h.validUntil === null || h.validUntil >= date),
    );
  }

  exceptionsOn(providerId: string, date: string): ProviderException[] {
    return (this.exceptionsByProvider.get(providerId) ?? []).filter((e) => e.startDate <= date && e.endDate >= date);
  }

  /** Minutes of the local day the provider works, after exceptions and holidays. */
  workingMinutes(providerId: string, date: string): Interval[] {
    const key = `${providerId}|${date}`;
    const cached = this.workingCache.get(key);
    if (cached) return cached;
    let result: Interval[];
    if (this.isClosed(date)) result = [];
    else {
      let base: Interval[];
      if (this.hasWeeklyHours(providerId)) {
        base = normalize(this.weeklyIntervals(providerId, date).map((h) => [timeToMinutes(h.start), timeToMinutes(h.end)] as const));
      } else {
        const { office } = this.rules;
        base = office.weekdays.includes(isoWeekday(date)) ? [[office.start, office.end]] : [];
      }
      const exceptions = this.exceptionsOn(providerId, date);
      const extra = exceptions.filter((e) => e.kind === 'extra' && e.start && e.end).map((e) => [timeToMinutes(e.start!), timeToMinutes(e.end!)] as const);
      base = union(base, extra);
      for (const off of exceptions.filter((e) => e.kind === 'off')) {
        base = off.start && off.end ? subtract(base, [[timeToMinutes(off.start), timeToMinutes(off.end)]]) : [];
      }
      result = base;
    }
    return this.remember(this.workingCache, key, result);
  }

  /** The same as instants, for comparing with appointment spans. */
  workingInstants(providerId: string, date: string): Interval[] {
    const key = `${providerId}|${date}`;
    const cached = this.instantsCache.get(key);
    if (cached) return cached;
    return this.remember(this.instantsCache, key, normalize(minutesToInstants(this.rules.calendar, date, this.workingMinutes(providerId, date))));
  }

  /** The chair a provider's weekly hours name for a minute of a date, if any. */
  operatoryFor(providerId: string, date: string, minute: number): string | null {
    for (const h of this.weeklyIntervals(providerId, date)) {
      if (h.operatoryId && timeToMinutes(h.start) <= minute && minute < timeToMinutes(h.end)) return h.operatoryId;
    }
    return null;
  }

  /** Every blockout on a date, clipped to the day. */
  blockoutsOn(date: string): BlockoutOccurrence[] {
    const cached = this.blockoutCache.get(date);
    if (cached) return cached;
    const weekday = isoWeekday(date);
    const out: BlockoutOccurrence[] = [];
    for (const b of this.rules.blockouts) {
      const startDate = b.startLocal.slice(0, 10);
      let startMin: number;
      let endMin: number;
      if (b.weekdays) {
        if (date < startDate || (b.untilDate !== null && date > b.untilDate) || !b.weekdays.includes(weekday)) continue;
        startMin = timeToMinutes(b.startLocal.slice(11, 16));
        endMin = timeToMinutes(b.endLocal.slice(11, 16));
        if (endMin <= startMin) endMin = MINUTES_PER_DAY;
      } else {
        const endDate = b.endLocal.slice(0, 10);
        if (date < startDate || date > endDate) continue;
        startMin = date === startDate ? timeToMinutes(b.startLocal.slice(11, 16)) : 0;
        endMin = date === endDate ? timeToMinutes(b.endLocal.slice(11, 16)) : MINUTES_PER_DAY;
        if (endMin <= startMin) continue;
      }
      out.push({
        blockoutId: b.id,
        typeId: b.typeId,
        typeName: b.typeName,
        colour: b.colour,
        forbidsBooking: b.forbidsBooking,
        operatoryId: b.operatoryId,
        providerId: b.providerId,
        date,
        startMin,
        endMin,
        note: b.note,
      });
    }
    out.sort((a, b) => a.startMin - b.startMin);
    return this.remember(this.blockoutCache, date, out);
  }

  /** Blockouts that concern a provider or a chair (or the whole practice) on a date. */
  blockoutsFor(date: string, who: { providerId?: string | null; operatoryId?: string | null }): BlockoutOccurrence[] {
    const all = this.blockoutsOn(date);
    if (all.length === 0) return all;
    const key = `${date}|${who.providerId ?? ''}|${who.operatoryId ?? ''}`;
    const cached = this.forCache.get(key);
    if (cached) return cached;
    return this.remember(this.forCache, key, this.filterFor(all, who));
  }

  private filterFor(all: BlockoutOccurrence[], who: { providerId?: string | null; operatoryId?: string | null }): BlockoutOccurrence[] {
    return all.filter(
      (b) =>
        (b.operatoryId === null && b.providerId === null) ||
        (b.operatoryId !== null && b.operatoryId === who.operatoryId) ||
        (b.providerId !== null && b.providerId === who.providerId),
    );
  }
}

/** Minutes of a day as instants, for comparing with appointment spans. */
export function minutesToInstants(calendar: ZoneCalendar, date: string, intervals: readonly Interval[]): Interval[] {
  const day = calendar.day(date);
  return intervals.map(([s, e]) => [day.utc(s), day.utc(e)] as const);
}
