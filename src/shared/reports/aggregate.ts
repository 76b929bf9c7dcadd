/*
 * The practice's money reports, as pure sums over ledger rows (main loads
 * them, the tests and the screens share the rules):
 * - production is what was charged: charges, net of their reversals, on the
 *   charge's date of service, to the charge's provider and its procedure's
 *   category;
 * - collections are what was paid: payments net of their reversals (and less
 *   refunds), positive, on the payment's date of service, by method; to a
 *   provider (and category) through the payment's splits when the ledger made
 *   them, else to the payment's own provider, else "unassigned";
 * - adjustments (discounts, write-offs) and credits are reported apart: they
 *   are neither production nor collections.
 * A reversal counts on its own date of service, so a day already closed keeps
 * its figures and the correction shows on the day it was made.
 */

export interface ReportPosting {
  id: string;
  kind: 'charge' | 'payment' | 'adjustment' | 'refund' | 'credit' | 'reversal';
  amountMinor: number;
  serviceDate: string;
  providerId: string | null;
  method: string | null;
  procedureCode: string | null;
  reversesId: string | null;
}

export interface ReportAllocation {
  postingId: string;
  chargeId: string;
  providerId: string | null;
  amountMinor: number;
}

/** A posting's kind as the reports see it: a reversal takes the kind of the posting it cancels. */
export type EffectiveKind = Exclude<ReportPosting['kind'], 'reversal'>;

export interface Totals {
  production: number;
  collections: number;
  adjustments: number;
}

export interface MoneyReport {
  totals: Totals;
  byProvider: Map<string, Totals>;
  byCategory: Map<string, Totals>;
  /** Collections by payment method (cash, debit, …); refunds subtract from their method. */
  byMethod: Map<string, number>;
  byDay: Map<string, Totals>;
}

export const UNASSIGNED = '';

const zero = (): Totals => ({ production: 0, collections: 0, adjustments: 0 });

function bump(map: Map<string, Totals>, key: string, field: keyof Totals, amount: number): void {
  let t = map.get(key);
  if (!t) map.set(key, (t = zero()));
  t[field] += amount;
}

/**
 * `original` resolves a reversal's target (it may lie outside the report's dates);
 * `category` names a procedure code's category; `charges` finds an allocated charge.
 */
export function aggregateMoney(
  postings: readonly ReportPosting[],
  allocations: readonly ReportAllocation[],
  lookups: {
    original: (id: string) => ReportPosting | undefined;
    category: (code: string | null) => string;
  },
): MoneyReport {
  const report: MoneyReport = { totals: zero(), byProvider: new Map(), byCategory: new Map(), byMethod: new Map(), byDay: new Map() };
  const splitsOf = new Map<string, ReportAllocation[]>();
  for (const a of allocations) {
    let list = splitsOf.get(a.postingId);
    if (!list) splitsOf.set(a.postingId, (list = []));
    list.push(a);
  }
  for (const p of postings) {
    const source = p.kind === 'reversal' && p.reversesId ? lookups.original(p.reversesId) : p;
    if (!source || source.kind === 'reversal') continue;
    const kind = source.kind;
    if (kind === 'charge') {
      report.totals.production += p.amountMinor;
      bump(report.byProvider, source.providerId ?? UNASSIGNED, 'production', p.amountMinor);
      bump(report.byCategory, lookups.category(source.procedureCode), 'production', p.amountMinor);
      bump(report.byDay, p.serviceDate, 'production', p.amountMinor);
    } else if (kind === 'payment' || kind === 'refund' || (kind === 'credit' && source.method)) {
      // A prepaid credit taken with a method is money in; a credit pack without one is a concession.
      // Payments are negative postings, refunds positive: collections are their negation.
      const collected = -p.amountMinor;
      report.totals.collections += collected;
      bump(report.byDay, p.serviceDate, 'collections', collected);
      const method = source.method ?? UNASSIGNED;
      report.byMethod.set(method, (report.byMethod.get(method) ?? 0) + collected);
      const splits = splitsOf.get(p.id) ?? [];
      let spread = 0;
      for (const s of splits) {
        // A payment's splits are positive, a reversal's negative: the same sign as what was collected.
        bump(report.byProvider, s.providerId ?? UNASSIGNED, 'collections', s.amountMinor);
        const charge = lookups.original(s.chargeId);
        bump(report.byCategory, lookups.category(charge?.procedureCode ?? null), 'collections', s.amountMinor);
        spread += s.amountMinor;
      }
      if (collected - spread !== 0) {
        bump(report.byProvider, source.providerId ?? UNASSIGNED, 'collections', collected - spread);
        bump(report.byCategory, UNASSIGNED, 'collections', collected - spread);
      }
    } else {
      // Adjustments and credits: negative forgives, positive adds back.
      const adjusted = -p.amountMinor;
      report.totals.adjustments += adjusted;
      bump(report.byProvider, source.providerId ?? UNASSIGNED, 'adjustments', adjusted);
      bump(report.byDay, p.serviceDate, 'adjustments', adjusted);
    }
  }
  return report;
}

/** Counted cash against the day's cash collections: denominations (value in minor units × count) or a typed total. */
export function cashDifference(expectedMinor: number, counted: { denominations?: readonly { valueMinor: number; count: number }[]; totalMinor?: number | null }): { countedMinor: number; differenceMinor: number } {
  const fromDenominations = (counted.denominations ?? []).reduce((sum, d) => sum + d.valueMinor * d.count, 0);
  const countedMinor = counted.totalMinor ?? fromDenominations;
  return { countedMinor, differenceMinor: countedMinor - expectedMinor };
}

/** The bank notes and coins of a currency, largest first, in minor units (for the cash count). */
export function denominationsOf(currency: string): number[] {
  switch (currency) {
    case 'CLP':
      return [20000, 10000, 5000, 2000, 1000, 500, 100, 50, 10];
    case 'USD':
      return [10000, 5000, 2000, 1000, 500, 100, 25, 10, 5, 1];
    case 'EUR':
      return [50000, 20000, 10000, 5000, 2000, 1000, 500, 200, 100, 50, 20, 10, 5, 2, 1];
    default:
      return [];
  }
}
