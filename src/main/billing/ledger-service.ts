import { v7 as uuidv7 } from 'uuid';
import type { Role } from '../../shared/auth/roles';
import { type OpenCharge, type Split, allocateOldestFirst, checkManualSplits } from '../../shared/billing/allocation';
import { balanceOf, openByCharge, reversedIds, withRunningBalance } from '../../shared/billing/balances';
import type { AccountOut, PostingOut } from '../../shared/contract/billing';
import type { PaymentMethod } from '../db/schema';
import { AppError } from '../../shared/contract/errors';
import type { PatientsTable } from '../db/schema';
import { type PatientScope, patientScope, practiceClock, validation } from '../chairside/chairside-common';
import { type Db, displayName, mergesUnder, userNames } from '../patients/patients-repository';
import type { Actor, Store, WriteTx } from '../store/store';
import { readBillingSettings } from './billing-settings';
import { readClinicalPreferences } from '../practice/practice-repository';
import { type BillingAct, checkLock, checkRole, guardedWrite } from './billing-policy';
import { accountPostings, allocationsOfPosting, insertPosting, openCharges, patientPostings, postingById, sumFor, type PostingRow } from './ledger-repository';
import { listClaims } from './claims-service';
import { listPlans } from './plans-service';

/*
 * The cuenta corriente in main. Every posting is inserted once through the
 * write path, with its audit entry, in one transaction; a mistake is
 * corrected by a reversal, never an edit. A posting's `guarantor_id` is the
 * account it rolls up to, fixed when it is made. Payments (and discounts,
 * write-offs) are split onto the account's open charges, oldest first or as
 * given; what is left over stays as a credit.
 */

export interface BillingCaller {
  actor: Actor;
  role: Role;
}

/** The account a patient's postings roll up to: the guarantor patient, or the patient. */
export interface AccountScope {
  patient: PatientsTable;
  /** The patient's ids (its own and merged records). */
  patientIds: string[];
  guarantor: PatientsTable;
  /** The guarantor's ids (its own and merged records). */
  guarantorIds: string[];
}

export async function accountScope(db: Db, patientId: string): Promise<AccountScope> {
  const scope: PatientScope = await patientScope(db, patientId);
  const guarantorId = scope.patient.guarantor_patient_id;
  if (!guarantorId || guarantorId === scope.patient.id) return { patient: scope.patient, patientIds: scope.ids, guarantor: scope.patient, guarantorIds: scope.ids };
  try {
    const g = await patientScope(db, guarantorId);
    return { patient: scope.patient, patientIds: scope.ids, guarantor: g.patient, guarantorIds: g.ids };
  } catch {
    // A guarantor since deleted: the patient's own account.
    return { patient: scope.patient, patientIds: scope.ids, guarantor: scope.patient, guarantorIds: scope.ids };
  }
}

async function providerNames(db: Db, ids: readonly string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await db.selectFrom('providers').select(['id', 'given_names', 'first_surname', 'second_surname']).where('id', 'in', unique).execute();
  return new Map(rows.map((r) => [r.id, displayName(r)]));
}

async function procedureNames(db: Db, codes: readonly string[], language: string): Promise<Map<string, string>> {
  const unique = [...new Set(codes.map((c) => c.toUpperCase()))];
  if (unique.length === 0) return new Map();
  const rows = await db.selectFrom('procedures').select(['code', 'name_es', 'name_en']).where('id', 'in', unique.map((c) => `procedure:${c}`)).execute();
  return new Map(rows.map((r) => [r.code.toUpperCase(), language === 'en' ? r.name_en : r.name_es]));
}

/** Postings as the screens show them, with the running balance and each live charge's open amount. */
export async function describePostings(db: Db, rows: readonly PostingRow[], openSource: { postings: readonly PostingRow[]; guarantorIds: readonly string[] }, language: string): Promise<PostingOut[]> {
  const allocations = await db.selectFrom('ledger_allocations').select(['charge_id', 'amount_minor']).where('guarantor_id', 'in', openSource.guarantorIds).execute();
  const asLike = (p: PostingRow) => ({ id: p.id, kind: p.kind, amountMinor: p.amount_minor, serviceDate: p.service_date, enteredAt: p.entered_at, reversesId: p.reverses_id });
  const open = openByCharge(openSource.postings.map(asLike), allocations.map((a) => ({ chargeId: a.charge_id, amountMinor: a.amount_minor })));
  const reverser = new Map<string, string>();
  for (const p of openSource.postings) if (p.reverses_id) reverser.set(p.reverses_id, p.id);
  for (const p of rows) if (p.reverses_id) reverser.set(p.reverses_id, p.id);
  const patientIds = [...new Set(rows.map((r) => r.patient_id))];
  const [users, providers, procedures, patients] = await Promise.all([
    userNames(db, rows.map((r) => r.entered_by).filter((x): x is string => !!x)),
    providerNames(db, rows.map((r) => r.provider_id).filter((x): x is string => !!x)),
    procedureNames(db, rows.map((r) => r.procedure_code).filter((x): x is string => !!x), language),
    patientIds.length ? db.selectFrom('patients').select(['id', 'given_names', 'first_surname', 'second_surname']).where('id', 'in', patientIds).execute() : Promise.resolve([]),
  ]);
  const patientName = new Map(patients.map((p) => [p.id, displayName(p)]));
  const byId = new Map(rows.map((r) => [r.id, r]));
  return withRunningBalance(rows.map(asLike)).map((p) => {
    const r = byId.get(p.id)!;
    return {
      id: r.id,
      patientId: r.patient_id,
      patientName: patientName.get(r.patient_id) ?? '',
      kind: r.kind,
      amountMinor: r.amount_minor,
      serviceDate: r.service_date,
      enteredAt: r.entered_at,
      enteredBy: r.entered_by ? (users.get(r.entered_by) ?? null) : null,
      providerId: r.provider_id,
      providerName: r.provider_id ? (providers.get(r.provider_id) ?? null) : null,
      procedureCode: r.procedure_code,
      procedureName: r.procedure_code ? (procedures.get(r.procedure_code.toUpperCase()) ?? null) : null,
      tooth: r.tooth,
      surfaces: r.surfaces,
      chartEntryId: r.chart_entry_id,
      appointmentId: r.appointment_id,
      method: r.method,
      taxDocumentKind: r.tax_document_kind,
      taxDocumentNumber: r.tax_document_number,
      adjustmentType: r.adjustment_type,
      reason: r.reason,
      note: r.note,
      reversesId: r.reverses_id,
      reversedById: reverser.get(r.id) ?? null,
      paymentPlanId: r.payment_plan_id,
      openMinor: r.kind === 'charge' ? (open.get(r.id) ?? 0) : null,
      runningMinor: p.runningMinor,
    };
  });
}

/** Reads an account (no audit: callers audit). */
export async function readAccount(db: Db, scope: AccountScope, language: string): Promise<AccountOut> {
  const clock = await practiceClock(db);
  const isGuarantor = scope.guarantor.id === scope.patient.id;
  const [account, settings, preferences] = await Promise.all([accountPostings(db, scope.guarantorIds), readBillingSettings(db), readClinicalPreferences(db)]);
  const own = isGuarantor ? account : await patientPostings(db, scope.patientIds);
  const memberIds = [...new Set([scope.guarantor.id, ...account.map((p) => p.patient_id)])];
  const familyRows = await db
    .selectFrom('patients')
    .select(['id', 'given_names', 'first_surname', 'second_surname', 'merged_into_id'])
    .where((eb) => eb.or([eb('id', 'in', memberIds), eb('guarantor_patient_id', '=', scope.guarantor.id)]))
    .where('deleted_at', 'is', null)
    .execute();
  const memberBalance = new Map<string, number>();
  for (const p of account) memberBalance.set(p.patient_id, (memberBalance.get(p.patient_id) ?? 0) + p.amount_minor);
  const members = familyRows
    .filter((r) => !r.merged_into_id)
    .sort((a, b) => (a.id === scope.guarantor.id ? -1 : b.id === scope.guarantor.id ? 1 : displayName(a).localeCompare(displayName(b))))
    .map((r) => ({ id: r.id, name: displayName(r), balanceMinor: memberBalance.get(r.id) ?? 0 }));
  const [postings, plans, claims] = await Promise.all([
    describePostings(db, own, { postings: account, guarantorIds: scope.guarantorIds }, language),
    listPlans(db, scope.guarantorIds, clock.today),
    listClaims(db, isGuarantor ? [...new Set([...scope.patientIds, ...account.map((p) => p.patient_id)])] : scope.patientIds),
  ]);
  return {
    patientId: scope.patient.id,
    guarantorId: scope.guarantor.id,
    guarantorName: displayName(scope.guarantor),
    isGuarantor,
    currency: clock.currency,
    members,
    postings,
    balanceMinor: balanceOf(own.map((p) => ({ amountMinor: p.amount_minor }))),
    accountBalanceMinor: balanceOf(account.map((p) => ({ amountMinor: p.amount_minor }))),
    plans,
    claims,
    settings,
    today: clock.today,
    toothNumbering: preferences.toothNumbering,
  };
}

export async function getAccount(store: Store, actor: Actor, patientId: string, language: string): Promise<AccountOut> {
  const scope = await accountScope(store.db, patientId);
  return store.readAudited(actor, { action: 'billing.account.view', entity: 'patient', entityId: scope.patient.id, details: { guarantorId: scope.guarantor.id } }, (db) =>
    readAccount(db, scope, language),
  );
}

/* ------------------------------------------------------------------ posting */

interface PostResult {
  postingId: string;
  accountBalanceMinor: number;
  creditMinor: number;
}

async function resultFor(db: Db, postingId: string, guarantorIds: readonly string[]): Promise<PostResult> {
  const balance = await sumFor(db, 'guarantor_id', guarantorIds);
  return { postingId, accountBalanceMinor: balance, creditMinor: Math.max(0, -balance) };
}

/** A retried call (same client id) returns what the first did, with no second effect. */
async function already(db: Db, clientId: string): Promise<PostingRow | undefined> {
  return postingById(db, clientId);
}

async function insertSplits(tx: WriteTx, postingId: string, guarantorId: string, currency: string, splits: readonly Split[]): Promise<void> {
  for (const s of splits) {
    await tx.insert('ledger_allocations', { id: uuidv7(), posting_id: postingId, charge_id: s.chargeId, guarantor_id: guarantorId, provider_id: s.providerId, amount_minor: s.amountMinor, currency });
  }
}

function splitError(error: string, chargeId?: string): AppError {
  return validation('splits', `billing.validation.${error}`, chargeId ? { chargeId } : undefined);
}

interface CommonPosting {
  clientId: string;
  patientId: string;
  amountMinor: number;
  serviceDate?: string | undefined;
}

async function begin(tx: WriteTx, caller: BillingCaller, act: BillingAct, input: CommonPosting) {
  const settings = await readBillingSettings(tx.db);
  checkRole(caller.role, act, settings);
  const scope = await accountScope(tx.db, input.patientId);
  const clock = await practiceClock(tx.db);
  const serviceDate = input.serviceDate ?? clock.today;
  if (serviceDate > clock.today) throw validation('serviceDate', 'billing.validation.futureDate');
  await checkLock(tx, caller.role, settings, 'backdate', serviceDate, { entity: 'patient', entityId: scope.patient.id });
  return { settings, scope, clock, serviceDate, enteredAt: new Date().toISOString() };
}

export interface PaymentInput extends CommonPosting {
  method: PaymentMethod;
  taxDocumentKind?: 'boleta' | 'factura' | null | undefined;
  taxDocumentNumber?: string | undefined;
  note?: string | undefined;
  paymentPlanId?: string | null | undefined;
  splits?: { chargeId: string; amountMinor: number }[] | undefined;
}

export async function postPayment(store: Store, caller: BillingCaller, input: PaymentInput): Promise<PostResult & { splits: Split[] }> {
  return guardedWrite(store, caller.actor, async (tx) => {
    const done = await already(tx.db, input.clientId);
    if (done) {
      const splits = (await allocationsOfPosting(tx.db, done.id)).map((a) => ({ chargeId: a.charge_id, providerId: a.provider_id, amountMinor: a.amount_minor }));
      return { ...(await resultFor(tx.db, done.id, [done.guarantor_id])), splits };
    }
    const { scope, clock, serviceDate, enteredAt } = await begin(tx, caller, 'payment', input);
    if (input.paymentPlanId) {
      const plan = await tx.db.selectFrom('payment_plans').select(['id', 'guarantor_id']).where('id', '=', input.paymentPlanId).executeTakeFirst();
      if (!plan || !scope.guarantorIds.includes(plan.guarantor_id)) throw validation('paymentPlanId', 'validation.choice');
    }
    const open: OpenCharge[] = await openCharges(tx.db, scope.guarantorIds);
    let splits: Split[];
    if (input.splits) {
      const checked = checkManualSplits(open, input.amountMinor, input.splits);
      if (!checked.ok) throw splitError(checked.error, checked.chargeId);
      splits = checked.result.splits;
    } else splits = allocateOldestFirst(open, input.amountMinor).splits;
    const posting = await insertPosting(tx, {
      id: input.clientId,
      patient_id: scope.patient.id,
      guarantor_id: scope.guarantor.id,
      kind: 'payment',
      amount_minor: -input.amountMinor,
      currency: clock.currency,
      service_date: serviceDate,
      entered_at: enteredAt,
      entered_by: caller.actor.userId,
      method: input.method,
      tax_document_kind: input.taxDocumentKind ?? null,
      tax_document_number: input.taxDocumentNumber?.trim() || null,
      note: input.note?.trim() || null,
      payment_plan_id: input.paymentPlanId ?? null,
    });
    await insertSplits(tx, posting.id, scope.guarantor.id, clock.currency, splits);
    await tx.audit({
      action: 'billing.payment.post',
      entity: 'patient',
      entityId: scope.patient.id,
      details: { postingId: posting.id, amountMinor: input.amountMinor, method: input.method, splits: splits.length, byHand: !!input.splits },
    });
    return { ...(await resultFor(tx.db, posting.id, scope.guarantorIds)), splits };
  });
}

export interface AdjustmentInput extends CommonPosting {
  adjustmentType: 'discount' | 'write_off';
  reason: string;
  chargeId?: string | undefined;
}

/** A discount or write-off forgives what is owed: never more than the charges (or the one charge) still owe. */
export async function postAdjustment(store: Store, caller: BillingCaller, input: AdjustmentInput): Promise<PostResult> {
  return guardedWrite(store, caller.actor, async (tx) => {
    const done = await already(tx.db, input.clientId);
    if (done) return resultFor(tx.db, done.id, [done.guarantor_id]);
    const { scope, clock, serviceDate, enteredAt } = await begin(tx, caller, 'adjustment', input);
    const open = await openCharges(tx.db, scope.guarantorIds);
    let splits: Split[];
    if (input.chargeId) {
      const checked = checkManualSplits(open, input.amountMinor, [{ chargeId: input.chargeId, amountMinor: input.amountMinor }]);
      if (!checked.ok) throw splitError(checked.error === 'split_over_open' ? 'adjustmentOverOpen' : checked.error, input.chargeId);
      splits = checked.result.splits;
    } else {
      const result = allocateOldestFirst(open, input.amountMinor);
      if (result.unallocatedMinor > 0) throw validation('amountMinor', 'billing.validation.adjustmentOverOpen');
      splits = result.splits;
    }
    const posting = await insertPosting(tx, {
      id: input.clientId,
      patient_id: scope.patient.id,
      guarantor_id: scope.guarantor.id,
      kind: 'adjustment',
      amount_minor: -input.amountMinor,
      currency: clock.currency,
      service_date: serviceDate,
      entered_at: enteredAt,
      entered_by: caller.actor.userId,
      adjustment_type: input.adjustmentType,
      reason: input.reason.trim(),
    });
    await insertSplits(tx, posting.id, scope.guarantor.id, clock.currency, splits);
    await tx.audit({
      action: 'billing.adjustment.post',
      entity: 'patient',
      entityId: scope.patient.id,
      details: { postingId: posting.id, amountMinor: input.amountMinor, adjustmentType: input.adjustmentType },
    });
    return resultFor(tx.db, posting.id, scope.guarantorIds);
  });
}

export interface CreditInput extends CommonPosting {
  creditType: 'prepayment' | 'credit_pack';
  method: PaymentMethod;
  note?: string | undefined;
}

/** Money received ahead of treatment: it is not split onto charges, it stays as the account's credit. */
export async function postCredit(store: Store, caller: BillingCaller, input: CreditInput): Promise<PostResult> {
  return guardedWrite(store, caller.actor, async (tx) => {
    const done = await already(tx.db, input.clientId);
    if (done) return resultFor(tx.db, done.id, [done.guarantor_id]);
    const { scope, clock, serviceDate, enteredAt } = await begin(tx, caller, 'credit', input);
    const posting = await insertPosting(tx, {
      id: input.clientId,
      patient_id: scope.patient.id,
      guarantor_id: scope.guarantor.id,
      kind: 'credit',
      amount_minor: -input.amountMinor,
      currency: clock.currency,
      service_date: serviceDate,
      entered_at: enteredAt,
      entered_by: caller.actor.userId,
      method: input.method,
      adjustment_type: input.creditType,
      note: input.note?.trim() || null,
    });
    await tx.audit({ action: 'billing.credit.post', entity: 'patient', entityId: scope.patient.id, details: { postingId: posting.id, amountMinor: input.amountMinor, creditType: input.creditType } });
    return resultFor(tx.db, posting.id, scope.guarantorIds);
  });
}

export interface RefundInput extends CommonPosting {
  method: PaymentMethod;
  reason: string;
}

/** Gives money back: only what the account holds as credit. */
export async function postRefund(store: Store, caller: BillingCaller, input: RefundInput): Promise<PostResult> {
  return guardedWrite(store, caller.actor, async (tx) => {
    const done = await already(tx.db, input.clientId);
    if (done) return resultFor(tx.db, done.id, [done.guarantor_id]);
    const { scope, clock, serviceDate, enteredAt } = await begin(tx, caller, 'refund', input);
    const credit = -(await sumFor(tx.db, 'guarantor_id', scope.guarantorIds));
    if (input.amountMinor > credit) throw validation('amountMinor', 'billing.validation.refundOverCredit');
    const posting = await insertPosting(tx, {
      id: input.clientId,
      patient_id: scope.patient.id,
      guarantor_id: scope.guarantor.id,
      kind: 'refund',
      amount_minor: input.amountMinor,
      currency: clock.currency,
      service_date: serviceDate,
      entered_at: enteredAt,
      entered_by: caller.actor.userId,
      method: input.method,
      reason: input.reason.trim(),
    });
    await tx.audit({ action: 'billing.refund.post', entity: 'patient', entityId: scope.patient.id, details: { postingId: posting.id, amountMinor: input.amountMinor } });
    return resultFor(tx.db, posting.id, scope.guarantorIds);
  });
}

/* ---------------------------------------------------------------- reversals */

/**
 * Inserts the reversal of a posting: the negated amount, naming it, with its
 * splits negated. Reversing a charge also releases what had been allocated to
 * it, so the payments that paid it become the account's credit.
 */
export async function insertReversal(tx: WriteTx, original: PostingRow, input: { id: string; reason: string; by: string | null; today: string }): Promise<PostingRow> {
  if (original.kind === 'reversal') throw new AppError('CONFLICT', 'billing.errors.reversalOfReversal');
  const taken = await tx.db.selectFrom('ledger_postings').select('id').where('reverses_id', '=', original.id).executeTakeFirst();
  if (taken) throw new AppError('CONFLICT', 'billing.errors.alreadyReversed');
  const reversal = await insertPosting(tx, {
    id: input.id,
    patient_id: original.patient_id,
    guarantor_id: original.guarantor_id,
    kind: 'reversal',
    amount_minor: -original.amount_minor,
    currency: original.currency,
    service_date: input.today < original.service_date ? original.service_date : input.today,
    entered_at: new Date().toISOString(),
    entered_by: input.by,
    provider_id: original.provider_id,
    procedure_code: original.procedure_code,
    tooth: original.tooth,
    surfaces: original.surfaces,
    chart_entry_id: original.chart_entry_id,
    appointment_id: original.appointment_id,
    method: original.method,
    adjustment_type: original.adjustment_type,
    reason: input.reason,
    reverses_id: original.id,
    payment_plan_id: original.payment_plan_id,
  });
  if (original.kind === 'charge') {
    const allocated = await tx.db
      .selectFrom('ledger_allocations')
      .select((eb) => eb.fn.sum<number | null>('amount_minor').as('total'))
      .where('charge_id', '=', original.id)
      .executeTakeFirst();
    const total = Number(allocated?.total ?? 0);
    if (total !== 0) {
      await tx.insert('ledger_allocations', {
        id: uuidv7(),
        posting_id: reversal.id,
        charge_id: original.id,
        guarantor_id: original.guarantor_id,
        provider_id: original.provider_id,
        amount_minor: -total,
        currency: original.currency,
      });
    }
  } else {
    // A reversed charge's splits were already released with it.
    const reversed = reversedIds(await tx.db.selectFrom('ledger_postings').select('reverses_id').where('guarantor_id', '=', original.guarantor_id).where('reverses_id', 'is not', null).execute().then((rows) => rows.map((r) => ({ reversesId: r.reverses_id }))));
    const splits = (await allocationsOfPosting(tx.db, original.id)).filter((a) => !reversed.has(a.charge_id) || a.charge_id === original.id);
    await insertSplits(
      tx,
      reversal.id,
      original.guarantor_id,
      original.currency,
      splits.map((a) => ({ chargeId: a.charge_id, providerId: a.provider_id, amountMinor: -a.amount_minor })),
    );
  }
  return reversal;
}

export async function reversePosting(store: Store, caller: BillingCaller, input: { clientId: string; postingId: string; reason: string }): Promise<PostResult> {
  return guardedWrite(store, caller.actor, async (tx) => {
    const done = await already(tx.db, input.clientId);
    if (done) return resultFor(tx.db, done.id, [done.guarantor_id]);
    const settings = await readBillingSettings(tx.db);
    checkRole(caller.role, 'reversal', settings);
    const original = await postingById(tx.db, input.postingId);
    if (!original) throw new AppError('NOT_FOUND', 'billing.errors.postingGone');
    await checkLock(tx, caller.role, settings, 'reverse', original.service_date, { entity: 'ledger_posting', entityId: original.id });
    const clock = await practiceClock(tx.db);
    const reversal = await insertReversal(tx, original, { id: input.clientId, reason: input.reason.trim(), by: caller.actor.userId, today: clock.today });
    await tx.audit({
      action: 'billing.posting.reverse',
      entity: 'patient',
      entityId: original.patient_id,
      details: { postingId: original.id, reversalId: reversal.id, kind: original.kind, amountMinor: original.amount_minor },
    });
    return resultFor(tx.db, reversal.id, [original.guarantor_id]);
  });
}

/** What each patient owes on their own postings, for the schedule's cards: one grouped query, audited once. */
export async function balancesFor(store: Store, actor: Actor, patientIds: readonly string[]): Promise<{ currency: string; balances: Record<string, number> }> {
  const clock = await practiceClock(store.db);
  const unique = [...new Set(patientIds)];
  return store.readAudited(actor, { action: 'billing.balances.view', entity: 'patient', entityId: null, details: { patients: unique.length } }, async (db) => {
    const balances: Record<string, number> = {};
    if (unique.length === 0) return { currency: clock.currency, balances };
    const merges = await mergesUnder(db, unique);
    const owner = new Map<string, string>(unique.map((id) => [id, id]));
    for (const m of merges) owner.set(m.duplicate_id, owner.get(m.survivor_id) ?? m.survivor_id);
    const rows = await db
      .selectFrom('ledger_postings')
      .select(['patient_id', (eb) => eb.fn.sum<number>('amount_minor').as('total')])
      .where('patient_id', 'in', [...owner.keys()])
      .groupBy('patient_id')
      .execute();
    for (const id of unique) balances[id] = 0;
    for (const r of rows) {
      const id = owner.get(r.patient_id) ?? r.patient_id;
      balances[id] = (balances[id] ?? 0) + Number(r.total);
    }
    return { currency: clock.currency, balances };
  });
}
