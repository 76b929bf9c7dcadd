import { z } from 'zod';
import { LANGUAGES } from '../i18n/languages';
import { ALERT_CODES } from '../patients/alerts';
import { DRUG_CLASSES } from '../prescriptions/allergy-check';
import { call } from './define';
import { idSchema, multiLine, optionalMultiLine, optionalSingleLine, singleLine, TEXT_LIMITS, visibleLine } from './text';

/*
 * Prescriptions (recetas): the practice's medicine list, and prescriptions
 * written for a patient, checked against the patient's medical alerts and
 * allergies, printed with the letterhead and the prescriber's name and
 * registration number. A prescription is a fact: it is voided (with a
 * reason) and reissued, never edited.
 *
 * Writing needs prescriptions.write (dentists and the admin: hygienists and
 * assistants chart but do not prescribe). Reading and reprinting need
 * clinical.read. Every read and write is audited.
 */

const id = idSchema;
const clientId = z.uuid();
const text = singleLine;
const bilingual = (max: number) => z.object({ es: text(max), en: text(max) });
const drugClass = z.enum(DRUG_CLASSES);

export const medicineSchema = z.object({
  id: z.string(),
  name: z.object({ es: z.string(), en: z.string() }),
  strength: z.string(),
  dose: z.object({ es: z.string(), en: z.string() }),
  frequency: z.object({ es: z.string(), en: z.string() }),
  duration: z.object({ es: z.string(), en: z.string() }),
  classes: z.array(drugClass),
  active: z.boolean(),
  sortOrder: z.number().int(),
});
export type Medicine = z.infer<typeof medicineSchema>;

/** One line of a prescription, as it prints (in the prescription's language). */
export const prescriptionItemSchema = z.object({
  medicineId: id.nullable().default(null),
  drug: text(120),
  strength: optionalSingleLine(60),
  dose: text(200),
  frequency: text(200),
  duration: text(120),
  instructions: optionalMultiLine(TEXT_LIMITS.reason),
  classes: z.array(drugClass).max(DRUG_CLASSES.length).default([]),
});
export type PrescriptionItem = z.infer<typeof prescriptionItemSchema>;
/** A line as read back: what was stored before the bounds still reads. */
const storedPrescriptionItemSchema = z.object({
  medicineId: z.string().nullable().default(null),
  drug: z.string(),
  strength: z.string().default(''),
  dose: z.string(),
  frequency: z.string(),
  duration: z.string(),
  instructions: z.string().default(''),
  classes: z.array(drugClass).default([]),
});

export const allergyWarningSchema = z.object({
  item: z.number().int(),
  drug: z.string(),
  alert: z.union([z.enum(ALERT_CODES), z.literal('allergy_text')]),
  classes: z.array(drugClass),
  matched: z.string().optional(),
});
export type AllergyWarningOut = z.infer<typeof allergyWarningSchema>;

export const prescriptionSchema = z.object({
  id: z.string(),
  patientId: z.string(),
  providerId: z.string(),
  providerName: z.string(),
  registrationNumber: z.string(),
  issuedAt: z.string(),
  issuedDate: z.string(),
  language: z.enum(LANGUAGES),
  items: z.array(storedPrescriptionItemSchema),
  notes: z.string(),
  replacesId: z.string().nullable(),
  replacedById: z.string().nullable(),
  overriddenWarnings: z.array(allergyWarningSchema),
  issuedByName: z.string().nullable(),
  void: z.object({ reason: z.string(), at: z.string(), byName: z.string().nullable() }).nullable(),
});
export type Prescription = z.infer<typeof prescriptionSchema>;

const items = z.array(prescriptionItemSchema).min(1).max(12);

export const prescriptionsCalls = {
  /** The practice's medicine list (seeded the first time with our starter list). */
  'prescriptions.medicines.list': call({
    access: { permission: 'clinical.read' },
    input: z.object({ includeInactive: z.boolean().default(false) }),
    output: z.array(medicineSchema),
  }),
  /** Adds a medicine (no id) or changes one; medicines are retired (active: false), never deleted. */
  'prescriptions.medicines.save': call({
    access: { permission: 'prescriptions.write' },
    input: z.object({
      id: id.optional(),
      name: bilingual(120),
      strength: optionalSingleLine(60),
      dose: bilingual(200),
      frequency: bilingual(200),
      duration: bilingual(120),
      classes: z.array(drugClass).max(DRUG_CLASSES.length).default([]),
      active: z.boolean().default(true),
      sortOrder: z.number().int().min(0).max(9999).optional(),
    }),
    output: medicineSchema,
  }),
  /** The patient's prescriptions, newest first, voided ones marked. */
  'prescriptions.list': call({
    access: { permission: 'clinical.read' },
    input: z.object({ patientId: id }),
    output: z.array(prescriptionSchema),
  }),
  /** The allergy and medical-alert check for drafted lines, before printing. */
  'prescriptions.check': call({
    access: { permission: 'prescriptions.write' },
    input: z.object({ patientId: id, items: z.array(prescriptionItemSchema).max(12) }),
    output: z.object({ warnings: z.array(allergyWarningSchema) }),
  }),
  /**
   * Issues a prescription. If the check finds warnings the prescriber has not confirmed (`confirmWarnings`
   * lists them as "item:alert"), nothing is written and the warnings come back; confirmed, the override is
   * stored with the prescription and audited. `replacesId` reissues a voided prescription.
   * The prescriber is the provider linked to the signed-in user.
   */
  'prescriptions.issue': call({
    access: { permission: 'prescriptions.write' },
    input: z.object({
      id: clientId.optional(),
      patientId: id,
      language: z.enum(LANGUAGES).optional(),
      items,
      notes: optionalMultiLine(1000),
      replacesId: id.optional(),
      confirmWarnings: z.array(visibleLine(z.string().max(40))).max(100).default([]),
    }),
    output: z.discriminatedUnion('status', [
      z.object({ status: z.literal('warnings'), warnings: z.array(allergyWarningSchema) }),
      z.object({ status: z.literal('issued'), prescription: prescriptionSchema }),
    ]),
  }),
  /** Voids a prescription (a fact with its reason); it stays in the record, marked. */
  'prescriptions.void': call({
    access: { permission: 'prescriptions.write' },
    input: z.object({ prescriptionId: id, reason: multiLine(TEXT_LIMITS.reason) }),
    output: prescriptionSchema,
  }),
  /** The prescription as a PDF (the letterhead, the prescriber, a signature line). Audited. */
  'prescriptions.print': call({
    access: { permission: 'clinical.read' },
    input: z.object({ prescriptionId: id }),
    output: z.object({ fileName: z.string(), pdfBase64: z.string(), pages: z.number().int() }),
  }),
} as const;
