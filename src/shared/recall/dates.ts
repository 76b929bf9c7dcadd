import { daysInMonth } from '../schedule/time';

/** A calendar date n months later (earlier for negative n), clamped to the month's last day (31 Aug + 6 = 28/29 Feb). */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) + months;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  const day = Math.min(d, daysInMonth(year, month));
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/**
 * Whole months from `due` to `today`: 0 while less than a month late, 1 from the
 * same day of the next month, and so on; negative when the due date is ahead.
 */
export function monthsOverdue(due: string, today: string): number {
  if (due > today) {
    let n = 0;
    while (addMonths(today, n + 1) <= due) n++;
    return -n - (addMonths(today, n) < due ? 1 : 0);
  }
  const [dy, dm] = due.split('-').map(Number) as [number, number];
  const [ty, tm] = today.split('-').map(Number) as [number, number];
  let n = (ty - dy) * 12 + (tm - dm);
  while (n > 0 && addMonths(due, n) > today) n--;
  return n;
}
