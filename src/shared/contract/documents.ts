import { z } from 'zod';
import { annotationShapeInputSchema, annotationShapeSchema } from '../documents/annotations';
import { ANNOTATION_PAGE_MAX, DOCUMENT_BASE64_MAX_CHARS, DOCUMENT_KINDS, DOCUMENT_MIMES, THUMBNAIL_BASE64_MAX_CHARS } from '../documents/kinds';
import { isLocalDate } from '../schedule/time';
import { toothIdSchema } from './chairside';
import { call } from './define';
import { idSchema, multiLine, singleLine, TEXT_LIMITS, visibleLine } from './text';

/*
 * Patient documents and imaging: radiographs, intraoral photos, letters, IDs.
 * Files are stored encrypted in the practice database, content-addressed by
 * SHA-256 (documents/ in main); annotations are data over the image.
 *
 * Attaching, tagging and voiding need patients.write (clinical roles and the
 * front desk); radiographs and intraoral photos are clinical records, so
 * seeing their pixels needs clinical.read and voiding them clinical.write
 * (checked in main by the kind). Annotating needs clinical.write. Every view,
 * attach, tag change, annotation and void is audited.
 */

const id = idSchema;
/** Ids as read back. */
const storedId = z.string();
const clientId = z.uuid();
const localDate = z.string().refine(isLocalDate, 'validation.date').max(TEXT_LIMITS.localDate);
const base64 = (max: number) => visibleLine(z.string().min(1).max(max));
const teeth = z.array(toothIdSchema).max(52);
const kind = z.enum(DOCUMENT_KINDS);
const dimension = z.number().int().min(1).max(100_000).nullable();
const thumbnailInputSchema = z.object({ mime: z.enum(['image/jpeg', 'image/png']), dataBase64: base64(THUMBNAIL_BASE64_MAX_CHARS) });
export const thumbnailSchema = z.object({ mime: z.enum(['image/jpeg', 'image/png']), dataBase64: z.string() });

export const documentSummarySchema = z.object({
  id: storedId,
  patientId: storedId.nullable(),
  kind,
  takenOn: z.string(),
  teeth: z.array(z.string()),
  mime: z.enum(DOCUMENT_MIMES),
  byteSize: z.number().int(),
  fileName: z.string(),
  width: z.number().int().nullable(),
  height: z.number().int().nullable(),
  /** Null when there is none yet (a folder import) or the user may not see this kind. */
  thumbnail: thumbnailSchema.nullable(),
  /** A clinical kind the user lacks clinical.read for: listed, never shown. */
  restricted: z.boolean(),
  source: z.enum(['upload', 'folder']),
  createdAt: z.string(),
  createdBy: z.string().nullable(),
  annotationCount: z.number().int(),
  voided: z.object({ at: z.string(), by: z.string().nullable(), reason: z.string() }).nullable(),
});
export type DocumentSummary = z.infer<typeof documentSummarySchema>;

/** The page of a PDF an annotation is drawn on, from 1; an image has one page. */
export const annotationPageSchema = z.number().int().min(1).max(ANNOTATION_PAGE_MAX);

export const annotationSchema = z.object({
  id: storedId,
  documentId: storedId,
  page: annotationPageSchema,
  shape: annotationShapeSchema,
  createdAt: z.string(),
  createdBy: z.string().nullable(),
});
export type Annotation = z.infer<typeof annotationSchema>;

export const importFolderStatusSchema = z.object({
  /** This workstation's watched folder, or null. */
  path: z.string().nullable(),
  watching: z.boolean(),
  /** Imports go to this patient while a workstation shows their documents, else to the unfiled inbox. */
  targetPatientId: storedId.nullable(),
  imported: z.number().int(),
  lastImportAt: z.string().nullable(),
  /** A translation key: the folder is missing, unreadable, or a file was refused. */
  problem: z.object({ messageKey: z.string(), fileName: z.string().nullable() }).nullable(),
});
export type ImportFolderStatus = z.infer<typeof importFolderStatusSchema>;

export const documentsCalls = {
  'documents.list': call({
    access: { permission: 'patients.read' },
    input: z.object({ patientId: id, tooth: toothIdSchema.optional(), includeVoided: z.boolean().default(false) }),
    output: z.array(documentSummarySchema),
  }),
  /** Files the watched folder imported with no patient open: to be assigned. */
  'documents.inbox': call({
    access: { permission: 'patients.write' },
    input: z.object({}),
    output: z.array(documentSummarySchema),
  }),
  'documents.attach': call({
    access: { permission: 'patients.write' },
    input: z.object({
      /** Made by the client, so a retried upload has no second effect. */
      documentId: clientId,
      patientId: id,
      fileName: singleLine(255),
      dataBase64: base64(DOCUMENT_BASE64_MAX_CHARS),
      takenOn: localDate,
      kind,
      teeth: teeth.default([]),
      /** Made by the renderer on a canvas (no temp files); null for PDFs or when decoding failed. */
      thumbnail: thumbnailInputSchema.nullable().default(null),
      width: dimension.default(null),
      height: dimension.default(null),
    }),
    output: documentSummarySchema,
  }),
  /** The file itself and its annotations; audited as a view. */
  'documents.get': call({
    access: { permission: 'patients.read' },
    input: z.object({ documentId: id }),
    output: z.object({ document: documentSummarySchema, dataBase64: z.string(), annotations: z.array(annotationSchema) }),
  }),
  /** Tags, or the patient (assigning from the inbox). */
  'documents.update': call({
    access: { permission: 'patients.write' },
    input: z.object({ documentId: id, patientId: id.optional(), takenOn: localDate.optional(), kind: kind.optional(), teeth: teeth.optional() }),
    output: documentSummarySchema,
  }),
  /**
   * A thumbnail made later by a renderer (folder imports arrive without one):
   * the viewer makes it when it opens the file, and the documents tab makes
   * the missing ones of the documents it lists, once each.
   */
  'documents.setThumbnail': call({
    access: { permission: 'patients.write' },
    input: z.object({ documentId: id, thumbnail: thumbnailInputSchema, width: dimension, height: dimension }),
    output: z.object({ ok: z.literal(true) }),
  }),
  /** Deleting is a void with a reason: the row and the file stay, out of the list. */
  'documents.void': call({
    access: { permission: 'patients.write' },
    input: z.object({ documentId: id, reason: multiLine(TEXT_LIMITS.reason) }),
    output: documentSummarySchema,
  }),
  'documents.annotations.save': call({
    access: { permission: 'clinical.write' },
    input: z.object({ annotationId: clientId, documentId: id, page: annotationPageSchema.default(1), shape: annotationShapeInputSchema }),
    output: annotationSchema,
  }),
  'documents.annotations.remove': call({
    access: { permission: 'clinical.write' },
    input: z.object({ annotationId: id }),
    output: z.object({ ok: z.literal(true) }),
  }),
  'documents.folder.get': call({
    access: { permission: 'patients.read' },
    input: z.object({}),
    output: importFolderStatusSchema,
  }),
  /** This workstation's folder where the X-ray sensor software exports; null stops watching. */
  'documents.folder.set': call({
    access: { permission: 'settings.manage' },
    input: z.object({ path: singleLine(1000).nullable() }),
    output: importFolderStatusSchema,
  }),
  /** The patient this workstation shows the documents of (null when none): where imports go. */
  'documents.folder.target': call({
    access: { permission: 'patients.write' },
    input: z.object({ patientId: id.nullable() }),
    output: z.object({ ok: z.literal(true) }),
  }),
  /** Looks at the folder now rather than at the next poll. */
  'documents.folder.scan': call({
    access: { permission: 'patients.write' },
    input: z.object({}),
    output: z.object({ imported: z.number().int() }),
  }),
} as const;
