import { z } from 'zod';
import { LANGUAGES } from '../i18n/languages';
import { call } from './define';
import { optionalMultiLine, singleLine, TEXT_LIMITS, visibleLine } from './text';

/*
 * Recall (controles): recall types (prophylaxis every 6 months, perio
 * maintenance every 3 months…) naming the procedure codes that trigger them;
 * each patient's recall, whose due date main sets when a triggering procedure
 * is completed on the chart; and the due and overdue list the front desk
 * works: contact through a WhatsApp link (each contact logged) and book.
 *
 * The list and contacts need schedule.read / schedule.write (the front desk);
 * the types are practice settings (settings.manage).
 */

/** Longer than a row id: the shipped recall types have readable ids. */
const id = visibleLine(z.string().min(1).max(128));
const localDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'validation.date');
const months = z.number().int().min(1).max(60);

export const RECALL_CONTACT_CHANNELS = ['whatsapp', 'phone', 'email', 'in_person'] as const;
export const RECALL_CONTACT_OUTCOMES = ['sent', 'no_answer', 'will_call', 'declined', 'booked'] as const;

export const recallTypeSchema = z.object({
  id: z.string(),
  name: z.object({ es: z.string(), en: z.string() }),
  intervalMonths: z.number().int(),
  triggerCodes: z.array(z.string()),
  active: z.boolean(),
  sortOrder: z.number().int(),
});
export type RecallType = z.infer<typeof recallTypeSchema>;

export const patientRecallSchema = z.object({
  id: z.string(),
  patientId: z.string(),
  typeId: z.string(),
  typeName: z.object({ es: z.string(), en: z.string() }),
  /** This patient's interval, null = the type's. */
  intervalMonths: z.number().int().nullable(),
  effectiveIntervalMonths: z.number().int(),
  lastDoneDate: z.string().nullable(),
  dueDate: z.string().nullable(),
  providerId: z.string().nullable(),
  active: z.boolean(),
});
export type PatientRecall = z.infer<typeof patientRecallSchema>;

export const recallDueRowSchema = z.object({
  recallId: z.string(),
  patientId: z.string(),
  patientName: z.string(),
  phone: z.string().nullable(),
  typeId: z.string(),
  typeName: z.object({ es: z.string(), en: z.string() }),
  dueDate: z.string(),
  lastDoneDate: z.string().nullable(),
  /** Whole months past the due date (0 = due, not yet a month late). Negative: due within the window ahead. */
  monthsOverdue: z.number().int(),
  providerId: z.string().nullable(),
  providerName: z.string().nullable(),
  lastContact: z.object({ at: z.string(), channel: z.enum(RECALL_CONTACT_CHANNELS), outcome: z.enum(RECALL_CONTACT_OUTCOMES) }).nullable(),
  contacts: z.number().int(),
  /** The next booked appointment, if any: the recall is then in hand. */
  nextAppointment: z.string().nullable(),
});
export type RecallDueRow = z.infer<typeof recallDueRowSchema>;

export const recallCalls = {
  'recall.types.list': call({
    access: { permission: 'schedule.read' },
    input: z.object({ includeInactive: z.boolean().default(false) }),
    output: z.array(recallTypeSchema),
  }),
  'recall.types.save': call({
    access: { permission: 'settings.manage' },
    input: z.object({
      id: id.optional(),
      name: z.object({ es: singleLine(80), en: singleLine(80) }),
      intervalMonths: months,
      triggerCodes: z.array(singleLine(TEXT_LIMITS.code)).max(40),
      active: z.boolean().default(true),
      sortOrder: z.number().int().min(0).max(999).optional(),
    }),
    output: recallTypeSchema,
  }),
  /** The patient's recalls, one per type set up for them. */
  'recall.patient.list': call({
    access: { permission: 'schedule.read' },
    input: z.object({ patientId: id }),
    output: z.array(patientRecallSchema),
  }),
  /** Sets a patient's recall of a type: their own interval (null = the type's), a due date by hand, or stops it. */
  'recall.patient.set': call({
    access: { permission: 'schedule.write' },
    input: z.object({
      patientId: id,
      typeId: id,
      intervalMonths: months.nullable().optional(),
      dueDate: localDate.nullable().optional(),
      active: z.boolean().optional(),
    }),
    output: patientRecallSchema,
  }),
  /**
   * Due and overdue recalls, most overdue first. `status`: overdue (due before today), due (up to `aheadDays`
   * from today, overdue included) . `minMonthsOverdue` keeps only recalls at least that many months late.
   */
  'recall.due': call({
    access: { permission: 'schedule.read' },
    input: z.object({
      status: z.enum(['due', 'overdue']).default('due'),
      aheadDays: z.number().int().min(0).max(180).default(30),
      providerId: id.optional(),
      typeId: id.optional(),
      minMonthsOverdue: z.number().int().min(0).max(120).optional(),
      hideBooked: z.boolean().default(false),
      limit: z.number().int().min(1).max(1000).default(200),
    }),
    /** `total` counts up to 1,000; `more` says there are more than that. */
    output: z.object({ today: z.string(), total: z.number().int(), more: z.boolean(), rows: z.array(recallDueRowSchema) }),
  }),
  /** The recall message in the patient's language, and a wa.me link to their WhatsApp phone. */
  'recall.contact.compose': call({
    access: { permission: 'schedule.read' },
    input: z.object({ recallId: id, language: z.enum(LANGUAGES).optional() }),
    output: z.object({ text: z.string(), language: z.enum(LANGUAGES), phone: z.string().nullable(), whatsappUrl: z.string().nullable() }),
  }),
  /** Logs a contact (a fact): the channel, what came of it, a note. */
  'recall.contact.record': call({
    access: { permission: 'schedule.write' },
    input: z.object({
      recallId: id,
      channel: z.enum(RECALL_CONTACT_CHANNELS),
      outcome: z.enum(RECALL_CONTACT_OUTCOMES),
      note: optionalMultiLine(TEXT_LIMITS.reason),
    }),
    output: z.object({ id: z.string(), at: z.string() }),
  }),
  'recall.contact.list': call({
    access: { permission: 'schedule.read' },
    input: z.object({ recallId: id }),
    output: z.array(z.object({ id: z.string(), at: z.string(), channel: z.enum(RECALL_CONTACT_CHANNELS), outcome: z.enum(RECALL_CONTACT_OUTCOMES), note: z.string(), byName: z.string().nullable() })),
  }),
} as const;
