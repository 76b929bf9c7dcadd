import { AppError } from '../../shared/contract/errors';
import type { Appointment, ScheduleSettings } from '../../shared/contract/schedule';
import type { Language } from '../../shared/i18n/languages';
import { LANGUAGES } from '../../shared/i18n/languages';
import type { AlertCode } from '../../shared/patients/alerts';
import { Availability } from '../../shared/schedule/availability';
import { type AppointmentStatus } from '../../shared/schedule/status';
import { addDays, timeToMinutes, ZoneCalendar } from '../../shared/schedule/time';
import type { AppointmentsTable } from '../db/schema';
import { currentAlerts } from '../patients/medical-history';
import { type Db, displayName } from '../patients/patients-repository';
import { readPracticeRow } from '../practice/practice-repository';
import { loadBlockouts, loadExceptions, loadPracticeHolidays, loadWorkingIntervals } from './schedule-repository';
import { readScheduleSettings } from './schedule-settings';

/** What every schedule call needs to know about the practice. */
export interface ScheduleContext {
  practiceName: string;
  zone: string;
  country: string;
  language: Language;
  settings: ScheduleSettings;
  calendar: ZoneCalendar;
  nowMs: number;
  today: string;
}

const calendars = new Map<string, ZoneCalendar>();

/** One calendar per zone for the life of the process: its per-date offsets never change. */
export function calendarFor(zone: string): ZoneCalendar {
  let c = calendars.get(zone);
  if (!c) {
    c = new ZoneCalendar(zone);
    calendars.set(zone, c);
  }
  return c;
}

export function asLanguage(value: string | null | undefined, fallback: Language): Language {
  return (LANGUAGES as readonly string[]).includes(value ?? '') ? (value as Language) : fallback;
}

export async function loadContext(db: Db, nowMs = Date.now()): Promise<ScheduleContext> {
  const [practice, settings] = await Promise.all([readPracticeRow(db), readScheduleSettings(db)]);
  if (!practice) throw new AppError('NOT_SET_UP');
  const calendar = calendarFor(practice.time_zone);
  return {
    practiceName: practice.name,
    zone: practice.time_zone,
    country: practice.country,
    language: asLanguage(practice.language, 'es'),
    settings,
    calendar,
    nowMs,
    today: calendar.today(nowMs),
  };
}

/** The rules (hours, exceptions, holidays, blockouts) over a range of dates. */
export async function loadAvailability(db: Db, ctx: ScheduleContext, from: string, to: string): Promise<Availability> {
  const [hours, exceptions, practiceHolidays, blockouts] = await Promise.all([
    loadWorkingIntervals(db, from, to),
    loadExceptions(db, addDays(from, -1), addDays(to, 1)),
    loadPracticeHolidays(db, addDays(from, -1), addDays(to, 1)),
    loadBlockouts(db, addDays(from, -1), addDays(to, 1)),
  ]);
  return new Availability(
    {
      calendar: ctx.calendar,
      country: ctx.country,
      office: {
        start: timeToMinutes(ctx.settings.officeStart),
        end: timeToMinutes(ctx.settings.officeEnd),
        weekdays: ctx.settings.officeDays,
      },
      hours,
      exceptions,
      practiceHolidays,
      blockouts,
    },
    { from, to },
  );
}

/* ------------------------------------------------------------ appointments as the contract shows them */

type AppointmentRow = AppointmentsTable & {
  given_names: string;
  first_surname: string;
  second_surname: string;
  preferred_name: string | null;
  type_name: string | null;
  type_colour: string | null;
  provider_colour: string;
};

/**
 * The select every appointment list shares: the appointment with its
 * patient's name, its type and its provider's colour. Callers add the where.
 */
export function appointmentQuery(db: Db) {
  return db
    .selectFrom('appointments as a')
    .innerJoin('patients as p', 'p.id', 'a.patient_id')
    .innerJoin('providers as pr', 'pr.id', 'a.provider_id')
    .leftJoin('appointment_types as t', 't.id', 'a.type_id')
    .selectAll('a')
    .select(['p.given_names', 'p.first_surname', 'p.second_surname', 'p.preferred_name', 't.name as type_name', 't.colour as type_colour', 'pr.colour as provider_colour'])
    .where('a.deleted_at', 'is', null);
}

export interface MapOptions {
  /** Whether the caller may see medical-alert badges (patients.read). */
  withAlerts: boolean;
}

/** Turns rows into contract appointments, fetching the alert badges of all their patients at once. */
export async function toAppointments(db: Db, ctx: ScheduleContext, rows: readonly AppointmentRow[], options: MapOptions): Promise<Appointment[]> {
  const alerts = options.withAlerts && rows.length > 0 ? await currentAlerts(db, [...new Set(rows.map((r) => r.patient_id))]) : new Map<string, AlertCode[]>();
  return rows.map((r) => toAppointment(ctx, r, alerts.get(r.patient_id) ?? []));
}

export function toAppointment(ctx: ScheduleContext, r: AppointmentRow, alerts: AlertCode[]): Appointment {
  const { startMs, endMs } = ctx.calendar.span(r.start_local, r.duration_min);
  return {
    id: r.id,
    patientId: r.patient_id,
    patientName: displayName(r),
    patientAlerts: alerts,
    providerId: r.provider_id,
    operatoryId: r.operatory_id,
    typeId: r.type_id,
    typeName: r.type_name,
    colour: ctx.settings.colourBy === 'type' && r.type_colour ? r.type_colour : r.provider_colour,
    startLocal: r.start_local,
    endLocal: ctx.calendar.endLocal(r.start_local, r.duration_min),
    startUtc: new Date(startMs).toISOString(),
    endUtc: new Date(endMs).toISOString(),
    durationMin: r.duration_min,
    status: r.status as AppointmentStatus,
    statusAt: r.status_at,
    confirmation: r.confirmation as Appointment['confirmation'],
    notes: r.notes,
    seriesId: r.series_id,
    pinboard: r.pinboard === 1,
    rebookedFromId: r.rebooked_from_id,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export async function appointmentsByIds(db: Db, ctx: ScheduleContext, ids: readonly string[], options: MapOptions): Promise<Appointment[]> {
  if (ids.length === 0) return [];
  const rows = await appointmentQuery(db).where('a.id', 'in', ids).execute();
  const order = new Map(ids.map((id, i) => [id, i]));
  rows.sort((x, y) => order.get(x.id)! - order.get(y.id)!);
  return toAppointments(db, ctx, rows, options);
}

export async function appointmentById(db: Db, ctx: ScheduleContext, id: string, options: MapOptions): Promise<Appointment> {
  const [appointment] = await appointmentsByIds(db, ctx, [id], options);
  if (!appointment) throw new AppError('NOT_FOUND');
  return appointment;
}
