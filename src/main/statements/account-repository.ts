import { sql } from 'kysely';
import { type Aging, type AgingAllocation, type AgingPosting, computeAging, emptyAging } from '../../shared/statements/aging';
import { type Instalment, type InstalmentDue, unpaidInstalments } from '../../shared/statements/instalments';
import type { Db } from '../patients/patients-repository';

/*
 * Reads of the ledger tables for statements and the aging report. Balances
 * and aging are computed here from the postings every time (never stored).
 * The whole practice is read in three queries with only the columns the
 * aging needs, then grouped per account in memory.
 */

export interface AccountSummary {
  guarantorId: string;
  aging: Aging;
  /** Unpaid instalments of the account's active payment plans, due date first. */
  instalments: InstalmentDue[];
  overdueInstalments: number;
}

interface AgingRow {
  id: string;
  guarantor_id: string;
  amount_minor: number;
  service_date: string;
  reverses_id: string | null;
  payment_plan_id: string | null;
}

/**
 * The aging and instalments of every account with postings (or of the given
 * ones), counting postings dated up to `asOf` and, when given, entered up to
 * `enteredUntil` (an instant: the ledger as it stood when a statement was made).
 */
export async function accountSummaries(db: Db, asOf: string, options: { guarantorIds?: readonly string[]; enteredUntil?: string } = {}): Promise<Map<string, AccountSummary>> {
  const ids = options.guarantorIds;
  if (ids && ids.length === 0) return new Map();
  let postingsQuery = db
    .selectFrom('ledger_postings')
    .select(['id', 'guarantor_id', 'amount_minor', 'service_date', 'reverses_id', 'payment_plan_id'])
    .where('service_date', '<=', asOf);
  if (ids) postingsQuery = postingsQuery.where('guarantor_id', 'in', ids);
  if (options.enteredUntil) postingsQuery = postingsQuery.where('entered_at', '<=', options.enteredUntil);
  const postings: AgingRow[] = await postingsQuery.execute();
  const kept = new Set(postings.map((p) => p.id));

  let allocationsQuery = db.selectFrom('ledger_allocations').select(['posting_id', 'charge_id', 'guarantor_id', 'amount_minor']);
  if (ids) allocationsQuery = allocationsQuery.where('guarantor_id', 'in', ids);
  const allocations = (await allocationsQuery.execute()).filter((a) => kept.has(a.posting_id));

  let instalmentsQuery = db
    .selectFrom('payment_plan_instalments as i')
    .innerJoin('payment_plans as p', 'p.id', 'i.plan_id')
    .select(['i.plan_id', 'i.guarantor_id', 'i.seq', 'i.due_date', 'i.amount_minor'])
    .where('p.status', '=', 'active');
  if (ids) instalmentsQuery = instalmentsQuery.where('i.guarantor_id', 'in', ids);
  const instalments = await instalmentsQuery.execute();

  const byAccount = new Map<string, { postings: AgingPosting[]; allocations: AgingAllocation[]; instalments: Instalment[] }>();
  const account = (id: string) => {
    let a = byAccount.get(id);
    if (!a) byAccount.set(id, (a = { postings: [], allocations: [], instalments: [] }));
    return a;
  };
  const planOf = new Map<string, string>();
  for (const p of postings) if (p.payment_plan_id) planOf.set(p.id, p.payment_plan_id);
  const paidByPlan = new Map<string, number>();
  for (const p of postings) {
    account(p.guarantor_id).postings.push({ id: p.id, amountMinor: p.amount_minor, serviceDate: p.service_date, reversesId: p.reverses_id });
    // A plan's payments (negative) and their reversals (positive) count towards its instalments.
    const plan = p.payment_plan_id ?? (p.reverses_id ? planOf.get(p.reverses_id) : undefined);
    if (plan) paidByPlan.set(plan, (paidByPlan.get(plan) ?? 0) - p.amount_minor);
  }
  for (const a of allocations) account(a.guarantor_id).allocations.push({ postingId: a.posting_id, chargeId: a.charge_id, amountMinor: a.amount_minor });
  for (const i of instalments) account(i.guarantor_id).instalments.push({ planId: i.plan_id, seq: i.seq, dueDate: i.due_date, amountMinor: i.amount_minor });

  const out = new Map<string, AccountSummary>();
  for (const [guarantorId, a] of byAccount) {
    const aging = a.postings.length ? computeAging(a.postings, a.allocations, asOf) : emptyAging();
    const due = unpaidInstalments(a.instalments, paidByPlan, asOf);
    out.set(guarantorId, { guarantorId, aging, instalments: due, overdueInstalments: due.filter((d) => d.overdue).length });
  }
  return out;
}

/** Names and addresses of accounts, for lists and statements. */
export async function accountHolders(db: Db, ids: readonly string[]) {
  if (ids.length === 0) return new Map<string, { id: string; given_names: string; first_surname: string; second_surname: string; sort_name: string; address: string | null; document_type: string | null; document_number: string | null; language: string | null }>();
  const rows = [];
  // SQLite caps bound parameters; large practices are read in slices.
  for (let i = 0; i < ids.length; i += 500) {
    rows.push(
      ...(await db
        .selectFrom('patients')
        .select(['id', 'given_names', 'first_surname', 'second_surname', 'sort_name', 'address', 'document_type', 'document_number', sql<string | null>`language`.as('language')])
        .where('id', 'in', ids.slice(i, i + 500))
        .execute()),
    );
  }
  return new Map(rows.map((r) => [r.id, r]));
}

/** The account's newest archived statement, whose end the next statement starts from. */
export async function lastStatement(db: Db, guarantorId: string) {
  return db
    .selectFrom('statements')
    .select(['id', 'issued_at', 'period_to', 'balance_minor'])
    .where('guarantor_id', '=', guarantorId)
    .orderBy('issued_at', 'desc')
    .limit(1)
    .executeTakeFirst();
}
