import { addDays } from './time';

/** Limits of a series booked in one go ("every 2 weeks, 6 times"). */
export const SERIES_LIMITS = { everyWeeks: { min: 1, max: 26 }, count: { min: 2, max: 52 } } as const;

/**
 * The local start of every appointment of a series. Each keeps the first
 * one's wall-clock time: a 09:00 series stays at 09:00 across a change of
 * the clocks, because it is the time on the clock that the patient and the
 * practice agreed on, not an interval of hours.
 */
export function expandSeries(startLocal: string, everyWeeks: number, count: number): string[] {
  const date = startLocal.slice(0, 10);
  const time = startLocal.slice(11, 16);
  return Array.from({ length: count }, (_, i) => `${addDays(date, i * 7 * everyWeeks)}T${time}`);
}
