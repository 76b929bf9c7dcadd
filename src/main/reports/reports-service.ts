import { sql } from 'kysely';
import type { AgingReport, DaySheet, ProductionReport, TreatmentPlansReport } from '../../shared/contract/reports';
import { AppError } from '../../shared/contract/errors';
import { type MoneyReport, type Totals, UNASSIGNED, aggregateMoney } from '../../shared/reports/aggregate';
import { addAging, emptyAging } from '../../shared/statements/aging';
import { practiceClock } from '../chairside/chairside-common';
import { type Db, displayName } from '../patients/patients-repository';
import type { Actor, Store } from '../store/store';
import { accountHolders, accountSummaries } from '../statements/account-repository';
import { procedureCategories, providerNames, reportRows } from './reports-repository';

/*
 * The practice's money reports, computed from the ledger on every run (no
 * stored totals) and audited: who looked at the practice's figures, and which.
 * The sums themselves are the pure rules of shared/reports/aggregate.ts.
 */

async function money(db: Db, from: string, to: string): Promise<{ report: MoneyReport; names: Map<string, string>; postings: number }> {
  const [{ postings, allocations, known }, categories, names] = await Promise.all([reportRows(db, from, to), procedureCategories(db), providerNames(db)]);
  const report = aggregateMoney(postings, allocations, {
    original: (id) => known.get(id),
    category: (code) => (code ? (categories.get(code.toUpperCase()) ?? 'other') : UNASSIGNED),
  });
  return { report, names, postings: postings.length };
}

const providerRows = (map: Map<string, Totals>, names: Map<string, string>) =>
  [...map.entries()]
    .map(([providerId, t]) => ({ providerId, name: providerId === UNASSIGNED ? '' : (names.get(providerId) ?? providerId), ...t }))
    .sort((a, b) => (a.providerId === UNASSIGNED ? 1 : b.providerId === UNASSIGNED ? -1 : a.name.localeCompare(b.name)));

export async function computeDaySheet(db: Db, date: string): Promise<DaySheet> {
  const clock = await practiceClock(db);
  const { report, names, postings } = await money(db, date, date);
  return {
    date,
    currency: clock.currency,
    totals: report.totals,
    byProvider: providerRows(report.byProvider, names),
    byMethod: [...report.byMethod.entries()].map(([method, amountMinor]) => ({ method, amountMinor })).sort((a, b) => a.method.localeCompare(b.method)),
    expectedCashMinor: report.byMethod.get('cash') ?? 0,
    postings,
  };
}

export async function computeProduction(db: Db, from: string, to: string): Promise<ProductionReport> {
  if (from > to) throw new AppError('VALIDATION', 'errors.VALIDATION', { fields: { to: 'reports.errors.range' } });
  const clock = await practiceClock(db);
  const { report, names } = await money(db, from, to);
  return {
    from,
    to,
    currency: clock.currency,
    totals: report.totals,
    byProvider: providerRows(report.byProvider, names),
    byCategory: [...report.byCategory.entries()].map(([category, t]) => ({ category, ...t })).sort((a, b) => b.production - a.production || a.category.localeCompare(b.category)),
    byDay: [...report.byDay.entries()].map(([date, t]) => ({ date, ...t })).sort((a, b) => (a.date < b.date ? -1 : 1)),
  };
}

export async function computeAging(db: Db, asOf?: string): Promise<AgingReport> {
  const clock = await practiceClock(db);
  const day = asOf ?? clock.today;
  const accounts = await accountSummaries(db, day);
  const open = [...accounts.values()].filter((a) => a.aging.balance !== 0);
  const holders = await accountHolders(db, open.map((a) => a.guarantorId));
  const totals = emptyAging();
  const rows = open
    .map((a) => {
      addAging(totals, a.aging);
      const h = holders.get(a.guarantorId);
      const { oldestUnpaidDate, ...buckets } = a.aging;
      return { guarantorId: a.guarantorId, name: h ? displayName(h) : a.guarantorId, sort: h?.sort_name ?? '', oldestUnpaidDate, ...buckets };
    })
    .sort((a, b) => b.over90 - a.over90 || b.balance - a.balance || a.sort.localeCompare(b.sort))
    .map(({ sort: _sort, ...row }) => row);
  const { oldestUnpaidDate: _oldest, ...bucketTotals } = totals;
  return { asOf: day, currency: clock.currency, totals: bucketTotals, rows };
}

/**
 * Treatment plans with accepted or planned work still to do: per plan, the open
 * items and what they are quoted at (fees, before coverage), accepted work
 * first. A plan's state here is "accepted" once any open item is accepted or
 * booked, else "planned".
 */
export async function computeTreatmentPlans(db: Db): Promise<TreatmentPlansReport> {
  const clock = await practiceClock(db);
  const found = await db
    .selectFrom('treatment_plans as tp')
    .innerJoin('treatment_plan_items as i', 'i.plan_id', 'tp.id')
    .where('tp.deleted_at', 'is', null)
    .where('i.status', 'in', ['planned', 'accepted', 'scheduled'])
    .groupBy('tp.id')
    .select((eb) => [
      'tp.id as plan_id',
      'tp.patient_id',
      'tp.created_at',
      eb.fn.countAll<number>().as('items'),
      eb.fn.sum<number>('i.fee_minor').as('amount'),
      eb.fn.max(sql<number>`i.status IN ('accepted', 'scheduled')`).as('accepted'),
    ])
    .execute();
  const holders = await accountHolders(db, [...new Set(found.map((r) => r.patient_id))]);
  const rows = found
    .map((r) => ({
      planId: r.plan_id,
      patientId: r.patient_id,
      name: holders.get(r.patient_id) ? displayName(holders.get(r.patient_id)!) : r.patient_id,
      status: Number(r.accepted) ? 'accepted' : 'planned',
      items: Number(r.items),
      amountMinor: Number(r.amount ?? 0),
      createdAt: r.created_at,
    }))
    .sort((a, b) => Number(b.status === 'accepted') - Number(a.status === 'accepted') || b.amountMinor - a.amountMinor || a.name.localeCompare(b.name));
  return { currency: clock.currency, totalMinor: rows.reduce((s, r) => s + r.amountMinor, 0), rows };
}

/** Every report run is audited with what was asked. */
export function audited<T>(store: Store, actor: Actor, report: string, details: Record<string, unknown>, run: (db: Db) => Promise<T>): Promise<T> {
  return store.readAudited(actor, { action: `reports.${report}`, entity: 'practice', entityId: null, details }, run);
}
