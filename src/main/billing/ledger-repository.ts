import type { Selectable } from 'kysely';
import type { LedgerAllocationsTable, LedgerPostingsTable } from '../db/schema';
import type { Db } from '../patients/patients-repository';
import type { OpenCharge } from '../../shared/billing/allocation';
import { openByCharge } from '../../shared/billing/balances';
import type { WriteTx } from '../store/store';

/*
 * The ledger's queries. Postings and allocations are only ever inserted
 * (the database refuses updates and deletes); everything else is read from
 * them. Accounts are read through the guarantor index, a patient's own
 * postings through the patient index.
 */

export type PostingRow = Selectable<LedgerPostingsTable>;
export type AllocationRow = Selectable<LedgerAllocationsTable>;

export function accountPostings(db: Db, guarantorIds: readonly string[]): Promise<PostingRow[]> {
  return db.selectFrom('ledger_postings').selectAll().where('guarantor_id', 'in', guarantorIds).orderBy('service_date').orderBy('entered_at').orderBy('id').execute();
}

export function patientPostings(db: Db, patientIds: readonly string[]): Promise<PostingRow[]> {
  return db.selectFrom('ledger_postings').selectAll().where('patient_id', 'in', patientIds).orderBy('service_date').orderBy('entered_at').orderBy('id').execute();
}

export function accountAllocations(db: Db, guarantorIds: readonly string[]): Promise<Pick<AllocationRow, 'charge_id' | 'amount_minor' | 'posting_id'>[]> {
  return db.selectFrom('ledger_allocations').select(['charge_id', 'amount_minor', 'posting_id']).where('guarantor_id', 'in', guarantorIds).execute();
}

export function postingById(db: Db, id: string): Promise<PostingRow | undefined> {
  return db.selectFrom('ledger_postings').selectAll().where('id', '=', id).executeTakeFirst();
}

export function allocationsOfPosting(db: Db, postingId: string): Promise<AllocationRow[]> {
  return db.selectFrom('ledger_allocations').selectAll().where('posting_id', '=', postingId).execute();
}

/** The account's live charges with what each still owes (more than zero). */
export async function openCharges(db: Db, guarantorIds: readonly string[]): Promise<OpenCharge[]> {
  const [postings, allocations] = await Promise.all([
    db
      .selectFrom('ledger_postings')
      .select(['id', 'kind', 'amount_minor', 'service_date', 'entered_at', 'reverses_id', 'provider_id'])
      .where('guarantor_id', 'in', guarantorIds)
      .where((eb) => eb.or([eb('kind', '=', 'charge'), eb('reverses_id', 'is not', null)]))
      .execute(),
    accountAllocations(db, guarantorIds),
  ]);
  const open = openByCharge(
    postings.map((p) => ({ id: p.id, kind: p.kind, amountMinor: p.amount_minor, serviceDate: p.service_date, enteredAt: p.entered_at, reversesId: p.reverses_id })),
    allocations.map((a) => ({ chargeId: a.charge_id, amountMinor: a.amount_minor })),
  );
  return postings
    .filter((p) => (open.get(p.id) ?? 0) > 0)
    .map((p) => ({ id: p.id, providerId: p.provider_id, serviceDate: p.service_date, enteredAt: p.entered_at, openMinor: open.get(p.id)! }));
}

export async function sumFor(db: Db, column: 'guarantor_id' | 'patient_id', ids: readonly string[]): Promise<number> {
  if (ids.length === 0) return 0;
  const row = await db
    .selectFrom('ledger_postings')
    .select((eb) => eb.fn.sum<number | null>('amount_minor').as('total'))
    .where(column, 'in', ids)
    .executeTakeFirst();
  return Number(row?.total ?? 0);
}

/** Inserts a posting with every column the schema knows, defaults null. */
export async function insertPosting(tx: WriteTx, row: Partial<PostingRow> & Pick<PostingRow, 'id' | 'patient_id' | 'guarantor_id' | 'kind' | 'amount_minor' | 'currency' | 'service_date' | 'entered_at'>): Promise<PostingRow> {
  const full: PostingRow = {
    entered_by: null,
    provider_id: null,
    procedure_code: null,
    tooth: null,
    surfaces: null,
    chart_entry_id: null,
    plan_item_id: null,
    appointment_id: null,
    method: null,
    tax_document_kind: null,
    tax_document_number: null,
    adjustment_type: null,
    reason: null,
    reverses_id: null,
    payment_plan_id: null,
    note: null,
    ...row,
  };
  await tx.insert('ledger_postings', full);
  return full;
}
