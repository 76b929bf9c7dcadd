import { type Role, roleHas } from '../../shared/auth/roles';
import type { Annotation, DocumentSummary } from '../../shared/contract/documents';
import { AppError } from '../../shared/contract/errors';
import { type AnnotationShape, annotationShapeSchema } from '../../shared/documents/annotations';
import { type DocumentKind, DOCUMENT_MAX_BYTES, DOCUMENT_MAX_MB, type DocumentMime, isClinicalKind } from '../../shared/documents/kinds';
import { sniffDocument } from '../../shared/documents/sniff';
import { patientScope } from '../chairside/chairside-common';
import type { DocumentsTable } from '../db/schema';
import { type Db, userNames } from '../patients/patients-repository';
import type { Actor, Store, WriteTx } from '../store/store';
import { putFile, readFile } from './file-store';

/*
 * Attaching, listing, viewing, tagging, voiding and annotating documents.
 * Every rule about who sees what lives here: the contract lets patients.write
 * attach and patients.read list, and this service keeps the pixels of a
 * clinical kind (radiographs, intraoral photos) from anyone without
 * clinical.read, and their voiding from anyone without clinical.write.
 */

export interface Viewer {
  actor: Actor;
  role: Role;
}

export interface NewDocument {
  documentId: string;
  patientId: string | null;
  fileName: string;
  bytes: Buffer;
  takenOn: string;
  kind: DocumentKind;
  teeth: readonly string[];
  thumbnail: { mime: 'image/jpeg' | 'image/png'; dataBase64: string } | null;
  width: number | null;
  height: number | null;
  source: 'upload' | 'folder';
}

function fileError(key: 'patientDocuments.errors.unsupported' | 'patientDocuments.errors.tooLarge' | 'patientDocuments.errors.empty'): AppError {
  return new AppError('VALIDATION', key, { params: { limitMb: DOCUMENT_MAX_MB }, fields: { dataBase64: key } });
}

/**
 * Decodes an upload; what it is comes from its bytes later (checkFile), never
 * from its name. Base64 is checked by decoding and encoding again, which is
 * exact and linear (a regular expression over megabytes is slow, and a
 * grouped one overflows V8's stack).
 */
export function decodeUpload(dataBase64: string): Buffer {
  const bytes = Buffer.from(dataBase64, 'base64');
  if (bytes.toString('base64') !== dataBase64) throw fileError('patientDocuments.errors.unsupported');
  return bytes;
}

export function checkFile(bytes: Buffer): DocumentMime {
  if (bytes.length === 0) throw fileError('patientDocuments.errors.empty');
  if (bytes.length > DOCUMENT_MAX_BYTES) throw fileError('patientDocuments.errors.tooLarge');
  const mime = sniffDocument(bytes);
  if (!mime) throw fileError('patientDocuments.errors.unsupported');
  return mime;
}

const canSeeClinical = (role: Role) => roleHas(role, 'clinical.read');

async function summaries(db: Db, rows: readonly DocumentsTable[], role: Role): Promise<DocumentSummary[]> {
  if (rows.length === 0) return [];
  const names = await userNames(db, rows.flatMap((r) => [r.created_by, r.voided_by]).filter((u): u is string => u !== null));
  const counts = await db
    .selectFrom('document_annotations')
    .select(['document_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('document_id', 'in', rows.map((r) => r.id))
    .where('deleted_at', 'is', null)
    .groupBy('document_id')
    .execute();
  const annotationCount = new Map(counts.map((c) => [c.document_id, Number(c.n)]));
  return rows.map((row) => {
    const restricted = isClinicalKind(row.kind) && !canSeeClinical(role);
    return {
      id: row.id,
      patientId: row.patient_id,
      kind: row.kind as DocumentKind,
      takenOn: row.taken_on,
      teeth: JSON.parse(row.teeth) as string[],
      mime: row.mime as DocumentMime,
      byteSize: row.byte_size,
      fileName: row.file_name,
      width: row.width,
      height: row.height,
      thumbnail: !restricted && row.thumbnail && row.thumbnail_mime ? { mime: row.thumbnail_mime as 'image/jpeg' | 'image/png', dataBase64: row.thumbnail } : null,
      restricted,
      source: row.source as 'upload' | 'folder',
      createdAt: row.created_at,
      createdBy: row.created_by ? (names.get(row.created_by) ?? null) : null,
      annotationCount: annotationCount.get(row.id) ?? 0,
      voided: row.voided_at ? { at: row.voided_at, by: row.voided_by ? (names.get(row.voided_by) ?? null) : null, reason: row.void_reason ?? '' } : null,
    };
  });
}

async function findDocument(db: Db, documentId: string): Promise<DocumentsTable> {
  const row = await db.selectFrom('documents').selectAll().where('id', '=', documentId).executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND');
  return row;
}

function requireClinical(role: Role, kind: string, permission: 'clinical.read' | 'clinical.write'): void {
  if (isClinicalKind(kind) && !roleHas(role, permission)) throw new AppError('FORBIDDEN', undefined, { params: { permission } });
}

/** Stores the file (once per content) and its record in one transaction, audited. A retried id returns the first attach. */
export async function insertDocument(tx: WriteTx, input: NewDocument, mime: DocumentMime, userId: string | null): Promise<DocumentsTable> {
  const existing = await tx.db.selectFrom('documents').selectAll().where('id', '=', input.documentId).executeTakeFirst();
  if (existing) return existing;
  let patientId: string | null = null;
  if (input.patientId !== null) patientId = (await patientScope(tx.db, input.patientId)).patient.id;
  const file = await putFile(tx, input.bytes);
  const now = new Date().toISOString();
  const row: DocumentsTable = {
    id: input.documentId,
    patient_id: patientId,
    sha256: file.sha256,
    mime,
    byte_size: input.bytes.length,
    chunk_count: file.chunkCount,
    file_name: input.fileName,
    taken_on: input.takenOn,
    kind: input.kind,
    teeth: JSON.stringify([...new Set(input.teeth)]),
    width: input.width,
    height: input.height,
    thumbnail: input.thumbnail?.dataBase64 ?? null,
    thumbnail_mime: input.thumbnail?.mime ?? null,
    source: input.source,
    created_at: now,
    created_by: userId,
    updated_at: now,
    updated_by: userId,
    voided_at: null,
    voided_by: null,
    void_reason: null,
  };
  await tx.insert('documents', row);
  await tx.audit({
    action: input.source === 'folder' ? 'documents.importFolder' : 'documents.attach',
    entity: patientId ? 'patient' : 'document',
    entityId: patientId ?? row.id,
    details: { documentId: row.id, kind: row.kind, mime, bytes: row.byte_size, sha256: file.sha256 },
  });
  return row;
}

export async function attachDocument(store: Store, viewer: Viewer, input: NewDocument): Promise<DocumentSummary> {
  const mime = checkFile(input.bytes);
  const row = await store.write(viewer.actor, (tx) => insertDocument(tx, input, mime, viewer.actor.userId));
  return (await summaries(store.db, [row], viewer.role))[0]!;
}

export async function listDocuments(store: Store, viewer: Viewer, patientId: string, options: { tooth?: string; includeVoided: boolean }): Promise<DocumentSummary[]> {
  return store.readAudited(viewer.actor, { action: 'documents.list', entity: 'patient', entityId: patientId, details: options.tooth ? { tooth: options.tooth } : undefined }, async (db) => {
    const scope = await patientScope(db, patientId);
    let query = db.selectFrom('documents').selectAll().where('patient_id', 'in', scope.ids);
    if (!options.includeVoided) query = query.where('voided_at', 'is', null);
    let rows = await query.orderBy('taken_on', 'desc').orderBy('created_at', 'desc').execute();
    if (options.tooth) rows = rows.filter((r) => (JSON.parse(r.teeth) as string[]).includes(options.tooth!));
    return summaries(db, rows, viewer.role);
  });
}

export async function listInbox(store: Store, viewer: Viewer): Promise<DocumentSummary[]> {
  return store.readAudited(viewer.actor, { action: 'documents.inbox', entity: 'document' }, async (db) => {
    const rows = await db.selectFrom('documents').selectAll().where('patient_id', 'is', null).where('voided_at', 'is', null).orderBy('created_at', 'desc').execute();
    return summaries(db, rows, viewer.role);
  });
}

export async function getDocument(store: Store, viewer: Viewer, documentId: string): Promise<{ document: DocumentSummary; dataBase64: string; annotations: Annotation[] }> {
  const row = await findDocument(store.db, documentId);
  requireClinical(viewer.role, row.kind, 'clinical.read');
  return store.readAudited(
    viewer.actor,
    { action: 'documents.view', entity: row.patient_id ? 'patient' : 'document', entityId: row.patient_id ?? row.id, details: { documentId } },
    async (db) => {
      const bytes = await readFile(db, { sha256: row.sha256, chunkCount: row.chunk_count });
      if (!bytes) throw new AppError('NOT_FOUND', 'patientDocuments.errors.notArrived');
      const annotations = await listAnnotations(db, documentId);
      return { document: (await summaries(db, [row], viewer.role))[0]!, dataBase64: bytes.toString('base64'), annotations };
    },
  );
}

async function listAnnotations(db: Db, documentId: string): Promise<Annotation[]> {
  const rows = await db.selectFrom('document_annotations').selectAll().where('document_id', '=', documentId).where('deleted_at', 'is', null).orderBy('page').orderBy('created_at').execute();
  const names = await userNames(db, rows.map((r) => r.created_by).filter((u): u is string => u !== null));
  return rows.flatMap((r) => {
    const shape = annotationShapeSchema.safeParse(JSON.parse(r.shape));
    if (!shape.success) return [];
    return [{ id: r.id, documentId: r.document_id, page: r.page, shape: shape.data, createdAt: r.created_at, createdBy: r.created_by ? (names.get(r.created_by) ?? null) : null }];
  });
}

export async function updateDocument(
  store: Store,
  viewer: Viewer,
  input: { documentId: string; patientId?: string; takenOn?: string; kind?: DocumentKind; teeth?: readonly string[] },
): Promise<DocumentSummary> {
  const row = await store.write(viewer.actor, async (tx) => {
    const row = await findDocument(tx.db, input.documentId);
    if (row.voided_at) throw new AppError('CONFLICT', 'patientDocuments.errors.voided');
    // Retagging a radiograph as something else (or the reverse) changes who may see it: clinical roles only.
    if (input.kind && input.kind !== row.kind) {
      requireClinical(viewer.role, row.kind, 'clinical.write');
      requireClinical(viewer.role, input.kind, 'clinical.write');
    }
    const fields: Partial<DocumentsTable> = {};
    if (input.patientId !== undefined) fields.patient_id = (await patientScope(tx.db, input.patientId)).patient.id;
    if (input.takenOn !== undefined) fields.taken_on = input.takenOn;
    if (input.kind !== undefined) fields.kind = input.kind;
    if (input.teeth !== undefined) fields.teeth = JSON.stringify([...new Set(input.teeth)]);
    const now = new Date().toISOString();
    // patient_id is repeated so the change event names the patient.
    await tx.update('documents', row.id, { ...fields, patient_id: fields.patient_id ?? row.patient_id, updated_at: now, updated_by: viewer.actor.userId });
    await tx.audit({
      action: input.patientId !== undefined && row.patient_id === null ? 'documents.assign' : 'documents.update',
      entity: 'patient',
      entityId: fields.patient_id ?? row.patient_id,
      details: { documentId: row.id, fields: Object.keys(fields) },
    });
    return { ...row, ...fields, updated_at: now };
  });
  return (await summaries(store.db, [row], viewer.role))[0]!;
}

export async function setThumbnail(
  store: Store,
  viewer: Viewer,
  input: { documentId: string; thumbnail: { mime: 'image/jpeg' | 'image/png'; dataBase64: string }; width: number | null; height: number | null },
): Promise<{ ok: true }> {
  await store.write(viewer.actor, async (tx) => {
    const row = await findDocument(tx.db, input.documentId);
    requireClinical(viewer.role, row.kind, 'clinical.read');
    // The first thumbnail stays: two workstations making one concurrently need not fight.
    if (row.thumbnail) return;
    await tx.update('documents', row.id, {
      thumbnail: input.thumbnail.dataBase64,
      thumbnail_mime: input.thumbnail.mime,
      width: row.width ?? input.width,
      height: row.height ?? input.height,
      patient_id: row.patient_id,
      updated_at: new Date().toISOString(),
    });
    await tx.audit({ action: 'documents.thumbnail', entity: 'document', entityId: row.id });
  });
  return { ok: true };
}

export async function voidDocument(store: Store, viewer: Viewer, documentId: string, reason: string): Promise<DocumentSummary> {
  const row = await store.write(viewer.actor, async (tx) => {
    const row = await findDocument(tx.db, documentId);
    requireClinical(viewer.role, row.kind, 'clinical.write');
    if (row.voided_at) return row;
    const now = new Date().toISOString();
    const fields = { voided_at: now, voided_by: viewer.actor.userId, void_reason: reason, updated_at: now, updated_by: viewer.actor.userId };
    await tx.update('documents', row.id, { ...fields, patient_id: row.patient_id });
    await tx.audit({ action: 'documents.void', entity: row.patient_id ? 'patient' : 'document', entityId: row.patient_id ?? row.id, details: { documentId: row.id } });
    return { ...row, ...fields };
  });
  return (await summaries(store.db, [row], viewer.role))[0]!;
}

export async function saveAnnotation(store: Store, viewer: Viewer, input: { annotationId: string; documentId: string; page?: number; shape: AnnotationShape }): Promise<Annotation> {
  const page = input.page ?? 1;
  return store.write(viewer.actor, async (tx) => {
    const row = await findDocument(tx.db, input.documentId);
    if (row.voided_at) throw new AppError('CONFLICT', 'patientDocuments.errors.voided');
    // An image is one page. A PDF's page count is the renderer's to know (main does not parse PDFs): any page the contract allows.
    const isPdf = row.mime === 'application/pdf';
    if (!isPdf && !row.mime.startsWith('image/')) throw new AppError('VALIDATION', 'patientDocuments.errors.notAnImage');
    if (!isPdf && page !== 1) throw new AppError('VALIDATION', 'patientDocuments.errors.imageOnePage', { fields: { page: 'patientDocuments.errors.imageOnePage' } });
    const now = new Date().toISOString();
    const existing = await tx.db.selectFrom('document_annotations').selectAll().where('id', '=', input.annotationId).executeTakeFirst();
    if (existing && existing.document_id !== row.id) throw new AppError('CONFLICT');
    if (existing) await tx.update('document_annotations', existing.id, { shape: JSON.stringify(input.shape), page, updated_at: now, patient_id: row.patient_id });
    else {
      await tx.insert('document_annotations', {
        id: input.annotationId,
        document_id: row.id,
        patient_id: row.patient_id,
        page,
        shape: JSON.stringify(input.shape),
        created_at: now,
        created_by: viewer.actor.userId,
        updated_at: now,
        deleted_at: null,
      });
    }
    await tx.audit({ action: 'documents.annotate', entity: 'patient', entityId: row.patient_id, details: { documentId: row.id, annotationId: input.annotationId, kind: input.shape.kind, page } });
    const names = viewer.actor.userId ? await userNames(tx.db, [viewer.actor.userId]) : new Map<string, string>();
    return {
      id: input.annotationId,
      documentId: row.id,
      page,
      shape: input.shape,
      createdAt: existing?.created_at ?? now,
      createdBy: names.get(existing?.created_by ?? viewer.actor.userId ?? '') ?? null,
    };
  });
}

export async function removeAnnotation(store: Store, viewer: Viewer, annotationId: string): Promise<{ ok: true }> {
  await store.write(viewer.actor, async (tx) => {
    const row = await tx.db.selectFrom('document_annotations').selectAll().where('id', '=', annotationId).executeTakeFirst();
    if (!row) throw new AppError('NOT_FOUND');
    if (row.deleted_at) return;
    const now = new Date().toISOString();
    await tx.update('document_annotations', row.id, { deleted_at: now, updated_at: now, patient_id: row.patient_id });
    await tx.audit({ action: 'documents.removeAnnotation', entity: 'patient', entityId: row.patient_id, details: { documentId: row.document_id, annotationId } });
  });
  return { ok: true };
}

