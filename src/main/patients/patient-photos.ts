import { v7 as uuidv7 } from 'uuid';
import { AppError } from '../../shared/contract/errors';
import type { PatientPhotosTable } from '../db/schema';
import type { Actor, Store } from '../store/store';
import { type Db, findPatient, isActive } from './patients-repository';

/*
 * One photo per patient: one row, found by patient_id, replaced by an update
 * and removed by a tombstone, so sync sees a single record change each time.
 */

export const PHOTO_MAX_BYTES = 2 * 1024 * 1024;
export const PHOTO_MIMES = ['image/jpeg', 'image/png', 'image/webp'] as const;
export type PhotoMime = (typeof PHOTO_MIMES)[number];

/** What the bytes say they are, by their magic numbers; the declared type must agree. */
export function sniffImage(bytes: Uint8Array): PhotoMime | null {
  const starts = (signature: readonly number[], at = 0) => signature.every((b, i) => bytes[at + i] === b);
  if (starts([0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (starts([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (starts([0x52, 0x49, 0x46, 0x46]) && starts([0x57, 0x45, 0x42, 0x50], 8)) return 'image/webp';
  return null;
}

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

function invalid(key: 'validation.photo' | 'validation.photoTooLarge'): AppError {
  return new AppError('VALIDATION', key, { fields: { 'photo.dataBase64': key } });
}

/** Checks the upload and returns it in canonical base64. */
export function checkPhoto(photo: { mime: PhotoMime; dataBase64: string }): { mime: PhotoMime; data: string } {
  const compact = photo.dataBase64.replace(/\s+/g, '');
  if (!BASE64.test(compact)) throw invalid('validation.photo');
  const bytes = Buffer.from(compact, 'base64');
  if (bytes.length > PHOTO_MAX_BYTES) throw invalid('validation.photoTooLarge');
  if (sniffImage(bytes) !== photo.mime) throw invalid('validation.photo');
  return { mime: photo.mime, data: compact };
}

/** The patient's photo row: the live one if any, else an old tombstoned one to reuse. */
async function photoRow(db: Db, patientId: string): Promise<PatientPhotosTable | undefined> {
  const rows = await db.selectFrom('patient_photos').selectAll().where('patient_id', '=', patientId).execute();
  return rows.find((r) => r.deleted_at === null) ?? rows[0];
}

export async function setPhoto(
  store: Store,
  actor: Actor,
  patientId: string,
  photo: { mime: PhotoMime; dataBase64: string } | null,
): Promise<{ hasPhoto: boolean }> {
  const checked = photo ? checkPhoto(photo) : null;
  return store.write(actor, async (tx) => {
    const patient = await findPatient(tx.db, patientId);
    if (!patient || !isActive(patient)) throw new AppError('NOT_FOUND');
    const existing = await photoRow(tx.db, patientId);
    const now = new Date().toISOString();
    if (checked) {
      if (existing) await tx.update('patient_photos', existing.id, { mime: checked.mime, data: checked.data, updated_at: now, deleted_at: null });
      else await tx.insert('patient_photos', { id: uuidv7(), patient_id: patientId, mime: checked.mime, data: checked.data, updated_at: now, deleted_at: null });
    } else if (existing && existing.deleted_at === null) {
      await tx.update('patient_photos', existing.id, { updated_at: now, deleted_at: now });
    }
    await tx.audit({ action: checked ? 'patients.setPhoto' : 'patients.removePhoto', entity: 'patient', entityId: patientId });
    return { hasPhoto: checked !== null };
  });
}

export async function getPhoto(store: Store, actor: Actor, patientId: string): Promise<{ mime: string; dataBase64: string } | null> {
  return store.readAudited(actor, { action: 'patients.viewPhoto', entity: 'patient', entityId: patientId }, async (db) => {
    const row = await photoRow(db, patientId);
    return row && row.deleted_at === null ? { mime: row.mime, dataBase64: row.data } : null;
  });
}
