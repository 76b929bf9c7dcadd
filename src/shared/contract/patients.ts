import { z } from 'zod';
import { DOCUMENT_TYPES } from '../identity/documents';
import { ALERT_CODES } from '../patients/alerts';
import { call } from './define';
import { IMPORT_BASE64_MAX_CHARS } from './limits';
import { idSchema, optionalMultiLine, optionalSingleLine, singleLine, TEXT_LIMITS, visibleLine } from './text';

const optionalText = optionalSingleLine;
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'validation.date');

export const SEXES = ['female', 'male', 'intersex'] as const;
export const GENDERS = ['woman', 'man', 'non_binary', 'other', 'undisclosed'] as const;
export const PHONE_KINDS = ['mobile', 'home', 'work'] as const;
export const FONASA_TRAMOS = ['A', 'B', 'C', 'D'] as const;
export const RELATIONSHIPS = ['mother', 'father', 'guardian', 'spouse', 'child', 'sibling', 'grandparent', 'other'] as const;

export const documentSchema = z.object({
  type: z.enum(DOCUMENT_TYPES),
  /** As typed; main stores the normalized form (e.g. RUT "12345678-5"). */
  number: singleLine(40),
});

export const phoneInputSchema = z.object({
  /** As typed locally ("9 8765 4321"); main stores E.164 with the practice's country as default. */
  number: singleLine(40),
  kind: z.enum(PHONE_KINDS).default('mobile'),
  whatsapp: z.boolean().default(false),
});

export const addressSchema = z.object({
  street: optionalText(160),
  /** Comuna in Chile, municipio, barrio... */
  district: optionalText(80),
  city: optionalText(80),
  region: optionalText(80),
  postalCode: optionalText(20),
});

export const emergencyContactSchema = z.object({
  name: singleLine(160),
  phone: singleLine(40),
  relationship: z.enum(RELATIONSHIPS).default('other'),
});

/** Who answers for the patient (required for minors): the patient, another patient, or someone else. */
export const guarantorSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('self') }),
  z.object({ kind: z.literal('patient'), patientId: idSchema, relationship: z.enum(RELATIONSHIPS).default('other') }),
  z.object({
    kind: z.literal('person'),
    name: singleLine(160),
    document: documentSchema.nullable().default(null),
    phone: optionalSingleLine(40),
    relationship: z.enum(RELATIONSHIPS).default('other'),
  }),
]);

export const coverageSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('none') }),
  /** Chile's public insurer, by income bracket. */
  z.object({ kind: z.literal('fonasa'), tramo: z.enum(FONASA_TRAMOS) }),
  /** Chile's private health insurers. */
  z.object({ kind: z.literal('isapre'), isapre: singleLine(80), planNumber: optionalText(40) }),
  z.object({ kind: z.literal('private') }),
  z.object({
    kind: z.literal('insurer'),
    carrier: singleLine(120),
    subscriberId: singleLine(60),
    subscriberName: optionalText(160),
  }),
]);

export const patientDraftSchema = z.object({
  givenNames: singleLine(80),
  firstSurname: singleLine(80),
  secondSurname: optionalSingleLine(80),
  preferredName: optionalSingleLine(80),
  document: documentSchema.nullable().default(null),
  birthDate: isoDate.nullable().default(null),
  sex: z.enum(SEXES).nullable().default(null),
  gender: z.enum(GENDERS).nullable().default(null),
  phones: z.array(phoneInputSchema).max(4).default([]),
  email: z.union([z.literal(''), z.email('validation.email').max(254)]).default(''),
  address: addressSchema.nullable().default(null),
  emergencyContact: emergencyContactSchema.nullable().default(null),
  guarantor: guarantorSchema.default({ kind: 'self' }),
  coverage: coverageSchema.default({ kind: 'none' }),
  referralSource: optionalText(120),
  notes: optionalMultiLine(TEXT_LIMITS.longNote),
});
export type PatientDraft = z.input<typeof patientDraftSchema>;
export type ParsedPatientDraft = z.output<typeof patientDraftSchema>;

export const storedPhoneSchema = z.object({
  e164: z.string(),
  kind: z.enum(PHONE_KINDS),
  whatsapp: z.boolean(),
});

const documentOut = z.object({ type: z.enum(DOCUMENT_TYPES), number: z.string(), formatted: z.string() });

/*
 * The draft's parts as read back. Answers take what is stored as it is, so a
 * value stored before a bound was added (or synced from a workstation that
 * runs an older version) still reads; the bounds are for what comes in.
 */
const stored = z.string().default('');
const storedRelationship = z.enum(RELATIONSHIPS).default('other');
const storedAddressSchema = z.object({ street: stored, district: stored, city: stored, region: stored, postalCode: stored });
const storedEmergencyContactSchema = z.object({ name: z.string(), phone: z.string(), relationship: storedRelationship });
const storedGuarantorSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('self') }),
  z.object({ kind: z.literal('patient'), patientId: z.string(), relationship: storedRelationship }),
  z.object({
    kind: z.literal('person'),
    name: z.string(),
    document: z.object({ type: z.enum(DOCUMENT_TYPES), number: z.string() }).nullable().default(null),
    phone: stored,
    relationship: storedRelationship,
  }),
]);
const storedCoverageSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('none') }),
  z.object({ kind: z.literal('fonasa'), tramo: z.enum(FONASA_TRAMOS) }),
  z.object({ kind: z.literal('isapre'), isapre: z.string(), planNumber: stored }),
  z.object({ kind: z.literal('private') }),
  z.object({ kind: z.literal('insurer'), carrier: z.string(), subscriberId: z.string(), subscriberName: stored }),
]);

export const patientSummarySchema = z.object({
  id: z.string(),
  givenNames: z.string(),
  firstSurname: z.string(),
  secondSurname: z.string(),
  preferredName: z.string(),
  birthDate: z.string().nullable(),
  age: z.number().int().nullable(),
  document: documentOut.nullable(),
  /** The first phone, formatted for the practice's country. */
  phone: z.string().nullable(),
  email: z.string(),
  alerts: z.array(z.enum(ALERT_CODES)),
});
export type PatientSummary = z.infer<typeof patientSummarySchema>;

export const medicalHistorySchema = z.object({
  alerts: z.array(z.enum(ALERT_CODES)).max(ALERT_CODES.length).default([]),
  allergies: optionalMultiLine(2000),
  medications: optionalMultiLine(2000),
  conditions: optionalMultiLine(2000),
  notes: optionalMultiLine(TEXT_LIMITS.longNote),
});
export type MedicalHistory = z.output<typeof medicalHistorySchema>;

export const medicalHistoryVersionSchema = z.object({
  alerts: z.array(z.enum(ALERT_CODES)).default([]),
  allergies: z.string().default(''),
  medications: z.string().default(''),
  conditions: z.string().default(''),
  notes: z.string().default(''),
  id: z.string(),
  version: z.number().int(),
  recordedAt: z.string(),
  recordedBy: z.string().nullable(),
  recordedByName: z.string().nullable(),
});

export const patientRecordSchema = patientSummarySchema.extend({
  sex: z.enum(SEXES).nullable(),
  gender: z.enum(GENDERS).nullable(),
  phones: z.array(storedPhoneSchema.extend({ formatted: z.string() })),
  address: storedAddressSchema.nullable(),
  emergencyContact: storedEmergencyContactSchema.nullable(),
  guarantor: storedGuarantorSchema,
  /** The guarantor's name and id when the guarantor is another patient. */
  guarantorPatient: z.object({ id: z.string(), displayName: z.string() }).nullable(),
  coverage: storedCoverageSchema,
  referralSource: z.string(),
  notes: z.string(),
  /** Patients linked through guarantors, both ways. */
  family: z.array(z.object({ id: z.string(), displayName: z.string(), relationship: z.enum(RELATIONSHIPS).nullable() })),
  hasPhoto: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** The current medical history; absent (not merely hidden) for roles without medical.read. */
  medicalHistory: medicalHistoryVersionSchema.nullable(),
});
export type PatientRecord = z.infer<typeof patientRecordSchema>;

export const DUPLICATE_REASONS = ['same_document', 'same_name_and_birth_date', 'same_phone'] as const;
export const duplicateCandidateSchema = patientSummarySchema.extend({ reasons: z.array(z.enum(DUPLICATE_REASONS)) });

export const IMPORT_FIELDS = [
  'givenNames',
  'firstSurname',
  'secondSurname',
  'fullName',
  'documentNumber',
  'birthDate',
  'sex',
  'phone',
  'email',
  'street',
  'district',
  'city',
  'region',
  'notes',
] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];

const importFileSchema = z.object({
  fileName: singleLine(260),
  /** The file's bytes, base64; CSV (any delimiter, UTF-8 with or without BOM, or Latin-1) or XLSX. */
  contentBase64: visibleLine(z.string().min(1).max(IMPORT_BASE64_MAX_CHARS)),
});

/** A column number per field; no spreadsheet a practice exports has more columns than a sheet holds (XLSX: 16,384). */
export const importMappingSchema = z.partialRecord(z.enum(IMPORT_FIELDS), z.number().int().min(0).max(16_383));

export const patientsCalls = {
  /** Find as you type: names (any part, accent-insensitive), document, phone digits, email. */
  'patients.search': call({
    access: { permission: 'patients.read' },
    input: z.object({ query: z.string().max(TEXT_LIMITS.search), limit: z.number().int().min(1).max(50).default(20) }),
    output: z.array(patientSummarySchema),
  }),
  'patients.get': call({
    access: { permission: 'patients.read' },
    input: z.object({ id: idSchema }),
    output: patientRecordSchema,
  }),
  /** Likely duplicates of a patient being entered: same document, same name and birth date, or same phone. */
  'patients.findDuplicates': call({
    access: { permission: 'patients.read' },
    input: z.object({ draft: patientDraftSchema, excludeId: idSchema.optional() }),
    output: z.array(duplicateCandidateSchema),
  }),
  'patients.create': call({
    access: { permission: 'patients.write' },
    input: z.object({ draft: patientDraftSchema, alerts: z.array(z.enum(ALERT_CODES)).max(ALERT_CODES.length).default([]) }),
    output: patientRecordSchema,
  }),
  'patients.update': call({
    access: { permission: 'patients.write' },
    input: z.object({ id: idSchema, draft: patientDraftSchema }),
    output: patientRecordSchema,
  }),
  /** The alert badges alone, which the front desk records at intake; a new medical-history version. */
  'patients.setAlerts': call({
    access: { permission: 'patients.write' },
    input: z.object({ patientId: idSchema, alerts: z.array(z.enum(ALERT_CODES)).max(ALERT_CODES.length) }),
    output: z.object({ alerts: z.array(z.enum(ALERT_CODES)) }),
  }),
  /** Every version, newest first. */
  'patients.medicalHistory.list': call({
    access: { permission: 'medical.read' },
    input: z.object({ patientId: idSchema }),
    output: z.array(medicalHistoryVersionSchema),
  }),
  'patients.medicalHistory.record': call({
    access: { permission: 'clinical.write' },
    input: z.object({ patientId: idSchema, history: medicalHistorySchema }),
    output: medicalHistoryVersionSchema,
  }),
  'patients.setPhoto': call({
    access: { permission: 'patients.write' },
    input: z.object({
      patientId: idSchema,
      /** null removes the photo. */
      photo: z.object({ mime: z.enum(['image/jpeg', 'image/png', 'image/webp']), dataBase64: visibleLine(z.string().min(1).max(3_000_000)) }).nullable(),
    }),
    output: z.object({ hasPhoto: z.boolean() }),
  }),
  'patients.getPhoto': call({
    access: { permission: 'patients.read' },
    input: z.object({ patientId: idSchema }),
    output: z.object({ mime: z.string(), dataBase64: z.string() }).nullable(),
  }),
  /** Moves everything of the duplicate onto the survivor; undoable. */
  'patients.merge': call({
    access: { permission: 'patients.write' },
    input: z.object({ survivorId: idSchema, duplicateId: idSchema }),
    output: z.object({ mergeId: z.string(), survivor: patientRecordSchema }),
  }),
  'patients.undoMerge': call({
    access: { permission: 'patients.write' },
    input: z.object({ mergeId: idSchema }),
    output: z.object({ restoredId: z.string() }),
  }),
  /** Reads a spreadsheet and proposes a column mapping; writes nothing. */
  'patients.import.preview': call({
    access: { permission: 'patients.write' },
    input: importFileSchema,
    output: z.object({
      format: z.enum(['csv', 'xlsx']),
      encoding: z.string(),
      headers: z.array(z.string()),
      sampleRows: z.array(z.array(z.string())),
      rowCount: z.number().int(),
      suggestedMapping: importMappingSchema,
    }),
  }),
  /** Validates every row; imports all valid ones in one transaction; reports each rejected row and why. */
  'patients.import.run': call({
    access: { permission: 'patients.write' },
    input: importFileSchema.extend({ mapping: importMappingSchema }),
    output: z.object({
      total: z.number().int(),
      imported: z.number().int(),
      alreadyPresent: z.number().int(),
      rejected: z.array(
        z.object({
          /** 1-based, counting the header row, as the spreadsheet shows it. */
          row: z.number().int(),
          errors: z.array(z.object({ field: z.string(), messageKey: z.string(), params: z.record(z.string(), z.union([z.string(), z.number()])).optional() })),
        }),
      ),
    }),
  }),
  /** All active patients as CSV (UTF-8 with BOM, so Excel opens accents right). */
  'patients.export': call({
    access: { permission: 'patients.read' },
    input: z.object({}),
    output: z.object({ fileName: z.string(), csv: z.string(), count: z.number().int() }),
  }),
} as const;
