import { z } from 'zod';
import { LANGUAGES } from '../../i18n/languages';
import { ALERT_CODES } from '../../patients/alerts';
import { EXCEPTION_KINDS } from '../../schedule/availability';
import { CONFLICT_KINDS, CONFLICT_POLICIES } from '../../schedule/conflicts';
import { DURATION_LIMITS, GRID_MINUTES } from '../../schedule/grid';
import { TIMES_OF_DAY } from '../../schedule/openings';
import { TEMPLATE_KINDS, TEMPLATE_VARIABLES } from '../../schedule/reminders';
import { SERIES_LIMITS } from '../../schedule/series';
import { APPOINTMENT_STATUSES, CANCEL_REASONS } from '../../schedule/status';
import { daysBetween, isLocalDate, isLocalDateTime, isLocalTime, timeToMinutes } from '../../schedule/time';
import { idSchema, optionalSingleLine, singleLine, TEXT_LIMITS, visibleLine } from '../text';

/*
 * The schedule: chairs, providers and their hours, blockouts, appointment
 * types, appointments and their status workflow, the waitlist, reminders,
 * and the exports. Times are the practice's local wall-clock time in its
 * IANA zone ("2026-11-23T09:30"); instants are ISO UTC.
 */

export const localDateSchema = z.string().refine(isLocalDate, 'validation.date').max(TEXT_LIMITS.localDate);
export const localTimeSchema = z.string().refine((t) => isLocalTime(t), 'validation.time').max(TEXT_LIMITS.localTime);
/** An end of an interval: 24:00 allowed. */
export const localEndTimeSchema = z.string().refine((t) => isLocalTime(t, true), 'validation.time').max(TEXT_LIMITS.localTime);
export const localDateTimeSchema = z.string().refine(isLocalDateTime, 'validation.dateTime').max(TEXT_LIMITS.localDateTime);
export const colourSchema = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'validation.colour');
export const durationSchema = z
  .number()
  .int()
  .min(DURATION_LIMITS.min)
  .max(DURATION_LIMITS.max)
  .refine((n) => n % DURATION_LIMITS.step === 0, 'validation.duration');
export const weekdaySchema = z.number().int().min(1).max(7);
export const id = idSchema;
export const name = singleLine;
export const optionalText = optionalSingleLine;

export const appointmentStatusSchema = z.enum(APPOINTMENT_STATUSES);
export const CONFIRMATION_STATES = ['not_sent', 'sent', 'confirmed', 'reschedule'] as const;
export const PROVIDER_KINDS = ['dentist', 'hygienist', 'specialist', 'assistant'] as const;
export const REMINDER_CHANNELS = ['whatsapp', 'copy', 'phone', 'in_person'] as const;
export const REMINDER_ANSWERS = ['confirmed', 'reschedule'] as const;
export const WAITLIST_REMOVAL_REASONS = ['booked', 'not_needed', 'other'] as const;
export const COLOUR_BY = ['provider', 'type'] as const;

/* ---------------------------------------------------------------- settings */

export const scheduleSettingsSchema = z.object({
  gridMinutes: z.union([z.literal(GRID_MINUTES[0]), z.literal(GRID_MINUTES[1]), z.literal(GRID_MINUTES[2])]),
  /** The hours the day view shows and chairs are open, local "HH:MM". */
  officeStart: localTimeSchema,
  officeEnd: localEndTimeSchema,
  /** ISO weekdays the practice opens. */
  officeDays: z.array(weekdaySchema).max(7),
  colourBy: z.enum(COLOUR_BY),
  /** warn (default): conflicts are shown and the booking goes through; block: they stop it. */
  conflictPolicy: z.enum(CONFLICT_POLICIES),
  /** Whether a user may book through a blocking conflict by confirming it (always recorded in the audit log). */
  allowOverride: z.boolean(),
  /** The practice's address and phone as reminders and the day sheet print them. */
  address: z.string().trim().max(200),
  phone: z.string().trim().max(40),
  /** Whether the calendar export names the patient (default) or only the appointment type. */
  icsIncludePatientNames: z.boolean(),
});
export type ScheduleSettings = z.infer<typeof scheduleSettingsSchema>;

export const settingsInputSchema = scheduleSettingsSchema
  .extend({ address: visibleLine(z.string().trim().max(200)), phone: visibleLine(z.string().trim().max(40)) })
  .partial()
  .refine((s) => !s.officeStart || !s.officeEnd || timeToMinutes(s.officeStart) < timeToMinutes(s.officeEnd), {
    message: 'validation.timeOrder',
    path: ['officeEnd'],
  });

/* ---------------------------------------------------------------- first steps */

/** What a practice needs before the schedule is usable, in the order a new admin sets it up. */
export const SETUP_STEPS = ['operatories', 'providers', 'hours', 'types'] as const;
export type SetupStep = (typeof SETUP_STEPS)[number];

export const setupStatusSchema = z.object({
  /**
   * One per step, in SETUP_STEPS order. `count`: active chairs; active
   * providers linked to an active user; active providers with weekly hours
   * in force today or later; active appointment types.
   */
  steps: z.array(z.object({ step: z.enum(SETUP_STEPS), done: z.boolean(), count: z.number().int() })),
  /** Every step done. */
  ready: z.boolean(),
});
export type SetupStatus = z.infer<typeof setupStatusSchema>;

/* ---------------------------------------------------------------- resources */

export const operatorySchema = z.object({ id: z.string(), name: z.string(), sortOrder: z.number().int(), active: z.boolean() });
export type Operatory = z.infer<typeof operatorySchema>;

export const providerSchema = z.object({
  id: z.string(),
  givenNames: z.string(),
  firstSurname: z.string(),
  secondSurname: z.string(),
  displayName: z.string(),
  kind: z.enum(PROVIDER_KINDS),
  colour: z.string(),
  userId: z.string().nullable(),
  defaultOperatoryId: z.string().nullable(),
  sortOrder: z.number().int(),
  active: z.boolean(),
  /** The professional registration number printed on prescriptions ('' = none). */
  registrationNumber: z.string(),
});
export type Provider = z.infer<typeof providerSchema>;

export const providerDraftSchema = z.object({
  givenNames: name(80),
  firstSurname: name(80),
  secondSurname: optionalText(80),
  kind: z.enum(PROVIDER_KINDS),
  colour: colourSchema,
  userId: id.nullable().default(null),
  defaultOperatoryId: id.nullable().default(null),
  sortOrder: z.number().int().min(0).max(999).default(0),
  registrationNumber: visibleLine(z.string().trim().max(40)).optional(),
});

export const workingIntervalSchema = z.object({
  weekday: weekdaySchema,
  start: localTimeSchema,
  end: localEndTimeSchema,
  operatoryId: id.nullable().default(null),
});
export const workingHoursSchema = z.object({
  providerId: z.string(),
  intervals: z.array(workingIntervalSchema.extend({ operatoryId: z.string().nullable().default(null), id: z.string(), validFrom: z.string().nullable(), validUntil: z.string().nullable() })),
});

export const exceptionSchema = z.object({
  id: z.string(),
  providerId: z.string(),
  kind: z.enum(EXCEPTION_KINDS),
  startDate: z.string(),
  endDate: z.string(),
  start: z.string().nullable(),
  end: z.string().nullable(),
  note: z.string(),
});
export const exceptionDraftSchema = z
  .object({
    providerId: id,
    kind: z.enum(EXCEPTION_KINDS),
    startDate: localDateSchema,
    endDate: localDateSchema,
    /** Both null: the whole day(s); required for `extra`. */
    start: localTimeSchema.nullable().default(null),
    end: localEndTimeSchema.nullable().default(null),
    note: optionalText(200),
  })
  .refine((e) => e.startDate <= e.endDate, { message: 'validation.dateOrder', path: ['endDate'] })
  .refine((e) => (e.start === null) === (e.end === null), { message: 'validation.timePair', path: ['end'] })
  .refine((e) => e.kind === 'off' || e.start !== null, { message: 'validation.extraNeedsTimes', path: ['start'] })
  .refine((e) => e.start === null || e.end === null || timeToMinutes(e.start) < timeToMinutes(e.end), { message: 'validation.timeOrder', path: ['end'] })
  .refine((e) => daysBetween(e.startDate, e.endDate) <= 366, { message: 'validation.rangeTooLong', path: ['endDate'] });

export const holidaySchema = z.object({
  date: z.string(),
  name: z.string(),
  /** English name of a shipped holiday; null for the practice's own. */
  nameEn: z.string().nullable(),
  source: z.enum(['national', 'practice']),
  /** The practice's entry (to edit or remove), null for a shipped holiday it left alone. */
  id: z.string().nullable(),
  closed: z.boolean(),
});

export const blockoutTypeSchema = z.object({ id: z.string(), name: z.string(), colour: z.string(), forbidsBooking: z.boolean(), active: z.boolean() });
export const appointmentTypeSchema = z.object({
  id: z.string(),
  name: z.string(),
  durationMin: z.number().int(),
  colour: z.string(),
  sortOrder: z.number().int(),
  active: z.boolean(),
});
export type AppointmentType = z.infer<typeof appointmentTypeSchema>;

export const blockoutSchema = z.object({
  id: z.string(),
  typeId: z.string(),
  typeName: z.string(),
  colour: z.string(),
  forbidsBooking: z.boolean(),
  operatoryId: z.string().nullable(),
  providerId: z.string().nullable(),
  startLocal: z.string(),
  endLocal: z.string(),
  weekdays: z.array(z.number().int()).nullable(),
  untilDate: z.string().nullable(),
  note: z.string(),
});
export const blockoutDraftSchema = z
  .object({
    typeId: id,
    /** Both null: the whole practice. */
    operatoryId: id.nullable().default(null),
    providerId: id.nullable().default(null),
    startLocal: localDateTimeSchema,
    /** For a repeating blockout, only its time of day counts (same date as the start). */
    endLocal: localDateTimeSchema,
    /** Repeats on these ISO weekdays from the start date; null = once. */
    weekdays: z.array(weekdaySchema).min(1).max(7).nullable().default(null),
    untilDate: localDateSchema.nullable().default(null),
    note: optionalText(200),
  })
  .refine((b) => b.startLocal < b.endLocal, { message: 'validation.timeOrder', path: ['endLocal'] })
  .refine((b) => b.weekdays === null || b.startLocal.slice(0, 10) === b.endLocal.slice(0, 10), { message: 'validation.repeatSameDay', path: ['endLocal'] })
  .refine((b) => b.untilDate === null || b.untilDate >= b.startLocal.slice(0, 10), { message: 'validation.dateOrder', path: ['untilDate'] });

/** One occurrence of a blockout on a day. */
export const blockoutOccurrenceSchema = z.object({
  blockoutId: z.string(),
  typeId: z.string(),
  typeName: z.string(),
  colour: z.string(),
  forbidsBooking: z.boolean(),
  operatoryId: z.string().nullable(),
  providerId: z.string().nullable(),
  date: z.string(),
  start: z.string(),
  end: z.string(),
  note: z.string(),
});

/* ---------------------------------------------------------------- appointments */

export const conflictSchema = z.object({
  kind: z.enum(CONFLICT_KINDS),
  appointmentId: z.string().nullable(),
  occurrence: z.number().int().nullable(),
  otherAppointmentId: z.string().nullable(),
  blockoutId: z.string().nullable(),
  label: z.string().nullable(),
  date: z.string(),
  blocking: z.boolean(),
});
export type Conflict = z.infer<typeof conflictSchema>;

/**
 * An appointment as the schedule shows it. Payment status is not here yet:
 * it arrives with the ledger (billing), not as a placeholder.
 */
export const appointmentSchema = z.object({
  id: z.string(),
  patientId: z.string(),
  patientName: z.string(),
  /** Medical-alert badges; empty for roles without patients.read. */
  patientAlerts: z.array(z.enum(ALERT_CODES)),
  providerId: z.string(),
  operatoryId: z.string(),
  typeId: z.string().nullable(),
  typeName: z.string().nullable(),
  /** The card's colour, by provider or by type as the practice chose. */
  colour: z.string(),
  startLocal: z.string(),
  endLocal: z.string(),
  /** Instants, for "now" lines and waiting times. */
  startUtc: z.string(),
  endUtc: z.string(),
  durationMin: z.number().int(),
  status: appointmentStatusSchema,
  statusAt: z.string(),
  confirmation: z.enum(CONFIRMATION_STATES),
  notes: z.string(),
  seriesId: z.string().nullable(),
  pinboard: z.boolean(),
  /** Booked from this cancelled or missed appointment. */
  rebookedFromId: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Appointment = z.infer<typeof appointmentSchema>;

export const statusFactSchema = z.object({
  id: z.string(),
  status: appointmentStatusSchema,
  reason: z.enum(CANCEL_REASONS).nullable(),
  note: z.string(),
  at: z.string(),
  byUserId: z.string().nullable(),
  byName: z.string().nullable(),
});

export const reminderFactSchema = z.object({
  id: z.string(),
  kind: z.enum(TEMPLATE_KINDS),
  channel: z.enum(REMINDER_CHANNELS),
  answer: z.enum(REMINDER_ANSWERS).nullable(),
  language: z.enum(LANGUAGES),
  at: z.string(),
  byUserId: z.string().nullable(),
  byName: z.string().nullable(),
});

export const bookingFields = {
  patientId: id,
  providerId: id,
  operatoryId: id,
  typeId: id.nullable().default(null),
  startLocal: localDateTimeSchema,
  /** Defaults to the type's length. */
  durationMin: durationSchema.optional(),
};

export const seriesSchema = z.object({
  everyWeeks: z.number().int().min(SERIES_LIMITS.everyWeeks.min).max(SERIES_LIMITS.everyWeeks.max),
  count: z.number().int().min(SERIES_LIMITS.count.min).max(SERIES_LIMITS.count.max),
});

export const overrideField = {
  /** Book through blocking conflicts, where the practice allows it; recorded in the audit log. */
  override: z.boolean().default(false),
};

export const writeResultSchema = z.object({ appointment: appointmentSchema, conflicts: z.array(conflictSchema) });

export const dayViewSchema = z.object({
  date: z.string(),
  timeZone: z.string(),
  today: z.string(),
  holiday: holidaySchema.nullable(),
  settings: scheduleSettingsSchema.pick({ gridMinutes: true, officeStart: true, officeEnd: true, colourBy: true, conflictPolicy: true }),
  operatories: z.array(operatorySchema),
  providers: z.array(providerSchema),
  appointments: z.array(appointmentSchema),
  blockouts: z.array(blockoutOccurrenceSchema),
  /** Each provider's working hours that day, after exceptions and holidays. */
  workingHours: z.array(z.object({ providerId: z.string(), intervals: z.array(z.object({ start: z.string(), end: z.string() })) })),
  conflicts: z.array(conflictSchema),
  /** The day's cancellations and no-shows, which no longer take space on the grid but are kept and counted. */
  counts: z.object({ booked: z.number().int(), cancelled: z.number().int(), noShow: z.number().int(), completed: z.number().int() }),
});
export type DayView = z.infer<typeof dayViewSchema>;

export const weekViewSchema = z.object({
  start: z.string(),
  end: z.string(),
  timeZone: z.string(),
  providerId: z.string().nullable(),
  operatoryId: z.string().nullable(),
  settings: dayViewSchema.shape.settings,
  days: z.array(
    z.object({
      date: z.string(),
      holiday: holidaySchema.nullable(),
      /** Working hours of the provider (provider week) or of every provider in the chair's day (chair week). */
      workingHours: z.array(z.object({ start: z.string(), end: z.string() })),
      blockouts: z.array(blockoutOccurrenceSchema),
    }),
  ),
  appointments: z.array(appointmentSchema),
  conflicts: z.array(conflictSchema),
});

export const openingSchema = z.object({
  date: z.string(),
  startLocal: z.string(),
  endLocal: z.string(),
  freeUntilLocal: z.string(),
  providerId: z.string(),
  operatoryId: z.string(),
});

export const listLine = z.object({
  appointment: appointmentSchema,
  providerName: z.string(),
  operatoryName: z.string(),
});

export const waitlistEntrySchema = z.object({
  id: z.string(),
  patientId: z.string(),
  patientName: z.string(),
  phone: z.string().nullable(),
  providerId: z.string().nullable(),
  typeId: z.string().nullable(),
  durationMin: z.number().int().nullable(),
  weekdays: z.array(z.number().int()),
  timeOfDay: z.enum(TIMES_OF_DAY),
  fromDate: z.string().nullable(),
  untilDate: z.string().nullable(),
  notes: z.string(),
  createdAt: z.string(),
});

export const templateSchema = z.object({
  kind: z.enum(TEMPLATE_KINDS),
  language: z.enum(LANGUAGES),
  body: z.string(),
  isDefault: z.boolean(),
  /** The variable names this language writes, e.g. {nombre}. */
  variables: z.array(z.object({ variable: z.enum(TEMPLATE_VARIABLES), placeholder: z.string() })),
});

export const setupList = <T extends z.ZodType>(item: T) => z.array(item);

