import { sql } from 'kysely';
import type { Operatory, Provider } from '../../shared/contract/schedule';
import type { BlockoutRule, PracticeHoliday, ProviderException, WorkingInterval } from '../../shared/schedule/availability';
import type { Booked } from '../../shared/schedule/conflicts';
import type { AppointmentStatus } from '../../shared/schedule/status';
import { addDays } from '../../shared/schedule/time';
import type {
  AppointmentsTable,
  AppointmentTypesTable,
  BlockoutsTable,
  BlockoutTypesTable,
  OperatoriesTable,
  ProviderExceptionsTable,
  ProvidersTable,
} from '../db/schema';
import type { Db } from '../patients/patients-repository';

/*
 * Queries of the schedule. The appointment reads go through
 * appointments_date_operatory (a day, all chairs), appointments_provider_date
 * (a provider's week, find next opening) and appointments_patient_date (a
 * patient's list, patient double bookings); the setup tables are small.
 */

export const FAR_FUTURE = '9999-12-31';

export function providerDisplayName(p: Pick<ProvidersTable, 'given_names' | 'first_surname'>): string {
  return `${p.given_names.split(' ')[0]} ${p.first_surname}`.trim();
}

export function toProvider(row: ProvidersTable): Provider {
  return {
    id: row.id,
    givenNames: row.given_names,
    firstSurname: row.first_surname,
    secondSurname: row.second_surname,
    displayName: providerDisplayName(row),
    kind: row.kind as Provider['kind'],
    colour: row.colour,
    userId: row.user_id,
    defaultOperatoryId: row.default_operatory_id ?? null,
    sortOrder: row.sort_order ?? 0,
    active: row.active === 1,
    registrationNumber: row.registration_number ?? '',
  };
}

export function toOperatory(row: OperatoriesTable): Operatory {
  return { id: row.id, name: row.name, sortOrder: row.sort_order, active: row.active === 1 };
}

export async function listProviders(db: Db, includeInactive = false): Promise<ProvidersTable[]> {
  let q = db.selectFrom('providers').selectAll();
  if (!includeInactive) q = q.where('active', '=', 1);
  return q.orderBy('sort_order').orderBy('first_surname').orderBy('given_names').execute();
}

export async function listOperatories(db: Db, includeInactive = false): Promise<OperatoriesTable[]> {
  let q = db.selectFrom('operatories').selectAll();
  if (!includeInactive) q = q.where('active', '=', 1);
  return q.orderBy('sort_order').orderBy('name').execute();
}

export function findProvider(db: Db, id: string): Promise<ProvidersTable | undefined> {
  return db.selectFrom('providers').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findOperatory(db: Db, id: string): Promise<OperatoriesTable | undefined> {
  return db.selectFrom('operatories').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findAppointmentType(db: Db, id: string): Promise<AppointmentTypesTable | undefined> {
  return db.selectFrom('appointment_types').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findBlockoutType(db: Db, id: string): Promise<BlockoutTypesTable | undefined> {
  return db.selectFrom('blockout_types').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findAppointment(db: Db, id: string): Promise<AppointmentsTable | undefined> {
  return db.selectFrom('appointments').selectAll().where('id', '=', id).where('deleted_at', 'is', null).executeTakeFirst();
}

export function listAppointmentTypes(db: Db, includeInactive = false): Promise<AppointmentTypesTable[]> {
  let q = db.selectFrom('appointment_types').selectAll();
  if (!includeInactive) q = q.where('active', '=', 1);
  return q.orderBy('sort_order').orderBy('name').execute();
}

export function listBlockoutTypes(db: Db, includeInactive = false): Promise<BlockoutTypesTable[]> {
  let q = db.selectFrom('blockout_types').selectAll();
  if (!includeInactive) q = q.where('active', '=', 1);
  return q.orderBy('name').execute();
}

/* ------------------------------------------------------------ rules */

export async function loadWorkingIntervals(db: Db, from: string, to: string): Promise<WorkingInterval[]> {
  const rows = await db
    .selectFrom('provider_hours')
    .selectAll()
    .where('deleted_at', 'is', null)
    .where((eb) => eb.or([eb('valid_from', 'is', null), eb('valid_from', '<=', to)]))
    .where((eb) => eb.or([eb('valid_until', 'is', null), eb('valid_until', '>=', from)]))
    .orderBy('provider_id')
    .orderBy('weekday')
    .orderBy('start_time')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    providerId: r.provider_id,
    weekday: r.weekday,
    start: r.start_time,
    end: r.end_time,
    operatoryId: r.operatory_id,
    validFrom: r.valid_from,
    validUntil: r.valid_until,
  }));
}

export function toException(r: ProviderExceptionsTable): ProviderException {
  return {
    id: r.id,
    providerId: r.provider_id,
    kind: r.kind as ProviderException['kind'],
    startDate: r.start_date,
    endDate: r.end_date,
    start: r.start_time,
    end: r.end_time,
    note: r.note,
  };
}

export async function loadExceptions(db: Db, from: string, to: string, providerId?: string): Promise<ProviderException[]> {
  let q = db.selectFrom('provider_exceptions').selectAll().where('deleted_at', 'is', null).where('end_date', '>=', from).where('start_date', '<=', to);
  if (providerId) q = q.where('provider_id', '=', providerId);
  return (await q.orderBy('start_date').execute()).map(toException);
}

export async function loadPracticeHolidays(db: Db, from: string, to: string): Promise<PracticeHoliday[]> {
  const rows = await db
    .selectFrom('practice_holidays')
    .selectAll()
    .where('deleted_at', 'is', null)
    .where('date', '>=', from)
    .where('date', '<=', to)
    .orderBy('date')
    .execute();
  return rows.map((r) => ({ id: r.id, date: r.date, name: r.name, closed: r.closed === 1 }));
}

export function toBlockoutRule(r: BlockoutsTable, type: Pick<BlockoutTypesTable, 'name' | 'colour' | 'forbids_booking'>): BlockoutRule {
  return {
    id: r.id,
    typeId: r.type_id,
    typeName: type.name,
    colour: type.colour,
    forbidsBooking: type.forbids_booking === 1,
    operatoryId: r.operatory_id,
    providerId: r.provider_id,
    startLocal: r.start_local,
    endLocal: r.end_local,
    weekdays: r.weekdays ? r.weekdays.split(',').map(Number) : null,
    untilDate: r.until_date,
    note: r.note,
  };
}

export async function loadBlockouts(db: Db, from: string, to: string): Promise<BlockoutRule[]> {
  const rows = await db
    .selectFrom('blockouts as b')
    .innerJoin('blockout_types as t', 't.id', 'b.type_id')
    .selectAll('b')
    .select(['t.name as type_name', 't.colour as type_colour', 't.forbids_booking as type_forbids'])
    .where('b.deleted_at', 'is', null)
    .where('b.end_date', '>=', from)
    .where('b.start_date', '<=', to)
    .orderBy('b.start_local')
    .execute();
  return rows.map((r) => toBlockoutRule(r, { name: r.type_name, colour: r.type_colour, forbids_booking: r.type_forbids }));
}

/* ------------------------------------------------------------ appointments */

export function toBooked(r: Pick<AppointmentsTable, 'id' | 'patient_id' | 'provider_id' | 'operatory_id' | 'start_local' | 'duration_min' | 'status' | 'pinboard'>): Booked {
  return {
    id: r.id,
    patientId: r.patient_id,
    providerId: r.provider_id,
    operatoryId: r.operatory_id,
    startLocal: r.start_local,
    durationMin: r.duration_min,
    status: r.status as AppointmentStatus,
    pinboard: r.pinboard === 1,
  };
}

const BOOKED_COLUMNS = ['id', 'patient_id', 'provider_id', 'operatory_id', 'start_local', 'duration_min', 'status', 'pinboard'] as const;
const LIVE_STATUSES = ['scheduled', 'confirmed', 'arrived', 'seated', 'completed'];

/**
 * Appointments that hold time on the given dates (and the day before each,
 * for ones that run past midnight), for these providers, chairs or patient:
 * what a booking is checked against.
 */
export async function bookedOn(
  db: Db,
  dates: readonly string[],
  who: { providerIds?: readonly string[]; operatoryIds?: readonly string[]; patientIds?: readonly string[] } | null,
): Promise<Booked[]> {
  const all = [...new Set(dates.flatMap((d) => [addDays(d, -1), d]))];
  if (all.length === 0) return [];
  let q = db
    .selectFrom('appointments')
    .select(BOOKED_COLUMNS)
    .where('start_date', 'in', all)
    .where('deleted_at', 'is', null)
    .where('pinboard', '=', 0)
    .where('status', 'in', LIVE_STATUSES);
  if (who) {
    q = q.where((eb) => {
      const ors = [];
      if (who.providerIds?.length) ors.push(eb('provider_id', 'in', who.providerIds));
      if (who.operatoryIds?.length) ors.push(eb('operatory_id', 'in', who.operatoryIds));
      if (who.patientIds?.length) ors.push(eb('patient_id', 'in', who.patientIds));
      return ors.length ? eb.or(ors) : sql<boolean>`0`;
    });
  }
  return (await q.execute()).map(toBooked);
}

/** Live appointments over a range of dates (the day before included), for find next opening. */
export async function bookedBetween(
  db: Db,
  from: string,
  to: string,
  who: { providerIds: readonly string[] | null; operatoryIds: readonly string[] | null; patientId: string | null },
): Promise<Booked[]> {
  const start = addDays(from, -1);
  const base = () =>
    db
      .selectFrom('appointments')
      .select(BOOKED_COLUMNS)
      .where('start_date', '>=', start)
      .where('start_date', '<=', to)
      .where('deleted_at', 'is', null)
      .where('pinboard', '=', 0)
      .where('status', 'in', LIVE_STATUSES);
  // Separate queries, each on its own index, rather than one OR that would scan the date range.
  const parts: Promise<Booked[]>[] = [];
  if (who.providerIds === null || who.operatoryIds === null) {
    parts.push(base().execute().then((rows) => rows.map(toBooked)));
  } else {
    parts.push(base().where('provider_id', 'in', who.providerIds).execute().then((rows) => rows.map(toBooked)));
    parts.push(base().where('operatory_id', 'in', who.operatoryIds).execute().then((rows) => rows.map(toBooked)));
  }
  if (who.patientId) parts.push(base().where('patient_id', '=', who.patientId).execute().then((rows) => rows.map(toBooked)));
  const seen = new Set<string>();
  const out: Booked[] = [];
  for (const rows of await Promise.all(parts)) {
    for (const b of rows) {
      if (seen.has(b.id)) continue;
      seen.add(b.id);
      out.push(b);
    }
  }
  return out;
}

/** Appointments that started on a date by a provider or chair but still hold a future time. */
export async function futureAppointmentsCount(db: Db, column: 'provider_id' | 'operatory_id', id: string, fromDate: string): Promise<number> {
  const row = await db
    .selectFrom('appointments')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where(column, '=', id)
    .where('start_date', '>=', fromDate)
    .where('deleted_at', 'is', null)
    .where('pinboard', '=', 0)
    .where('status', 'in', ['scheduled', 'confirmed', 'arrived', 'seated'])
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

export function userNamesById(db: Db, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return Promise.resolve(new Map());
  return db
    .selectFrom('users')
    .select(['id', 'given_names', 'first_surname'])
    .where('id', 'in', [...new Set(ids)])
    .execute()
    .then((rows) => new Map(rows.map((r) => [r.id, `${r.given_names} ${r.first_surname}`])));
}
