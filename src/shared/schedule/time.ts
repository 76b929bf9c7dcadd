/**
 * Wall-clock arithmetic for the schedule.
 *
 * Appointments are stored as the practice's local wall-clock time
 * ("2026-11-23T09:30") in its IANA zone, never as instants: a 09:00
 * appointment stays at 09:00 when Chile changes its clocks, and when the
 * zone's rules themselves change (Chile has changed them often), nothing
 * stored goes stale. Instants are derived when needed (conflicts across a
 * change of offset, iCalendar, "minutes waiting") through Intl, which carries
 * the IANA database.
 *
 * Durations are real elapsed minutes. Local times that do not exist (the hour
 * skipped when clocks go forward) are reported as a gap with the time they
 * would shift to; the booking rules refuse them. Local times that happen twice
 * (the hour repeated when clocks go back) mean the first occurrence, as RFC
 * 5545 (3.3.5) reads them.
 */

export const MINUTES_PER_DAY = 1440;
const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME_RE = /^(\d{2}):(\d{2})$/;
const DATE_TIME_RE = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})$/;

/** True for a real calendar date written YYYY-MM-DD. */
export function isLocalDate(text: string): boolean {
  const m = DATE_RE.exec(text);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1) return false;
  return d <= daysInMonth(y, mo);
}

/** True for HH:MM from 00:00 to 23:59; with `allowEndOfDay`, 24:00 too (the end of an interval). */
export function isLocalTime(text: string, allowEndOfDay = false): boolean {
  const m = TIME_RE.exec(text);
  if (!m) return false;
  const [h, mi] = [Number(m[1]), Number(m[2])];
  if (allowEndOfDay && h === 24 && mi === 0) return true;
  return h < 24 && mi < 60;
}

export function isLocalDateTime(text: string): boolean {
  const m = DATE_TIME_RE.exec(text);
  return m !== null && isLocalDate(m[1]!) && isLocalTime(m[2]!);
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** "09:30" → 570. */
export function timeToMinutes(time: string): number {
  return Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
}

/** 570 → "09:30"; 1440 → "24:00". */
export function minutesToTime(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
}

export interface LocalParts {
  date: string;
  /** Minutes since local midnight. */
  minute: number;
}

export function splitLocal(local: string): LocalParts {
  return { date: local.slice(0, 10), minute: timeToMinutes(local.slice(11, 16)) };
}

export function joinLocal(date: string, minute: number): string {
  return `${date}T${minutesToTime(minute)}`;
}

/** Days since 1970-01-01 of a local date (no zone involved). */
export function dayNumber(date: string): number {
  return Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / DAY_MS;
}

export function dateFromDayNumber(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

export function addDays(date: string, days: number): string {
  return dateFromDayNumber(dayNumber(date) + days);
}

/** Whole days from a to b (b - a). */
export function daysBetween(a: string, b: string): number {
  return dayNumber(b) - dayNumber(a);
}

/** ISO weekday: 1 = Monday ... 7 = Sunday. */
export function isoWeekday(date: string): number {
  const d = new Date(dayNumber(date) * DAY_MS).getUTCDay();
  return d === 0 ? 7 : d;
}

/** The Monday of the week holding `date`. */
export function weekStart(date: string): string {
  return addDays(date, 1 - isoWeekday(date));
}

/** Every date from `from` to `to`, both included. */
export function datesBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = dayNumber(from), end = dayNumber(to); d <= end; d++) out.push(dateFromDayNumber(d));
  return out;
}

/**
 * Wall-clock arithmetic with no zone: the local time `minutes` later on the
 * clock face. For the grid and for series; real durations go through instants.
 */
export function addLocalMinutes(local: string, minutes: number): string {
  const date = local.slice(0, 10);
  const total = timeToMinutes(local.slice(11, 16)) + minutes;
  if (total >= 0 && total < MINUTES_PER_DAY) return joinLocal(date, total);
  const days = Math.floor(total / MINUTES_PER_DAY);
  return joinLocal(addDays(date, days), total - days * MINUTES_PER_DAY);
}

/* ---------------------------------------------------------------------------
 * Zones
 * ------------------------------------------------------------------------- */

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(zone, f);
  }
  return f;
}

export function isTimeZoneSupported(zone: string): boolean {
  try {
    formatterFor(zone);
    return true;
  } catch {
    return false;
  }
}

/** The zone's offset from UTC in minutes at an instant (Santiago in winter: -240). */
export function offsetAt(utcMs: number, zone: string): number {
  const parts = formatterFor(zone).formatToParts(new Date(utcMs));
  let y = 0;
  let mo = 0;
  let d = 0;
  let h = 0;
  let mi = 0;
  let s = 0;
  for (const part of parts) {
    switch (part.type) {
      case 'year':
        y = Number(part.value);
        break;
      case 'month':
        mo = Number(part.value);
        break;
      case 'day':
        d = Number(part.value);
        break;
      case 'hour':
        h = Number(part.value);
        break;
      case 'minute':
        mi = Number(part.value);
        break;
      case 'second':
        s = Number(part.value);
        break;
    }
  }
  const asUtc = Date.UTC(y, mo - 1, d, h, mi, s);
  const floored = utcMs - (((utcMs % 1000) + 1000) % 1000);
  return Math.round((asUtc - floored) / MINUTE_MS);
}

/** "2026-11-23T09:30" read as if it were UTC: the wall clock as a number, for arithmetic. */
export function localAsUtcMs(local: string): number {
  return dayNumber(local.slice(0, 10)) * DAY_MS + timeToMinutes(local.slice(11, 16)) * MINUTE_MS;
}

/** The local wall-clock time of an instant, "YYYY-MM-DDTHH:MM" (seconds dropped). */
export function utcToLocal(utcMs: number, zone: string): string {
  const local = utcMs + offsetAt(utcMs, zone) * MINUTE_MS;
  return new Date(local).toISOString().slice(0, 16);
}

export type Resolved =
  | { kind: 'ok'; utcMs: number; /** The time also happens a second time (clocks went back); this is the first. */ ambiguous: boolean }
  /** The time does not exist (clocks went forward over it); `shiftedLocal` is where it would land. */
  | { kind: 'gap'; shiftedLocal: string; utcMs: number };

/** The instant of a local wall-clock time in a zone. */
export function resolveLocal(local: string, zone: string): Resolved {
  const t = localAsUtcMs(local);
  // At most one change of offset lies within a day either side of any time in real zones.
  const candidates = [...new Set([offsetAt(t - DAY_MS, zone), offsetAt(t, zone), offsetAt(t + DAY_MS, zone)])];
  const valid = candidates.map((o) => t - o * MINUTE_MS).filter((utc) => offsetAt(utc, zone) === Math.round((t - utc) / MINUTE_MS));
  if (valid.length > 0) {
    const unique = [...new Set(valid)].sort((a, b) => a - b);
    return { kind: 'ok', utcMs: unique[0]!, ambiguous: unique.length > 1 };
  }
  // A gap: read with the offset in force before it, which lands after the change (RFC 5545 3.3.5).
  const before = offsetAt(t - DAY_MS, zone);
  const utcMs = t - before * MINUTE_MS;
  return { kind: 'gap', shiftedLocal: utcToLocal(utcMs, zone), utcMs };
}

/** Like resolveLocal, but a gap resolves to the shifted instant: for reading stored data, never for booking. */
export function localToUtcMs(local: string, zone: string): number {
  return resolveLocal(local, zone).utcMs;
}

/**
 * Converts many times of one local date quickly: when the offset is the same
 * at both ends of the day (every day but the two a year when clocks change),
 * one subtraction; otherwise the exact path.
 */
export class ZoneDay {
  readonly date: string;
  private readonly constantOffset: number | null;
  private readonly midnight: number;

  constructor(
    date: string,
    private readonly zone: string,
  ) {
    this.date = date;
    this.midnight = dayNumber(date) * DAY_MS;
    const a = offsetAt(this.midnight - 14 * 3_600_000, zone);
    const b = offsetAt(this.midnight + DAY_MS + 14 * 3_600_000, zone);
    this.constantOffset = a === b ? a : null;
  }

  /** True when the clocks change on (or around) this date. */
  get hasTransition(): boolean {
    return this.constantOffset === null;
  }

  /** Instant of a minute of this local day (may be ≥ 1440 for times running past midnight). */
  utc(minute: number): number {
    if (this.constantOffset !== null) return this.midnight + minute * MINUTE_MS - this.constantOffset * MINUTE_MS;
    const days = Math.floor(minute / MINUTES_PER_DAY);
    return localToUtcMs(joinLocal(addDays(this.date, days), minute - days * MINUTES_PER_DAY), this.zone);
  }
}

/** Caches ZoneDay per date for one zone: views convert hundreds of times over a handful of dates. */
export class ZoneCalendar {
  private readonly days = new Map<string, ZoneDay>();
  constructor(readonly zone: string) {}

  day(date: string): ZoneDay {
    let d = this.days.get(date);
    if (!d) {
      d = new ZoneDay(date, this.zone);
      this.days.set(date, d);
    }
    return d;
  }

  utc(local: string): number {
    return this.day(local.slice(0, 10)).utc(timeToMinutes(local.slice(11, 16)));
  }

  /** [start, end) in instants of an appointment-like span: local start plus real minutes. */
  span(startLocal: string, durationMin: number): { startMs: number; endMs: number } {
    const startMs = this.utc(startLocal);
    return { startMs, endMs: startMs + durationMin * MINUTE_MS };
  }

  /** The local wall time at which a span of real minutes ends. */
  endLocal(startLocal: string, durationMin: number): string {
    const day = this.day(startLocal.slice(0, 10));
    if (!day.hasTransition) return addLocalMinutes(startLocal, durationMin);
    return utcToLocal(this.utc(startLocal) + durationMin * MINUTE_MS, this.zone);
  }

  today(nowMs: number): string {
    return utcToLocal(nowMs, this.zone).slice(0, 10);
  }
}

/** Offsets changes between two instants, to the minute: for VTIMEZONE. */
export interface ZoneTransition {
  utcMs: number;
  offsetFrom: number;
  offsetTo: number;
}

export function zoneTransitions(zone: string, fromMs: number, toMs: number): ZoneTransition[] {
  const out: ZoneTransition[] = [];
  const step = DAY_MS;
  let t = fromMs;
  let o = offsetAt(t, zone);
  while (t < toMs) {
    const next = Math.min(t + step, toMs);
    const on = offsetAt(next, zone);
    if (on !== o) {
      let lo = t;
      let hi = next;
      while (hi - lo > MINUTE_MS) {
        const mid = lo + Math.floor((hi - lo) / 2 / MINUTE_MS) * MINUTE_MS;
        if (offsetAt(mid, zone) === o) lo = mid;
        else hi = mid;
      }
      out.push({ utcMs: hi, offsetFrom: o, offsetTo: on });
      o = on;
    }
    t = next;
  }
  return out;
}
