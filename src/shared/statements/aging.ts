import { daysBetween } from '../schedule/time';

/*
 * Aging of an account: how much of what it owes is 0–30, 31–60, 61–90 and
 * over 90 days old. Pure, shared by statements (main), the practice's aging
 * report and the screens.
 *
 * The rule, written once:
 * 1. A reversal cancels the posting it names: the two are netted first, so a
 *    reversed charge ages nowhere and a reversed payment pays nothing.
 * 2. What is owed (charges, refunds: positive amounts) ages by its date of
 *    service, counted in whole calendar days in the practice's zone up to the
 *    day the aging is taken (0–30, 31–60, 61–90, 91 and over). A charge dated
 *    after that day is current.
 * 3. What pays (payments, credits, discounts: negative amounts) goes first
 *    where the ledger allocated it (ledger_allocations, net of reversed
 *    splits), up to what each charge still owes; whatever is left, and every
 *    unallocated payment, pays the oldest charges first.
 * 4. Credit left over once everything is paid is a credit balance: it is
 *    shown, negative, in the 0–30 bucket, so the four buckets always add up
 *    to the balance.
 */

export const AGING_BUCKETS = ['current', 'days31to60', 'days61to90', 'over90'] as const;
export type AgingBucket = (typeof AGING_BUCKETS)[number];

export interface AgingPosting {
  id: string;
  /** Signed: positive owed, negative paid or forgiven. */
  amountMinor: number;
  /** YYYY-MM-DD. */
  serviceDate: string;
  /** For a reversal: the posting it cancels. */
  reversesId?: string | null;
}

export interface AgingAllocation {
  /** The paying posting (a payment, credit or negative adjustment, or a reversal of one). */
  postingId: string;
  chargeId: string;
  amountMinor: number;
}

export interface Aging {
  current: number;
  days31to60: number;
  days61to90: number;
  over90: number;
  balance: number;
  /** The service date of the oldest charge not fully paid, or null when nothing is owed. */
  oldestUnpaidDate: string | null;
}

export function bucketFor(ageDays: number): AgingBucket {
  if (ageDays <= 30) return 'current';
  if (ageDays <= 60) return 'days31to60';
  if (ageDays <= 90) return 'days61to90';
  return 'over90';
}

export function emptyAging(): Aging {
  return { current: 0, days31to60: 0, days61to90: 0, over90: 0, balance: 0, oldestUnpaidDate: null };
}

export function computeAging(postings: readonly AgingPosting[], allocations: readonly AgingAllocation[], asOf: string): Aging {
  // 1. Net each reversal into the posting it cancels (a reversal of a missing posting stands alone).
  const net = new Map<string, { id: string; amount: number; date: string }>();
  for (const p of postings) if (!p.reversesId) net.set(p.id, { id: p.id, amount: p.amountMinor, date: p.serviceDate });
  for (const p of postings) {
    if (!p.reversesId) continue;
    const target = net.get(p.reversesId);
    if (target) target.amount += p.amountMinor;
    else net.set(p.id, { id: p.id, amount: p.amountMinor, date: p.serviceDate });
  }
  const owed = [...net.values()].filter((p) => p.amount > 0).sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.id < b.id ? -1 : 1));
  const remaining = new Map(owed.map((c) => [c.id, c.amount]));
  let pool = 0;
  for (const p of net.values()) if (p.amount < 0) pool += -p.amount;

  // 3a. Allocated splits, per paying posting, capped by what the paying posting still has and what the charge owes.
  const reversalOf = new Map(postings.filter((p) => p.reversesId).map((p) => [p.id, p.reversesId!]));
  const byPayer = new Map<string, Map<string, number>>();
  for (const a of allocations) {
    const payer = reversalOf.get(a.postingId) ?? a.postingId;
    let splits = byPayer.get(payer);
    if (!splits) byPayer.set(payer, (splits = new Map()));
    splits.set(a.chargeId, (splits.get(a.chargeId) ?? 0) + a.amountMinor);
  }
  for (const [payer, splits] of byPayer) {
    const paying = net.get(payer);
    let available = paying && paying.amount < 0 ? -paying.amount : 0;
    for (const [chargeId, amount] of splits) {
      const owes = remaining.get(chargeId) ?? 0;
      const applied = Math.max(0, Math.min(amount, owes, available));
      if (applied === 0) continue;
      remaining.set(chargeId, owes - applied);
      available -= applied;
      pool -= applied;
    }
  }

  // 3b. The rest pays the oldest charges first.
  for (const c of owed) {
    if (pool <= 0) break;
    const owes = remaining.get(c.id)!;
    const applied = Math.min(owes, pool);
    remaining.set(c.id, owes - applied);
    pool -= applied;
  }

  const aging = emptyAging();
  for (const c of owed) {
    const left = remaining.get(c.id)!;
    if (left <= 0) continue;
    aging[bucketFor(daysBetween(c.date, asOf))] += left;
    if (aging.oldestUnpaidDate === null) aging.oldestUnpaidDate = c.date;
  }
  // 4. A credit balance.
  if (pool > 0) aging.current -= pool;
  aging.balance = aging.current + aging.days31to60 + aging.days61to90 + aging.over90;
  return aging;
}

/** Adds one account's aging into a running total (the practice's aging report). */
export function addAging(total: Aging, one: Aging): Aging {
  total.current += one.current;
  total.days31to60 += one.days31to60;
  total.days61to90 += one.days61to90;
  total.over90 += one.over90;
  total.balance += one.balance;
  if (one.oldestUnpaidDate && (!total.oldestUnpaidDate || one.oldestUnpaidDate < total.oldestUnpaidDate)) total.oldestUnpaidDate = one.oldestUnpaidDate;
  return total;
}
