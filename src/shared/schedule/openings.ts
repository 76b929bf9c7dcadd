import type { Availability } from './availability';
import { holdsTime, type Booked } from './conflicts';
import { type Interval, intersect, normalize, subtract } from './intervals';
import { datesBetween, isoWeekday, joinLocal, utcToLocal } from './time';

/**
 * Find next opening: the first free slots, earliest first, for a length of
 * time, that respect the provider's working hours and exceptions, the
 * holidays, every blockout of the provider and the chair (forbidding or
 * not: an "emergencies only" block is not an opening), the appointments of
 * the provider, the chair and (when given) the patient, and the grid.
 *
 * One opening per free gap: its first start on the grid, and how long the
 * gap lasts, so a list of ten shows ten different places to book rather
 * than ten starts five minutes apart.
 */

export const TIMES_OF_DAY = ['any', 'morning', 'afternoon'] as const;
export type TimeOfDay = (typeof TIMES_OF_DAY)[number];

/** Morning slots start before 13:00; afternoon ones at or after it. */
export const AFTERNOON_STARTS_MIN = 13 * 60;

export interface OpeningsQuery {
  from: string;
  to: string;
  durationMin: number;
  gridMin: number;
  timeOfDay: TimeOfDay;
  /** ISO weekdays to consider; empty = all. */
  weekdays: readonly number[];
  limit: number;
  /** Slots that start before this instant are not offered. */
  notBeforeMs: number;
  /** Providers to try, in order of preference. */
  providers: readonly { id: string; defaultOperatoryId: string | null }[];
  /** Chairs to try, in order; a provider's own chair (from the weekly hours or the default) comes first. */
  operatories: readonly string[];
  /** When true, only the chairs listed (an explicit chair was asked for). */
  operatoryFixed: boolean;
  patientId: string | null;
}

export interface Opening {
  date: string;
  startLocal: string;
  endLocal: string;
  /** Until when the gap stays free (local). */
  freeUntilLocal: string;
  providerId: string;
  operatoryId: string;
}

/** Appointments by who they occupy, as instants. */
export class BusyIndex {
  private readonly byProvider = new Map<string, Interval[]>();
  private readonly byOperatory = new Map<string, Interval[]>();
  private readonly byPatient = new Map<string, Interval[]>();

  constructor(appointments: readonly Booked[], availability: Availability) {
    const push = (map: Map<string, Interval[]>, key: string, span: Interval) => {
      const list = map.get(key);
      if (list) list.push(span);
      else map.set(key, [span]);
    };
    for (const a of appointments) {
      if (!holdsTime(a)) continue;
      const { startMs, endMs } = availability.calendar.span(a.startLocal, a.durationMin);
      const span = [startMs, endMs] as const;
      push(this.byProvider, a.providerId, span);
      push(this.byOperatory, a.operatoryId, span);
      push(this.byPatient, a.patientId, span);
    }
    for (const map of [this.byProvider, this.byOperatory, this.byPatient]) for (const [k, v] of map) map.set(k, normalize(v));
  }

  provider(id: string): Interval[] {
    return this.byProvider.get(id) ?? [];
  }
  operatory(id: string): Interval[] {
    return this.byOperatory.get(id) ?? [];
  }
  patient(id: string): Interval[] {
    return this.byPatient.get(id) ?? [];
  }
}

function blockoutInstants(availability: Availability, date: string, who: { providerId?: string; operatoryId?: string }): Interval[] {
  const day = availability.calendar.day(date);
  return normalize(availability.blockoutsFor(date, who).map((b) => [day.utc(b.startMin), day.utc(b.endMin)] as const));
}

/** The openings of one date, for every provider and chair asked, earliest first. */
export function openingsOnDate(date: string, query: OpeningsQuery, availability: Availability, busy: BusyIndex): Opening[] {
  if (availability.isClosed(date)) return [];
  const calendar = availability.calendar;
  const day = calendar.day(date);
  const durationMs = query.durationMin * 60_000;
  const gridMs = query.gridMin * 60_000;
  const midnight = day.utc(0);
  const office = availability.rules.office;
  // Time-of-day window, as instants.
  const windowStart = query.timeOfDay === 'afternoon' ? day.utc(AFTERNOON_STARTS_MIN) : midnight;
  const lastStart = query.timeOfDay === 'morning' ? day.utc(AFTERNOON_STARTS_MIN) : Number.POSITIVE_INFINITY;
  const patientBusy = query.patientId ? busy.patient(query.patientId) : [];

  const openings: Opening[] = [];
  const seen = new Set<string>();
  for (const provider of query.providers) {
    const working = availability.workingInstants(provider.id, date);
    if (working.length === 0) continue;
    let providerFree = subtract(working, blockoutInstants(availability, date, { providerId: provider.id }));
    providerFree = subtract(providerFree, busy.provider(provider.id));
    if (patientBusy.length) providerFree = subtract(providerFree, patientBusy);
    if (providerFree.length === 0) continue;

    // The provider's own chairs first, then the rest in order.
    let chairs = query.operatories;
    if (!query.operatoryFixed) {
      const own = new Set<string>();
      for (const h of availability.weeklyIntervals(provider.id, date)) if (h.operatoryId) own.add(h.operatoryId);
      if (provider.defaultOperatoryId) own.add(provider.defaultOperatoryId);
      chairs = [...[...own].filter((o) => query.operatories.includes(o)), ...query.operatories.filter((o) => !own.has(o))];
    }
    // A chair is open during the office hours (or the provider's, when wider: extra hours).
    const officeOpen = office.weekdays.length === 0 || office.weekdays.includes(isoWeekday(date)) ? [[day.utc(office.start), day.utc(office.end)] as const] : [];
    for (const operatoryId of chairs) {
      let chairFree = normalize([...officeOpen, ...working]);
      chairFree = subtract(chairFree, blockoutInstants(availability, date, { operatoryId }));
      chairFree = subtract(chairFree, busy.operatory(operatoryId));
      const free = intersect(providerFree, chairFree);
      for (const [s, e] of free) {
        const earliest = Math.max(s, windowStart, query.notBeforeMs);
        // First grid line at or after `earliest`, counted from local midnight.
        const start = midnight + Math.ceil((earliest - midnight) / gridMs) * gridMs;
        if (start + durationMs > e || start >= lastStart) continue;
        const key = `${provider.id}|${start}`;
        if (seen.has(key)) continue;
        seen.add(key);
        openings.push({
          date,
          startLocal: utcToLocalFast(day, start, calendar.zone),
          endLocal: utcToLocalFast(day, start + durationMs, calendar.zone),
          freeUntilLocal: utcToLocalFast(day, e, calendar.zone),
          providerId: provider.id,
          operatoryId,
        });
      }
    }
  }
  // Earliest first; at the same time, the first provider asked. One chair per provider and time.
  const order = new Map(query.providers.map((p, i) => [p.id, i]));
  openings.sort((a, b) => (a.startLocal < b.startLocal ? -1 : a.startLocal > b.startLocal ? 1 : order.get(a.providerId)! - order.get(b.providerId)!));
  return openings;
}

function utcToLocalFast(day: { date: string; hasTransition: boolean; utc(minute: number): number }, utcMs: number, zone: string): string {
  if (day.hasTransition) return utcToLocal(utcMs, zone);
  const minutes = Math.round((utcMs - day.utc(0)) / 60_000);
  if (minutes < 1440) return joinLocal(day.date, minutes);
  return utcToLocal(utcMs, zone);
}

/**
 * Walks the dates in order and stops at `limit`. `loadBusy` is asked for
 * the appointments of a run of dates at a time, so a search that finds its
 * openings in the first week reads only that week.
 */
export async function findOpenings(
  query: OpeningsQuery,
  availability: Availability,
  loadBusy: (from: string, to: string) => Promise<readonly Booked[]>,
  chunkDays = 7,
): Promise<Opening[]> {
  const dates = datesBetween(query.from, query.to).filter((d) => query.weekdays.length === 0 || query.weekdays.includes(isoWeekday(d)));
  const out: Opening[] = [];
  for (let i = 0; i < dates.length && out.length < query.limit; i += chunkDays) {
    const chunk = dates.slice(i, i + chunkDays);
    // The loader reads the day before too: an appointment that runs past midnight into the first date.
    const busy = new BusyIndex(await loadBusy(chunk[0]!, chunk[chunk.length - 1]!), availability);
    for (const date of chunk) {
      for (const opening of openingsOnDate(date, query, availability, busy)) {
        if (out.length >= query.limit) break;
        out.push(opening);
      }
      if (out.length >= query.limit) break;
    }
  }
  return out;
}
