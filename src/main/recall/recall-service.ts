import { v7 as uuidv7 } from 'uuid';
import type { CallOutput, ParsedInput } from '../../shared/contract';
import { AppError } from '../../shared/contract/errors';
import type { PatientRecall, RecallDueRow, RecallType } from '../../shared/contract/recall';
import type { Language } from '../../shared/i18n/languages';
import { translate } from '../../shared/i18n/translate';
import { addMonths, monthsOverdue } from '../../shared/recall/dates';
import { formatReminderDate, whatsappLink } from '../../shared/schedule/reminders';
import { addDays } from '../../shared/schedule/time';
import { parseJson, patientScope, practiceClock } from '../chairside/chairside-common';
import { ensureChairsideSeed } from '../chairside/chairside-seed';
import type { PatientRecallsTable, RecallTypesTable } from '../db/schema';
import { type Db, displayName, userNames } from '../patients/patients-repository';
import { whatsappPhone } from '../schedule/reminders-service';
import { providerDisplayName } from '../schedule/schedule-repository';
import { readScheduleSettings } from '../schedule/schedule-settings';
import type { Actor, Store } from '../store/store';
import { patientRecallId } from './default-types';
import { recallTypesIn } from './recall-triggers';

/*
 * Recall for the front desk: the types (practice settings), each patient's
 * recalls, the due and overdue list, and contacts. The list is one indexed
 * query over patient_recalls (active, due_date) joined to the patient and the
 * type, then a few lookups for the page shown (last contact, next booked
 * appointment, provider): it stays fast on a practice with many thousands
 * of patients (bench/recall.bench.ts).
 */

const seeded = new WeakSet<Store>();

async function ensureTypes(store: Store, actor: Actor): Promise<void> {
  if (seeded.has(store)) return;
  if (!(await store.db.selectFrom('recall_types').select('id').limit(1).executeTakeFirst())) {
    await store.write(actor, async (tx) => {
      await recallTypesIn(tx);
    });
  }
  seeded.add(store);
}

function toType(row: RecallTypesTable): RecallType {
  return {
    id: row.id,
    name: { es: row.name_es, en: row.name_en },
    intervalMonths: row.interval_months,
    triggerCodes: parseJson<string[]>(row.trigger_codes, []),
    active: row.active === 1,
    sortOrder: row.sort_order,
  };
}

export async function listRecallTypes(store: Store, actor: Actor, includeInactive: boolean): Promise<RecallType[]> {
  await ensureTypes(store, actor);
  let q = store.db.selectFrom('recall_types').selectAll().orderBy('sort_order').orderBy('name_es');
  if (!includeInactive) q = q.where('active', '=', 1);
  return (await q.execute()).map(toType);
}

export async function saveRecallType(store: Store, actor: Actor, input: ParsedInput<'recall.types.save'>): Promise<RecallType> {
  await ensureTypes(store, actor);
  await ensureChairsideSeed(store, actor);
  const codes = [...new Set(input.triggerCodes.map((c) => c.toUpperCase()))];
  const known = new Set((await store.db.selectFrom('procedures').select('code').execute()).map((r) => r.code.toUpperCase()));
  const unknown = codes.filter((c) => !known.has(c));
  if (unknown.length) throw new AppError('VALIDATION', 'errors.VALIDATION', { fields: { triggerCodes: 'validation.procedureCode' }, params: { codes: unknown.join(', ') } });
  const now = new Date().toISOString();
  const id = await store.write(actor, async (tx) => {
    const fields = { name_es: input.name.es, name_en: input.name.en, interval_months: input.intervalMonths, trigger_codes: JSON.stringify(codes), active: input.active ? 1 : 0, updated_at: now };
    if (input.id) {
      const row = await tx.db.selectFrom('recall_types').select('id').where('id', '=', input.id).executeTakeFirst();
      if (!row) throw new AppError('NOT_FOUND');
      await tx.update('recall_types', row.id, { ...fields, ...(input.sortOrder !== undefined ? { sort_order: input.sortOrder } : {}) });
      await tx.audit({ action: 'recall.types.update', entity: 'recall_type', entityId: row.id });
      return row.id;
    }
    const row: RecallTypesTable = { id: uuidv7(), ...fields, sort_order: input.sortOrder ?? 500, created_at: now };
    await tx.insert('recall_types', row);
    await tx.audit({ action: 'recall.types.create', entity: 'recall_type', entityId: row.id });
    return row.id;
  });
  return toType(await store.db.selectFrom('recall_types').selectAll().where('id', '=', id).executeTakeFirstOrThrow());
}

function toPatientRecall(row: PatientRecallsTable, type: RecallTypesTable): PatientRecall {
  return {
    id: row.id,
    patientId: row.patient_id,
    typeId: row.type_id,
    typeName: { es: type.name_es, en: type.name_en },
    intervalMonths: row.interval_months,
    effectiveIntervalMonths: row.interval_months ?? type.interval_months,
    lastDoneDate: row.last_done_date,
    dueDate: row.due_date,
    providerId: row.provider_id,
    active: row.active === 1,
  };
}

async function typeMap(db: Db): Promise<Map<string, RecallTypesTable>> {
  return new Map((await db.selectFrom('recall_types').selectAll().execute()).map((t) => [t.id, t]));
}

export async function listPatientRecalls(store: Store, actor: Actor, patientId: string): Promise<PatientRecall[]> {
  await ensureTypes(store, actor);
  const scope = await patientScope(store.db, patientId);
  return store.readAudited(actor, { action: 'recall.patient.list', entity: 'patient', entityId: scope.patient.id }, async (db) => {
    const [rows, types] = await Promise.all([db.selectFrom('patient_recalls').selectAll().where('patient_id', 'in', scope.ids).orderBy('due_date').execute(), typeMap(db)]);
    return rows.filter((r) => types.has(r.type_id)).map((r) => toPatientRecall(r, types.get(r.type_id)!));
  });
}

export async function setPatientRecall(store: Store, actor: Actor, input: ParsedInput<'recall.patient.set'>): Promise<PatientRecall> {
  await ensureTypes(store, actor);
  return store.write(actor, async (tx) => {
    const scope = await patientScope(tx.db, input.patientId);
    const type = await tx.db.selectFrom('recall_types').selectAll().where('id', '=', input.typeId).executeTakeFirst();
    if (!type) throw new AppError('NOT_FOUND');
    const id = patientRecallId(scope.patient.id, type.id);
    const existing = await tx.db.selectFrom('patient_recalls').selectAll().where('id', '=', id).executeTakeFirst();
    const now = new Date().toISOString();
    const interval = input.intervalMonths !== undefined ? input.intervalMonths : (existing?.interval_months ?? null);
    const last = existing?.last_done_date ?? null;
    // A new interval moves the due date from the last time it was done; a date typed by hand wins.
    let due = existing?.due_date ?? null;
    if (input.intervalMonths !== undefined && last) due = addMonths(last, interval ?? type.interval_months);
    if (input.dueDate !== undefined) due = input.dueDate;
    const fields = { interval_months: interval, due_date: due, active: input.active === undefined ? (existing?.active ?? 1) : input.active ? 1 : 0, updated_at: now };
    if (existing) await tx.update('patient_recalls', id, fields);
    else await tx.insert('patient_recalls', { id, patient_id: scope.patient.id, type_id: type.id, last_done_date: null, provider_id: null, created_at: now, ...fields });
    await tx.audit({ action: 'recall.patient.set', entity: 'patient', entityId: scope.patient.id, details: { typeId: type.id, interval, due, active: fields.active } });
    return toPatientRecall((await tx.db.selectFrom('patient_recalls').selectAll().where('id', '=', id).executeTakeFirstOrThrow()), type);
  });
}

const BOOKED = ['scheduled', 'confirmed'] as const;
/** How far the due list counts; past it the total reads as "more than". */
export const TOTAL_CAP = 1000;
type Contact = NonNullable<RecallDueRow['lastContact']>;

export async function dueList(store: Store, actor: Actor, input: ParsedInput<'recall.due'>): Promise<CallOutput<'recall.due'>> {
  await ensureTypes(store, actor);
  const clock = await practiceClock(store.db);
  const today = clock.today;
  let cutoff = input.status === 'overdue' ? addDays(today, -1) : addDays(today, input.aheadDays);
  if (input.minMonthsOverdue !== undefined && input.minMonthsOverdue > 0) {
    const late = addMonths(today, -input.minMonthsOverdue);
    if (late < cutoff) cutoff = late;
  }
  return store.readAudited(actor, { action: 'recall.due', entity: 'recall', details: { status: input.status, providerId: input.providerId ?? null, typeId: input.typeId ?? null, minMonthsOverdue: input.minMonthsOverdue ?? null } }, async (db) => {
    let q = db
      .selectFrom('patient_recalls as r')
      .innerJoin('patients as p', 'p.id', 'r.patient_id')
      .innerJoin('recall_types as t', 't.id', 'r.type_id')
      .where('r.active', '=', 1)
      .where('t.active', '=', 1)
      .where('r.due_date', 'is not', null)
      .where('r.due_date', '<=', cutoff)
      .where('p.deleted_at', 'is', null)
      .where('p.merged_into_id', 'is', null);
    if (input.providerId) q = q.where('r.provider_id', '=', input.providerId);
    if (input.typeId) q = q.where('r.type_id', '=', input.typeId);
    if (input.hideBooked) {
      q = q.where(({ not, exists, selectFrom }) =>
        not(exists(selectFrom('appointments as a').select('a.id').whereRef('a.patient_id', '=', 'r.patient_id').where('a.start_date', '>=', today).where('a.status', 'in', BOOKED).where('a.deleted_at', 'is', null))),
      );
    }
    // The count stops past the cap: an exact count would visit every recall due (tens of thousands on a large
    // practice, each checked against its patient); the screen says "more than 1,000" instead.
    const counted = q.select('r.id').limit(TOTAL_CAP + 1);
    const [total, rows] = await Promise.all([
      db.selectFrom(counted.as('due')).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
      q
        .select(['r.id', 'r.patient_id', 'r.type_id', 'r.due_date', 'r.last_done_date', 'r.provider_id', 't.name_es', 't.name_en', 'p.given_names', 'p.first_surname', 'p.second_surname', 'p.phones'])
        .orderBy('r.due_date')
        .orderBy('p.sort_name')
        .limit(input.limit)
        .execute(),
    ]);
    const recallIds = rows.map((r) => r.id);
    const patientIds = [...new Set(rows.map((r) => r.patient_id))];
    const providerIds = [...new Set(rows.map((r) => r.provider_id).filter((x): x is string => !!x))];
    const [contacts, appointments, providers] = await Promise.all([
      recallIds.length
        ? db
            .selectFrom('recall_contacts')
            .select(['recall_id', 'at', 'channel', 'outcome'])
            .where('recall_id', 'in', recallIds)
            .orderBy('at')
            .execute()
        : [],
      patientIds.length
        ? db
            .selectFrom('appointments')
            .select(['patient_id', 'start_local'])
            .where('patient_id', 'in', patientIds)
            .where('start_date', '>=', today)
            .where('status', 'in', BOOKED)
            .where('deleted_at', 'is', null)
            .orderBy('start_local')
            .execute()
        : [],
      providerIds.length ? db.selectFrom('providers').selectAll().where('id', 'in', providerIds).execute() : [],
    ]);
    const lastContact = new Map<string, NonNullable<RecallDueRow['lastContact']>>();
    const contactCount = new Map<string, number>();
    for (const c of contacts) {
      lastContact.set(c.recall_id, { at: c.at, channel: c.channel as Contact['channel'], outcome: c.outcome as Contact['outcome'] });
      contactCount.set(c.recall_id, (contactCount.get(c.recall_id) ?? 0) + 1);
    }
    const nextAppointment = new Map<string, string>();
    for (const a of appointments) if (!nextAppointment.has(a.patient_id)) nextAppointment.set(a.patient_id, a.start_local);
    const providerName = new Map(providers.map((p) => [p.id, providerDisplayName(p)]));
    return {
      today,
      total: Math.min(Number(total.n), TOTAL_CAP),
      more: Number(total.n) > TOTAL_CAP,
      rows: rows.map((r) => {
        const phone = whatsappPhone(r.phones);
        return {
          recallId: r.id,
          patientId: r.patient_id,
          patientName: displayName(r),
          phone: phone?.e164 ?? null,
          typeId: r.type_id,
          typeName: { es: r.name_es, en: r.name_en },
          dueDate: r.due_date!,
          lastDoneDate: r.last_done_date,
          monthsOverdue: monthsOverdue(r.due_date!, today),
          providerId: r.provider_id,
          providerName: r.provider_id ? (providerName.get(r.provider_id) ?? null) : null,
          lastContact: lastContact.get(r.id) ?? null,
          contacts: contactCount.get(r.id) ?? 0,
          nextAppointment: nextAppointment.get(r.patient_id) ?? null,
        };
      }),
    };
  });
}

async function recallRow(db: Db, recallId: string) {
  const row = await db.selectFrom('patient_recalls').selectAll().where('id', '=', recallId).executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND');
  return row;
}

export async function composeRecall(store: Store, actor: Actor, recallId: string, language: Language | undefined): Promise<CallOutput<'recall.contact.compose'>> {
  const clock = await practiceClock(store.db);
  return store.readAudited(actor, { action: 'recall.contact.compose', entity: 'recall', entityId: recallId }, async (db) => {
    const row = await recallRow(db, recallId);
    const [patient, type, settings] = await Promise.all([
      db.selectFrom('patients').selectAll().where('id', '=', row.patient_id).executeTakeFirstOrThrow(),
      db.selectFrom('recall_types').selectAll().where('id', '=', row.type_id).executeTakeFirstOrThrow(),
      readScheduleSettings(db),
    ]);
    const lang: Language = language ?? ((patient.language === 'es' || patient.language === 'en' ? patient.language : clock.language) as Language);
    const params = {
      name: patient.preferred_name || patient.given_names.split(' ')[0]!,
      type: lang === 'es' ? type.name_es : type.name_en,
      practice: clock.name,
      phone: settings.phone,
      due: row.due_date ? formatReminderDate(row.due_date, lang, clock.country) : '',
    };
    const text = translate(lang, settings.phone ? 'recall.message.withPhone' : 'recall.message.plain', params) ?? '';
    const phone = whatsappPhone(patient.phones);
    return { text, language: lang, phone: phone?.e164 ?? null, whatsappUrl: phone ? whatsappLink(phone.e164, text) : null };
  });
}

export async function recordContact(store: Store, actor: Actor, input: ParsedInput<'recall.contact.record'>) {
  return store.write(actor, async (tx) => {
    const row = await recallRow(tx.db, input.recallId);
    const at = new Date().toISOString();
    const id = uuidv7();
    await tx.insert('recall_contacts', { id, recall_id: row.id, patient_id: row.patient_id, channel: input.channel, outcome: input.outcome, note: input.note, at, by_user_id: actor.userId });
    await tx.audit({ action: 'recall.contact.record', entity: 'patient', entityId: row.patient_id, details: { recallId: row.id, channel: input.channel, outcome: input.outcome } });
    return { id, at };
  });
}

export async function listContacts(store: Store, actor: Actor, recallId: string) {
  return store.readAudited(actor, { action: 'recall.contact.list', entity: 'recall', entityId: recallId }, async (db) => {
    const rows = await db.selectFrom('recall_contacts').selectAll().where('recall_id', '=', recallId).orderBy('at', 'desc').execute();
    const names = await userNames(db, rows.map((r) => r.by_user_id).filter((x): x is string => !!x));
    return rows.map((r) => ({ id: r.id, at: r.at, channel: r.channel as Contact['channel'], outcome: r.outcome as Contact['outcome'], note: r.note, byName: r.by_user_id ? (names.get(r.by_user_id) ?? null) : null }));
  });
}
