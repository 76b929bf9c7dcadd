import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type OpenCharge, allocateOldestFirst, checkManualSplits, reversalSplits } from '../../src/shared/billing/allocation';
import { balanceOf, openByCharge } from '../../src/shared/billing/balances';
import { dueDates, instalmentStates, splitInstalments } from '../../src/shared/billing/instalments';

/**
 * Splitting a payment, as a property: whatever the open charges and the
 * amount, the splits add up to what was allocated (the rest is credit), none
 * is negative, no charge receives more than it owes, and a reversal's splits
 * net every charge back to zero. Reproduce a failure with FC_SEED=<seed> (and FC_RUNS).
 */
const SEED = Number(process.env.FC_SEED ?? 20261204);
const RUNS = Number(process.env.FC_RUNS ?? 300);
const params = { seed: SEED, numRuns: RUNS };

const day = fc.integer({ min: 0, max: 3650 }).map((n) => new Date(Date.UTC(2016, 0, 1) + n * 86_400_000).toISOString().slice(0, 10));
const charges = fc.uniqueArray(
  fc.record({
    id: fc.uuid(),
    providerId: fc.constantFrom('p1', 'p2', null),
    serviceDate: day,
    enteredAt: fc.integer({ min: 0, max: 1e9 }).map((n) => new Date(Date.UTC(2016, 0, 1) + n * 1000).toISOString()),
    openMinor: fc.integer({ min: 0, max: 5_000_000 }),
  }),
  { selector: (c) => c.id, maxLength: 30 },
);

function checkInvariants(open: readonly OpenCharge[], amount: number, splits: { chargeId: string; amountMinor: number }[], unallocated: number, automatic = true) {
  const total = splits.reduce((n, s) => n + s.amountMinor, 0);
  expect(total + unallocated).toBe(amount);
  expect(unallocated).toBeGreaterThanOrEqual(0);
  const byId = new Map(open.map((c) => [c.id, c]));
  for (const s of splits) {
    expect(Number.isInteger(s.amountMinor)).toBe(true);
    expect(s.amountMinor).toBeGreaterThan(0);
    expect(s.amountMinor).toBeLessThanOrEqual(byId.get(s.chargeId)!.openMinor);
  }
  // Credit is left only when every charge is paid in full.
  if (automatic && unallocated > 0) expect(total).toBe(open.reduce((n, c) => n + c.openMinor, 0));
}

describe('payment splits (fast-check, seed printed on failure)', () => {
  it(`automatic splits add up, are never negative, never over-allocate, and fill the oldest first (FC_SEED=${SEED})`, () => {
    fc.assert(
      fc.property(charges, fc.integer({ min: 0, max: 20_000_000 }), (open, amount) => {
        const { splits, unallocatedMinor } = allocateOldestFirst(open, amount);
        checkInvariants(open, amount, splits, unallocatedMinor);
        // Oldest first: a charge only gets money once every older open charge is paid in full.
        const sorted = [...open].filter((c) => c.openMinor > 0).sort((a, b) => a.serviceDate.localeCompare(b.serviceDate) || a.enteredAt.localeCompare(b.enteredAt) || a.id.localeCompare(b.id));
        const got = new Map(splits.map((s) => [s.chargeId, s.amountMinor]));
        let sawShort = false;
        for (const c of sorted) {
          if (sawShort) expect(got.get(c.id) ?? 0).toBe(0);
          if ((got.get(c.id) ?? 0) < c.openMinor) sawShort = true;
        }
      }),
      params,
    );
  });

  it(`splits by hand are accepted only when they fit, and then keep the same invariants (FC_SEED=${SEED})`, () => {
    fc.assert(
      fc.property(charges, fc.integer({ min: 0, max: 20_000_000 }), fc.array(fc.tuple(fc.nat(40), fc.integer({ min: -10, max: 6_000_000 })), { maxLength: 10 }), (open, amount, picks) => {
        const wanted = open.length ? picks.map(([i, a]) => ({ chargeId: open[i % open.length]!.id, amountMinor: a })) : [];
        const result = checkManualSplits(open, amount, wanted);
        if (result.ok) checkInvariants(open, amount, result.result.splits, result.result.unallocatedMinor, false);
        else {
          const ids = wanted.map((w) => w.chargeId);
          const bad =
            new Set(ids).size !== ids.length ||
            wanted.some((w) => w.amountMinor <= 0 || w.amountMinor > open.find((c) => c.id === w.chargeId)!.openMinor) ||
            wanted.reduce((n, w) => n + w.amountMinor, 0) > amount;
          expect(bad).toBe(true);
        }
      }),
      params,
    );
  });

  it(`a reversal nets to zero: the payment and each charge's allocations come back to where they were (FC_SEED=${SEED})`, () => {
    fc.assert(
      fc.property(charges, fc.integer({ min: 1, max: 20_000_000 }), (open, amount) => {
        const postings = open.map((c) => ({ id: c.id, kind: 'charge' as const, amountMinor: c.openMinor, serviceDate: c.serviceDate, enteredAt: c.enteredAt, reversesId: null }));
        const { splits } = allocateOldestFirst(open, amount);
        const payment = { id: 'pay', kind: 'payment' as const, amountMinor: -amount, serviceDate: '2026-12-04', enteredAt: '2026-12-04T12:00:00Z', reversesId: null };
        const reversal = { id: 'rev', kind: 'reversal' as const, amountMinor: amount, serviceDate: '2026-12-04', enteredAt: '2026-12-04T12:01:00Z', reversesId: 'pay' };
        const all = [...postings, payment, reversal];
        const allocations = [...splits, ...reversalSplits(splits)];
        expect(balanceOf([payment, reversal])).toBe(0);
        expect(balanceOf(all)).toBe(balanceOf(postings));
        const openAfter = openByCharge(all, allocations);
        for (const c of open) expect(openAfter.get(c.id)).toBe(c.openMinor);
      }),
      params,
    );
  });
});

describe('instalments', () => {
  it('split equally in minor units, the remainder on the last (CLP and USD cents alike)', () => {
    expect(splitInstalments(100_000, 3)).toEqual([33_333, 33_333, 33_334]);
    expect(splitInstalments(10_000, 3)).toEqual([3_333, 3_333, 3_334]);
    expect(splitInstalments(5, 1)).toEqual([5]);
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1e12 }), fc.integer({ min: 1, max: 120 }), (total, count) => {
        const parts = splitInstalments(total, count);
        expect(parts).toHaveLength(count);
        expect(parts.reduce((a, b) => a + b, 0)).toBe(total);
        expect(parts.every((p) => Number.isSafeInteger(p) && p >= 0)).toBe(true);
        expect(parts[count - 1]! - parts[0]!).toBeLessThan(count);
      }),
      params,
    );
  });

  it('due monthly, the 31st clamped to the end of shorter months', () => {
    expect(dueDates('2026-01-31', 4)).toEqual(['2026-01-31', '2026-02-28', '2026-03-31', '2026-04-30']);
    expect(dueDates('2026-11-15', 3, 2)).toEqual(['2026-11-15', '2027-01-15', '2027-03-15']);
  });

  it('payments are applied oldest first; what is not covered by its due date is overdue', () => {
    const plan = [
      { seq: 1, dueDate: '2026-10-01', amountMinor: 30_000 },
      { seq: 2, dueDate: '2026-11-01', amountMinor: 30_000 },
      { seq: 3, dueDate: '2026-12-01', amountMinor: 30_000 },
      { seq: 4, dueDate: '2027-01-01', amountMinor: 30_000 },
    ];
    expect(instalmentStates(plan, 45_000, '2026-12-04').map((s) => [s.status, s.paidMinor])).toEqual([
      ['paid', 30_000],
      ['overdue', 15_000],
      ['overdue', 0],
      ['due', 0],
    ]);
    // On the due date itself it is not yet overdue.
    expect(instalmentStates(plan, 60_000, '2026-12-01')[2]!.status).toBe('due');
    expect(instalmentStates(plan, 70_000, '2026-11-15')[2]!.status).toBe('partial');
  });
});
