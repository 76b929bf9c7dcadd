/*
 * Balances are derived, never stored: the sum of signed postings. Positive is
 * owed (charges, refunds), negative is paid or forgiven (payments, credits,
 * discounts); a reversal is the negated amount of what it reverses, so a
 * posting and its reversal net to zero. What a charge still owes is its
 * amount less what has been allocated to it, and nothing once reversed.
 */

export type PostingKind = 'charge' | 'payment' | 'adjustment' | 'refund' | 'credit' | 'reversal';

export interface PostingLike {
  id: string;
  kind: PostingKind;
  amountMinor: number;
  serviceDate: string;
  enteredAt: string;
  reversesId: string | null;
}

export interface AllocationLike {
  chargeId: string;
  amountMinor: number;
}

export function balanceOf(postings: readonly Pick<PostingLike, 'amountMinor'>[]): number {
  let total = 0;
  for (const p of postings) total += p.amountMinor;
  return total;
}

/** Ids of the postings that have been reversed. */
export function reversedIds(postings: readonly Pick<PostingLike, 'reversesId'>[]): Set<string> {
  const ids = new Set<string>();
  for (const p of postings) if (p.reversesId) ids.add(p.reversesId);
  return ids;
}

/** What each live charge still owes (never below zero): its amount less its allocations. */
export function openByCharge(postings: readonly PostingLike[], allocations: readonly AllocationLike[]): Map<string, number> {
  const reversed = reversedIds(postings);
  const allocated = new Map<string, number>();
  for (const a of allocations) allocated.set(a.chargeId, (allocated.get(a.chargeId) ?? 0) + a.amountMinor);
  const open = new Map<string, number>();
  for (const p of postings) {
    if (p.kind !== 'charge' || reversed.has(p.id)) continue;
    open.set(p.id, Math.max(0, p.amountMinor - (allocated.get(p.id) ?? 0)));
  }
  return open;
}

/** The postings in the account's order (service date, then entry) with the balance after each. */
export function withRunningBalance<T extends PostingLike>(postings: readonly T[]): (T & { runningMinor: number })[] {
  const ordered = [...postings].sort((a, b) => a.serviceDate.localeCompare(b.serviceDate) || a.enteredAt.localeCompare(b.enteredAt) || a.id.localeCompare(b.id));
  let running = 0;
  return ordered.map((p) => {
    running += p.amountMinor;
    return { ...p, runningMinor: running };
  });
}

/** The sign each kind of posting carries (reversals carry the opposite of what they reverse). */
export function signOf(kind: Exclude<PostingKind, 'reversal'>): 1 | -1 {
  return kind === 'charge' || kind === 'refund' ? 1 : -1;
}
