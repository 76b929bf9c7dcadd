import type { ReportAllocation, ReportPosting } from '../../shared/reports/aggregate';
import type { Db } from '../patients/patients-repository';

/*
 * The ledger rows the money reports sum: the postings dated in a range, the
 * postings their reversals cancel (which may be dated earlier), the splits of
 * the payments in the range, and the charges those splits point at.
 */

const COLUMNS = ['id', 'kind', 'amount_minor', 'service_date', 'provider_id', 'method', 'procedure_code', 'reverses_id'] as const;

type Row = { id: string; kind: ReportPosting['kind']; amount_minor: number; service_date: string; provider_id: string | null; method: string | null; procedure_code: string | null; reverses_id: string | null };

const toPosting = (r: Row): ReportPosting => ({
  id: r.id,
  kind: r.kind,
  amountMinor: r.amount_minor,
  serviceDate: r.service_date,
  providerId: r.provider_id,
  method: r.method,
  procedureCode: r.procedure_code,
  reversesId: r.reverses_id,
});

async function byIds(db: Db, ids: readonly string[]): Promise<ReportPosting[]> {
  const out: ReportPosting[] = [];
  for (let i = 0; i < ids.length; i += 500) {
    const rows = (await db.selectFrom('ledger_postings').select(COLUMNS).where('id', 'in', ids.slice(i, i + 500)).execute()) as Row[];
    out.push(...rows.map(toPosting));
  }
  return out;
}

export async function reportRows(db: Db, from: string, to: string) {
  const rows = (await db.selectFrom('ledger_postings').select(COLUMNS).where('service_date', '>=', from).where('service_date', '<=', to).execute()) as Row[];
  const postings = rows.map(toPosting);
  const known = new Map(postings.map((p) => [p.id, p]));
  const missing = [...new Set(postings.filter((p) => p.reversesId && !known.has(p.reversesId)).map((p) => p.reversesId!))];
  for (const p of await byIds(db, missing)) known.set(p.id, p);
  // Splits of the range's payments (and of their reversals), read by joining on the range rather than binding every id.
  const allocations = (await db
    .selectFrom('ledger_allocations as a')
    .innerJoin('ledger_postings as p', 'p.id', 'a.posting_id')
    .select(['a.posting_id', 'a.charge_id', 'a.provider_id', 'a.amount_minor'])
    .where('p.service_date', '>=', from)
    .where('p.service_date', '<=', to)
    .execute()).map((a): ReportAllocation => ({ postingId: a.posting_id, chargeId: a.charge_id, providerId: a.provider_id, amountMinor: a.amount_minor }));
  const charges = [...new Set(allocations.map((a) => a.chargeId).filter((id) => !known.has(id)))];
  for (const p of await byIds(db, charges)) known.set(p.id, p);
  return { postings, allocations, known };
}

export async function procedureCategories(db: Db): Promise<Map<string, string>> {
  const rows = await db.selectFrom('procedures').select(['code', 'category']).execute();
  return new Map(rows.map((r) => [r.code.toUpperCase(), r.category]));
}

export async function providerNames(db: Db): Promise<Map<string, string>> {
  const rows = await db.selectFrom('providers').select(['id', 'given_names', 'first_surname']).execute();
  return new Map(rows.map((r) => [r.id, `${r.given_names} ${r.first_surname}`.trim()]));
}
