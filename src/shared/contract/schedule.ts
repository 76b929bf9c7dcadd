import { z } from 'zod';
import { LANGUAGES } from '../i18n/languages';
import { ALERT_CODES } from '../patients/alerts';
import { EXCEPTION_KINDS } from '../schedule/availability';
import { CONFLICT_KINDS, CONFLICT_POLICIES } from '../schedule/conflicts';
import { DURATION_LIMITS, GRID_MINUTES } from '../schedule/grid';
import { TIMES_OF_DAY } from '../schedule/openings';
import { TEMPLATE_KINDS, TEMPLATE_VARIABLES } from '../schedule/reminders';
import { SERIES_LIMITS } from '../schedule/series';
import { APPOINTMENT_STATUSES, CANCEL_REASONS } from '../schedule/status';
import { daysBetween, isLocalDate, isLocalDateTime, isLocalTime, timeToMinutes } from '../schedule/time';
import { call } from './define';

/*
 * The schedule: chairs, providers and their hours, blockouts, appointment
 * types, appointments and their status workflow, the waitlist, reminders,
 * and the exports. Times are the practice's local wall-clock time in its
 * IANA zone ("2026-11-23T09:30"); instants are ISO UTC.
 */

export const localDateSchema = z.string().refine(isLocalDate, 'validation.date');
export const localTimeSchema = z.string().refine((t) => isLocalTime(t), 'validation.time');
/** An end of an interval: 24:00 allowed. */
export const localEndTimeSchema = z.string().refine((t) => isLocalTime(t, true), 'validation.time');
export const localDateTimeSchema = z.string().refine(isLocalDateTime, 'validation.dateTime');
export const colourSchema = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'validation.colour');
export const durationSchema = z
  .number()
  .int()
  .min(DURATION_LIMITS.min)
  .max(DURATION_LIMITS.max)
  .refine((n) => n % DURATION_LIMITS.step === 0, 'validation.duration');
const weekdaySchema = z.number().int().min(1).max(7);
const id = z.string().min(1).max(64);
const name = (max: number) => z.string().trim().min(1).max(max);
const optionalText = (max: number) => z.string().trim().max(max).default('');

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

const settingsInputSchema = scheduleSettingsSchema
  .partial()
  .refine((s) => !s.officeStart || !s.officeEnd || timeToMinutes(s.officeStart) < timeToMinutes(s.officeEnd), {
    message: 'validation.timeOrder',
    path: ['officeEnd'],
  });

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
});
export type Provider = z.infer<typeof providerSchema>;

const providerDraftSchema = z.object({
  givenNames: name(80),
  firstSurname: name(80),
  secondSurname: optionalText(80),
  kind: z.enum(PROVIDER_KINDS),
  colour: colourSchema,
  userId: id.nullable().default(null),
  defaultOperatoryId: id.nullable().default(null),
  sortOrder: z.number().int().min(0).max(999).default(0),
});

export const workingIntervalSchema = z.object({
  weekday: weekdaySchema,
  start: localTimeSchema,
  end: localEndTimeSchema,
  operatoryId: id.nullable().default(null),
});
export const workingHoursSchema = z.object({
  providerId: z.string(),
  intervals: z.array(workingIntervalSchema.extend({ id: z.string(), validFrom: z.string().nullable(), validUntil: z.string().nullable() })),
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
const exceptionDraftSchema = z
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
const blockoutDraftSchema = z
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

const bookingFields = {
  patientId: id,
  providerId: id,
  operatoryId: id,
  typeId: id.nullable().default(null),
  startLocal: localDateTimeSchema,
  /** Defaults to the type's length. */
  durationMin: durationSchema.optional(),
};

const seriesSchema = z.object({
  everyWeeks: z.number().int().min(SERIES_LIMITS.everyWeeks.min).max(SERIES_LIMITS.everyWeeks.max),
  count: z.number().int().min(SERIES_LIMITS.count.min).max(SERIES_LIMITS.count.max),
});

const overrideField = {
  /** Book through blocking conflicts, where the practice allows it; recorded in the audit log. */
  override: z.boolean().default(false),
};

const writeResultSchema = z.object({ appointment: appointmentSchema, conflicts: z.array(conflictSchema) });

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

const listLine = z.object({
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

const setupList = <T extends z.ZodType>(item: T) => z.array(item);

export const scheduleCalls = {
  /* ------------------------------------------------------------ views */
  /** One day, one column per chair. Audited: it shows patients. */
  'schedule.day': call({
    access: { permission: 'schedule.read' },
    input: z.object({ date: localDateSchema }),
    output: dayViewSchema,
  }),
  /** Seven days from `start`, for one provider or one chair. */
  'schedule.week': call({
    access: { permission: 'schedule.read' },
    input: z
      .object({ start: localDateSchema, providerId: id.optional(), operatoryId: id.optional() })
      .refine((w) => (w.providerId === undefined) !== (w.operatoryId === undefined), { message: 'validation.weekOwner', path: ['providerId'] }),
    output: weekViewSchema,
  }),
  /** One appointment with its status history and reminders. */
  'schedule.get': call({
    access: { permission: 'schedule.read' },
    input: z.object({ id }),
    output: z.object({
      appointment: appointmentSchema,
      history: z.array(statusFactSchema),
      reminders: z.array(reminderFactSchema),
      conflicts: z.array(conflictSchema),
    }),
  }),
  /** A patient's appointments, newest first, with how many were missed or cancelled. */
  'schedule.patientAppointments': call({
    access: { permission: 'schedule.read' },
    input: z.object({ patientId: id, limit: z.number().int().min(1).max(500).default(100) }),
    output: z.object({
      upcoming: z.array(appointmentSchema),
      past: z.array(appointmentSchema),
      counts: z.object({ completed: z.number().int(), cancelled: z.number().int(), noShow: z.number().int() }),
    }),
  }),

  /* ------------------------------------------------------------ booking */
  /** What booking (or moving to) this would conflict with, without writing anything: for drag previews and the booking form. */
  'schedule.check': call({
    access: { permission: 'schedule.read' },
    input: z.object({ ...bookingFields, excludeId: id.optional(), series: seriesSchema.optional() }),
    output: z.object({ conflicts: z.array(conflictSchema), blocked: z.boolean() }),
  }),
  /** Books one appointment, or a series ("every 2 weeks, 6 times") in one transaction. */
  'schedule.book': call({
    access: { permission: 'schedule.write' },
    input: z.object({
      ...bookingFields,
      notes: optionalText(2000),
      series: seriesSchema.optional(),
      /** Rebooks a cancelled or missed appointment from the unscheduled list. */
      rebookOf: id.optional(),
      /** Books a waitlist entry, which then leaves the list. */
      waitlistId: id.optional(),
      ...overrideField,
    }),
    output: z.object({ appointments: z.array(appointmentSchema), conflicts: z.array(conflictSchema) }),
  }),
  /** Another time, chair, provider or length: drag and drop, or arrows and shift+arrows. */
  'schedule.move': call({
    access: { permission: 'schedule.write' },
    input: z
      .object({
        id,
        startLocal: localDateTimeSchema.optional(),
        operatoryId: id.optional(),
        providerId: id.optional(),
        durationMin: durationSchema.optional(),
        ...overrideField,
      })
      .refine((m) => m.startLocal || m.operatoryId || m.providerId || m.durationMin, { message: 'validation.nothingToChange', path: ['startLocal'] }),
    output: writeResultSchema,
  }),
  /** Type and notes. */
  'schedule.update': call({
    access: { permission: 'schedule.write' },
    input: z.object({ id, typeId: id.nullable().optional(), notes: z.string().trim().max(2000).optional() }),
    output: appointmentSchema,
  }),
  'schedule.setStatus': call({
    access: { permission: 'schedule.write' },
    input: z.object({
      id,
      status: appointmentStatusSchema,
      /** Required to cancel. */
      reason: z.enum(CANCEL_REASONS).nullable().default(null),
      note: optionalText(500),
    }),
    output: appointmentSchema,
  }),
  /** Takes an appointment off the grid, to place it elsewhere. */
  'schedule.toPinboard': call({
    access: { permission: 'schedule.write' },
    input: z.object({ id }),
    output: appointmentSchema,
  }),
  'schedule.fromPinboard': call({
    access: { permission: 'schedule.write' },
    input: z.object({ id, startLocal: localDateTimeSchema, operatoryId: id, providerId: id.optional(), ...overrideField }),
    output: writeResultSchema,
  }),
  'schedule.pinboard': call({
    access: { permission: 'schedule.read' },
    input: z.object({}),
    output: z.array(appointmentSchema),
  }),

  /* ------------------------------------------------------------ lists */
  /** Cancelled and missed appointments still to rebook, newest first. */
  'schedule.unscheduled': call({
    access: { permission: 'schedule.read' },
    input: z.object({ limit: z.number().int().min(1).max(500).default(100), offset: z.number().int().min(0).default(0) }),
    output: z.object({
      total: z.number().int(),
      items: z.array(listLine.extend({ reason: z.enum(CANCEL_REASONS).nullable(), phone: z.string().nullable() })),
    }),
  }),
  /** Takes an appointment off the unscheduled list without rebooking it. */
  'schedule.unscheduled.dismiss': call({
    access: { permission: 'schedule.write' },
    input: z.object({ id }),
    output: z.object({ dismissed: z.literal(true) }),
  }),
  /** The ASAP list; with `fits`, only the entries whose preferences a freed slot meets. */
  'schedule.waitlist.list': call({
    access: { permission: 'schedule.read' },
    input: z.object({
      fits: z.object({ startLocal: localDateTimeSchema, durationMin: durationSchema, providerId: id.optional() }).optional(),
    }),
    output: z.array(waitlistEntrySchema),
  }),
  'schedule.waitlist.add': call({
    access: { permission: 'schedule.write' },
    input: z
      .object({
        patientId: id,
        providerId: id.nullable().default(null),
        typeId: id.nullable().default(null),
        durationMin: durationSchema.nullable().default(null),
        /** Days the patient can come; empty = any. */
        weekdays: z.array(weekdaySchema).max(7).default([]),
        timeOfDay: z.enum(TIMES_OF_DAY).default('any'),
        fromDate: localDateSchema.nullable().default(null),
        untilDate: localDateSchema.nullable().default(null),
        notes: optionalText(500),
      })
      .refine((w) => !w.fromDate || !w.untilDate || w.fromDate <= w.untilDate, { message: 'validation.dateOrder', path: ['untilDate'] }),
    output: waitlistEntrySchema,
  }),
  'schedule.waitlist.remove': call({
    access: { permission: 'schedule.write' },
    input: z.object({ id, reason: z.enum(WAITLIST_REMOVAL_REASONS).default('other') }),
    output: z.object({ removed: z.literal(true) }),
  }),
  /**
   * The first free slots over at most 60 days that respect working hours,
   * exceptions, holidays, blockouts, other appointments and the grid.
   * Without a provider, any provider; without a chair, any chair.
   */
  'schedule.findOpenings': call({
    access: { permission: 'schedule.read' },
    input: z
      .object({
        providerId: id.optional(),
        operatoryId: id.optional(),
        /** Also keeps clear of this patient's other appointments. */
        patientId: id.optional(),
        durationMin: durationSchema,
        timeOfDay: z.enum(TIMES_OF_DAY).default('any'),
        weekdays: z.array(weekdaySchema).max(7).default([]),
        from: localDateSchema,
        to: localDateSchema,
        limit: z.number().int().min(1).max(50).default(10),
      })
      .refine((q) => q.from <= q.to, { message: 'validation.dateOrder', path: ['to'] })
      .refine((q) => daysBetween(q.from, q.to) < 60, { message: 'validation.openingsRange', path: ['to'] }),
    output: z.array(openingSchema),
  }),
  /** Who is in the building today: arrived (waiting) and seated, with minutes waiting. */
  'schedule.waitingRoom': call({
    access: { permission: 'schedule.read' },
    input: z.object({}),
    output: z.array(
      listLine.extend({
        arrivedAt: z.string().nullable(),
        seatedAt: z.string().nullable(),
        /** From arrival to being seated (or to now, while waiting). */
        minutesWaiting: z.number().int(),
        /** Arrived after the appointment's start. */
        late: z.boolean(),
      }),
    ),
  }),
  /** The appointments of a day (tomorrow by default) to confirm, with the last reminder sent. */
  'schedule.tomorrow': call({
    access: { permission: 'schedule.read' },
    input: z.object({ date: localDateSchema.optional() }),
    output: z.object({
      date: z.string(),
      items: z.array(
        listLine.extend({
          phone: z.string().nullable(),
          whatsapp: z.boolean(),
          lastReminder: reminderFactSchema.nullable(),
        }),
      ),
    }),
  }),

  /* ------------------------------------------------------------ reminders */
  /** The reminder text in the patient's language (or the one asked), and a wa.me link to the patient's WhatsApp phone. */
  'schedule.reminder.compose': call({
    access: { permission: 'schedule.read' },
    input: z.object({ appointmentId: id, kind: z.enum(TEMPLATE_KINDS).default('reminder'), language: z.enum(LANGUAGES).optional() }),
    output: z.object({
      text: z.string(),
      language: z.enum(LANGUAGES),
      /** E.164; null when the patient has no mobile phone. */
      phone: z.string().nullable(),
      /** Whether that phone is marked as the patient's WhatsApp (otherwise it is their first mobile). */
      phoneIsWhatsapp: z.boolean(),
      whatsappUrl: z.string().nullable(),
    }),
  }),
  /** A reminder went out (and, later, the patient's answer): a fact each. */
  'schedule.reminder.record': call({
    access: { permission: 'schedule.write' },
    input: z.object({
      appointmentId: id,
      kind: z.enum(TEMPLATE_KINDS).default('reminder'),
      channel: z.enum(REMINDER_CHANNELS),
      answer: z.enum(REMINDER_ANSWERS).nullable().default(null),
      language: z.enum(LANGUAGES).optional(),
    }),
    output: appointmentSchema,
  }),
  'schedule.templates.list': call({
    access: { permission: 'schedule.read' },
    input: z.object({}),
    output: z.array(templateSchema),
  }),
  /** Edits a template; `body: null` goes back to the shipped text. */
  'schedule.templates.update': call({
    access: { permission: 'settings.manage' },
    input: z.object({ kind: z.enum(TEMPLATE_KINDS), language: z.enum(LANGUAGES), body: z.string().trim().min(1).max(1000).nullable() }),
    output: templateSchema,
  }),

  /* ------------------------------------------------------------ settings and setup */
  'schedule.settings.get': call({
    access: { permission: 'schedule.read' },
    input: z.object({}),
    output: scheduleSettingsSchema,
  }),
  'schedule.settings.update': call({
    access: { permission: 'settings.manage' },
    input: settingsInputSchema,
    output: scheduleSettingsSchema,
  }),
  /** Adds the usual appointment and blockout types, in the practice's language, where there are none yet. */
  'schedule.setup.addDefaults': call({
    access: { permission: 'settings.manage' },
    input: z.object({}),
    output: z.object({ appointmentTypes: z.number().int(), blockoutTypes: z.number().int() }),
  }),

  'schedule.operatories.list': call({
    access: { permission: 'schedule.read' },
    input: z.object({ includeInactive: z.boolean().default(false) }),
    output: setupList(operatorySchema),
  }),
  'schedule.operatories.create': call({
    access: { permission: 'settings.manage' },
    input: z.object({ name: name(60), sortOrder: z.number().int().min(0).max(999).optional() }),
    output: operatorySchema,
  }),
  /** Renames, reorders, or turns a chair off (refused while it has appointments ahead). */
  'schedule.operatories.update': call({
    access: { permission: 'settings.manage' },
    input: z.object({ id, name: name(60).optional(), sortOrder: z.number().int().min(0).max(999).optional(), active: z.boolean().optional() }),
    output: operatorySchema,
  }),

  'schedule.providers.list': call({
    access: { permission: 'schedule.read' },
    input: z.object({ includeInactive: z.boolean().default(false) }),
    output: setupList(providerSchema),
  }),
  'schedule.providers.create': call({
    access: { permission: 'settings.manage' },
    input: providerDraftSchema,
    output: providerSchema,
  }),
  'schedule.providers.update': call({
    access: { permission: 'settings.manage' },
    input: providerDraftSchema.partial().extend({ id, active: z.boolean().optional() }),
    output: providerSchema,
  }),

  /** Weekly hours, per provider (all active providers when none is named). */
  'schedule.hours.list': call({
    access: { permission: 'schedule.read' },
    input: z.object({ providerId: id.optional(), date: localDateSchema.optional() }),
    output: z.array(workingHoursSchema),
  }),
  /**
   * Replaces a provider's weekly hours from a date on (today by default):
   * the earlier hours stay in force before it, so past days keep the hours
   * they had.
   */
  'schedule.hours.set': call({
    access: { permission: 'schedule.write' },
    input: z.object({ providerId: id, intervals: z.array(workingIntervalSchema).max(70), validFrom: localDateSchema.optional() }),
    output: workingHoursSchema,
  }),

  'schedule.exceptions.list': call({
    access: { permission: 'schedule.read' },
    input: z.object({ providerId: id.optional(), from: localDateSchema, to: localDateSchema }),
    output: setupList(exceptionSchema),
  }),
  'schedule.exceptions.create': call({
    access: { permission: 'schedule.write' },
    input: exceptionDraftSchema,
    output: exceptionSchema,
  }),
  'schedule.exceptions.update': call({
    access: { permission: 'schedule.write' },
    input: z.object({ id, exception: exceptionDraftSchema }),
    output: exceptionSchema,
  }),
  'schedule.exceptions.remove': call({
    access: { permission: 'schedule.write' },
    input: z.object({ id }),
    output: z.object({ removed: z.literal(true) }),
  }),

  /** National holidays (shipped for Chile only) and the practice's own, for a year. */
  'schedule.holidays.list': call({
    access: { permission: 'schedule.read' },
    input: z.object({ year: z.number().int().min(2000).max(2100) }),
    output: setupList(holidaySchema),
  }),
  /** A day the practice closes, or (closed: false) a national holiday it works. */
  'schedule.holidays.create': call({
    access: { permission: 'settings.manage' },
    input: z.object({ date: localDateSchema, name: optionalText(120), closed: z.boolean().default(true) }),
    output: holidaySchema,
  }),
  'schedule.holidays.update': call({
    access: { permission: 'settings.manage' },
    input: z.object({ id, name: optionalText(120).optional(), closed: z.boolean().optional() }),
    output: holidaySchema,
  }),
  'schedule.holidays.remove': call({
    access: { permission: 'settings.manage' },
    input: z.object({ id }),
    output: z.object({ removed: z.literal(true) }),
  }),

  'schedule.blockoutTypes.list': call({
    access: { permission: 'schedule.read' },
    input: z.object({ includeInactive: z.boolean().default(false) }),
    output: setupList(blockoutTypeSchema),
  }),
  'schedule.blockoutTypes.create': call({
    access: { permission: 'settings.manage' },
    input: z.object({ name: name(60), colour: colourSchema, forbidsBooking: z.boolean().default(false) }),
    output: blockoutTypeSchema,
  }),
  'schedule.blockoutTypes.update': call({
    access: { permission: 'settings.manage' },
    input: z.object({ id, name: name(60).optional(), colour: colourSchema.optional(), forbidsBooking: z.boolean().optional(), active: z.boolean().optional() }),
    output: blockoutTypeSchema,
  }),

  'schedule.blockouts.list': call({
    access: { permission: 'schedule.read' },
    input: z.object({ from: localDateSchema, to: localDateSchema }),
    output: setupList(blockoutSchema),
  }),
  'schedule.blockouts.create': call({
    access: { permission: 'schedule.write' },
    input: blockoutDraftSchema,
    output: blockoutSchema,
  }),
  'schedule.blockouts.update': call({
    access: { permission: 'schedule.write' },
    input: z.object({ id, blockout: blockoutDraftSchema }),
    output: blockoutSchema,
  }),
  'schedule.blockouts.remove': call({
    access: { permission: 'schedule.write' },
    input: z.object({ id }),
    output: z.object({ removed: z.literal(true) }),
  }),

  'schedule.types.list': call({
    access: { permission: 'schedule.read' },
    input: z.object({ includeInactive: z.boolean().default(false) }),
    output: setupList(appointmentTypeSchema),
  }),
  'schedule.types.create': call({
    access: { permission: 'settings.manage' },
    input: z.object({ name: name(60), durationMin: durationSchema, colour: colourSchema, sortOrder: z.number().int().min(0).max(999).optional() }),
    output: appointmentTypeSchema,
  }),
  'schedule.types.update': call({
    access: { permission: 'settings.manage' },
    input: z.object({
      id,
      name: name(60).optional(),
      durationMin: durationSchema.optional(),
      colour: colourSchema.optional(),
      sortOrder: z.number().int().min(0).max(999).optional(),
      active: z.boolean().optional(),
    }),
    output: appointmentTypeSchema,
  }),

  /* ------------------------------------------------------------ exports */
  /** A provider's appointments as an RFC 5545 calendar (at most a year and a half at a time). */
  'schedule.exportIcs': call({
    access: { permission: 'schedule.read' },
    input: z
      .object({ providerId: id, from: localDateSchema, to: localDateSchema, includePatientNames: z.boolean().optional() })
      .refine((q) => q.from <= q.to, { message: 'validation.dateOrder', path: ['to'] })
      .refine((q) => daysBetween(q.from, q.to) <= 550, { message: 'validation.rangeTooLong', path: ['to'] }),
    output: z.object({ fileName: z.string(), ics: z.string(), count: z.number().int() }),
  }),
  /** The day sheet as a PDF (base64), all chairs or one, with the practice's header. */
  'schedule.daySheetPdf': call({
    access: { permission: 'schedule.read' },
    input: z.object({ date: localDateSchema, operatoryId: id.optional(), language: z.enum(LANGUAGES).optional() }),
    output: z.object({ fileName: z.string(), pdfBase64: z.string(), pages: z.number().int(), count: z.number().int() }),
  }),
} as const;
