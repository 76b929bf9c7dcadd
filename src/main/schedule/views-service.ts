import { AppError } from '../../shared/contract/errors';
import type { CallOutput } from '../../shared/contract';
import type { Appointment, DayView } from '../../shared/contract/schedule';
import type { Availability, BlockoutOccurrence, EffectiveHoliday } from '../../shared/schedule/availability';
import { candidateConflicts, setConflicts } from '../../shared/schedule/conflicts';
import type { AppointmentStatus, CancelReason } from '../../shared/schedule/status';
import { addDays, datesBetween, minutesToTime } from '../../shared/schedule/time';
import { parsePhones } from '../patients/patient-view';
import type { Db } from '../patients/patients-repository';
import { formatPhone } from '../../shared/patients/phones';
import type { SqliteConnection } from '../db/practice-database';
import {
  appointmentById,
  appointmentQuery,
  fromSnapshot,
  LEAN_SELECT,
  type LeanRow,
  type MapOptions,
  prepared,
  type ScheduleContext,
  type ScheduleSnapshot,
  toAppointments,
} from './schedule-context';
import {
  bookedOn,
  listOperatories,
  listProviders,
  providerDisplayName,
  toBooked,
  toOperatory,
  toProvider,
  userNamesById,
} from './schedule-repository';

/* The read side: the day and week views, one appointment, and the lists. */

export function toHolidayOut(h: EffectiveHoliday | null) {
  return h ? { date: h.date, name: h.name, nameEn: h.nameEn, source: h.source, id: h.id, closed: h.closed } : null;
}

export function toOccurrenceOut(b: BlockoutOccurrence) {
  return {
    blockoutId: b.blockoutId,
    typeId: b.typeId,
    typeName: b.typeName,
    colour: b.colour,
    forbidsBooking: b.forbidsBooking,
    operatoryId: b.operatoryId,
    providerId: b.providerId,
    date: b.date,
    start: minutesToTime(b.startMin),
    end: minutesToTime(b.endMin),
    note: b.note,
  };
}

const intervalsOut = (intervals: readonly (readonly [number, number])[]) => intervals.map(([s, e]) => ({ start: minutesToTime(s), end: minutesToTime(e) }));

function viewSettings(ctx: ScheduleContext): DayView['settings'] {
  const { gridMinutes, officeStart, officeEnd, colourBy, conflictPolicy } = ctx.settings;
  return { gridMinutes, officeStart, officeEnd, colourBy, conflictPolicy };
}

export async function dayView(db: Db, snap: ScheduleSnapshot, date: string, options: MapOptions, sqlite: SqliteConnection): Promise<DayView> {
  const { ctx, availability, operatories, providers } = snap;
  // Through appointments_date_operatory: every chair of the date; and the evening before, in case it runs past midnight.
  const rows = fromSnapshot(snap, prepared(sqlite, `${LEAN_SELECT} AND a.start_date = ? AND a.pinboard = 0 ORDER BY a.start_local`).all(date) as LeanRow[]);
  const before = addDays(date, -1);
  const dayBefore = (
    prepared(
      sqlite,
      `SELECT id, patient_id, provider_id, operatory_id, start_local, duration_min, status, pinboard FROM appointments
        WHERE start_date = ? AND start_local >= ? AND (CAST(substr(start_local, 12, 2) AS INTEGER) * 60 + CAST(substr(start_local, 15, 2) AS INTEGER) + duration_min) > 1440
        AND deleted_at IS NULL AND pinboard = 0 AND status NOT IN ('cancelled', 'no_show')`,
    ).all(before, `${before}T14:00`) as Parameters<typeof toBooked>[0][]
  ).map(toBooked);
  const live = rows.filter((r) => r.status !== 'cancelled');
  const appointments = await toAppointments(db, ctx, live, options, sqlite);
  const booked = [...dayBefore, ...live.map(toBooked)];
  const conflicts = setConflicts(booked, availability, ctx.settings.conflictPolicy).filter((c) => c.date === date);
  const counts = { booked: 0, cancelled: 0, noShow: 0, completed: 0 };
  for (const r of rows) {
    if (r.status === 'cancelled') counts.cancelled++;
    else if (r.status === 'no_show') counts.noShow++;
    else {
      counts.booked++;
      if (r.status === 'completed') counts.completed++;
    }
  }
  return {
    date,
    timeZone: ctx.zone,
    today: ctx.today,
    holiday: toHolidayOut(availability.holiday(date)),
    settings: viewSettings(ctx),
    operatories: operatories.map(toOperatory),
    providers: providers.map(toProvider),
    appointments,
    blockouts: availability.blockoutsOn(date).map(toOccurrenceOut),
    workingHours: providers.map((p) => ({ providerId: p.id, intervals: intervalsOut(availability.workingMinutes(p.id, date)) })),
    conflicts,
    counts,
  };
}

export async function weekView(
  db: Db,
  snap: ScheduleSnapshot,
  input: { start: string; providerId?: string; operatoryId?: string },
  options: MapOptions,
  sqlite: SqliteConnection,
): Promise<CallOutput<'schedule.week'>> {
  const { ctx, availability } = snap;
  const end = addDays(input.start, 6);
  // appointments_provider_date, or appointments_date_operatory over seven dates.
  const lean = input.providerId
    ? prepared(sqlite, `${LEAN_SELECT} AND a.provider_id = ? AND a.start_date >= ? AND a.start_date <= ? AND a.pinboard = 0 AND a.status != 'cancelled' ORDER BY a.start_local`).all(
        input.providerId,
        input.start,
        end,
      )
    : prepared(sqlite, `${LEAN_SELECT} AND a.start_date IN (SELECT value FROM json_each(?)) AND a.operatory_id = ? AND a.pinboard = 0 AND a.status != 'cancelled' ORDER BY a.start_local`).all(
        JSON.stringify(datesBetween(input.start, end)),
        input.operatoryId,
      );
  const rows = fromSnapshot(snap, lean as LeanRow[]);
  const providers = input.providerId ? [] : snap.providers;
  const appointments = await toAppointments(db, ctx, rows, options, sqlite);
  const booked = rows.map(toBooked);
  // Conflicts with appointments outside this provider's or chair's view (the other chair, the patient's other booking).
  const outside = await bookedOn(
    db,
    [...new Set(booked.map((b) => b.startLocal.slice(0, 10)))],
    { providerIds: [...new Set(booked.map((b) => b.providerId))], operatoryIds: [...new Set(booked.map((b) => b.operatoryId))], patientIds: [...new Set(booked.map((b) => b.patientId))] },
  );
  const inView = new Set(booked.map((b) => b.id));
  const conflicts = [
    ...setConflicts(booked, availability, ctx.settings.conflictPolicy),
    ...booked.flatMap((b) =>
      candidateConflicts({ ...b, occurrence: null }, outside.filter((o) => !inView.has(o.id)), availability, ctx.settings.conflictPolicy).filter((c) =>
        ['provider_double_booked', 'operatory_double_booked', 'patient_double_booked'].includes(c.kind),
      ),
    ),
  ];
  const days = datesBetween(input.start, end).map((date) => ({
    date,
    holiday: toHolidayOut(availability.holiday(date)),
    workingHours: intervalsOut(workingFor(availability, date, input.providerId, providers.map((p) => p.id))),
    blockouts: availability.blockoutsFor(date, { providerId: input.providerId ?? null, operatoryId: input.operatoryId ?? null }).map(toOccurrenceOut),
  }));
  return {
    start: input.start,
    end,
    timeZone: ctx.zone,
    providerId: input.providerId ?? null,
    operatoryId: input.operatoryId ?? null,
    settings: viewSettings(ctx),
    days,
    appointments,
    conflicts,
  };
}

function workingFor(availability: Availability, date: string, providerId: string | undefined, all: string[]) {
  if (providerId) return availability.workingMinutes(providerId, date);
  const merged: [number, number][] = [];
  for (const id of all) for (const [s, e] of availability.workingMinutes(id, date)) merged.push([s, e]);
  merged.sort((a, b) => a[0] - b[0]);
  const out: [number, number][] = [];
  for (const [s, e] of merged) {
    const last = out[out.length - 1];
    if (last && s <= last[1]) last[1] = Math.max(last[1], e);
    else out.push([s, e]);
  }
  return out;
}

export async function appointmentDetail(db: Db, snap: ScheduleSnapshot, id: string, options: MapOptions): Promise<CallOutput<'schedule.get'>> {
  const { ctx, availability } = snap;
  const appointment = await appointmentById(db, ctx, id, options);
  const [history, reminders] = await Promise.all([
    db.selectFrom('appointment_status_history').selectAll().where('appointment_id', '=', id).orderBy('at').orderBy('id').execute(),
    db.selectFrom('reminder_log').selectAll().where('appointment_id', '=', id).orderBy('at').orderBy('id').execute(),
  ]);
  const names = await userNamesById(db, [...history, ...reminders].flatMap((r) => (r.by_user_id ? [r.by_user_id] : [])));
  let conflicts: CallOutput<'schedule.get'>['conflicts'] = [];
  if (!appointment.pinboard && appointment.status !== 'cancelled' && appointment.status !== 'no_show') {
    const date = appointment.startLocal.slice(0, 10);
    const others = await bookedOn(db, [date], { providerIds: [appointment.providerId], operatoryIds: [appointment.operatoryId], patientIds: [appointment.patientId] });
    conflicts = candidateConflicts({ ...appointment, occurrence: null }, others, availability, ctx.settings.conflictPolicy);
  }
  return {
    appointment,
    history: history.map((h) => ({
      id: h.id,
      status: h.status as AppointmentStatus,
      reason: h.reason as CancelReason | null,
      note: h.note,
      at: h.at,
      byUserId: h.by_user_id,
      byName: h.by_user_id ? (names.get(h.by_user_id) ?? null) : null,
    })),
    reminders: reminders.map((r) => toReminderFact(r, names)),
    conflicts,
  };
}

export function toReminderFact(
  r: { id: string; kind: string; channel: string; answer: string | null; language: string; at: string; by_user_id: string | null },
  names: Map<string, string>,
): CallOutput<'schedule.get'>['reminders'][number] {
  return {
    id: r.id,
    kind: r.kind as 'reminder' | 'booking',
    channel: r.channel as 'whatsapp' | 'copy' | 'phone' | 'in_person',
    answer: r.answer as 'confirmed' | 'reschedule' | null,
    language: r.language as 'es' | 'en',
    at: r.at,
    byUserId: r.by_user_id,
    byName: r.by_user_id ? (names.get(r.by_user_id) ?? null) : null,
  };
}

export async function patientAppointments(db: Db, ctx: ScheduleContext, patientId: string, limit: number, options: MapOptions) {
  const patient = await db.selectFrom('patients').select(['id']).where('id', '=', patientId).executeTakeFirst();
  if (!patient) throw new AppError('NOT_FOUND');
  const rows = await appointmentQuery(db).where('a.patient_id', '=', patientId).orderBy('a.start_date', 'desc').orderBy('a.start_local', 'desc').limit(limit).execute();
  const appointments = await toAppointments(db, ctx, rows, options);
  const countRows = await db
    .selectFrom('appointments')
    .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
    .where('patient_id', '=', patientId)
    .where('deleted_at', 'is', null)
    .groupBy('status')
    .execute();
  const count = (s: string) => Number(countRows.find((r) => r.status === s)?.n ?? 0);
  const nowIso = new Date(ctx.nowMs).toISOString();
  const upcoming = appointments.filter((a) => a.endUtc >= nowIso && !['cancelled', 'no_show', 'completed'].includes(a.status)).reverse();
  const upcomingIds = new Set(upcoming.map((a) => a.id));
  return {
    upcoming,
    past: appointments.filter((a) => !upcomingIds.has(a.id)),
    counts: { completed: count('completed'), cancelled: count('cancelled'), noShow: count('no_show') },
  };
}

export async function pinboardList(db: Db, ctx: ScheduleContext, options: MapOptions): Promise<Appointment[]> {
  const rows = await appointmentQuery(db).where('a.pinboard', '=', 1).orderBy('a.updated_at').execute();
  return toAppointments(db, ctx, rows, options);
}

async function namesFor(db: Db) {
  const [providers, operatories] = await Promise.all([listProviders(db, true), listOperatories(db, true)]);
  const providerNames = new Map(providers.map((p) => [p.id, providerDisplayName(p)]));
  const operatoryNames = new Map(operatories.map((o) => [o.id, o.name]));
  return (a: Appointment) => ({ appointment: a, providerName: providerNames.get(a.providerId) ?? '', operatoryName: operatoryNames.get(a.operatoryId) ?? '' });
}

async function phonesOf(db: Db, patientIds: readonly string[], country: string): Promise<Map<string, { phone: string | null; whatsapp: boolean }>> {
  if (patientIds.length === 0) return new Map();
  const rows = await db.selectFrom('patients').select(['id', 'phones']).where('id', 'in', [...new Set(patientIds)]).execute();
  return new Map(
    rows.map((r) => {
      const phones = parsePhones(r.phones);
      const best = phones.find((p) => p.whatsapp) ?? phones.find((p) => p.kind === 'mobile') ?? phones[0];
      return [r.id, { phone: best ? formatPhone(best.e164, country) : null, whatsapp: phones.some((p) => p.whatsapp) }];
    }),
  );
}

export async function unscheduledList(db: Db, ctx: ScheduleContext, limit: number, offset: number, options: MapOptions) {
  const base = db.selectFrom('appointments').where('rebook_state', '=', 'pending').where('deleted_at', 'is', null);
  const total = Number((await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst())?.n ?? 0);
  const rows = await appointmentQuery(db).where('a.rebook_state', '=', 'pending').orderBy('a.status_at', 'desc').limit(limit).offset(offset).execute();
  const appointments = await toAppointments(db, ctx, rows, options);
  const reasons = await db
    .selectFrom('appointment_status_history')
    .select(['appointment_id', 'reason', 'at'])
    .where('appointment_id', 'in', rows.length ? rows.map((r) => r.id) : [''])
    .where('status', '=', 'cancelled')
    .orderBy('at')
    .execute();
  const reasonOf = new Map(reasons.map((r) => [r.appointment_id, r.reason as CancelReason | null]));
  const phones = await phonesOf(db, rows.map((r) => r.patient_id), ctx.country);
  const line = await namesFor(db);
  return {
    total,
    items: appointments.map((a) => ({ ...line(a), reason: reasonOf.get(a.id) ?? null, phone: phones.get(a.patientId)?.phone ?? null })),
  };
}

export async function waitingRoom(db: Db, ctx: ScheduleContext, options: MapOptions): Promise<CallOutput<'schedule.waitingRoom'>> {
  const rows = await appointmentQuery(db).where('a.start_date', '=', ctx.today).where('a.status', 'in', ['arrived', 'seated']).orderBy('a.arrived_at').execute();
  const appointments = await toAppointments(db, ctx, rows, options);
  const line = await namesFor(db);
  return appointments.map((a, i) => {
    const row = rows[i]!;
    const arrivedAt = row.arrived_at;
    const seatedAt = a.status === 'seated' ? a.statusAt : null;
    const until = seatedAt ? Date.parse(seatedAt) : ctx.nowMs;
    return {
      ...line(a),
      arrivedAt,
      seatedAt,
      minutesWaiting: arrivedAt ? Math.max(0, Math.floor((until - Date.parse(arrivedAt)) / 60_000)) : 0,
      late: arrivedAt ? arrivedAt > a.startUtc : false,
    };
  });
}

export async function toConfirm(db: Db, ctx: ScheduleContext, date: string | undefined, options: MapOptions): Promise<CallOutput<'schedule.tomorrow'>> {
  const day = date ?? addDays(ctx.today, 1);
  const rows = await appointmentQuery(db)
    .where('a.start_date', '=', day)
    .where('a.pinboard', '=', 0)
    .where('a.status', 'in', ['scheduled', 'confirmed'])
    .orderBy('a.start_local')
    .execute();
  const appointments = await toAppointments(db, ctx, rows, options);
  const ids = rows.map((r) => r.id);
  const reminders = ids.length ? await db.selectFrom('reminder_log').selectAll().where('appointment_id', 'in', ids).orderBy('at').orderBy('id').execute() : [];
  const names = await userNamesById(db, reminders.flatMap((r) => (r.by_user_id ? [r.by_user_id] : [])));
  const last = new Map(reminders.map((r) => [r.appointment_id, r]));
  const phones = await phonesOf(db, rows.map((r) => r.patient_id), ctx.country);
  const line = await namesFor(db);
  return {
    date: day,
    items: appointments.map((a) => {
      const reminder = last.get(a.id);
      const phone = phones.get(a.patientId);
      return { ...line(a), phone: phone?.phone ?? null, whatsapp: phone?.whatsapp ?? false, lastReminder: reminder ? toReminderFact(reminder, names) : null };
    }),
  };
}
