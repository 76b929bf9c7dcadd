import { v7 as uuidv7 } from 'uuid';
import { AppError } from '../../shared/contract/errors';
import type { CallOutput, ParsedInput } from '../../shared/contract';
import type { ScheduleSettings } from '../../shared/contract/schedule';
import { effectiveHolidays, type ProviderException } from '../../shared/schedule/availability';
import { nationalHolidays } from '../../shared/schedule/holidays';
import { normalize } from '../../shared/schedule/intervals';
import { addDays, timeToMinutes } from '../../shared/schedule/time';
import type { BlockoutsTable, OperatoriesTable, ProvidersTable } from '../db/schema';
import type { Db } from '../patients/patients-repository';
import type { Actor, Store } from '../store/store';
import { changedDates, type Notify } from './appointments-service';
import { loadContext } from './schedule-context';
import {
  FAR_FUTURE,
  findBlockoutType,
  findOperatory,
  findProvider,
  futureAppointmentsCount,
  listAppointmentTypes,
  listBlockoutTypes,
  loadExceptions,
  loadPracticeHolidays,
  loadWorkingIntervals,
  toBlockoutRule,
  toException,
  toOperatory,
  toProvider,
} from './schedule-repository';
import { readScheduleSettings, SCHEDULE_SETTINGS_ID, writeSettingsRow } from './schedule-settings';

/*
 * Setting the schedule up: chairs, providers, weekly hours, exceptions,
 * holidays, blockout types, blockouts and appointment types. Records with an
 * `active` flag are turned off, never deleted (appointments point at them);
 * dated entries (hours, exceptions, holidays, blockouts) are removed by
 * tombstone.
 */

const ALL: { dates: string[]; all: boolean } = { dates: [], all: true };
const nowIso = () => new Date().toISOString();

function invalid(field: string, key: string, params?: Record<string, string | number>): AppError {
  return new AppError('VALIDATION', 'errors.VALIDATION', { fields: { [field]: key }, ...(params ? { params } : {}) });
}

/* ------------------------------------------------------------ settings */

export async function updateSettings(store: Store, actor: Actor, input: Partial<ScheduleSettings>, notify: Notify): Promise<ScheduleSettings> {
  const next = await store.write(actor, async (tx) => {
    const current = await readScheduleSettings(tx.db);
    const merged = { ...current, ...input };
    if (timeToMinutes(merged.officeStart) >= timeToMinutes(merged.officeEnd)) throw invalid('officeEnd', 'validation.timeOrder');
    merged.officeDays = [...new Set(merged.officeDays)].sort();
    await writeSettingsRow(tx, SCHEDULE_SETTINGS_ID, merged, nowIso());
    await tx.audit({ action: 'schedule.settings.update', entity: 'settings', entityId: SCHEDULE_SETTINGS_ID, details: { fields: Object.keys(input) } });
    return merged;
  });
  notify(ALL);
  return next;
}

/* ------------------------------------------------------------ operatories */

export async function createOperatory(store: Store, actor: Actor, input: { name: string; sortOrder?: number }, notify: Notify) {
  const now = nowIso();
  const row = await store.write(actor, async (tx) => {
    const last = await tx.db.selectFrom('operatories').select((eb) => eb.fn.max('sort_order').as('n')).executeTakeFirst();
    const row: OperatoriesTable = { id: uuidv7(), name: input.name, sort_order: input.sortOrder ?? Number(last?.n ?? 0) + 1, active: 1, created_at: now, updated_at: now };
    await tx.insert('operatories', row);
    await tx.audit({ action: 'schedule.operatories.create', entity: 'operatory', entityId: row.id });
    return row;
  });
  notify(ALL);
  return toOperatory(row);
}

export async function updateOperatory(store: Store, actor: Actor, input: { id: string; name?: string; sortOrder?: number; active?: boolean }, notify: Notify) {
  const ctx = await loadContext(store.db);
  const row = await store.write(actor, async (tx) => {
    const row = await findOperatory(tx.db, input.id);
    if (!row) throw new AppError('NOT_FOUND');
    const fields: Partial<OperatoriesTable> = {};
    if (input.name !== undefined && input.name !== row.name) fields.name = input.name;
    if (input.sortOrder !== undefined && input.sortOrder !== row.sort_order) fields.sort_order = input.sortOrder;
    if (input.active !== undefined && (input.active ? 1 : 0) !== row.active) {
      if (!input.active) {
        const count = await futureAppointmentsCount(tx.db, 'operatory_id', row.id, ctx.today);
        if (count > 0) throw new AppError('CONFLICT', 'errors.OPERATORY_HAS_APPOINTMENTS', { params: { count } });
      }
      fields.active = input.active ? 1 : 0;
    }
    if (Object.keys(fields).length) await tx.update('operatories', row.id, { ...fields, updated_at: nowIso() });
    await tx.audit({ action: 'schedule.operatories.update', entity: 'operatory', entityId: row.id, details: { fields: Object.keys(fields) } });
    return { ...row, ...fields };
  });
  notify(ALL);
  return toOperatory(row);
}

/* ------------------------------------------------------------ providers */

async function checkProviderLinks(db: Db, input: { userId?: string | null; defaultOperatoryId?: string | null }) {
  if (input.userId) {
    const user = await db.selectFrom('users').select('id').where('id', '=', input.userId).executeTakeFirst();
    if (!user) throw invalid('userId', 'validation.userNotFound');
  }
  if (input.defaultOperatoryId) {
    const op = await findOperatory(db, input.defaultOperatoryId);
    if (!op || op.active !== 1) throw invalid('defaultOperatoryId', 'validation.operatoryInactive');
  }
}

export async function createProvider(store: Store, actor: Actor, input: ParsedInput<'schedule.providers.create'>, notify: Notify) {
  const now = nowIso();
  const row = await store.write(actor, async (tx) => {
    await checkProviderLinks(tx.db, input);
    const row: ProvidersTable = {
      id: uuidv7(),
      user_id: input.userId,
      given_names: input.givenNames,
      first_surname: input.firstSurname,
      second_surname: input.secondSurname,
      kind: input.kind,
      colour: input.colour,
      active: 1,
      created_at: now,
      updated_at: now,
      default_operatory_id: input.defaultOperatoryId,
      sort_order: input.sortOrder,
      registration_number: input.registrationNumber ?? '',
    };
    await tx.insert('providers', row);
    await tx.audit({ action: 'schedule.providers.create', entity: 'provider', entityId: row.id });
    return row;
  });
  notify(ALL);
  return toProvider(row);
}

export async function updateProvider(store: Store, actor: Actor, input: ParsedInput<'schedule.providers.update'>, notify: Notify) {
  const ctx = await loadContext(store.db);
  const row = await store.write(actor, async (tx) => {
    const row = await findProvider(tx.db, input.id);
    if (!row) throw new AppError('NOT_FOUND');
    await checkProviderLinks(tx.db, input);
    const fields: Partial<ProvidersTable> = {};
    const set = <K extends keyof ProvidersTable>(key: K, value: ProvidersTable[K] | undefined) => {
      if (value !== undefined && value !== row[key]) fields[key] = value;
    };
    set('given_names', input.givenNames);
    set('first_surname', input.firstSurname);
    set('second_surname', input.secondSurname);
    set('kind', input.kind);
    set('colour', input.colour);
    set('user_id', input.userId);
    set('default_operatory_id', input.defaultOperatoryId);
    set('sort_order', input.sortOrder);
    set('registration_number', input.registrationNumber);
    if (input.active !== undefined && (input.active ? 1 : 0) !== row.active) {
      if (!input.active) {
        const count = await futureAppointmentsCount(tx.db, 'provider_id', row.id, ctx.today);
        if (count > 0) throw new AppError('CONFLICT', 'errors.PROVIDER_HAS_APPOINTMENTS', { params: { count } });
      }
      fields.active = input.active ? 1 : 0;
    }
    if (Object.keys(fields).length) await tx.update('providers', row.id, { ...fields, updated_at: nowIso() });
    await tx.audit({ action: 'schedule.providers.update', entity: 'provider', entityId: row.id, details: { fields: Object.keys(fields) } });
    return { ...row, ...fields };
  });
  notify(ALL);
  return toProvider(row);
}

/* ------------------------------------------------------------ weekly hours */

export async function listHours(db: Db, providerId: string | undefined, date: string): Promise<CallOutput<'schedule.hours.list'>> {
  const rows = await loadWorkingIntervals(db, date, date);
  const providers = providerId ? [providerId] : (await db.selectFrom('providers').select('id').where('active', '=', 1).orderBy('sort_order').execute()).map((p) => p.id);
  return providers.map((id) => ({
    providerId: id,
    intervals: rows
      .filter((r) => r.providerId === id)
      .map((r) => ({ id: r.id!, weekday: r.weekday, start: r.start, end: r.end, operatoryId: r.operatoryId, validFrom: r.validFrom, validUntil: r.validUntil })),
  }));
}

export async function setHours(store: Store, actor: Actor, input: ParsedInput<'schedule.hours.set'>, notify: Notify): Promise<CallOutput<'schedule.hours.set'>> {
  const ctx = await loadContext(store.db);
  for (const [i, interval] of input.intervals.entries()) {
    if (timeToMinutes(interval.start) >= timeToMinutes(interval.end)) throw invalid(`intervals.${i}.end`, 'validation.timeOrder');
  }
  for (let weekday = 1; weekday <= 7; weekday++) {
    const day = input.intervals.filter((iv) => iv.weekday === weekday).map((iv) => [timeToMinutes(iv.start), timeToMinutes(iv.end)] as const);
    const total = day.reduce((sum, [s, e]) => sum + (e - s), 0);
    const merged = normalize(day).reduce((sum, [s, e]) => sum + (e - s), 0);
    if (merged !== total) throw invalid('intervals', 'validation.hoursOverlap', { weekday });
  }
  const now = nowIso();
  await store.write(actor, async (tx) => {
    const provider = await findProvider(tx.db, input.providerId);
    if (!provider) throw new AppError('NOT_FOUND');
    for (const interval of input.intervals) if (interval.operatoryId) await checkProviderLinks(tx.db, { defaultOperatoryId: interval.operatoryId });
    const existing = await tx.db.selectFrom('provider_hours').selectAll().where('provider_id', '=', input.providerId).where('deleted_at', 'is', null).execute();
    // The first hours ever set apply to every date; later changes from `validFrom` (today by default) on.
    const validFrom = existing.length === 0 ? (input.validFrom ?? null) : (input.validFrom ?? ctx.today);
    for (const row of existing) {
      if (validFrom === null || (row.valid_from !== null && row.valid_from >= validFrom)) {
        await tx.update('provider_hours', row.id, { deleted_at: now, updated_at: now });
      } else if (row.valid_until === null || row.valid_until >= validFrom) {
        await tx.update('provider_hours', row.id, { valid_until: addDays(validFrom, -1), updated_at: now });
      }
    }
    for (const interval of input.intervals) {
      await tx.insert('provider_hours', {
        id: uuidv7(),
        provider_id: input.providerId,
        weekday: interval.weekday,
        start_time: interval.start,
        end_time: interval.end,
        operatory_id: interval.operatoryId,
        valid_from: validFrom,
        valid_until: null,
        created_at: now,
        updated_at: now,
        deleted_at: null,
      });
    }
    await tx.audit({ action: 'schedule.hours.set', entity: 'provider', entityId: input.providerId, details: { intervals: input.intervals.length, validFrom } });
  });
  notify(ALL);
  const [hours] = await listHours(store.db, input.providerId, input.validFrom ?? ctx.today);
  return hours!;
}

/* ------------------------------------------------------------ exceptions */

type ExceptionDraft = ParsedInput<'schedule.exceptions.create'>;

function exceptionRow(draft: ExceptionDraft) {
  return {
    provider_id: draft.providerId,
    kind: draft.kind,
    start_date: draft.startDate,
    end_date: draft.endDate,
    start_time: draft.start,
    end_time: draft.end,
    note: draft.note,
  };
}

function exceptionDates(e: Pick<ProviderException, 'startDate' | 'endDate'>): { dates: string[]; all: boolean } {
  const dates: string[] = [];
  for (let d = e.startDate; d <= e.endDate && dates.length < 400; d = addDays(d, 1)) dates.push(d);
  return { dates, all: dates.length >= 400 };
}

export async function createException(store: Store, actor: Actor, draft: ExceptionDraft, notify: Notify) {
  const now = nowIso();
  const row = await store.write(actor, async (tx) => {
    if (!(await findProvider(tx.db, draft.providerId))) throw invalid('providerId', 'validation.providerInactive');
    const row = { id: uuidv7(), ...exceptionRow(draft), created_at: now, updated_at: now, deleted_at: null };
    await tx.insert('provider_exceptions', row);
    await tx.audit({ action: 'schedule.exceptions.create', entity: 'provider', entityId: draft.providerId, details: { exceptionId: row.id, kind: draft.kind } });
    return row;
  });
  const exception = toException(row);
  notify(exceptionDates(exception));
  return exception;
}

export async function updateException(store: Store, actor: Actor, id: string, draft: ExceptionDraft, notify: Notify) {
  const now = nowIso();
  const { before, after } = await store.write(actor, async (tx) => {
    const row = await tx.db.selectFrom('provider_exceptions').selectAll().where('id', '=', id).where('deleted_at', 'is', null).executeTakeFirst();
    if (!row) throw new AppError('NOT_FOUND');
    if (!(await findProvider(tx.db, draft.providerId))) throw invalid('providerId', 'validation.providerInactive');
    const fields = { ...exceptionRow(draft), updated_at: now };
    await tx.update('provider_exceptions', id, fields);
    await tx.audit({ action: 'schedule.exceptions.update', entity: 'provider', entityId: draft.providerId, details: { exceptionId: id } });
    return { before: toException(row), after: toException({ ...row, ...fields }) };
  });
  const a = exceptionDates(before);
  const b = exceptionDates(after);
  notify({ dates: [...new Set([...a.dates, ...b.dates])].slice(0, 400), all: a.all || b.all });
  return after;
}

export async function removeException(store: Store, actor: Actor, id: string, notify: Notify) {
  const now = nowIso();
  const before = await store.write(actor, async (tx) => {
    const row = await tx.db.selectFrom('provider_exceptions').selectAll().where('id', '=', id).where('deleted_at', 'is', null).executeTakeFirst();
    if (!row) throw new AppError('NOT_FOUND');
    await tx.update('provider_exceptions', id, { deleted_at: now, updated_at: now });
    await tx.audit({ action: 'schedule.exceptions.remove', entity: 'provider', entityId: row.provider_id, details: { exceptionId: id } });
    return toException(row);
  });
  notify(exceptionDates(before));
}

export function listExceptions(db: Db, input: { providerId?: string; from: string; to: string }) {
  return loadExceptions(db, input.from, input.to, input.providerId);
}

/* ------------------------------------------------------------ holidays */

export async function listHolidays(db: Db, year: number): Promise<CallOutput<'schedule.holidays.list'>> {
  const ctx = await loadContext(db);
  const from = `${year}-01-01`;
  const to = `${year}-12-31`;
  const map = effectiveHolidays(nationalHolidays(ctx.country, from, to), await loadPracticeHolidays(db, from, to));
  return [...map.values()]
    .sort((a, b) => (a.date < b.date ? -1 : 1))
    .map((h) => ({ date: h.date, name: h.name, nameEn: h.nameEn, source: h.source, id: h.id, closed: h.closed }));
}

async function holidayOut(db: Db, date: string) {
  const list = await listHolidays(db, Number(date.slice(0, 4)));
  return list.find((h) => h.date === date)!;
}

export async function createHoliday(store: Store, actor: Actor, input: { date: string; name: string; closed: boolean }, notify: Notify) {
  const now = nowIso();
  await store.write(actor, async (tx) => {
    const existing = await tx.db.selectFrom('practice_holidays').select('id').where('date', '=', input.date).where('deleted_at', 'is', null).executeTakeFirst();
    if (existing) throw new AppError('CONFLICT', 'errors.HOLIDAY_EXISTS');
    const id = uuidv7();
    await tx.insert('practice_holidays', { id, date: input.date, name: input.name, closed: input.closed ? 1 : 0, created_at: now, updated_at: now, deleted_at: null });
    await tx.audit({ action: 'schedule.holidays.create', entity: 'holiday', entityId: id, details: { date: input.date, closed: input.closed } });
  });
  notify(changedDates(input.date));
  return holidayOut(store.db, input.date);
}

export async function updateHoliday(store: Store, actor: Actor, input: { id: string; name?: string; closed?: boolean }, notify: Notify) {
  const now = nowIso();
  const date = await store.write(actor, async (tx) => {
    const row = await tx.db.selectFrom('practice_holidays').selectAll().where('id', '=', input.id).where('deleted_at', 'is', null).executeTakeFirst();
    if (!row) throw new AppError('NOT_FOUND');
    const fields: { name?: string; closed?: number } = {};
    if (input.name !== undefined && input.name !== row.name) fields.name = input.name;
    if (input.closed !== undefined && (input.closed ? 1 : 0) !== row.closed) fields.closed = input.closed ? 1 : 0;
    if (Object.keys(fields).length) await tx.update('practice_holidays', row.id, { ...fields, updated_at: now });
    await tx.audit({ action: 'schedule.holidays.update', entity: 'holiday', entityId: row.id, details: { fields: Object.keys(fields) } });
    return row.date;
  });
  notify(changedDates(date));
  return holidayOut(store.db, date);
}

export async function removeHoliday(store: Store, actor: Actor, id: string, notify: Notify) {
  const now = nowIso();
  const date = await store.write(actor, async (tx) => {
    const row = await tx.db.selectFrom('practice_holidays').selectAll().where('id', '=', id).where('deleted_at', 'is', null).executeTakeFirst();
    if (!row) throw new AppError('NOT_FOUND');
    await tx.update('practice_holidays', id, { deleted_at: now, updated_at: now });
    await tx.audit({ action: 'schedule.holidays.remove', entity: 'holiday', entityId: id, details: { date: row.date } });
    return row.date;
  });
  notify(changedDates(date));
}

/* ------------------------------------------------------------ blockout types and appointment types */

const toBlockoutType = (r: { id: string; name: string; colour: string; forbids_booking: number; active: number }) => ({
  id: r.id,
  name: r.name,
  colour: r.colour,
  forbidsBooking: r.forbids_booking === 1,
  active: r.active === 1,
});

const toType = (r: { id: string; name: string; duration_min: number; colour: string; sort_order: number; active: number }) => ({
  id: r.id,
  name: r.name,
  durationMin: r.duration_min,
  colour: r.colour,
  sortOrder: r.sort_order,
  active: r.active === 1,
});

export async function listBlockoutTypesOut(db: Db, includeInactive: boolean) {
  return (await listBlockoutTypes(db, includeInactive)).map(toBlockoutType);
}

export async function createBlockoutType(store: Store, actor: Actor, input: { name: string; colour: string; forbidsBooking: boolean }, notify: Notify) {
  const now = nowIso();
  const row = { id: uuidv7(), name: input.name, colour: input.colour, forbids_booking: input.forbidsBooking ? 1 : 0, active: 1, created_at: now, updated_at: now };
  await store.write(actor, async (tx) => {
    await tx.insert('blockout_types', row);
    await tx.audit({ action: 'schedule.blockoutTypes.create', entity: 'blockout_type', entityId: row.id });
  });
  notify(ALL);
  return toBlockoutType(row);
}

export async function updateBlockoutType(store: Store, actor: Actor, input: ParsedInput<'schedule.blockoutTypes.update'>, notify: Notify) {
  const row = await store.write(actor, async (tx) => {
    const row = await findBlockoutType(tx.db, input.id);
    if (!row) throw new AppError('NOT_FOUND');
    const fields: Partial<typeof row> = {};
    if (input.name !== undefined && input.name !== row.name) fields.name = input.name;
    if (input.colour !== undefined && input.colour !== row.colour) fields.colour = input.colour;
    if (input.forbidsBooking !== undefined && (input.forbidsBooking ? 1 : 0) !== row.forbids_booking) fields.forbids_booking = input.forbidsBooking ? 1 : 0;
    if (input.active !== undefined && (input.active ? 1 : 0) !== row.active) fields.active = input.active ? 1 : 0;
    if (Object.keys(fields).length) await tx.update('blockout_types', row.id, { ...fields, updated_at: nowIso() });
    await tx.audit({ action: 'schedule.blockoutTypes.update', entity: 'blockout_type', entityId: row.id, details: { fields: Object.keys(fields) } });
    return { ...row, ...fields };
  });
  notify(ALL);
  return toBlockoutType(row);
}

export async function listTypesOut(db: Db, includeInactive: boolean) {
  return (await listAppointmentTypes(db, includeInactive)).map(toType);
}

export async function createType(store: Store, actor: Actor, input: ParsedInput<'schedule.types.create'>, notify: Notify) {
  const now = nowIso();
  const row = await store.write(actor, async (tx) => {
    const last = await tx.db.selectFrom('appointment_types').select((eb) => eb.fn.max('sort_order').as('n')).executeTakeFirst();
    const row = {
      id: uuidv7(),
      name: input.name,
      duration_min: input.durationMin,
      colour: input.colour,
      sort_order: input.sortOrder ?? Number(last?.n ?? 0) + 1,
      active: 1,
      created_at: now,
      updated_at: now,
    };
    await tx.insert('appointment_types', row);
    await tx.audit({ action: 'schedule.types.create', entity: 'appointment_type', entityId: row.id });
    return row;
  });
  notify(ALL);
  return toType(row);
}

export async function updateType(store: Store, actor: Actor, input: ParsedInput<'schedule.types.update'>, notify: Notify) {
  const row = await store.write(actor, async (tx) => {
    const row = await tx.db.selectFrom('appointment_types').selectAll().where('id', '=', input.id).executeTakeFirst();
    if (!row) throw new AppError('NOT_FOUND');
    const fields: Partial<typeof row> = {};
    if (input.name !== undefined && input.name !== row.name) fields.name = input.name;
    if (input.durationMin !== undefined && input.durationMin !== row.duration_min) fields.duration_min = input.durationMin;
    if (input.colour !== undefined && input.colour !== row.colour) fields.colour = input.colour;
    if (input.sortOrder !== undefined && input.sortOrder !== row.sort_order) fields.sort_order = input.sortOrder;
    if (input.active !== undefined && (input.active ? 1 : 0) !== row.active) fields.active = input.active ? 1 : 0;
    if (Object.keys(fields).length) await tx.update('appointment_types', row.id, { ...fields, updated_at: nowIso() });
    await tx.audit({ action: 'schedule.types.update', entity: 'appointment_type', entityId: row.id, details: { fields: Object.keys(fields) } });
    return { ...row, ...fields };
  });
  notify(ALL);
  return toType(row);
}

/* ------------------------------------------------------------ blockouts */

type BlockoutDraft = ParsedInput<'schedule.blockouts.create'>;

function blockoutFields(draft: BlockoutDraft): Omit<BlockoutsTable, 'id' | 'created_at' | 'updated_at' | 'deleted_at'> {
  const startDate = draft.startLocal.slice(0, 10);
  const endDate = draft.weekdays ? (draft.untilDate ?? FAR_FUTURE) : draft.endLocal.slice(0, 10);
  return {
    type_id: draft.typeId,
    operatory_id: draft.operatoryId,
    provider_id: draft.providerId,
    start_local: draft.startLocal,
    end_local: draft.endLocal,
    start_date: startDate,
    end_date: endDate,
    weekdays: draft.weekdays ? [...new Set(draft.weekdays)].sort().join(',') : null,
    until_date: draft.weekdays ? draft.untilDate : null,
    note: draft.note,
  };
}

async function checkBlockoutLinks(db: Db, draft: BlockoutDraft) {
  const type = await findBlockoutType(db, draft.typeId);
  if (!type || type.active !== 1) throw invalid('typeId', 'validation.typeInactive');
  if (draft.operatoryId && !(await findOperatory(db, draft.operatoryId))) throw invalid('operatoryId', 'validation.operatoryInactive');
  if (draft.providerId && !(await findProvider(db, draft.providerId))) throw invalid('providerId', 'validation.providerInactive');
  return type;
}

function blockoutChange(b: Pick<BlockoutsTable, 'start_date' | 'end_date' | 'weekdays'>): { dates: string[]; all: boolean } {
  if (b.weekdays || b.end_date === FAR_FUTURE) return ALL;
  const dates: string[] = [];
  for (let d = b.start_date; d <= b.end_date && dates.length < 400; d = addDays(d, 1)) dates.push(d);
  return { dates, all: dates.length >= 400 };
}

export async function listBlockouts(db: Db, from: string, to: string): Promise<CallOutput<'schedule.blockouts.list'>> {
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

export async function createBlockout(store: Store, actor: Actor, draft: BlockoutDraft, notify: Notify) {
  const now = nowIso();
  const { row, type } = await store.write(actor, async (tx) => {
    const type = await checkBlockoutLinks(tx.db, draft);
    const row: BlockoutsTable = { id: uuidv7(), ...blockoutFields(draft), created_at: now, updated_at: now, deleted_at: null };
    await tx.insert('blockouts', row);
    await tx.audit({ action: 'schedule.blockouts.create', entity: 'blockout', entityId: row.id });
    return { row, type };
  });
  notify(blockoutChange(row));
  return toBlockoutRule(row, type);
}

export async function updateBlockout(store: Store, actor: Actor, id: string, draft: BlockoutDraft, notify: Notify) {
  const now = nowIso();
  const { before, after, type } = await store.write(actor, async (tx) => {
    const row = await tx.db.selectFrom('blockouts').selectAll().where('id', '=', id).where('deleted_at', 'is', null).executeTakeFirst();
    if (!row) throw new AppError('NOT_FOUND');
    const type = await checkBlockoutLinks(tx.db, draft);
    const fields = { ...blockoutFields(draft), updated_at: now };
    await tx.update('blockouts', id, fields);
    await tx.audit({ action: 'schedule.blockouts.update', entity: 'blockout', entityId: id });
    return { before: row, after: { ...row, ...fields }, type };
  });
  const a = blockoutChange(before);
  const b = blockoutChange(after);
  notify(a.all || b.all ? ALL : { dates: [...new Set([...a.dates, ...b.dates])].slice(0, 400), all: false });
  return toBlockoutRule(after, type);
}

export async function removeBlockout(store: Store, actor: Actor, id: string, notify: Notify) {
  const now = nowIso();
  const row = await store.write(actor, async (tx) => {
    const row = await tx.db.selectFrom('blockouts').selectAll().where('id', '=', id).where('deleted_at', 'is', null).executeTakeFirst();
    if (!row) throw new AppError('NOT_FOUND');
    await tx.update('blockouts', id, { deleted_at: now, updated_at: now });
    await tx.audit({ action: 'schedule.blockouts.remove', entity: 'blockout', entityId: id });
    return row;
  });
  notify(blockoutChange(row));
}
