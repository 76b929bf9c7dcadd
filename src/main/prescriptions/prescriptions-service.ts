import { v7 as uuidv7 } from 'uuid';
import type { CallOutput, ParsedInput } from '../../shared/contract';
import { AppError } from '../../shared/contract/errors';
import type { Prescription } from '../../shared/contract/prescriptions';
import { allergyWarnings, warningKey } from '../../shared/prescriptions/allergy-check';
import type { MedicinesTable } from '../db/schema';
import { conflict, patientScope, practiceClock } from '../chairside/chairside-common';
import type { Actor, Store } from '../store/store';
import { defaultMedicineRows } from './default-medicines';
import { renderPrescriptionPdf } from './prescription-pdf';
import { assemble, currentAlerts, prescriptionRows, toMedicine } from './prescriptions-repository';
import { patientSlug, printContextFor } from './print-context';

/*
 * Prescriptions: the medicine list (seeded once with ours), the allergy check
 * (shared/prescriptions/allergy-check.ts) run by main against the stored
 * medical history, never trusted from the screen, and prescriptions as facts.
 * The prescriber is the provider linked to the signed-in user: their name and
 * registration number print on it.
 */

const seeded = new WeakSet<Store>();

export async function ensureMedicines(store: Store, actor: Actor): Promise<void> {
  if (seeded.has(store)) return;
  if (!(await store.db.selectFrom('medicines').select('id').limit(1).executeTakeFirst())) {
    await store.write(actor, async (tx) => {
      if (await tx.db.selectFrom('medicines').select('id').limit(1).executeTakeFirst()) return;
      const rows = defaultMedicineRows(new Date().toISOString());
      for (const row of rows) await tx.insert('medicines', row);
      await tx.audit({ action: 'prescriptions.medicines.seed', entity: 'medicine', details: { count: rows.length } });
    });
  }
  seeded.add(store);
}

export async function listMedicines(store: Store, actor: Actor, includeInactive: boolean) {
  await ensureMedicines(store, actor);
  let q = store.db.selectFrom('medicines').selectAll().orderBy('sort_order').orderBy('name_es');
  if (!includeInactive) q = q.where('active', '=', 1);
  return (await q.execute()).map(toMedicine);
}

export async function saveMedicine(store: Store, actor: Actor, input: ParsedInput<'prescriptions.medicines.save'>) {
  await ensureMedicines(store, actor);
  const now = new Date().toISOString();
  const fields = {
    name_es: input.name.es,
    name_en: input.name.en,
    strength: input.strength,
    dose_es: input.dose.es,
    dose_en: input.dose.en,
    frequency_es: input.frequency.es,
    frequency_en: input.frequency.en,
    duration_es: input.duration.es,
    duration_en: input.duration.en,
    classes: JSON.stringify([...new Set(input.classes)]),
    active: input.active ? 1 : 0,
    updated_at: now,
  };
  const id = await store.write(actor, async (tx) => {
    if (input.id) {
      const row = await tx.db.selectFrom('medicines').select(['id', 'sort_order']).where('id', '=', input.id).executeTakeFirst();
      if (!row) throw new AppError('NOT_FOUND');
      await tx.update('medicines', row.id, { ...fields, ...(input.sortOrder !== undefined ? { sort_order: input.sortOrder } : {}) });
      await tx.audit({ action: 'prescriptions.medicines.update', entity: 'medicine', entityId: row.id });
      return row.id;
    }
    const last = await tx.db.selectFrom('medicines').select((eb) => eb.fn.max('sort_order').as('n')).executeTakeFirst();
    const row: MedicinesTable = { id: uuidv7(), ...fields, sort_order: input.sortOrder ?? (Number(last?.n ?? 0) + 10), created_at: now };
    await tx.insert('medicines', row);
    await tx.audit({ action: 'prescriptions.medicines.create', entity: 'medicine', entityId: row.id });
    return row.id;
  });
  return toMedicine(await store.db.selectFrom('medicines').selectAll().where('id', '=', id).executeTakeFirstOrThrow());
}

export async function listPrescriptions(store: Store, actor: Actor, patientId: string): Promise<Prescription[]> {
  const scope = await patientScope(store.db, patientId);
  return store.readAudited(actor, { action: 'prescriptions.list', entity: 'patient', entityId: scope.patient.id }, async (db) => assemble(db, await prescriptionRows(db, scope.ids)));
}

type Items = ParsedInput<'prescriptions.check'>['items'];

export async function checkPrescription(store: Store, actor: Actor, patientId: string, items: Items) {
  const scope = await patientScope(store.db, patientId);
  return store.readAudited(actor, { action: 'prescriptions.check', entity: 'patient', entityId: scope.patient.id, details: { items: items.length } }, async (db) => ({
    warnings: allergyWarnings(items, await currentAlerts(db, scope.ids)),
  }));
}

async function prescriberFor(store: Store, actor: Actor) {
  if (!actor.userId) throw conflict('errors.RX_NO_PROVIDER');
  const provider = await store.db.selectFrom('providers').selectAll().where('user_id', '=', actor.userId).where('active', '=', 1).orderBy('sort_order').executeTakeFirst();
  if (!provider) throw conflict('errors.RX_NO_PROVIDER');
  return provider;
}

export async function issuePrescription(store: Store, actor: Actor, input: ParsedInput<'prescriptions.issue'>): Promise<CallOutput<'prescriptions.issue'>> {
  const provider = await prescriberFor(store, actor);
  const clock = await practiceClock(store.db);
  const language = input.language ?? clock.language;
  return store.write(actor, async (tx) => {
    const scope = await patientScope(tx.db, input.patientId);
    if (input.id) {
      // A retry of an issue already stored: the same prescription comes back, nothing is written twice.
      const done = await tx.db.selectFrom('prescriptions').selectAll().where('id', '=', input.id).executeTakeFirst();
      if (done) {
        if (!scope.ids.includes(done.patient_id)) throw conflict('errors.RX_ID_TAKEN');
        return { status: 'issued' as const, prescription: (await assemble(tx.db, [done]))[0]! };
      }
    }
    if (input.replacesId) {
      const old = await tx.db.selectFrom('prescriptions').select(['id', 'patient_id']).where('id', '=', input.replacesId).executeTakeFirst();
      if (!old || !scope.ids.includes(old.patient_id)) throw new AppError('NOT_FOUND');
      const voided = await tx.db.selectFrom('prescription_voids').select('id').where('prescription_id', '=', old.id).executeTakeFirst();
      if (!voided) throw conflict('errors.RX_REISSUE_NOT_VOIDED');
      const again = await tx.db.selectFrom('prescriptions').select('id').where('replaces_id', '=', old.id).executeTakeFirst();
      if (again) throw conflict('errors.RX_ALREADY_REISSUED');
    }
    const warnings = allergyWarnings(input.items, await currentAlerts(tx.db, scope.ids));
    const confirmed = new Set(input.confirmWarnings);
    const unconfirmed = warnings.filter((w) => !confirmed.has(warningKey(w)));
    if (unconfirmed.length > 0) {
      await tx.audit({ action: 'prescriptions.warned', entity: 'patient', entityId: scope.patient.id, details: { warnings: warnings.map(warningKey) } });
      return { status: 'warnings' as const, warnings };
    }
    const now = new Date();
    const row = {
      id: input.id ?? uuidv7(),
      patient_id: scope.patient.id,
      provider_id: provider.id,
      issued_at: now.toISOString(),
      issued_date: clock.today,
      language,
      items: JSON.stringify(input.items),
      notes: input.notes,
      replaces_id: input.replacesId ?? null,
      overridden_warnings: JSON.stringify(warnings),
      issued_by: actor.userId,
    };
    await tx.insert('prescriptions', row);
    await tx.audit({
      action: 'prescriptions.issue',
      entity: 'prescription',
      entityId: row.id,
      details: {
        patientId: scope.patient.id,
        drugs: input.items.map((i) => i.drug),
        ...(warnings.length ? { overrode: warnings.map((w) => `${w.drug}: ${w.alert}`) } : {}),
        ...(input.replacesId ? { replaces: input.replacesId } : {}),
      },
    });
    return { status: 'issued' as const, prescription: (await assemble(tx.db, [row]))[0]! };
  });
}

export async function voidPrescription(store: Store, actor: Actor, prescriptionId: string, reason: string): Promise<Prescription> {
  return store.write(actor, async (tx) => {
    const row = await tx.db.selectFrom('prescriptions').selectAll().where('id', '=', prescriptionId).executeTakeFirst();
    if (!row) throw new AppError('NOT_FOUND');
    const already = await tx.db.selectFrom('prescription_voids').select('id').where('prescription_id', '=', row.id).executeTakeFirst();
    if (already) throw conflict('errors.RX_ALREADY_VOIDED');
    const id = uuidv7();
    await tx.insert('prescription_voids', { id, prescription_id: row.id, patient_id: row.patient_id, reason, voided_at: new Date().toISOString(), voided_by: actor.userId });
    await tx.audit({ action: 'prescriptions.void', entity: 'prescription', entityId: row.id, details: { patientId: row.patient_id } });
    return (await assemble(tx.db, [row]))[0]!;
  });
}

export async function printPrescription(store: Store, actor: Actor, prescriptionId: string, options: { compress?: boolean } = {}) {
  const db = store.db;
  const row = await db.selectFrom('prescriptions').selectAll().where('id', '=', prescriptionId).executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND');
  const patient = await db.selectFrom('patients').selectAll().where('id', '=', row.patient_id).executeTakeFirstOrThrow();
  const clock = await practiceClock(db);
  const [rx] = await assemble(db, [row]);
  const ctx = await printContextFor(db, actor, clock, patient, rx!.language, new Date());
  if (options.compress === false) ctx.compress = false;
  return store.readAudited(actor, { action: 'prescriptions.print', entity: 'prescription', entityId: row.id, details: { patientId: row.patient_id } }, async () => {
    const { pdf, pages } = await renderPrescriptionPdf(ctx, rx!);
    const name = rx!.language === 'es' ? 'receta' : 'prescription';
    return { fileName: `${name}-${patientSlug(patient)}-${row.issued_date}.pdf`, pdfBase64: pdf.toString('base64'), pages };
  });
}
