import { daysBetween } from '../schedule/time';

/*
 * What a payment plan's instalments still ask for. Nothing about an
 * instalment is stored but its due date and amount: what is paid is the plan's
 * payments (postings naming the plan, net of their reversals), applied to the
 * instalments in order.
 */

export interface Instalment {
  planId: string;
  seq: number;
  dueDate: string;
  amountMinor: number;
}

export interface InstalmentDue extends Instalment {
  /** What is still to pay of this instalment. */
  remainingMinor: number;
  overdue: boolean;
}

/** The instalments not fully paid, with what remains; `paidByPlan` is the positive amount paid per plan. */
export function unpaidInstalments(instalments: readonly Instalment[], paidByPlan: ReadonlyMap<string, number>, today: string): InstalmentDue[] {
  // What is left of each plan's payments as its instalments take their share (only this account's plans are touched).
  const left = new Map<string, number>();
  const remainingOf = (planId: string) => left.get(planId) ?? paidByPlan.get(planId) ?? 0;
  const ordered = [...instalments].sort((a, b) => (a.planId === b.planId ? a.seq - b.seq : a.planId < b.planId ? -1 : 1));
  const out: InstalmentDue[] = [];
  for (const i of ordered) {
    const paid = Math.max(0, Math.min(remainingOf(i.planId), i.amountMinor));
    left.set(i.planId, remainingOf(i.planId) - paid);
    const remaining = i.amountMinor - paid;
    if (remaining > 0) out.push({ ...i, remainingMinor: remaining, overdue: daysBetween(i.dueDate, today) > 0 });
  }
  return out.sort((a, b) => (a.dueDate < b.dueDate ? -1 : a.dueDate > b.dueDate ? 1 : a.seq - b.seq));
}
