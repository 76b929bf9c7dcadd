import { v7 as uuidv7 } from 'uuid';
import { AppError } from '../../shared/contract/errors';
import type { Appointment, Conflict } from '../../shared/contract/schedule';
import type { Availability } from '../../shared/schedule/availability';
import { type Booked, type Candidate, candidateConflicts } from '../../shared/schedule/conflicts';
import { checkStart } from '../../shared/schedule/grid';
import { expandSeries } from '../../shared/schedule/series';
import {
  type AppointmentStatus,
  type CancelReason,
  checkTransition,
  FINAL_STATUSES,
  goesToUnscheduledList,
  IN_OFFICE_STATUSES,
} from '../../shared/schedule/status';
import type { AppointmentsTable } from '../db/schema';
import { resolveActive } from '../patients/patients-service';
import type { Db } from '../patients/patients-repository';
import type { Actor, Store, WriteTx } from '../store/store';
import { appointmentsByIds, loadAvailability, loadContext, type MapOptions, type ScheduleContext } from './schedule-context';
import { bookedOn, findAppointment, findAppointmentType, findOperatory, findProvider } from './schedule-repository';

/*
 * Booking, moving and the status workflow. Every change is checked and
 * written inside one write transaction (SQLite serialises writers, so nothing
 * can slip between the conflict check and the insert), lands in the sync
 * outbox with its audit entry, and is announced with the dates it touched so
 * that every open day view refetches.
 */

export type ScheduleChange = { dates: string[]; all: boolean };
export type Notify = (change: ScheduleChange) => void;

export const changedDates = (...dates: (string | null | undefined)[]): ScheduleChange => ({
  dates: [...new Set(dates.filter((d): d is string => !!d))].sort(),
  all: false,
});

export interface BookingDraft {
  patientId: string;
  providerId: string;
  operatoryId: string;
  typeId: string | null;
  startLocal: string;
  durationMin?: number;
  series?: { everyWeeks: number; count: number };
}

interface Resolved {
  patientId: string;
  providerId: string;
  operatoryId: string;
  typeId: string | null;
  durationMin: number;
  starts: string[];
}

function invalid(field: string, key: string, params?: Record<string, string | number>): AppError {
  return new AppError('VALIDATION', 'errors.VALIDATION', { fields: { [field]: key }, ...(params ? { params } : {}) });
}

/** Checks that each start exists on the clock (not in the hour skipped when clocks go forward). */
function checkStarts(starts: readonly string[], ctx: ScheduleContext): void {
  for (const [i, start] of starts.entries()) {
    const check = checkStart(start, ctx.zone);
    if (check.ok) continue;
    if (check.messageKey === 'validation.localTimeSkipped') throw invalid('startLocal', check.messageKey, { suggested: check.shiftedLocal, occurrence: i });
    throw invalid('startLocal', check.messageKey, { grid: check.gridMin });
  }
}

async function requireProvider(db: Db, id: string, field = 'providerId') {
  const provider = await findProvider(db, id);
  if (!provider || provider.active !== 1) throw invalid(field, 'validation.providerInactive');
  return provider;
}

async function requireOperatory(db: Db, id: string, field = 'operatoryId') {
  const operatory = await findOperatory(db, id);
  if (!operatory || operatory.active !== 1) throw invalid(field, 'validation.operatoryInactive');
  return operatory;
}

async function resolveDraft(db: Db, ctx: ScheduleContext, draft: BookingDraft): Promise<Resolved> {
  let patientId: string;
  try {
    // A link to a merged duplicate books the survivor.
    patientId = (await resolveActive(db, draft.patientId)).id;
  } catch {
    throw invalid('patientId', 'validation.patientNotFound');
  }
  await requireProvider(db, draft.providerId);
  await requireOperatory(db, draft.operatoryId);
  let durationMin = draft.durationMin;
  if (draft.typeId) {
    const type = await findAppointmentType(db, draft.typeId);
    if (!type || type.active !== 1) throw invalid('typeId', 'validation.typeInactive');
    durationMin ??= type.duration_min;
  }
  if (!durationMin) throw invalid('durationMin', 'validation.durationRequired');
  const starts = draft.series ? expandSeries(draft.startLocal, draft.series.everyWeeks, draft.series.count) : [draft.startLocal];
  checkStarts(starts, ctx);
  return { patientId, providerId: draft.providerId, operatoryId: draft.operatoryId, typeId: draft.typeId, durationMin, starts };
}

/** The conflicts of each occurrence, against what is booked and against the occurrences before it. */
async function conflictsOf(db: Db, ctx: ScheduleContext, r: Resolved, excludeId: string | null): Promise<Conflict[]> {
  const dates = r.starts.map((s) => s.slice(0, 10));
  const availability: Availability = await loadAvailability(db, ctx, dates[0]!, dates[dates.length - 1]!);
  const existing = await bookedOn(db, dates, { providerIds: [r.providerId], operatoryIds: [r.operatoryId], patientIds: [r.patientId] });
  const others: Booked[] = existing.filter((b) => b.id !== excludeId);
  const out: Conflict[] = [];
  for (const [i, startLocal] of r.starts.entries()) {
    const candidate: Candidate = {
      id: excludeId,
      occurrence: r.starts.length > 1 ? i : null,
      patientId: r.patientId,
      providerId: r.providerId,
      operatoryId: r.operatoryId,
      startLocal,
      durationMin: r.durationMin,
    };
    out.push(...candidateConflicts(candidate, others, availability, ctx.settings.conflictPolicy));
    others.push({ ...candidate, id: `occurrence-${i}`, status: 'scheduled' });
  }
  // Against the other occurrences, the id names no saved appointment yet.
  return out.map((c) => (c.otherAppointmentId?.startsWith('occurrence-') ? { ...c, otherAppointmentId: null } : c));
}

/** Refuses a booking with blocking conflicts unless the user overrides where the practice allows it. */
function enforcePolicy(ctx: ScheduleContext, conflicts: readonly Conflict[], override: boolean): void {
  const blocking = conflicts.filter((c) => c.blocking);
  if (blocking.length === 0) return;
  const params = {
    count: blocking.length,
    kinds: [...new Set(blocking.map((c) => c.kind))].join(','),
    dates: [...new Set(blocking.map((c) => c.date))].join(','),
  };
  if (!override) throw new AppError('CONFLICT', 'errors.SCHEDULE_CONFLICT', { params });
  if (!ctx.settings.allowOverride) throw new AppError('CONFLICT', 'errors.SCHEDULE_CONFLICT_LOCKED', { params });
}

export async function checkBooking(store: Store, draft: BookingDraft, excludeId: string | null): Promise<{ conflicts: Conflict[]; blocked: boolean }> {
  const ctx = await loadContext(store.db);
  const resolved = await resolveDraft(store.db, ctx, draft);
  const conflicts = await conflictsOf(store.db, ctx, resolved, excludeId);
  return { conflicts, blocked: conflicts.some((c) => c.blocking) };
}

async function appendStatus(tx: WriteTx, appointmentId: string, status: AppointmentStatus, at: string, by: string | null, reason: CancelReason | null = null, note = '') {
  await tx.insert('appointment_status_history', { id: uuidv7(), appointment_id: appointmentId, status, reason, note, at, by_user_id: by });
}

export interface BookInput extends BookingDraft {
  notes: string;
  rebookOf?: string;
  waitlistId?: string;
  override: boolean;
}

export async function book(
  store: Store,
  actor: Actor,
  input: BookInput,
  options: MapOptions,
  notify: Notify,
): Promise<{ appointments: Appointment[]; conflicts: Conflict[] }> {
  const ctx = await loadContext(store.db);
  const { ids, conflicts, dates } = await store.write(actor, async (tx) => {
    const resolved = await resolveDraft(tx.db, ctx, input);
    const found = await conflictsOf(tx.db, ctx, resolved, null);
    enforcePolicy(ctx, found, input.override);

    let rebookedFrom: AppointmentsTable | undefined;
    if (input.rebookOf) {
      rebookedFrom = await findAppointment(tx.db, input.rebookOf);
      if (!rebookedFrom || rebookedFrom.rebook_state !== 'pending') throw new AppError('CONFLICT', 'errors.NOT_ON_UNSCHEDULED_LIST');
    }
    if (input.waitlistId) {
      const entry = await tx.db.selectFrom('waitlist').select(['id', 'deleted_at']).where('id', '=', input.waitlistId).executeTakeFirst();
      if (!entry || entry.deleted_at !== null) throw new AppError('CONFLICT', 'errors.NOT_ON_WAITLIST');
    }

    const now = new Date(ctx.nowMs).toISOString();
    const seriesId = resolved.starts.length > 1 ? uuidv7() : null;
    const ids: string[] = [];
    for (const startLocal of resolved.starts) {
      const id = uuidv7();
      ids.push(id);
      await tx.insert('appointments', {
        id,
        patient_id: resolved.patientId,
        provider_id: resolved.providerId,
        operatory_id: resolved.operatoryId,
        type_id: resolved.typeId,
        start_local: startLocal,
        start_date: startLocal.slice(0, 10),
        duration_min: resolved.durationMin,
        status: 'scheduled',
        status_at: now,
        arrived_at: null,
        confirmation: 'not_sent',
        notes: input.notes,
        series_id: seriesId,
        pinboard: 0,
        rebook_state: null,
        rebooked_from_id: rebookedFrom?.id ?? null,
        created_at: now,
        updated_at: now,
        deleted_at: null,
      });
      await appendStatus(tx, id, 'scheduled', now, actor.userId);
    }
    if (rebookedFrom) await tx.update('appointments', rebookedFrom.id, { rebook_state: 'rebooked', updated_at: now });
    if (input.waitlistId) await tx.update('waitlist', input.waitlistId, { deleted_at: now, removed_reason: 'booked', updated_at: now });
    const withIds = found.map((c) => (c.occurrence !== null ? { ...c, appointmentId: ids[c.occurrence] ?? null } : { ...c, appointmentId: ids[0]! }));
    await tx.audit({
      action: 'schedule.book',
      entity: 'appointment',
      entityId: ids[0]!,
      details: {
        patientId: resolved.patientId,
        count: ids.length,
        seriesId,
        rebookOf: rebookedFrom?.id ?? null,
        waitlistId: input.waitlistId ?? null,
        conflicts: [...new Set(withIds.map((c) => c.kind))],
        override: input.override && withIds.some((c) => c.blocking),
      },
    });
    return { ids, conflicts: withIds, dates: resolved.starts.map((s) => s.slice(0, 10)) };
  });
  notify(changedDates(...dates));
  return { appointments: await appointmentsByIds(store.db, ctx, ids, options), conflicts };
}

export interface MoveInput {
  id: string;
  startLocal?: string;
  operatoryId?: string;
  providerId?: string;
  durationMin?: number;
  override: boolean;
  /** Placing an appointment from the pinboard. */
  fromPinboard?: boolean;
}

export async function move(store: Store, actor: Actor, input: MoveInput, options: MapOptions, notify: Notify): Promise<{ appointment: Appointment; conflicts: Conflict[] }> {
  const ctx = await loadContext(store.db);
  const { conflicts, dates } = await store.write(actor, async (tx) => {
    const row = await findAppointment(tx.db, input.id);
    if (!row) throw new AppError('NOT_FOUND');
    if (FINAL_STATUSES.has(row.status as AppointmentStatus)) throw new AppError('CONFLICT', 'errors.APPOINTMENT_CLOSED');
    if (input.fromPinboard && row.pinboard !== 1) throw new AppError('CONFLICT', 'errors.NOT_ON_PINBOARD');
    if (!input.fromPinboard && row.pinboard === 1) throw new AppError('CONFLICT', 'errors.APPOINTMENT_ON_PINBOARD');
    const next = {
      startLocal: input.startLocal ?? row.start_local,
      operatoryId: input.operatoryId ?? row.operatory_id,
      providerId: input.providerId ?? row.provider_id,
      durationMin: input.durationMin ?? row.duration_min,
    };
    if (next.providerId !== row.provider_id) await requireProvider(tx.db, next.providerId);
    if (next.operatoryId !== row.operatory_id) await requireOperatory(tx.db, next.operatoryId);
    const timeChanged = next.startLocal !== row.start_local;
    if (timeChanged || input.fromPinboard) checkStarts([next.startLocal], ctx);
    // A patient in the building may change chair or length, but not day or time.
    if (timeChanged && IN_OFFICE_STATUSES.has(row.status as AppointmentStatus)) throw new AppError('CONFLICT', 'errors.APPOINTMENT_IN_OFFICE');

    const resolved: Resolved = { patientId: row.patient_id, ...next, typeId: row.type_id, starts: [next.startLocal] };
    const found = await conflictsOf(tx.db, ctx, resolved, row.id);
    enforcePolicy(ctx, found, input.override);

    const now = new Date(ctx.nowMs).toISOString();
    const fields: Partial<AppointmentsTable> = { updated_at: now };
    if (timeChanged) Object.assign(fields, { start_local: next.startLocal, start_date: next.startLocal.slice(0, 10) });
    if (next.operatoryId !== row.operatory_id) fields.operatory_id = next.operatoryId;
    if (next.providerId !== row.provider_id) fields.provider_id = next.providerId;
    if (next.durationMin !== row.duration_min) fields.duration_min = next.durationMin;
    if (input.fromPinboard) fields.pinboard = 0;
    // A confirmation was for the old time: the new one is confirmed again.
    if (timeChanged && row.confirmation !== 'not_sent') fields.confirmation = 'not_sent';
    if (timeChanged && row.status === 'confirmed') {
      Object.assign(fields, { status: 'scheduled', status_at: now });
      await appendStatus(tx, row.id, 'scheduled', now, actor.userId, null, 'moved');
    }
    await tx.update('appointments', row.id, fields);
    await tx.audit({
      action: input.fromPinboard ? 'schedule.fromPinboard' : 'schedule.move',
      entity: 'appointment',
      entityId: row.id,
      details: {
        fields: Object.keys(fields).filter((f) => f !== 'updated_at'),
        from: row.start_local,
        to: next.startLocal,
        conflicts: [...new Set(found.map((c) => c.kind))],
        override: input.override && found.some((c) => c.blocking),
      },
    });
    return { conflicts: found.map((c) => ({ ...c, appointmentId: row.id, occurrence: null })), dates: [row.start_date, next.startLocal.slice(0, 10)] };
  });
  notify(changedDates(...dates));
  const [appointment] = await appointmentsByIds(store.db, ctx, [input.id], options);
  return { appointment: appointment!, conflicts };
}

export async function updateAppointment(
  store: Store,
  actor: Actor,
  input: { id: string; typeId?: string | null; notes?: string },
  options: MapOptions,
  notify: Notify,
): Promise<Appointment> {
  const ctx = await loadContext(store.db);
  const date = await store.write(actor, async (tx) => {
    const row = await findAppointment(tx.db, input.id);
    if (!row) throw new AppError('NOT_FOUND');
    const fields: Partial<AppointmentsTable> = {};
    if (input.typeId !== undefined && input.typeId !== row.type_id) {
      if (input.typeId) {
        const type = await findAppointmentType(tx.db, input.typeId);
        if (!type || type.active !== 1) throw invalid('typeId', 'validation.typeInactive');
      }
      fields.type_id = input.typeId;
    }
    if (input.notes !== undefined && input.notes !== row.notes) fields.notes = input.notes;
    if (Object.keys(fields).length > 0) await tx.update('appointments', row.id, { ...fields, updated_at: new Date(ctx.nowMs).toISOString() });
    await tx.audit({ action: 'schedule.update', entity: 'appointment', entityId: row.id, details: { fields: Object.keys(fields) } });
    return row.start_date;
  });
  notify(changedDates(date));
  const [appointment] = await appointmentsByIds(store.db, ctx, [input.id], options);
  return appointment!;
}

export async function setStatus(
  store: Store,
  actor: Actor,
  input: { id: string; status: AppointmentStatus; reason: CancelReason | null; note: string },
  options: MapOptions,
  notify: Notify,
): Promise<Appointment> {
  const ctx = await loadContext(store.db);
  const date = await store.write(actor, async (tx) => {
    const row = await findAppointment(tx.db, input.id);
    if (!row) throw new AppError('NOT_FOUND');
    if (row.pinboard === 1 && input.status !== 'cancelled') throw new AppError('CONFLICT', 'errors.APPOINTMENT_ON_PINBOARD');
    const from = row.status as AppointmentStatus;
    const check = checkTransition({ from, to: input.status, appointmentDate: row.start_date, today: ctx.today, reason: input.reason });
    if (!check.ok) throw new AppError(check.messageKey === 'errors.CANCEL_REASON_REQUIRED' ? 'VALIDATION' : 'CONFLICT', check.messageKey, {
      params: { from, to: input.status },
      ...(check.messageKey === 'errors.CANCEL_REASON_REQUIRED' ? { fields: { reason: 'validation.required' } } : {}),
    });
    const now = new Date(ctx.nowMs).toISOString();
    const fields: Partial<AppointmentsTable> = { status: input.status, status_at: now, updated_at: now };
    if (input.status === 'arrived' && from !== 'seated') fields.arrived_at = now;
    if ((input.status === 'confirmed' || input.status === 'scheduled') && row.arrived_at) fields.arrived_at = null;
    if (input.status === 'confirmed') fields.confirmation = 'confirmed';
    if (goesToUnscheduledList(input.status)) {
      fields.rebook_state = 'pending';
      if (row.pinboard === 1) fields.pinboard = 0;
    }
    await tx.update('appointments', row.id, fields);
    await appendStatus(tx, row.id, input.status, now, actor.userId, input.status === 'cancelled' ? input.reason : null, input.note);
    await tx.audit({
      action: 'schedule.setStatus',
      entity: 'appointment',
      entityId: row.id,
      details: { from, to: input.status, reason: input.reason },
    });
    return row.start_date;
  });
  notify(changedDates(date));
  const [appointment] = await appointmentsByIds(store.db, ctx, [input.id], options);
  return appointment!;
}

export async function toPinboard(store: Store, actor: Actor, id: string, options: MapOptions, notify: Notify): Promise<Appointment> {
  const ctx = await loadContext(store.db);
  const date = await store.write(actor, async (tx) => {
    const row = await findAppointment(tx.db, id);
    if (!row) throw new AppError('NOT_FOUND');
    if (FINAL_STATUSES.has(row.status as AppointmentStatus)) throw new AppError('CONFLICT', 'errors.APPOINTMENT_CLOSED');
    if (IN_OFFICE_STATUSES.has(row.status as AppointmentStatus)) throw new AppError('CONFLICT', 'errors.APPOINTMENT_IN_OFFICE');
    if (row.pinboard === 1) throw new AppError('CONFLICT', 'errors.APPOINTMENT_ON_PINBOARD');
    await tx.update('appointments', id, { pinboard: 1, updated_at: new Date(ctx.nowMs).toISOString() });
    await tx.audit({ action: 'schedule.toPinboard', entity: 'appointment', entityId: id, details: { from: row.start_local } });
    return row.start_date;
  });
  notify(changedDates(date));
  const [appointment] = await appointmentsByIds(store.db, ctx, [id], options);
  return appointment!;
}

export async function dismissUnscheduled(store: Store, actor: Actor, id: string): Promise<void> {
  await store.write(actor, async (tx) => {
    const row = await findAppointment(tx.db, id);
    if (!row) throw new AppError('NOT_FOUND');
    if (row.rebook_state !== 'pending') throw new AppError('CONFLICT', 'errors.NOT_ON_UNSCHEDULED_LIST');
    await tx.update('appointments', id, { rebook_state: 'dismissed', updated_at: new Date().toISOString() });
    await tx.audit({ action: 'schedule.unscheduled.dismiss', entity: 'appointment', entityId: id });
  });
}
