import { v7 as uuidv7 } from 'uuid';
import { AppError } from '../../shared/contract/errors';
import type { CallOutput, ParsedInput } from '../../shared/contract';
import { formatPhone } from '../../shared/patients/phones';
import { AFTERNOON_STARTS_MIN, type TimeOfDay } from '../../shared/schedule/openings';
import { isoWeekday, timeToMinutes } from '../../shared/schedule/time';
import type { WaitlistTable } from '../db/schema';
import { parsePhones } from '../patients/patient-view';
import { type Db, displayName } from '../patients/patients-repository';
import { resolveActive } from '../patients/patients-service';
import type { Actor, Store } from '../store/store';
import { loadContext } from './schedule-context';
import { findProvider } from './schedule-repository';

/*
 * The ASAP list: patients who want an earlier slot, with when they can come.
 * Entries are mutable records; removing one is a tombstone with a reason
 * (booked, no longer needed).
 */

type Entry = CallOutput<'schedule.waitlist.add'>;

export interface FreedSlot {
  startLocal: string;
  durationMin: number;
  providerId?: string;
}

/** Whether a freed slot meets an entry's preferences. */
export function fits(entry: Pick<Entry, 'providerId' | 'durationMin' | 'weekdays' | 'timeOfDay' | 'fromDate' | 'untilDate'>, slot: FreedSlot): boolean {
  const date = slot.startLocal.slice(0, 10);
  const minute = timeToMinutes(slot.startLocal.slice(11, 16));
  if (entry.providerId && slot.providerId && entry.providerId !== slot.providerId) return false;
  if (entry.durationMin && entry.durationMin > slot.durationMin) return false;
  if (entry.weekdays.length && !entry.weekdays.includes(isoWeekday(date))) return false;
  if (entry.timeOfDay === 'morning' && minute >= AFTERNOON_STARTS_MIN) return false;
  if (entry.timeOfDay === 'afternoon' && minute < AFTERNOON_STARTS_MIN) return false;
  if (entry.fromDate && date < entry.fromDate) return false;
  if (entry.untilDate && date > entry.untilDate) return false;
  return true;
}

function toEntry(r: WaitlistTable & { given_names: string; first_surname: string; second_surname: string; phones: string }, country: string): Entry {
  const phones = parsePhones(r.phones);
  const best = phones.find((p) => p.whatsapp) ?? phones[0];
  return {
    id: r.id,
    patientId: r.patient_id,
    patientName: displayName(r),
    phone: best ? formatPhone(best.e164, country) : null,
    providerId: r.provider_id,
    typeId: r.type_id,
    durationMin: r.duration_min,
    weekdays: r.weekdays ? r.weekdays.split(',').map(Number) : [],
    timeOfDay: r.time_of_day as TimeOfDay,
    fromDate: r.from_date,
    untilDate: r.until_date,
    notes: r.notes,
    createdAt: r.created_at,
  };
}

function query(db: Db) {
  return db
    .selectFrom('waitlist as w')
    .innerJoin('patients as p', 'p.id', 'w.patient_id')
    .selectAll('w')
    .select(['p.given_names', 'p.first_surname', 'p.second_surname', 'p.phones'])
    .where('w.deleted_at', 'is', null);
}

export async function listWaitlist(db: Db, slot: FreedSlot | undefined): Promise<Entry[]> {
  const ctx = await loadContext(db);
  const rows = await query(db).orderBy('w.created_at').execute();
  const entries = rows.map((r) => toEntry(r, ctx.country)).filter((e) => !e.untilDate || e.untilDate >= ctx.today);
  return slot ? entries.filter((e) => fits(e, slot)) : entries;
}

export async function addToWaitlist(store: Store, actor: Actor, input: ParsedInput<'schedule.waitlist.add'>): Promise<Entry> {
  const now = new Date().toISOString();
  const id = uuidv7();
  await store.write(actor, async (tx) => {
    let patientId: string;
    try {
      patientId = (await resolveActive(tx.db, input.patientId)).id;
    } catch {
      throw new AppError('VALIDATION', 'errors.VALIDATION', { fields: { patientId: 'validation.patientNotFound' } });
    }
    if (input.providerId && !(await findProvider(tx.db, input.providerId))) {
      throw new AppError('VALIDATION', 'errors.VALIDATION', { fields: { providerId: 'validation.providerInactive' } });
    }
    await tx.insert('waitlist', {
      id,
      patient_id: patientId,
      provider_id: input.providerId,
      type_id: input.typeId,
      duration_min: input.durationMin,
      weekdays: [...new Set(input.weekdays)].sort().join(','),
      time_of_day: input.timeOfDay,
      from_date: input.fromDate,
      until_date: input.untilDate,
      notes: input.notes,
      removed_reason: null,
      created_at: now,
      updated_at: now,
      deleted_at: null,
    });
    await tx.audit({ action: 'schedule.waitlist.add', entity: 'patient', entityId: patientId, details: { waitlistId: id } });
  });
  const ctx = await loadContext(store.db);
  const row = await query(store.db).where('w.id', '=', id).executeTakeFirstOrThrow();
  return toEntry(row, ctx.country);
}

export async function removeFromWaitlist(store: Store, actor: Actor, id: string, reason: string): Promise<void> {
  await store.write(actor, async (tx) => {
    const row = await tx.db.selectFrom('waitlist').select(['id', 'patient_id', 'deleted_at']).where('id', '=', id).executeTakeFirst();
    if (!row || row.deleted_at !== null) throw new AppError('NOT_FOUND');
    const now = new Date().toISOString();
    await tx.update('waitlist', id, { deleted_at: now, removed_reason: reason, updated_at: now });
    await tx.audit({ action: 'schedule.waitlist.remove', entity: 'patient', entityId: row.patient_id, details: { waitlistId: id, reason } });
  });
}
