import { type Insertable, sql } from 'kysely';
import { Availability, type BlockoutRule, type ProviderException, type WorkingInterval } from '../../shared/schedule/availability';
import { type Interval, normalize, subtract } from '../../shared/schedule/intervals';
import { scheduleTexts } from '../../shared/schedule/texts';
import { addDays, dateFromDayNumber, dayNumber, isoWeekday, minutesToTime, ZoneCalendar } from '../../shared/schedule/time';
import type {
  AppointmentsTable,
  AppointmentStatusHistoryTable,
  AppointmentTypesTable,
  BlockoutsTable,
  BlockoutTypesTable,
  PracticeHolidaysTable,
  ProviderExceptionsTable,
  ProviderHoursTable,
  ProvidersTable,
  ReminderLogTable,
  Schema,
  SyncedTable,
  WaitlistTable,
} from '../db/schema';
import { FAR_FUTURE } from '../schedule/schedule-repository';
import { DEFAULT_SCHEDULE_SETTINGS, SCHEDULE_SETTINGS_ID } from '../schedule/schedule-settings';
import type { DemoContext, DemoStep } from './generate-demo';
import { Random, seededUuidV7 } from './random';

/*
 * The demo's schedule: ten years of a practice whose 8 chairs run full days.
 * Each chair has its provider (the staff's dentists and hygienists, and
 * visiting specialists without an account when there are more chairs than
 * staff), working Monday to Friday 09:00–19:00 with lunch 13:00–14:00 (a
 * recurring blockout) and some Saturday mornings, two weeks of summer
 * vacation a year, the odd day off, a monthly staff meeting, chair
 * maintenance, the practice's own closing days, and the national holidays.
 * Past appointments are mostly completed, with no-shows (~4 %) and
 * cancellations (~6 %, many of whose slots were given to someone else);
 * future ones thin out over the three months ahead. Each appointment carries
 * one status fact (its current status, who set it and when); the reminders
 * of the next days, some pinboard cards and an ASAP list complete it.
 *
 * Everything comes from the step's own random streams, so adding it leaves
 * the other steps' data unchanged, and the same seed gives the same schedule.
 */

/** Bump when what this step generates changes. */
export const SCHEDULE_DEMO_VERSION = 3;

/** What the step needs from the demo's context; the benchmark builds the same from an existing demo. */
export type ScheduleDemoContext = Pick<
  DemoContext,
  'store' | 'actor' | 'seed' | 'anchorMs' | 'profile' | 'providers' | 'operatories' | 'patients' | 'counts' | 'random' | 'progress'
>;

export interface ScheduleDemoOptions {
  /** History before the anchor; the large demo keeps ten years, the small one a few months. */
  monthsBack?: number;
  monthsAhead?: number;
}

const ZONE = 'America/Santiago';
const CHUNK = 2_000;
const DAY_MS = 86_400_000;

const SPECIALISTS: Omit<ProvidersTable, 'id' | 'created_at' | 'updated_at'>[] = [
  { user_id: null, given_names: 'Valentina', first_surname: 'Muñoz', second_surname: 'Lagos', kind: 'specialist', colour: '#db2777', active: 1 },
  { user_id: null, given_names: 'Sebastián', first_surname: 'Castro', second_surname: 'Pizarro', kind: 'specialist', colour: '#65a30d', active: 1 },
  { user_id: null, given_names: 'Fernanda', first_surname: 'Reyes', second_surname: 'Olivares', kind: 'specialist', colour: '#0d9488', active: 1 },
  { user_id: null, given_names: 'Ignacio', first_surname: 'Vargas', second_surname: 'Cortés', kind: 'specialist', colour: '#7c3aed', active: 1 },
];

/** Extra types the demo uses beyond the shipped defaults. */
const EXTRA_TYPES = [
  { name: 'Control de ortodoncia', durationMin: 20, colour: '#db2777' },
  { name: 'Corona', durationMin: 60, colour: '#b45309' },
  { name: 'Blanqueamiento', durationMin: 60, colour: '#0ea5e9' },
];

/** What each kind of provider books, by weight. */
const MIX: Record<string, [string, number][]> = {
  dentist: [
    ['Control', 30],
    ['Obturación', 28],
    ['Evaluación inicial', 12],
    ['Extracción', 8],
    ['Endodoncia', 8],
    ['Urgencia', 8],
    ['Corona', 6],
  ],
  hygienist: [
    ['Limpieza', 75],
    ['Control', 15],
    ['Blanqueamiento', 10],
  ],
  specialist: [
    ['Control de ortodoncia', 60],
    ['Endodoncia', 25],
    ['Evaluación inicial', 15],
  ],
};

const NOTES = ['Paciente ansioso: explicar cada paso', 'Trae radiografías', 'Control post-operatorio', 'Prefiere anestesia tópica', 'Viene con su hijo', 'Pide factura'];
const CANCEL_REASONS = ['patient_request', 'patient_request', 'patient_illness', 'practice_request', 'provider_unavailable', 'weather', 'other'];

/** Election days (national holidays by law; all Sundays) and the practice's own closing days. */
const ELECTIONS = ['2017-11-19', '2017-12-17', '2020-10-25', '2021-05-16', '2021-11-21', '2021-12-19', '2022-09-04', '2023-05-07', '2023-12-17', '2024-10-27', '2025-11-16', '2025-12-14'];

type Row<T extends SyncedTable> = Insertable<Schema[T]> & { id: string };

/** Through the write path, a chunk per transaction, like the demo's insertInChunks. */
async function insertRows<T extends SyncedTable>(ctx: ScheduleDemoContext, table: T, rows: readonly Row<T>[], entity: string): Promise<void> {
  for (let start = 0; start < rows.length; start += CHUNK) {
    const chunk = rows.slice(start, start + CHUNK);
    await ctx.store.write(ctx.actor, async (tx) => {
      for (const row of chunk) await tx.insert(table, row);
      await tx.audit({ action: 'demo.seed', entity, details: { table, count: chunk.length, firstId: chunk[0]!.id, lastId: chunk[chunk.length - 1]!.id } });
    });
  }
  ctx.counts[table] = (ctx.counts[table] ?? 0) + rows.length;
}

function pickWeighted<T>(random: Random, items: readonly [T, number][]): T {
  const total = items.reduce((s, [, w]) => s + w, 0);
  let r = random.next() * total;
  for (const [value, weight] of items) {
    r -= weight;
    if (r < 0) return value;
  }
  return items[items.length - 1]![0];
}

const isoAt = (ms: number) => new Date(ms).toISOString();

export async function generateScheduleDemo(ctx: ScheduleDemoContext, options: ScheduleDemoOptions = {}): Promise<void> {
  const random = ctx.random('schedule');
  const ids = ctx.random('schedule/ids');
  const large = ctx.profile.patients >= 10_000;
  const monthsBack = options.monthsBack ?? (large ? 120 : 3);
  const monthsAhead = options.monthsAhead ?? 3;
  const calendar = new ZoneCalendar(ZONE);
  const anchorDate = calendar.today(ctx.anchorMs);
  const firstDate = addDays(anchorDate, -Math.round(monthsBack * 30.44));
  const lastDate = addDays(anchorDate, Math.round(monthsAhead * 30.44));
  const openedMs = calendar.utc(`${firstDate}T08:00`) - 30 * DAY_MS;
  const setupAt = isoAt(openedMs);
  const id = (ms: number) => seededUuidV7(ids, ms);

  /* ---------------------------------------------------------- settings, types */
  await ctx.store.write(ctx.actor, async (tx) => {
    const settings = {
      ...DEFAULT_SCHEDULE_SETTINGS,
      gridMinutes: 10,
      officeStart: '08:30',
      officeEnd: '19:30',
      officeDays: [1, 2, 3, 4, 5, 6],
      address: 'Av. Providencia 1650, oficina 402, Providencia, Santiago',
      phone: '+56 2 2234 5678',
    };
    await tx.insert('settings', { id: SCHEDULE_SETTINGS_ID, value: JSON.stringify(settings), updated_at: setupAt });
    await tx.audit({ action: 'demo.seed', entity: 'settings', details: { table: 'settings', id: SCHEDULE_SETTINGS_ID } });
  });

  const texts = scheduleTexts('es').defaults;
  const types: AppointmentTypesTable[] = [...texts.appointmentTypes, ...EXTRA_TYPES].map((t, i) => ({
    id: id(openedMs),
    name: t.name,
    duration_min: t.durationMin,
    colour: t.colour,
    sort_order: i + 1,
    active: 1,
    created_at: setupAt,
    updated_at: setupAt,
  }));
  await insertRows(ctx, 'appointment_types', types, 'appointment_type');
  const typeByName = new Map(types.map((t) => [t.name, t]));

  const blockoutTypes: BlockoutTypesTable[] = texts.blockoutTypes.map((t) => ({
    id: id(openedMs),
    name: t.name,
    colour: t.colour,
    forbids_booking: t.forbidsBooking ? 1 : 0,
    active: 1,
    created_at: setupAt,
    updated_at: setupAt,
  }));
  await insertRows(ctx, 'blockout_types', blockoutTypes, 'blockout_type');
  const [lunchType, urgentType, meetingType, maintenanceType] = blockoutTypes as [BlockoutTypesTable, BlockoutTypesTable, BlockoutTypesTable, BlockoutTypesTable];

  /* ---------------------------------------------------------- providers and their chairs */
  const specialists: ProvidersTable[] = [];
  for (let i = 0; ctx.providers.length + specialists.length < ctx.operatories.length && i < SPECIALISTS.length; i++) {
    specialists.push({ ...SPECIALISTS[i]!, id: id(openedMs), created_at: setupAt, updated_at: setupAt, default_operatory_id: null, sort_order: 0 });
  }
  await insertRows(ctx, 'providers', specialists, 'provider');
  ctx.providers.push(...specialists);
  const staffed = ctx.providers.slice(0, ctx.operatories.length);
  await ctx.store.write(ctx.actor, async (tx) => {
    for (const [i, p] of staffed.entries()) {
      await tx.update('providers', p.id, { default_operatory_id: ctx.operatories[i]!.id, sort_order: i + 1, updated_at: setupAt });
      p.default_operatory_id = ctx.operatories[i]!.id;
      p.sort_order = i + 1;
    }
    await tx.audit({ action: 'demo.seed', entity: 'provider', details: { table: 'providers', chairs: staffed.length } });
  });

  /* ---------------------------------------------------------- hours, exceptions, holidays, blockouts */
  const hours: ProviderHoursTable[] = [];
  for (const [i, p] of staffed.entries()) {
    const chair = ctx.operatories[i]!.id;
    for (let weekday = 1; weekday <= 5; weekday++) {
      hours.push(hoursRow(id(openedMs), p.id, weekday, '09:00', '19:00', chair, setupAt));
    }
    // Saturday mornings: every other chair.
    if (i % 2 === 0) hours.push(hoursRow(id(openedMs), p.id, 6, '09:00', '14:00', chair, setupAt));
  }
  await insertRows(ctx, 'provider_hours', hours, 'provider');

  const exceptions: ProviderExceptionsTable[] = [];
  const firstYear = Number(firstDate.slice(0, 4));
  const lastYear = Number(lastDate.slice(0, 4));
  for (const p of staffed) {
    for (let year = firstYear; year <= lastYear; year++) {
      // Two weeks of summer vacation, in January or February.
      const firstMonday = addDays(`${year}-01-05`, (8 - isoWeekday(`${year}-01-05`)) % 7);
      const start = addDays(firstMonday, random.int(0, 6) * 7);
      exceptions.push(exceptionRow(id(Date.parse(`${year - 1}-11-15T12:00:00Z`)), p.id, 'off', start, addDays(start, 13), null, null, 'Vacaciones', setupAt));
      // A few single days off (a course, a medical appointment), and one afternoon.
      for (let k = 0; k < 3; k++) {
        const day = addDays(`${year}-03-01`, random.int(0, 270));
        exceptions.push(exceptionRow(id(Date.parse(`${year}-02-20T12:00:00Z`)), p.id, 'off', day, day, null, null, random.pick(['Curso', 'Trámite personal', 'Congreso']), setupAt));
      }
      const afternoon = addDays(`${year}-04-01`, random.int(0, 200));
      exceptions.push(exceptionRow(id(Date.parse(`${year}-03-20T12:00:00Z`)), p.id, 'off', afternoon, afternoon, '15:00', '19:00', 'Médico', setupAt));
    }
  }
  const inRange = (e: ProviderExceptionsTable) => e.end_date >= firstDate && e.start_date <= lastDate;
  await insertRows(ctx, 'provider_exceptions', exceptions.filter(inRange), 'provider');

  const practiceHolidays: PracticeHolidaysTable[] = ELECTIONS.filter((d) => d >= firstDate && d <= lastDate).map((date) => ({
    id: id(Date.parse(`${date}T12:00:00Z`) - 60 * DAY_MS),
    date,
    name: 'Elecciones',
    closed: 1,
    created_at: setupAt,
    updated_at: setupAt,
    deleted_at: null,
  }));
  for (let year = firstYear; year <= lastYear; year++) {
    // The practice's anniversary: closed on the second Friday of March.
    const date = addDays(`${year}-03-01`, ((5 - isoWeekday(`${year}-03-01`) + 7) % 7) + 7);
    if (date >= firstDate && date <= lastDate) {
      practiceHolidays.push({ id: id(Date.parse(`${year}-01-10T12:00:00Z`)), date, name: 'Aniversario de la clínica', closed: 1, created_at: setupAt, updated_at: setupAt, deleted_at: null });
    }
  }
  await insertRows(ctx, 'practice_holidays', practiceHolidays, 'holiday');

  const blockouts: BlockoutsTable[] = [];
  for (const p of staffed) {
    blockouts.push(blockoutRow(id(openedMs), lunchType.id, null, p.id, `${firstDate}T13:00`, `${firstDate}T14:00`, '1,2,3,4,5', null, '', setupAt));
  }
  // One chair keeps its last hour of the afternoon for emergencies.
  blockouts.push(blockoutRow(id(openedMs), urgentType.id, ctx.operatories[0]!.id, null, `${firstDate}T18:00`, `${firstDate}T19:00`, '1,2,3,4,5', null, '', setupAt));
  for (let m = dayNumber(firstDate); m <= dayNumber(lastDate); m += 1) {
    const date = dateFromDayNumber(m);
    // The staff meeting: the last Friday of each month, 17:00–19:00, the whole practice.
    if (isoWeekday(date) === 5 && addDays(date, 7).slice(5, 7) !== date.slice(5, 7)) {
      blockouts.push(blockoutRow(id(calendar.utc(`${date}T08:00`) - 20 * DAY_MS), meetingType.id, null, null, `${date}T17:00`, `${date}T19:00`, null, null, 'Reunión clínica mensual', setupAt));
    }
    // Chair maintenance: each chair one morning a year, in July.
    if (date.slice(5) === '07-01') {
      for (const [i, op] of ctx.operatories.entries()) {
        const day = addDays(date, i + (isoWeekday(addDays(date, i)) >= 6 ? 2 : 0));
        blockouts.push(blockoutRow(id(calendar.utc(`${day}T08:00`) - 30 * DAY_MS), maintenanceType.id, op.id, null, `${day}T09:00`, `${day}T11:00`, null, null, 'Mantención preventiva', setupAt));
      }
    }
  }
  await insertRows(ctx, 'blockouts', blockouts, 'blockout');

  /* ---------------------------------------------------------- appointments */
  const availability = new Availability({
      calendar,
      country: 'CL',
      office: { start: 8 * 60 + 30, end: 19 * 60 + 30, weekdays: [1, 2, 3, 4, 5, 6] },
      hours: hours.map((h): WorkingInterval => ({ providerId: h.provider_id, weekday: h.weekday, start: h.start_time, end: h.end_time, operatoryId: h.operatory_id, validFrom: null, validUntil: null })),
      exceptions: exceptions.filter(inRange).map(
        (e): ProviderException => ({ id: e.id, providerId: e.provider_id, kind: e.kind as 'off', startDate: e.start_date, endDate: e.end_date, start: e.start_time, end: e.end_time, note: e.note }),
      ),
      practiceHolidays: practiceHolidays.map((h) => ({ id: h.id, date: h.date, name: h.name, closed: true })),
      blockouts: blockouts.map(
        (b): BlockoutRule => ({
          id: b.id,
          typeId: b.type_id,
          typeName: '',
          colour: '',
          forbidsBooking: b.type_id !== urgentType.id,
          operatoryId: b.operatory_id,
          providerId: b.provider_id,
          startLocal: b.start_local,
          endLocal: b.end_local,
          weekdays: b.weekdays ? b.weekdays.split(',').map(Number) : null,
          untilDate: b.until_date,
          note: b.note,
        }),
      ),
  });

  const patients = [...ctx.patients].filter((p) => p.deleted_at === null).sort((a, b) => (a.created_at < b.created_at ? -1 : a.created_at > b.created_at ? 1 : 0));
  const registeredBy = patients.map((p) => p.created_at);
  /** How many patients were registered by an instant (binary search). */
  const registered = (iso: string) => {
    let lo = 0;
    let hi = registeredBy.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (registeredBy[mid]! <= iso) lo = mid + 1;
      else hi = mid;
    }
    return Math.max(lo, Math.min(50, patients.length));
  };

  const totalDays = dayNumber(lastDate) - dayNumber(firstDate) + 1;
  const adminId = ctx.actor.userId;
  const userOf = new Map(staffed.map((p) => [p.id, p.user_id]));
  let appointmentsTotal = 0;
  const upcoming: AppointmentsTable[] = [];

  // A year at a time, so the rows of ten years never sit in memory at once.
  for (let yearStart = dayNumber(firstDate); yearStart <= dayNumber(lastDate); yearStart += 366) {
    const rows: AppointmentsTable[] = [];
    const facts: AppointmentStatusHistoryTable[] = [];
    for (let d = yearStart; d < Math.min(yearStart + 366, dayNumber(lastDate) + 1); d++) {
      const date = dateFromDayNumber(d);
      if (availability.isClosed(date)) continue;
      const daysAhead = d - dayNumber(anchorDate);
      // Past days are full; the months ahead fill up less the further they are.
      const fill = daysAhead <= 0 ? 0.95 : Math.max(0.04, 0.92 * (1 - daysAhead / 95));
      const seenToday = new Set<string>();
      const day = calendar.day(date);
      for (const [i, provider] of staffed.entries()) {
        const operatoryId = ctx.operatories[i]!.id;
        let free: Interval[] = normalize(availability.workingMinutes(provider.id, date));
        // Every blockout stays free, the emergencies-only hour included (walk-ins are not in the demo).
        const blocked = availability.blockoutsFor(date, { providerId: provider.id, operatoryId }).map((b) => [b.startMin, b.endMin] as const);
        free = subtract(free, normalize(blocked));
        const mix = MIX[provider.kind] ?? MIX.dentist!;
        for (const [s, e] of free) {
          let t = s;
          while (t < e) {
            let type = typeByName.get(pickWeighted(random, mix))!;
            if (t + type.duration_min > e) {
              // The end of a stretch: something shorter that still fits, so the day runs full.
              const fitting = mix.map(([name]) => typeByName.get(name)!).filter((x) => t + x.duration_min <= e);
              if (fitting.length === 0) break;
              type = random.pick(fitting);
            }
            const length = type.duration_min;
            if (random.next() > fill) {
              t += random.pick([10, 20, 30]);
              continue;
            }
            const startLocal = `${date}T${minutesToTime(t)}`;
            const startMs = day.utc(t);
            const created = startMs - random.int(1, 45) * DAY_MS - random.int(0, 8) * 3_600_000;
            const pool = registered(isoAt(Math.min(created, startMs)));
            let patient = patients[random.int(0, pool - 1)]!;
            for (let tries = 0; seenToday.has(patient.id) && tries < 5; tries++) patient = patients[random.int(0, pool - 1)]!;
            seenToday.add(patient.id);
            const appointment = makeAppointment(random, {
              id: id(created),
              patientId: patient.id,
              providerId: provider.id,
              operatoryId,
              type,
              startLocal,
              startMs,
              createdMs: created,
              daysAhead,
            });
            rows.push(appointment);
            facts.push({
              id: id(Date.parse(appointment.status_at)),
              appointment_id: appointment.id,
              status: appointment.status,
              reason: appointment.status === 'cancelled' ? random.pick(CANCEL_REASONS) : null,
              note: '',
              at: appointment.status_at,
              by_user_id: appointment.status === 'completed' ? (userOf.get(provider.id) ?? adminId) : adminId,
            });
            // A cancelled slot was often given to someone from the waitlist.
            if (appointment.status === 'cancelled' && daysAhead < 0 && random.chance(0.4)) {
              const other = patients[random.int(0, pool - 1)]!;
              const refill = makeAppointment(random, {
                id: id(Date.parse(appointment.status_at) + 3_600_000),
                patientId: other.id,
                providerId: provider.id,
                operatoryId,
                type,
                startLocal,
                startMs,
                createdMs: Math.min(Date.parse(appointment.status_at) + 3_600_000, startMs - 3_600_000),
                daysAhead,
                noCancel: true,
              });
              rows.push(refill);
              facts.push({ id: id(Date.parse(refill.status_at)), appointment_id: refill.id, status: refill.status, reason: null, note: '', at: refill.status_at, by_user_id: adminId });
            }
            if (daysAhead > 0 && daysAhead <= 3) upcoming.push(appointment);
            t += length;
          }
        }
      }
      ctx.progress(d - dayNumber(firstDate) + 1, totalDays);
    }
    await insertRows(ctx, 'appointments', rows, 'appointment');
    await insertRows(ctx, 'appointment_status_history', facts, 'appointment');
    appointmentsTotal += rows.length;
  }

  /* ---------------------------------------------------------- reminders of the next days, pinboard, waitlist */
  const reminders: ReminderLogTable[] = [];
  for (const a of upcoming) {
    if (a.confirmation === 'not_sent') continue;
    const at = Date.parse(`${anchorDate}T13:00:00Z`) - random.int(0, 20) * 3_600_000;
    reminders.push({
      id: id(at),
      appointment_id: a.id,
      patient_id: a.patient_id,
      kind: 'reminder',
      channel: random.chance(0.85) ? 'whatsapp' : 'phone',
      answer: a.confirmation === 'confirmed' ? 'confirmed' : a.confirmation === 'reschedule' ? 'reschedule' : null,
      language: 'es',
      at: isoAt(at),
      by_user_id: adminId,
    });
  }
  await insertRows(ctx, 'reminder_log', reminders, 'appointment');

  const future = upcoming.filter((a) => a.status === 'scheduled');
  await ctx.store.write(ctx.actor, async (tx) => {
    for (const a of future.slice(0, 3)) await tx.update('appointments', a.id, { pinboard: 1, updated_at: isoAt(ctx.anchorMs) });
    await tx.audit({ action: 'demo.seed', entity: 'appointment', details: { pinboard: Math.min(3, future.length) } });
  });

  const waitlist: WaitlistTable[] = [];
  const recent = registered(isoAt(ctx.anchorMs));
  for (let i = 0; i < (large ? 40 : 8); i++) {
    const patient = patients[random.int(0, recent - 1)]!;
    const createdMs = ctx.anchorMs - random.int(1, 40) * DAY_MS;
    const provider = random.chance(0.6) ? random.pick(staffed) : null;
    waitlist.push({
      id: id(createdMs),
      patient_id: patient.id,
      provider_id: provider?.id ?? null,
      type_id: random.chance(0.5) ? random.pick(types).id : null,
      duration_min: random.chance(0.5) ? random.pick([30, 45, 60]) : null,
      weekdays: random.chance(0.5) ? [...new Set([random.int(1, 5), random.int(1, 5)])].sort().join(',') : '',
      time_of_day: random.pick(['any', 'any', 'morning', 'afternoon']),
      from_date: null,
      until_date: random.chance(0.3) ? addDays(anchorDate, random.int(20, 80)) : null,
      notes: random.pick(['', '', 'Puede venir con una hora de aviso', 'Solo después de las 17:00', 'Prefiere la Dra. González']),
      removed_reason: null,
      created_at: isoAt(createdMs),
      updated_at: isoAt(createdMs),
      deleted_at: null,
    });
  }
  await insertRows(ctx, 'waitlist', waitlist, 'patient');
  ctx.counts.appointments = appointmentsTotal;
}

interface AppointmentSeed {
  id: string;
  patientId: string;
  providerId: string;
  operatoryId: string;
  type: AppointmentTypesTable;
  startLocal: string;
  startMs: number;
  createdMs: number;
  daysAhead: number;
  noCancel?: boolean;
}

function makeAppointment(random: Random, s: AppointmentSeed): AppointmentsTable {
  const created = isoAt(s.createdMs);
  const endMs = s.startMs + s.type.duration_min * 60_000;
  let status = 'scheduled';
  let statusAt = created;
  let arrivedAt: string | null = null;
  let confirmation = 'not_sent';
  let rebook: string | null = null;
  const r = random.next();
  if (s.daysAhead < 0) {
    if (!s.noCancel && r < 0.06) {
      status = 'cancelled';
      statusAt = isoAt(Math.max(s.createdMs + 60_000, s.startMs - random.int(1, 72) * 3_600_000));
      rebook = s.daysAhead > -60 && random.chance(0.5) ? 'pending' : random.chance(0.8) ? 'rebooked' : 'dismissed';
    } else if (r < 0.1) {
      status = 'no_show';
      statusAt = isoAt(s.startMs + 20 * 60_000);
      confirmation = random.chance(0.5) ? 'sent' : 'not_sent';
      rebook = s.daysAhead > -60 && random.chance(0.6) ? 'pending' : random.chance(0.7) ? 'rebooked' : 'dismissed';
    } else {
      status = 'completed';
      statusAt = isoAt(endMs + random.int(0, 10) * 60_000);
      arrivedAt = isoAt(s.startMs - random.int(-10, 15) * 60_000);
      confirmation = random.chance(0.75) ? 'confirmed' : 'sent';
    }
  } else if (s.daysAhead <= 2 && r < 0.6) {
    status = 'confirmed';
    statusAt = isoAt(s.startMs - random.int(20, 40) * 3_600_000);
    confirmation = 'confirmed';
  } else if (s.daysAhead <= 3 && r < 0.85) {
    confirmation = r < 0.8 ? 'sent' : 'reschedule';
  }
  return {
    id: s.id,
    patient_id: s.patientId,
    provider_id: s.providerId,
    operatory_id: s.operatoryId,
    type_id: s.type.id,
    start_local: s.startLocal,
    start_date: s.startLocal.slice(0, 10),
    duration_min: s.type.duration_min,
    status,
    status_at: statusAt,
    arrived_at: arrivedAt,
    confirmation,
    notes: random.chance(0.05) ? random.pick(NOTES) : '',
    series_id: null,
    pinboard: 0,
    rebook_state: rebook,
    rebooked_from_id: null,
    created_at: created,
    updated_at: statusAt > created ? statusAt : created,
    deleted_at: null,
  };
}

function hoursRow(id: string, providerId: string, weekday: number, start: string, end: string, operatoryId: string, at: string): ProviderHoursTable {
  return { id, provider_id: providerId, weekday, start_time: start, end_time: end, operatory_id: operatoryId, valid_from: null, valid_until: null, created_at: at, updated_at: at, deleted_at: null };
}

function exceptionRow(
  id: string,
  providerId: string,
  kind: string,
  start: string,
  end: string,
  startTime: string | null,
  endTime: string | null,
  note: string,
  at: string,
): ProviderExceptionsTable {
  return { id, provider_id: providerId, kind, start_date: start, end_date: end, start_time: startTime, end_time: endTime, note, created_at: at, updated_at: at, deleted_at: null };
}

function blockoutRow(
  id: string,
  typeId: string,
  operatoryId: string | null,
  providerId: string | null,
  startLocal: string,
  endLocal: string,
  weekdays: string | null,
  untilDate: string | null,
  note: string,
  at: string,
): BlockoutsTable {
  return {
    id,
    type_id: typeId,
    operatory_id: operatoryId,
    provider_id: providerId,
    start_local: startLocal,
    end_local: endLocal,
    start_date: startLocal.slice(0, 10),
    end_date: weekdays ? (untilDate ?? FAR_FUTURE) : endLocal.slice(0, 10),
    weekdays,
    until_date: untilDate,
    note,
    created_at: at,
    updated_at: at,
    deleted_at: null,
  };
}

/**
 * The context of the step for a practice that already exists (made by the
 * demo without this step): its providers, chairs and patients read back.
 * The benchmark uses it until the step is part of DEMO_STEPS.
 */
export async function scheduleContextFromPractice(
  store: ScheduleDemoContext['store'],
  actor: ScheduleDemoContext['actor'],
  base: Pick<ScheduleDemoContext, 'seed' | 'anchorMs' | 'profile'> & { onProgress?: (done: number, total: number) => void },
): Promise<ScheduleDemoContext> {
  const [providers, operatories, patients] = await Promise.all([
    // In the order the demo inserted them, as the steps' own arrays hold them.
    store.db.selectFrom('providers').selectAll().orderBy(sql`rowid`).execute(),
    store.db.selectFrom('operatories').selectAll().orderBy(sql`rowid`).execute(),
    store.db.selectFrom('patients').selectAll().orderBy(sql`rowid`).execute(),
  ]);
  return {
    store,
    actor,
    seed: base.seed,
    anchorMs: base.anchorMs,
    profile: base.profile,
    providers,
    operatories,
    patients,
    counts: {},
    random: (step) => Random.forStep(base.seed, step),
    progress: base.onProgress ?? (() => {}),
  };
}

/** The step for DEMO_STEPS, after the patients (it books them) and the providers and chairs. */
export const scheduleDemoStep: DemoStep = {
  name: 'schedule',
  run: (ctx) => generateScheduleDemo(ctx),
};
