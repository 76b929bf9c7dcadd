import { addMonthsClamped } from './dates';

/*
 * Payment plans: a total split into instalments with due dates, and which of
 * them the plan's payments have covered. The split is in minor units: equal
 * parts, with what does not divide evenly added to the last instalment.
 * Payments are applied to instalments oldest first; an instalment not fully
 * paid by the end of its due date is overdue.
 */

export function splitInstalments(totalMinor: number, count: number): number[] {
  if (!Number.isSafeInteger(totalMinor) || totalMinor <= 0) throw new RangeError('total must be a positive integer');
  if (!Number.isInteger(count) || count < 1) throw new RangeError('count must be at least 1');
  const part = Math.floor(totalMinor / count);
  const amounts = Array.from({ length: count }, () => part);
  amounts[count - 1] = totalMinor - part * (count - 1);
  return amounts;
}

/** Due dates every `intervalMonths` months from the first (the 31st becomes the month's last day). */
export function dueDates(first: string, count: number, intervalMonths = 1): string[] {
  return Array.from({ length: count }, (_, i) => addMonthsClamped(first, i * intervalMonths));
}

export type InstalmentStatus = 'paid' | 'partial' | 'due' | 'overdue';

export interface InstalmentState {
  seq: number;
  dueDate: string;
  amountMinor: number;
  paidMinor: number;
  status: InstalmentStatus;
}

/** Applies what has been paid towards the plan to its instalments, oldest first, as of `today`. */
export function instalmentStates(instalments: readonly { seq: number; dueDate: string; amountMinor: number }[], paidMinor: number, today: string): InstalmentState[] {
  let left = Math.max(0, paidMinor);
  return [...instalments]
    .sort((a, b) => a.seq - b.seq)
    .map((i) => {
      const paid = Math.min(left, i.amountMinor);
      left -= paid;
      const status: InstalmentStatus = paid === i.amountMinor ? 'paid' : i.dueDate < today ? 'overdue' : paid > 0 ? 'partial' : 'due';
      return { seq: i.seq, dueDate: i.dueDate, amountMinor: i.amountMinor, paidMinor: paid, status };
    });
}
