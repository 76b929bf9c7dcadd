import { v7 as uuidv7 } from 'uuid';
import { AppError } from '../../shared/contract/errors';
import type { FeeLine, FeeScheduleOut } from '../../shared/contract/plans';
import { parseFeeCsv } from '../../shared/plans/fee-csv';
import { currencyDigits } from '../../shared/plans/money';
import { type Coverage, NO_COVERAGE } from '../../shared/plans/rules';
import type { FeeScheduleFeesTable, FeeSchedulesTable } from '../db/schema';
import type { Db } from '../patients/patients-repository';
import { resolveActive } from '../patients/patients-service';
import type { Actor, Store, WriteTx } from '../store/store';
import { validation } from '../chairside/chairside-common';
import { listProcedureRows, procedureId } from '../chairside/procedures/catalog-repository';

/*
 * Fee schedules: the practice's private list (the default, seeded on first
 * use with a fixed id so every workstation converges on one row), agreement
 * lists (FONASA, ISAPRE) with a coverage estimate per code, and imported
 * price lists. A list's fee for a code is its own row; the private list falls
 * back to the catalog's fee (procedures.fee_minor), and an agreement list
 * without the code falls back to the private list's fee, without coverage.
 */

export const PRIVATE_SCHEDULE_ID = 'fee-schedule:private';

export function feeRowId(scheduleId: string, code: string): string {
  return `fee:${scheduleId}:${code.trim().toUpperCase()}`;
}

export const patientFeeRowId = (patientId: string) => `patient-fees:${patientId}`;

/** The private list as it is before anyone edits it: what reads see until the first write stores it. */
export function privateScheduleRow(at: string, language: string | undefined): FeeSchedulesTable {
  return { id: PRIVATE_SCHEDULE_ID, name: language === 'en' ? 'Private fees' : 'Arancel particular', kind: 'private', isapre: null, is_default: 1, active: 1, created_at: at, updated_at: at };
}

async function virtualPrivate(db: Db): Promise<FeeSchedulesTable> {
  const practice = await db.selectFrom('practice').select(['language', 'created_at']).executeTakeFirst();
  return privateScheduleRow(practice?.created_at ?? new Date(0).toISOString(), practice?.language);
}

/**
 * Stores the private list inside a write that needs it (a fee on it, a plan
 * priced by it), in that write's transaction: a refused call leaves nothing.
 * The id is fixed, so every workstation converges on one row.
 */
export async function ensurePrivateSchedule(tx: WriteTx): Promise<void> {
  if (await tx.db.selectFrom('fee_schedules').select('id').where('id', '=', PRIVATE_SCHEDULE_ID).executeTakeFirst()) return;
  const row = await virtualPrivate(tx.db);
  const now = new Date().toISOString();
  await tx.insert('fee_schedules', { ...row, created_at: now, updated_at: now });
}

export function toCoverage(row: Pick<FeeScheduleFeesTable, 'coverage_kind' | 'coverage_value'> | undefined): Coverage {
  if (!row || row.coverage_kind === 'none') return NO_COVERAGE;
  return { kind: row.coverage_kind === 'fixed' ? 'fixed' : 'percent', value: row.coverage_value };
}

async function feeCounts(db: Db): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('fee_schedule_fees')
    .select(['fee_schedule_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('fee_minor', 'is not', null)
    .groupBy('fee_schedule_id')
    .execute();
  return new Map(rows.map((r) => [r.fee_schedule_id, Number(r.n)]));
}

export function toScheduleOut(row: FeeSchedulesTable, feeCount: number): FeeScheduleOut {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind as FeeScheduleOut['kind'],
    isapre: row.isapre,
    isDefault: row.is_default === 1,
    active: row.active === 1,
    feeCount,
  };
}

export async function listSchedules(db: Db, includeInactive: boolean): Promise<FeeScheduleOut[]> {
  let query = db.selectFrom('fee_schedules').selectAll().orderBy('is_default', 'desc').orderBy('kind').orderBy('name');
  if (!includeInactive) query = query.where('active', '=', 1);
  const [rows, counts] = await Promise.all([query.execute(), feeCounts(db)]);
  if (!rows.some((r) => r.id === PRIVATE_SCHEDULE_ID)) rows.unshift(await virtualPrivate(db));
  return rows.map((r) => toScheduleOut(r, counts.get(r.id) ?? 0));
}

async function requireSchedule(db: Db, id: string): Promise<FeeSchedulesTable> {
  const row = await db.selectFrom('fee_schedules').selectAll().where('id', '=', id).executeTakeFirst();
  if (row) return row;
  if (id === PRIVATE_SCHEDULE_ID) return virtualPrivate(db);
  throw new AppError('NOT_FOUND');
}

export interface SaveScheduleInput {
  id?: string | undefined;
  name: string;
  kind: FeeScheduleOut['kind'];
  isapre: string | null;
  active: boolean;
}

export async function saveSchedule(store: Store, actor: Actor, input: SaveScheduleInput): Promise<FeeScheduleOut> {
  const now = new Date().toISOString();
  const id = await store.write(actor, async (tx) => {
    await ensurePrivateSchedule(tx);
    if (input.id) {
      const row = await requireSchedule(tx.db, input.id);
      if (row.is_default === 1 && (!input.active || input.kind !== 'private')) throw validation('kind', 'plans.errors.defaultScheduleStays');
      await tx.update('fee_schedules', row.id, { name: input.name, kind: input.kind, isapre: input.kind === 'isapre' ? input.isapre || null : null, active: input.active ? 1 : 0, updated_at: now });
      await tx.audit({ action: 'fees.schedule.update', entity: 'fee_schedule', entityId: row.id, details: { name: input.name, kind: input.kind, active: input.active } });
      return row.id;
    }
    const id = uuidv7();
    await tx.insert('fee_schedules', { id, name: input.name, kind: input.kind, isapre: input.kind === 'isapre' ? input.isapre || null : null, is_default: 0, active: input.active ? 1 : 0, created_at: now, updated_at: now });
    await tx.audit({ action: 'fees.schedule.create', entity: 'fee_schedule', entityId: id, details: { name: input.name, kind: input.kind } });
    return id;
  });
  const row = await requireSchedule(store.db, id);
  return toScheduleOut(row, (await feeCounts(store.db)).get(id) ?? 0);
}

/** Every catalog procedure with this list's fee and coverage, and the fee a quote would use. */
export async function scheduleLines(store: Store, actor: Actor, scheduleId: string): Promise<{ schedule: FeeScheduleOut; currency: string; lines: FeeLine[] }> {
  await requireSchedule(store.db, scheduleId);
  return store.readAudited(actor, { action: 'fees.schedule.view', entity: 'fee_schedule', entityId: scheduleId }, async (db) => {
    const schedule = await requireSchedule(db, scheduleId);
    const [procedures, own, privateFees, counts, currency] = await Promise.all([
      listProcedureRows(db),
      db.selectFrom('fee_schedule_fees').selectAll().where('fee_schedule_id', '=', scheduleId).execute(),
      db.selectFrom('fee_schedule_fees').selectAll().where('fee_schedule_id', '=', PRIVATE_SCHEDULE_ID).execute(),
      feeCounts(db),
      practiceCurrency(db),
    ]);
    const byCode = new Map(own.map((r) => [r.code.toUpperCase(), r]));
    const privateByCode = new Map(privateFees.map((r) => [r.code.toUpperCase(), r]));
    const lines = procedures
      .filter((p) => p.kind === 'procedure' && p.active === 1)
      .map((p): FeeLine => {
        const key = p.code.toUpperCase();
        const row = byCode.get(key);
        const fallback = privateByCode.get(key)?.fee_minor ?? p.fee_minor;
        return { code: p.code, name: { es: p.name_es, en: p.name_en }, feeMinor: row?.fee_minor ?? null, effectiveFeeMinor: row?.fee_minor ?? fallback ?? null, coverage: toCoverage(row) };
      });
    return { schedule: toScheduleOut(schedule, counts.get(scheduleId) ?? 0), currency, lines };
  });
}

export async function practiceCurrency(db: Db): Promise<string> {
  const practice = await db.selectFrom('practice').select('currency').executeTakeFirst();
  if (!practice) throw new AppError('NOT_SET_UP');
  return practice.currency;
}

async function writeFee(tx: WriteTx, scheduleId: string, code: string, feeMinor: number | null, coverage: Coverage, now: string): Promise<'created' | 'updated'> {
  const id = feeRowId(scheduleId, code);
  const existing = await tx.db.selectFrom('fee_schedule_fees').select('id').where('id', '=', id).executeTakeFirst();
  const fields = { fee_minor: feeMinor, coverage_kind: coverage.kind, coverage_value: coverage.kind === 'none' ? 0 : coverage.value, updated_at: now };
  if (existing) {
    await tx.update('fee_schedule_fees', id, fields);
    return 'updated';
  }
  await tx.insert('fee_schedule_fees', { id, fee_schedule_id: scheduleId, code, ...fields });
  return 'created';
}

export async function setFee(store: Store, actor: Actor, input: { scheduleId: string; code: string; feeMinor: number | null; coverage: Coverage }): Promise<FeeLine> {
  const now = new Date().toISOString();
  const procedure = (await listProcedureRows(store.db)).find((p) => p.code.toUpperCase() === input.code.toUpperCase());
  if (!procedure) throw validation('code', 'validation.procedureCode');
  await store.write(actor, async (tx) => {
    await requireSchedule(tx.db, input.scheduleId);
    await ensurePrivateSchedule(tx);
    await writeFee(tx, input.scheduleId, procedure.code, input.feeMinor, input.coverage, now);
    await tx.audit({ action: 'fees.setFee', entity: 'fee_schedule', entityId: input.scheduleId, details: { code: procedure.code, feeMinor: input.feeMinor, coverage: input.coverage.kind } });
  });
  const { lines } = await scheduleLines(store, actor, input.scheduleId);
  return lines.find((l) => l.code === procedure.code)!;
}

export async function importFeeCsv(store: Store, actor: Actor, input: { scheduleId: string; text: string; decimal?: '.' | ',' | undefined; dryRun: boolean }) {
  await requireSchedule(store.db, input.scheduleId);
  const procedures = await listProcedureRows(store.db);
  const codes = new Map(procedures.map((p) => [p.code.toUpperCase(), p.code]));
  const digits = currencyDigits(await practiceCurrency(store.db));
  const { rows, errors } = parseFeeCsv(input.text, { knownCode: (c) => codes.get(c.toUpperCase()), minorDigits: digits, ...(input.decimal ? { decimal: input.decimal } : {}) });
  if (input.dryRun || rows.length === 0) {
    return { imported: input.dryRun ? rows.length : 0, errors, dryRun: input.dryRun };
  }
  const now = new Date().toISOString();
  await store.write(actor, async (tx) => {
    await ensurePrivateSchedule(tx);
    for (const row of rows) await writeFee(tx, input.scheduleId, row.code, row.feeMinor, row.coverage, now);
    await tx.audit({ action: 'fees.importCsv', entity: 'fee_schedule', entityId: input.scheduleId, details: { imported: rows.length, errors: errors.length } });
  });
  return { imported: rows.length, errors, dryRun: false };
}

/* ------------------------------------------------------------ a patient's list */

/** The list a patient's coverage implies: FONASA → a FONASA list, ISAPRE → that ISAPRE's list (or any ISAPRE list), else the default. */
export async function defaultScheduleFor(db: Db, coverageJson: string): Promise<FeeSchedulesTable> {
  const schedules = await db.selectFrom('fee_schedules').selectAll().where('active', '=', 1).orderBy('created_at').execute();
  let coverage: { kind?: string; isapre?: string } = {};
  try {
    coverage = JSON.parse(coverageJson) as typeof coverage;
  } catch {
    coverage = {};
  }
  const fold = (s: string | null | undefined) => (s ?? '').normalize('NFD').replace(/[\u0300-\u036f]/g, '').trim().toLowerCase();
  let match: FeeSchedulesTable | undefined;
  if (coverage.kind === 'fonasa') match = schedules.find((s) => s.kind === 'fonasa');
  else if (coverage.kind === 'isapre') match = schedules.find((s) => s.kind === 'isapre' && s.isapre && fold(s.isapre) === fold(coverage.isapre)) ?? schedules.find((s) => s.kind === 'isapre' && !s.isapre);
  return match ?? schedules.find((s) => s.is_default === 1) ?? (await requireSchedule(db, PRIVATE_SCHEDULE_ID));
}

/** The patient's list: the one chosen for them (if still active), else their coverage's default. */
export async function patientSchedule(db: Db, patientId: string): Promise<{ schedule: FeeSchedulesTable; chosen: boolean }> {
  const patient = await resolveActive(db, patientId);
  const chosen = await db
    .selectFrom('patient_fee_schedules')
    .innerJoin('fee_schedules', 'fee_schedules.id', 'patient_fee_schedules.fee_schedule_id')
    .selectAll('fee_schedules')
    .where('patient_fee_schedules.patient_id', '=', patient.id)
    .where('fee_schedules.active', '=', 1)
    .executeTakeFirst();
  if (chosen) return { schedule: chosen, chosen: true };
  return { schedule: await defaultScheduleFor(db, patient.coverage), chosen: false };
}

export async function getPatientSchedule(store: Store, actor: Actor, patientId: string) {
  await resolveActive(store.db, patientId);
  return store.readAudited(actor, { action: 'fees.patient.view', entity: 'patient', entityId: patientId }, async (db) => {
    const { schedule, chosen } = await patientSchedule(db, patientId);
    return { schedule: toScheduleOut(schedule, (await feeCounts(db)).get(schedule.id) ?? 0), chosen };
  });
}

export async function setPatientSchedule(store: Store, actor: Actor, patientId: string, scheduleId: string | null) {
  const now = new Date().toISOString();
  await store.write(actor, async (tx) => {
    const patient = await resolveActive(tx.db, patientId);
    if (scheduleId) {
      const row = await requireSchedule(tx.db, scheduleId);
      if (row.active !== 1) throw validation('scheduleId', 'plans.errors.scheduleInactive');
      await ensurePrivateSchedule(tx);
    }
    const id = patientFeeRowId(patient.id);
    const existing = await tx.db.selectFrom('patient_fee_schedules').select('id').where('id', '=', id).executeTakeFirst();
    if (existing) await tx.update('patient_fee_schedules', id, { patient_id: patient.id, fee_schedule_id: scheduleId, updated_at: now });
    else await tx.insert('patient_fee_schedules', { id, patient_id: patient.id, fee_schedule_id: scheduleId, updated_at: now });
    await tx.audit({ action: 'fees.patient.set', entity: 'patient', entityId: patient.id, details: { scheduleId } });
  });
  return getPatientSchedule(store, actor, patientId);
}

/** The fee and coverage a list gives one code, with the fallbacks above; null when nothing prices it. */
export async function priceOn(db: Db, schedule: Pick<FeeSchedulesTable, 'id'>, code: string): Promise<{ feeMinor: number; coverage: Coverage } | null> {
  const upper = code.trim().toUpperCase();
  const own = await db.selectFrom('fee_schedule_fees').selectAll().where('id', '=', feeRowId(schedule.id, upper)).executeTakeFirst();
  if (own && own.fee_minor !== null) return { feeMinor: own.fee_minor, coverage: toCoverage(own) };
  if (schedule.id !== PRIVATE_SCHEDULE_ID) {
    const priv = await db.selectFrom('fee_schedule_fees').select('fee_minor').where('id', '=', feeRowId(PRIVATE_SCHEDULE_ID, upper)).executeTakeFirst();
    if (priv && priv.fee_minor !== null) return { feeMinor: priv.fee_minor, coverage: NO_COVERAGE };
  }
  const procedure = await db.selectFrom('procedures').select('fee_minor').where('id', '=', procedureId(upper)).executeTakeFirst();
  if (procedure && procedure.fee_minor !== null) return { feeMinor: procedure.fee_minor, coverage: NO_COVERAGE };
  return null;
}
