import { AppError } from '../../shared/contract/errors';
import type { Appointment, ScheduleSettings } from '../../shared/contract/schedule';
import type { Language } from '../../shared/i18n/languages';
import { LANGUAGES } from '../../shared/i18n/languages';
import type { AlertCode } from '../../shared/patients/alerts';
import { Availability, type ScheduleRules } from '../../shared/schedule/availability';
import { type AppointmentStatus } from '../../shared/schedule/status';
import { addDays, timeToMinutes, ZoneCalendar } from '../../shared/schedule/time';
import type { Statement } from 'better-sqlite3-multiple-ciphers';
import type { SqliteConnection } from '../db/practice-database';
import type { AppointmentsTable, AppointmentTypesTable, OperatoriesTable, ProvidersTable } from '../db/schema';
import { currentAlerts, parseAlerts } from '../patients/medical-history';
import { type Db, displayName } from '../patients/patients-repository';
import { readPracticeRow } from '../practice/practice-repository';
import type { Store } from '../store/store';
import {
  FAR_FUTURE,
  listAppointmentTypes,
  listOperatories,
  listProviders,
  loadBlockouts,
  loadExceptions,
  loadPracticeHolidays,
  loadWorkingIntervals,
} from './schedule-repository';
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

function rulesFrom(ctx: Pick<ScheduleContext, 'calendar' | 'country' | 'settings'>, parts: Pick<ScheduleRules, 'hours' | 'exceptions' | 'practiceHolidays' | 'blockouts'>) {
  return new Availability({
    calendar: ctx.calendar,
    country: ctx.country,
    office: { start: timeToMinutes(ctx.settings.officeStart), end: timeToMinutes(ctx.settings.officeEnd), weekdays: ctx.settings.officeDays },
    ...parts,
  });
}

/** The rules (hours, exceptions, holidays, blockouts) over a range of dates, read afresh: for checks inside a write transaction. */
export async function loadAvailability(db: Db, ctx: ScheduleContext, from: string, to: string): Promise<Availability> {
  const [hours, exceptions, practiceHolidays, blockouts] = await Promise.all([
    loadWorkingIntervals(db, from, to),
    loadExceptions(db, addDays(from, -1), addDays(to, 1)),
    loadPracticeHolidays(db, addDays(from, -1), addDays(to, 1)),
    loadBlockouts(db, addDays(from, -1), addDays(to, 1)),
  ]);
  return rulesFrom(ctx, { hours, exceptions, practiceHolidays, blockouts });
}

/* ------------------------------------------------------------ the rules, kept in memory */

/**
 * What the views read on every call and that changes seldom: the practice,
 * the settings, chairs, providers, and every rule (hours, exceptions,
 * holidays, blockouts). Kept per connection and reread only when
 * schedule_cache_token moved: triggers give it a new random value on any
 * change to those tables, from any writer (this process, sync, another
 * connection), so the copy is never stale and the day view reads only
 * appointments.
 */
export interface ScheduleSnapshot {
  ctx: ScheduleContext;
  /** Active ones, in order. */
  operatories: OperatoriesTable[];
  providers: ProvidersTable[];
  availability: Availability;
  /** Every provider and type, active or not: the cards of past appointments name them too. */
  providersById: ReadonlyMap<string, ProvidersTable>;
  typesById: ReadonlyMap<string, AppointmentTypesTable>;
}

interface CacheEntry extends Omit<ScheduleSnapshot, 'ctx'> {
  token: bigint;
  base: Omit<ScheduleContext, 'nowMs' | 'today'>;
}

const snapshots = new WeakMap<object, CacheEntry>();
const tokenStatements = new WeakMap<object, { get(): unknown }>();

function readToken(sqlite: SqliteConnection): bigint {
  let statement = tokenStatements.get(sqlite);
  if (!statement) {
    statement = sqlite.prepare('SELECT token FROM schedule_cache_token WHERE id = 1').pluck().safeIntegers(true);
    tokenStatements.set(sqlite, statement);
  }
  return statement.get() as bigint;
}

export async function scheduleSnapshot(store: Store, nowMs = Date.now()): Promise<ScheduleSnapshot> {
  const sqlite = store.database.sqlite;
  const token = readToken(sqlite);
  let entry = snapshots.get(sqlite);
  if (!entry || entry.token !== token) {
    const db = store.db;
    const [practice, settings, operatories, allProviders, types, hours, exceptions, practiceHolidays, blockouts] = await Promise.all([
      readPracticeRow(db),
      readScheduleSettings(db),
      listOperatories(db),
      listProviders(db, true),
      listAppointmentTypes(db, true),
      loadWorkingIntervals(db, '0000-01-01', FAR_FUTURE),
      loadExceptions(db, '0000-01-01', FAR_FUTURE),
      loadPracticeHolidays(db, '0000-01-01', FAR_FUTURE),
      loadBlockouts(db, '0000-01-01', FAR_FUTURE),
    ]);
    if (!practice) throw new AppError('NOT_SET_UP');
    const base = {
      practiceName: practice.name,
      zone: practice.time_zone,
      country: practice.country,
      language: asLanguage(practice.language, 'es'),
      settings,
      calendar: calendarFor(practice.time_zone),
    };
    entry = {
      token,
      base,
      operatories,
      providers: allProviders.filter((p) => p.active === 1),
      availability: rulesFrom(base, { hours, exceptions, practiceHolidays, blockouts }),
      providersById: new Map(allProviders.map((p) => [p.id, p])),
      typesById: new Map(types.map((t) => [t.id, t])),
    };
    // Kept only if nothing changed while it was read (a write transaction in flight may have been seen half-way).
    if (readToken(sqlite) === token) snapshots.set(sqlite, entry);
  }
  return {
    ctx: { ...entry.base, nowMs, today: entry.base.calendar.today(nowMs) },
    operatories: entry.operatories,
    providers: entry.providers,
    availability: entry.availability,
    providersById: entry.providersById,
    typesById: entry.typesById,
  };
}

/* ------------------------------------------------------------ the views' lean reads */

const statements = new WeakMap<object, Map<string, Statement>>();

/** A statement prepared once per connection: the views' hot queries skip building and preparing SQL on every call. */
export function prepared(sqlite: SqliteConnection, text: string): Statement {
  let map = statements.get(sqlite);
  if (!map) statements.set(sqlite, (map = new Map()));
  let statement = map.get(text);
  if (!statement) map.set(text, (statement = sqlite.prepare(text)));
  return statement;
}

export type LeanRow = AppointmentsTable & Pick<AppointmentRow, 'given_names' | 'first_surname' | 'second_surname' | 'preferred_name'>;

/** The appointment with its patient's name only: provider colours and types come from the snapshot. */
export const LEAN_SELECT = `SELECT a.*, p.given_names, p.first_surname, p.second_surname, p.preferred_name
  FROM appointments a JOIN patients p ON p.id = a.patient_id WHERE a.deleted_at IS NULL`;

export function fromSnapshot(snap: ScheduleSnapshot, rows: readonly LeanRow[]): AppointmentRow[] {
  return rows.map((r) => {
    const type = r.type_id ? snap.typesById.get(r.type_id) : undefined;
    return { ...r, type_name: type?.name ?? null, type_colour: type?.colour ?? null, provider_colour: snap.providersById.get(r.provider_id)?.colour ?? '#6b7280' };
  });
}

/* ------------------------------------------------------------ appointments as the contract shows them */

export type AppointmentRow = AppointmentsTable & {
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
export async function toAppointments(
  db: Db,
  ctx: ScheduleContext,
  rows: readonly AppointmentRow[],
  options: MapOptions,
  sqlite?: SqliteConnection,
): Promise<Appointment[]> {
  let alerts = new Map<string, AlertCode[]>();
  if (options.withAlerts && rows.length > 0) {
    const ids = [...new Set(rows.map((r) => r.patient_id))];
    alerts = (sqlite && latestAlertsWithoutMerges(sqlite, ids)) || (await currentAlerts(db, ids));
  }
  return rows.map((r) => toAppointment(ctx, r, alerts.get(r.patient_id) ?? []));
}

/**
 * The badges of many patients in one prepared query, for the hot views. It
 * answers only while no merge is in force: then each patient's badges are
 * those of their newest medical-history version. With merges, the patient
 * registry's currentAlerts (which reads through merge trees) answers instead.
 */
function latestAlertsWithoutMerges(sqlite: SqliteConnection, ids: readonly string[]): Map<string, AlertCode[]> | null {
  if (prepared(sqlite, 'SELECT EXISTS (SELECT 1 FROM patient_merges WHERE undone_at IS NULL)').pluck().get()) return null;
  const rows = prepared(
    sqlite,
    `SELECT h.patient_id, h.alerts FROM patient_medical_history h
      WHERE h.patient_id IN (SELECT value FROM json_each(?))
      AND h.version = (SELECT max(version) FROM patient_medical_history m WHERE m.patient_id = h.patient_id)`,
  ).all(JSON.stringify(ids)) as { patient_id: string; alerts: string }[];
  return new Map(rows.map((r) => [r.patient_id, parseAlerts(r.alerts)]));
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
