import { z } from 'zod';
import { LANGUAGES } from '../i18n/languages';
import { TIMES_OF_DAY } from '../schedule/openings';
import { TEMPLATE_KINDS } from '../schedule/reminders';
import { CANCEL_REASONS } from '../schedule/status';
import { daysBetween } from '../schedule/time';
import { call } from './define';
import { multiLine, optionalMultiLine, TEXT_LIMITS, visibleLines } from './text';
import { REMINDER_ANSWERS, REMINDER_CHANNELS, WAITLIST_REMOVAL_REASONS, appointmentSchema, appointmentStatusSchema, appointmentTypeSchema, blockoutDraftSchema, blockoutSchema, blockoutTypeSchema, bookingFields, colourSchema, conflictSchema, dayViewSchema, durationSchema, exceptionDraftSchema, exceptionSchema, holidaySchema, id, listLine, localDateSchema, localDateTimeSchema, name, openingSchema, operatorySchema, optionalText, overrideField, providerDraftSchema, providerSchema, reminderFactSchema, scheduleSettingsSchema, seriesSchema, settingsInputSchema, setupList, setupStatusSchema, statusFactSchema, templateSchema, waitlistEntrySchema, weekViewSchema, weekdaySchema, workingHoursSchema, workingIntervalSchema, writeResultSchema } from './schedule/schemas';
export * from './schedule/schemas';

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
      notes: optionalMultiLine(TEXT_LIMITS.note),
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
    input: z.object({ id, typeId: id.nullable().optional(), notes: visibleLines(z.string().trim().max(TEXT_LIMITS.note)).optional() }),
    output: appointmentSchema,
  }),
  'schedule.setStatus': call({
    access: { permission: 'schedule.write' },
    input: z.object({
      id,
      status: appointmentStatusSchema,
      /** Required to cancel. */
      reason: z.enum(CANCEL_REASONS).nullable().default(null),
      note: optionalMultiLine(TEXT_LIMITS.reason),
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
        notes: optionalMultiLine(TEXT_LIMITS.reason),
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
    input: z.object({ kind: z.enum(TEMPLATE_KINDS), language: z.enum(LANGUAGES), body: multiLine(TEXT_LIMITS.message).nullable() }),
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
  /** Which first steps (chairs, a linked provider, weekly hours, types) are done, from the data itself. */
  'schedule.setup.status': call({
    access: { permission: 'schedule.read' },
    input: z.object({}).strict(),
    output: setupStatusSchema,
  }),
  /**
   * Adds the usual appointment and blockout types, in the practice's
   * language, that it has none of by name (in either language, active or
   * not): pressing it twice adds nothing the second time. Returns how many
   * it added.
   */
  'schedule.setup.addDefaults': call({
    access: { permission: 'settings.manage' },
    input: z.object({}).strict(),
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
