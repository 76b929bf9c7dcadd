/*
 * How a payment (or a discount, or a write-off) is spread over the charges it
 * pays, hence over providers. Pure integer arithmetic in minor units: the
 * splits of an amount add up to what was allocated, none is negative, and no
 * charge receives more than it still owes. What does not fit stays on the
 * account as a credit (a prepayment), it is not forced onto anything.
 */

/** A charge as allocation sees it: what it still owes, and what orders it. */
export interface OpenCharge {
  id: string;
  providerId: string | null;
  /** YYYY-MM-DD. */
  serviceDate: string;
  /** ISO instant; breaks ties between charges of the same day. */
  enteredAt: string;
  /** Minor units still owed on it (never negative). */
  openMinor: number;
}

export interface Split {
  chargeId: string;
  providerId: string | null;
  amountMinor: number;
}

export interface AllocationResult {
  splits: Split[];
  /** What was not allocated: it stays on the account as a credit. */
  unallocatedMinor: number;
}

function assertMinor(amount: number, what: string): void {
  if (!Number.isSafeInteger(amount) || amount < 0) throw new RangeError(`${what} must be a non-negative integer in minor units, got ${amount}`);
}

/** Oldest first: by date of service, then by date of entry, then by id (so the order is total). */
export function oldestFirst<T extends Pick<OpenCharge, 'serviceDate' | 'enteredAt' | 'id'>>(charges: readonly T[]): T[] {
  return [...charges].sort((a, b) => a.serviceDate.localeCompare(b.serviceDate) || a.enteredAt.localeCompare(b.enteredAt) || a.id.localeCompare(b.id));
}

/** Spreads `amountMinor` over the open charges, oldest first, each up to what it owes. */
export function allocateOldestFirst(charges: readonly OpenCharge[], amountMinor: number): AllocationResult {
  assertMinor(amountMinor, 'amount');
  let left = amountMinor;
  const splits: Split[] = [];
  for (const charge of oldestFirst(charges)) {
    if (left === 0) break;
    assertMinor(charge.openMinor, 'open amount');
    const take = Math.min(left, charge.openMinor);
    if (take === 0) continue;
    splits.push({ chargeId: charge.id, providerId: charge.providerId, amountMinor: take });
    left -= take;
  }
  return { splits, unallocatedMinor: left };
}

export type ManualSplitError = 'unknown_charge' | 'split_not_positive' | 'split_over_open' | 'splits_over_amount' | 'duplicate_charge';

/** Checks splits chosen by hand: each names an open charge once, is positive, fits what it owes, and together they fit the amount. */
export function checkManualSplits(
  charges: readonly OpenCharge[],
  amountMinor: number,
  wanted: readonly { chargeId: string; amountMinor: number }[],
): { ok: true; result: AllocationResult } | { ok: false; error: ManualSplitError; chargeId?: string } {
  assertMinor(amountMinor, 'amount');
  const byId = new Map(charges.map((c) => [c.id, c]));
  const seen = new Set<string>();
  const splits: Split[] = [];
  let total = 0;
  for (const split of wanted) {
    const charge = byId.get(split.chargeId);
    if (!charge) return { ok: false, error: 'unknown_charge', chargeId: split.chargeId };
    if (seen.has(split.chargeId)) return { ok: false, error: 'duplicate_charge', chargeId: split.chargeId };
    seen.add(split.chargeId);
    if (!Number.isSafeInteger(split.amountMinor) || split.amountMinor <= 0) return { ok: false, error: 'split_not_positive', chargeId: split.chargeId };
    if (split.amountMinor > charge.openMinor) return { ok: false, error: 'split_over_open', chargeId: split.chargeId };
    total += split.amountMinor;
    splits.push({ chargeId: charge.id, providerId: charge.providerId, amountMinor: split.amountMinor });
  }
  if (total > amountMinor) return { ok: false, error: 'splits_over_amount' };
  return { ok: true, result: { splits, unallocatedMinor: amountMinor - total } };
}

/** A reversal's splits: the originals negated, so that together they net to zero on every charge. */
export function reversalSplits(splits: readonly Split[]): Split[] {
  return splits.map((s) => ({ ...s, amountMinor: -s.amountMinor }));
}

/** Splits totalled per provider (null: no provider), for the day sheet and the receipt. */
export function splitsByProvider(splits: readonly Split[]): Map<string | null, number> {
  const totals = new Map<string | null, number>();
  for (const s of splits) totals.set(s.providerId, (totals.get(s.providerId) ?? 0) + s.amountMinor);
  return totals;
}
