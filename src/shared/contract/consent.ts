import { z } from 'zod';
import { LANGUAGES } from '../i18n/languages';
import { CONSENT_PROCEDURE_TYPES } from '../consent/placeholders';
import { call } from './define';
import { idSchema, multiLine, optionalSingleLine, singleLine, TEXT_LIMITS, visibleLine } from './text';

/*
 * Consent forms: templates per procedure type and language (practice-edited,
 * seeded with ours), filled with the patient's name, RUT, the procedure and
 * the date; signed on screen (drawn with a pointer, or typed name plus an
 * explicit agreement for those who cannot draw); the signed PDF is kept in the
 * encrypted database byte for byte, reprinted as the same bytes, never
 * altered (the database refuses it). Needs clinical.read / clinical.write.
 */

const id = idSchema;
const clientId = z.uuid();
const localDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'validation.date');
/** A drawn signature: a PNG as base64, small (a pad of a few hundred pixels). */
const SIGNATURE_MAX_CHARS = 400_000;

export const consentTemplateSchema = z.object({
  id: z.string(),
  procedureType: z.string(),
  language: z.enum(LANGUAGES),
  title: z.string(),
  body: z.string(),
  active: z.boolean(),
  sortOrder: z.number().int(),
});
export type ConsentTemplate = z.infer<typeof consentTemplateSchema>;

export const signedConsentSchema = z.object({
  id: z.string(),
  patientId: z.string(),
  procedureType: z.string(),
  language: z.enum(LANGUAGES),
  title: z.string(),
  signerName: z.string(),
  signatureMethod: z.enum(['drawn', 'typed']),
  signedAt: z.string(),
  witnessName: z.string().nullable(),
  pdfSha256: z.string(),
});
export type SignedConsent = z.infer<typeof signedConsentSchema>;

export const consentCalls = {
  'consent.templates.list': call({
    access: { permission: 'clinical.read' },
    input: z.object({ language: z.enum(LANGUAGES).optional(), includeInactive: z.boolean().default(false) }),
    output: z.array(consentTemplateSchema),
  }),
  /** Adds a template (no id) or changes one. Signed consents keep the text they were signed with. */
  'consent.templates.save': call({
    access: { permission: 'consent.manage' },
    input: z.object({
      id: id.optional(),
      procedureType: z.union([z.enum(CONSENT_PROCEDURE_TYPES), singleLine(40)]),
      language: z.enum(LANGUAGES),
      title: singleLine(TEXT_LIMITS.name),
      body: multiLine(TEXT_LIMITS.document),
      active: z.boolean().default(true),
      sortOrder: z.number().int().min(0).max(999).optional(),
    }),
    output: consentTemplateSchema,
  }),
  /** The template filled for this patient: what the patient reads before signing. */
  'consent.preview': call({
    access: { permission: 'clinical.read' },
    input: z.object({ patientId: id, templateId: id, procedure: optionalSingleLine(TEXT_LIMITS.line), date: localDate.optional() }),
    output: z.object({ title: z.string(), body: z.string(), language: z.enum(LANGUAGES) }),
  }),
  /**
   * The patient's signature: `drawn` carries the pad's PNG; `typed` the name typed by the patient and
   * `agreed` (the checkbox). Either way the signer's name and the agreement are required. Main renders the
   * PDF once and stores its bytes; the row can never change.
   */
  'consent.sign': call({
    access: { permission: 'clinical.write' },
    input: z
      .object({
        id: clientId.optional(),
        patientId: id,
        templateId: id,
        procedure: optionalSingleLine(TEXT_LIMITS.line),
        signerName: singleLine(160),
        method: z.enum(['drawn', 'typed']),
        signaturePng: visibleLine(z.string().max(SIGNATURE_MAX_CHARS)).regex(/^[A-Za-z0-9+/]+={0,2}$/, 'validation.signature').optional(),
        agreed: z.literal(true, 'validation.consentAgree'),
      })
      .refine((i) => i.method !== 'drawn' || (i.signaturePng !== undefined && i.signaturePng.length > 100), { message: 'validation.signature', path: ['signaturePng'] }),
    output: signedConsentSchema,
  }),
  'consent.list': call({
    access: { permission: 'clinical.read' },
    input: z.object({ patientId: id }),
    output: z.array(signedConsentSchema),
  }),
  /** The archived PDF, the same bytes that were signed. Audited. */
  'consent.print': call({
    access: { permission: 'clinical.read' },
    input: z.object({ consentId: id }),
    output: z.object({ fileName: z.string(), pdfBase64: z.string(), pages: z.number().int(), sha256: z.string() }),
  }),
} as const;
