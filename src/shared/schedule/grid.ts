import { resolveLocal, timeToMinutes } from './time';

export const GRID_MINUTES = [5, 10, 15] as const;
export type GridMinutes = (typeof GRID_MINUTES)[number];

/** Appointment lengths: whole multiples of five minutes, up to ten hours. */
export const DURATION_LIMITS = { min: 5, max: 600, step: 5 } as const;

export function isOnGrid(startLocal: string, gridMin: number): boolean {
  return timeToMinutes(startLocal.slice(11, 16)) % gridMin === 0;
}

export type StartCheck =
  | { ok: true; utcMs: number }
  | { ok: false; messageKey: 'validation.localTimeSkipped'; shiftedLocal: string }
  | { ok: false; messageKey: 'validation.offGrid'; gridMin: number };

/**
 * Whether a local start can be booked. A time the clocks skip (in Chile,
 * 00:00–00:59 on the first Sunday of September) is refused rather than moved
 * silently, and the refusal names the time it would become, for the screen
 * to offer. Starts fall on five-minute lines (the finest grid), whatever the
 * grid shown: the grid is how the day is drawn, and changing it must not make
 * earlier bookings invalid.
 */
export function checkStart(startLocal: string, zone: string, gridMin: number = GRID_MINUTES[0]): StartCheck {
  const resolved = resolveLocal(startLocal, zone);
  if (resolved.kind === 'gap') return { ok: false, messageKey: 'validation.localTimeSkipped', shiftedLocal: resolved.shiftedLocal };
  if (!isOnGrid(startLocal, gridMin)) return { ok: false, messageKey: 'validation.offGrid', gridMin };
  return { ok: true, utcMs: resolved.utcMs };
}
