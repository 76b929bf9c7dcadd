import { z } from 'zod';
import { LANGUAGES } from '../i18n/languages';
import { COVERAGE_KINDS, ITEM_STATUSES, MAX_PHASE } from '../plans/rules';
import { areaInputSchema, treatmentAreaSchema } from './chairside';
import { call } from './define';
import { idSchema, optionalSingleLine, singleLine, TEXT_LIMITS, visibleLine, visibleLines } from './text';

/*
 * Fee schedules and treatment plans (presupuestos).
 *
 * Who may do what (checked in main; roles.ts):
 * - reading fee schedules and a patient's plans: patients.read (the front
 *   desk books from plans and records their acceptance; clinical roles see
 *   the fees on them);
 * - editing fee schedules: settings.manage (the admin);
 * - building a plan, adding and arranging items, completing them:
 *   clinical.write;
 * - recording an acceptance, declining items, choosing a patient's fee
 *   schedule: patients.write;
 * - linking items to an appointment and the list of accepted treatment not
 *   yet booked: schedule.write / schedule.read.
 *
 * Money is integers in minor units of `currency` (the practice's).
 */

const id = idSchema;
const clientId = z.uuid();
const code = singleLine(TEXT_LIMITS.code);
const signerName = singleLine(160);
const minor = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
const phase = z.number().int().min(1).max(MAX_PHASE);

export const FEE_SCHEDULE_KINDS = ['private', 'fonasa', 'isapre', 'imported'] as const;

export const coverageSchema = z.object({ kind: z.enum(COVERAGE_KINDS), value: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER) }).refine((c) => c.kind !== 'percent' || c.value <= 100, {
  message: 'validation.percent',
  path: ['value'],
});

export const feeScheduleSchema = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(FEE_SCHEDULE_KINDS),
  isapre: z.string().nullable(),
  isDefault: z.boolean(),
  active: z.boolean(),
  feeCount: z.number().int(),
});
export type FeeScheduleOut = z.infer<typeof feeScheduleSchema>;

export const feeLineSchema = z.object({
  code: z.string(),
  name: z.object({ es: z.string(), en: z.string() }),
  /** This list's own fee; null when it has none for the code. */
  feeMinor: z.number().int().nullable(),
  /** What a quote would use: this list's fee, else the private list's, else the catalog's. */
  effectiveFeeMinor: z.number().int().nullable(),
  coverage: coverageSchema,
});
export type FeeLine = z.infer<typeof feeLineSchema>;

export const planItemSchema = z.object({
  id: z.string(),
  planId: z.string(),
  chartEntryId: z.string().nullable(),
  code: z.string(),
  name: z.object({ es: z.string(), en: z.string() }),
  area: treatmentAreaSchema,
  phase: z.number().int(),
  position: z.number().int(),
  feeMinor: z.number().int(),
  coverageMinor: z.number().int(),
  patientMinor: z.number().int(),
  status: z.enum(ITEM_STATUSES),
  acceptedAt: z.string().nullable(),
  appointmentId: z.string().nullable(),
  appointmentStart: z.string().nullable(),
  completedAt: z.string().nullable(),
  statusAt: z.string(),
  editable: z.boolean(),
});
export type PlanItem = z.infer<typeof planItemSchema>;

const totalsSchema = z.object({ feeMinor: z.number().int(), coverageMinor: z.number().int(), patientMinor: z.number().int(), count: z.number().int() });

export const acceptanceSchema = z.object({
  id: z.string(),
  decision: z.enum(['whole', 'partial', 'declined']),
  itemIds: z.array(z.string()),
  signatureKind: z.enum(['drawn', 'typed', 'paper', 'none']),
  signerName: z.string(),
  /** The drawn signature as a PNG data URL. */
  signaturePng: z.string().nullable(),
  recordedAt: z.string(),
  recordedBy: z.string().nullable(),
  recordedByName: z.string().nullable(),
  /** The quote as signed. */
  snapshot: z.object({
    currency: z.string(),
    feeScheduleName: z.string(),
    items: z.array(z.object({ id: z.string(), code: z.string(), name: z.string(), where: z.string(), phase: z.number().int(), feeMinor: z.number().int(), coverageMinor: z.number().int(), patientMinor: z.number().int() })),
    totals: totalsSchema,
  }),
});
export type Acceptance = z.infer<typeof acceptanceSchema>;

export const planSchema = z.object({
  id: z.string(),
  patientId: z.string(),
  title: z.string(),
  feeScheduleId: z.string(),
  feeScheduleName: z.string(),
  currency: z.string(),
  state: z.enum(['empty', 'proposed', 'partial', 'accepted', 'in_progress', 'completed', 'declined']),
  createdAt: z.string(),
  createdByName: z.string().nullable(),
  items: z.array(planItemSchema),
  phases: z.array(z.object({ phase: z.number().int(), totals: totalsSchema })),
  totals: totalsSchema,
  acceptances: z.array(acceptanceSchema),
});
export type Plan = z.infer<typeof planSchema>;

const signatureSchema = z.discriminatedUnion('kind', [
  /** Drawn on screen: a PNG data URL of the pad, and the signer's name. */
  z.object({ kind: z.literal('drawn'), signerName, png: z.string().max(90_000).regex(/^data:image\/png;base64,[A-Za-z0-9+/=]+$/, 'validation.signature') }),
  /** The keyboard alternative: the signer types their full name. */
  z.object({ kind: z.literal('typed'), signerName }),
  /** Signed on the printed quote, kept on paper. */
  z.object({ kind: z.literal('paper'), signerName }),
  /** Declined without a signature. */
  z.object({ kind: z.literal('none'), signerName: optionalSingleLine(160) }),
]);

export const unscheduledLineSchema = z.object({
  item: planItemSchema,
  patientId: z.string(),
  patientName: z.string(),
  planTitle: z.string(),
  currency: z.string(),
});

export const plansCalls = {
  /* ------------------------------------------------------------ fee schedules */
  'fees.schedules.list': call({
    access: { permission: 'patients.read' },
    input: z.object({ includeInactive: z.boolean().default(false) }),
    output: z.array(feeScheduleSchema),
  }),
  'fees.schedules.save': call({
    access: { permission: 'settings.manage' },
    input: z.object({
      id: id.optional(),
      name: singleLine(TEXT_LIMITS.name),
      kind: z.enum(FEE_SCHEDULE_KINDS),
      isapre: visibleLine(z.string().trim().max(80)).nullable().default(null),
      active: z.boolean().default(true),
    }),
    output: feeScheduleSchema,
  }),
  'fees.schedules.fees': call({
    access: { permission: 'patients.read' },
    input: z.object({ scheduleId: id }),
    output: z.object({ schedule: feeScheduleSchema, currency: z.string(), lines: z.array(feeLineSchema) }),
  }),
  'fees.schedules.setFee': call({
    access: { permission: 'settings.manage' },
    input: z.object({ scheduleId: id, code, feeMinor: minor.nullable(), coverage: coverageSchema.default({ kind: 'none', value: 0 }) }),
    output: feeLineSchema,
  }),
  /** A price list as CSV (code;fee;coverage) into one schedule; bad rows are reported by line, good ones kept (none on a dry run). */
  'fees.schedules.importCsv': call({
    access: { permission: 'settings.manage' },
    input: z.object({ scheduleId: id, text: visibleLines(z.string().min(1).max(TEXT_LIMITS.csv)), decimal: z.enum(['.', ',']).optional(), dryRun: z.boolean().default(false) }),
    output: z.object({
      imported: z.number().int(),
      errors: z.array(z.object({ line: z.number().int(), column: z.string().nullable(), error: z.string(), value: z.string().optional() })),
      dryRun: z.boolean(),
    }),
  }),
  /** Which list a patient's quotes use: theirs if chosen, else the one their coverage implies. */
  'fees.patient.get': call({
    access: { permission: 'patients.read' },
    input: z.object({ patientId: id }),
    output: z.object({ schedule: feeScheduleSchema, chosen: z.boolean() }),
  }),
  'fees.patient.set': call({
    access: { permission: 'patients.write' },
    input: z.object({ patientId: id, scheduleId: id.nullable() }),
    output: z.object({ schedule: feeScheduleSchema, chosen: z.boolean() }),
  }),

  /* ------------------------------------------------------------ plans */
  'plans.list': call({
    access: { permission: 'patients.read' },
    input: z.object({ patientId: id }),
    output: z.object({ plans: z.array(planSchema), currency: z.string(), numbering: z.enum(['fdi', 'universal', 'palmer']) }),
  }),
  /** A new plan; `fromChart` brings in every planned chart item no open plan holds yet. */
  'plans.create': call({
    access: { permission: 'clinical.write' },
    input: z.object({ patientId: id, planId: clientId, title: optionalSingleLine(120), fromChart: z.boolean().default(true) }),
    output: planSchema,
  }),
  'plans.rename': call({
    access: { permission: 'clinical.write' },
    input: z.object({ planId: id, title: singleLine(120) }),
    output: planSchema,
  }),
  /** Adds planned chart items (by chart entry id) to a plan. */
  'plans.addFromChart': call({
    access: { permission: 'clinical.write' },
    input: z.object({ planId: id, chartEntryIds: z.array(id).min(1).max(200), phase: phase.default(1) }),
    output: planSchema,
  }),
  /** A procedure from the catalog on a tooth or surfaces: charted as planned, and added to the plan. */
  'plans.addProcedure': call({
    access: { permission: 'clinical.write' },
    input: z.object({ planId: id, code, area: areaInputSchema, phase: phase.default(1), itemId: clientId.optional() }),
    output: planSchema,
  }),
  /** The order of the plan's items, phase by phase (ids in order with their phase): the keyboard and the buttons send it. */
  'plans.arrange': call({
    access: { permission: 'clinical.write' },
    input: z.object({ planId: id, order: z.array(z.object({ itemId: id, phase })).min(1).max(500) }),
    output: planSchema,
  }),
  'plans.removeItem': call({
    access: { permission: 'clinical.write' },
    input: z.object({ itemId: id }),
    output: planSchema,
  }),
  /** Records the patient's answer: the whole plan, some items, or declined; with the signature. Accepted items are frozen. */
  'plans.accept': call({
    access: { permission: 'patients.write' },
    input: z
      .object({
        planId: id,
        decision: z.enum(['whole', 'partial', 'declined']),
        itemIds: z.array(id).max(500).default([]),
        signature: signatureSchema,
        acceptanceId: clientId.optional(),
      })
      .refine((a) => a.decision !== 'partial' || a.itemIds.length > 0, { message: 'validation.chooseItems', path: ['itemIds'] })
      .refine((a) => a.decision === 'declined' || a.signature.kind !== 'none', { message: 'validation.signatureRequired', path: ['signature'] }),
    output: planSchema,
  }),
  /** Declines single items, or reopens declined ones. */
  'plans.items.setStatus': call({
    access: { permission: 'patients.write' },
    input: z.object({ itemIds: z.array(id).min(1).max(200), status: z.enum(['declined', 'planned', 'accepted']) }),
    output: planSchema,
  }),
  /** Links accepted items to an appointment booked for them (status → scheduled). */
  'plans.items.book': call({
    access: { permission: 'schedule.write' },
    input: z.object({ itemIds: z.array(id).min(1).max(200), appointmentId: id }),
    output: planSchema,
  }),
  /** Completes items: their chart entries are completed through the chart, so the chart shows them done. */
  'plans.items.complete': call({
    access: { permission: 'clinical.write' },
    input: z.object({ itemIds: z.array(id).min(1).max(200) }),
    output: z.object({ completed: z.number().int(), plans: z.array(planSchema) }),
  }),
  /** The plan items booked into an appointment, for completing them when the visit is finished. */
  'plans.forAppointment': call({
    access: { permission: 'schedule.read' },
    input: z.object({ appointmentId: id }),
    output: z.object({ items: z.array(planItemSchema), patientId: z.string().nullable() }),
  }),
  /** Accepted treatment not yet booked, oldest acceptance first: the schedule's list to work from. */
  'plans.unscheduled': call({
    access: { permission: 'schedule.read' },
    input: z.object({ limit: z.number().int().min(1).max(500).default(200), offset: z.number().int().min(0).default(0) }),
    output: z.object({ total: z.number().int(), lines: z.array(unscheduledLineSchema), numbering: z.enum(['fdi', 'universal', 'palmer']) }),
  }),
  /** The quote as a PDF with the practice's letterhead, in the practice's language unless asked. */
  'plans.print': call({
    access: { permission: 'patients.read' },
    input: z.object({ planId: id, language: z.enum(LANGUAGES).optional() }),
    output: z.object({ fileName: z.string(), pdfBase64: z.string(), pages: z.number().int() }),
  }),
} as const;
