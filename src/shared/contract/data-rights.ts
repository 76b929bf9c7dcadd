import { z } from 'zod';
import { LANGUAGES } from '../i18n/languages';
import { call } from './define';
import { idSchema } from './text';

/*
 * The patient's data rights (Chile's Ley 19.628 / 21.719, GDPR-style requests):
 * a copy of the whole record (FHIR R4 JSON, or a readable PDF), and erasure
 * within the legal retention of clinical records. Only the admin holds
 * `patients.dataRights`. Every call is audited, and every export, erasure and
 * refusal is also kept in the data_requests log.
 *
 * Files come back as content for the renderer to save where the user asks;
 * main writes nothing to disk.
 */

const id = idSchema;
export const REQUESTERS = ['patient', 'representative', 'other'] as const;
export type Requester = (typeof REQUESTERS)[number];

/** What erasing changes or keeps, each with how many rows it touches. */
export const ERASURE_ITEMS = [
  'identity',
  'contact',
  'photo',
  'freeText',
  'appointmentNotes',
  'draftNotes',
  'clinicalFacts',
  'signedNotes',
  'ledger',
  'requests',
] as const;
export type ErasureItem = (typeof ERASURE_ITEMS)[number];

export const ledgerTotalsSchema = z.object({
  currency: z.string(),
  /** Integers in minor units; balance is the plain sum (positive = owed). */
  charges: z.number().int(),
  payments: z.number().int(),
  adjustments: z.number().int(),
  balance: z.number().int(),
  postings: z.number().int(),
});
export type LedgerTotals = z.infer<typeof ledgerTotalsSchema>;

export const erasurePlanSchema = z.object({
  patientId: z.string(),
  allowed: z.boolean(),
  retentionYears: z.number().int(),
  /** The newest clinical attention (YYYY-MM-DD), or null if the patient was never attended. */
  lastAttention: z.string().nullable(),
  /** The first day erasure is allowed (lastAttention + retention), or null when there is nothing to retain. */
  retainUntil: z.string().nullable(),
  removes: z.array(z.object({ item: z.enum(ERASURE_ITEMS), count: z.number().int() })),
  keeps: z.array(z.object({ item: z.enum(ERASURE_ITEMS), count: z.number().int() })),
  /** Kept clinical texts that mention the patient's name or document (they cannot be rewritten; see the README). */
  mentions: z.number().int(),
  ledger: z.array(ledgerTotalsSchema),
  /** Merged duplicates anonymised with the patient. */
  mergedRecords: z.number().int(),
});
export type ErasurePlan = z.infer<typeof erasurePlanSchema>;

export const dataRequestSchema = z.object({
  id: z.string(),
  kind: z.enum(['access', 'erasure']),
  requestedBy: z.enum(REQUESTERS),
  requestedAt: z.string(),
  recordedBy: z.string().nullable(),
  recordedByName: z.string().nullable(),
  decision: z.enum(['fulfilled', 'refused', 'anonymised']),
  format: z.enum(['fhir', 'pdf']).nullable(),
  retainUntil: z.string().nullable(),
});
export type DataRequest = z.infer<typeof dataRequestSchema>;

export const dataRightsSettingsSchema = z.object({
  /** Years a clinical record is kept after the last attention (Chile: at least 15). */
  retentionYears: z.number().int().min(1).max(100),
});
export type DataRightsSettings = z.infer<typeof dataRightsSettingsSchema>;

const access = { permission: 'patients.dataRights' } as const;

export const dataRightsCalls = {
  /** The whole record (the merge tree included) as a FHIR R4 Bundle of type collection. */
  'privacy.exportFhir': call({
    access,
    input: z.object({ patientId: id, requestedBy: z.enum(REQUESTERS).default('patient') }),
    output: z.object({ fileName: z.string(), json: z.string(), resources: z.record(z.string(), z.number().int()) }),
  }),
  /** The same record as a readable PDF, in the language asked for (the practice's by default). */
  'privacy.summaryPdf': call({
    access,
    input: z.object({ patientId: id, requestedBy: z.enum(REQUESTERS).default('patient'), language: z.enum(LANGUAGES).optional() }),
    output: z.object({ fileName: z.string(), pdfBase64: z.string(), pages: z.number().int() }),
  }),
  /** What erasing would remove and keep, and whether retention allows it now. Writes nothing. */
  'privacy.erasurePlan': call({
    access,
    input: z.object({ patientId: id }),
    output: erasurePlanSchema,
  }),
  /** Erases (anonymises) the patient if retention allows it; otherwise records the refusal. Either way the request is kept. */
  'privacy.erase': call({
    access,
    input: z.object({ patientId: id, requestedBy: z.enum(REQUESTERS) }),
    output: z.object({ requestId: z.string(), decision: z.enum(['refused', 'anonymised']), plan: erasurePlanSchema }),
  }),
  'privacy.requests.list': call({
    access,
    input: z.object({ patientId: id }),
    output: z.array(dataRequestSchema),
  }),
  'privacy.settings.get': call({
    access: { permission: 'patients.dataRights' },
    input: z.object({}).default({}),
    output: dataRightsSettingsSchema,
  }),
  'privacy.settings.set': call({
    access: { permission: 'settings.manage' },
    input: dataRightsSettingsSchema,
    output: dataRightsSettingsSchema,
  }),
} as const;
