import { type Kysely, type Transaction } from 'kysely';
import type { PatientMergesTable, PatientsTable, Schema } from '../db/schema';

/*
 * Queries of the patient registry. Every lookup here goes through an index
 * (primary key, patients_document, patients_guarantor, patients_birth_date,
 * patients_sort_name, the history's (patient_id, version) and the photos'
 * patient_id), so opening a patient stays cheap on a practice of 60,000.
 */

export type Db = Kysely<Schema> | Transaction<Schema>;

/** A patient that is neither deleted nor merged into another: the ones lists, searches and checks see. */
export function isActive(row: Pick<PatientsTable, 'deleted_at' | 'merged_into_id'>): boolean {
  return row.deleted_at === null && row.merged_into_id === null;
}

export function displayName(row: Pick<PatientsTable, 'given_names' | 'first_surname' | 'second_surname'>): string {
  return [row.given_names, row.first_surname, row.second_surname].filter(Boolean).join(' ');
}

export function findPatient(db: Db, id: string): Promise<PatientsTable | undefined> {
  return db.selectFrom('patients').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findPatients(db: Db, ids: readonly string[]): Promise<PatientsTable[]> {
  if (ids.length === 0) return [];
  return db.selectFrom('patients').selectAll().where('id', 'in', ids).execute();
}

/** Whoever holds this document, active or not (the unique index covers every row). */
export function findByDocument(db: Db, type: string, number: string): Promise<PatientsTable[]> {
  return db.selectFrom('patients').selectAll().where('document_type', '=', type).where('document_number', '=', number).execute();
}

/** Patients whose guarantor is one of these patients. */
export async function findByGuarantor(db: Db, guarantorIds: readonly string[]): Promise<PatientsTable[]> {
  if (guarantorIds.length === 0) return [];
  return db
    .selectFrom('patients')
    .selectAll()
    .where('guarantor_patient_id', 'in', guarantorIds)
    .where('deleted_at', 'is', null)
    .where('merged_into_id', 'is', null)
    .orderBy('sort_name')
    .execute();
}

export function findByBirthDate(db: Db, birthDate: string): Promise<PatientsTable[]> {
  return db
    .selectFrom('patients')
    .selectAll()
    .where('birth_date', '=', birthDate)
    .where('deleted_at', 'is', null)
    .where('merged_into_id', 'is', null)
    .execute();
}

/** A merge that has not been undone. */
export type ActiveMerge = Pick<PatientMergesTable, 'id' | 'survivor_id' | 'duplicate_id' | 'merged_at'>;

/**
 * The merges under each of these patients, transitively (B merged into A,
 * then A into C: C's tree holds A and B). Merges are rare, and the table small,
 * so a level-by-level walk costs one (usually empty) query per level.
 */
export async function mergesUnder(db: Db, rootIds: readonly string[]): Promise<ActiveMerge[]> {
  const found: ActiveMerge[] = [];
  const seen = new Set(rootIds);
  let frontier = [...rootIds];
  while (frontier.length > 0) {
    const level = await db
      .selectFrom('patient_merges')
      .select(['id', 'survivor_id', 'duplicate_id', 'merged_at'])
      .where('survivor_id', 'in', frontier)
      .where('undone_at', 'is', null)
      .execute();
    frontier = [];
    for (const merge of level) {
      if (seen.has(merge.duplicate_id)) continue;
      seen.add(merge.duplicate_id);
      found.push(merge);
      frontier.push(merge.duplicate_id);
    }
  }
  return found;
}

export function findMerge(db: Db, id: string): Promise<PatientMergesTable | undefined> {
  return db.selectFrom('patient_merges').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function userNames(db: Db, ids: readonly string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await db.selectFrom('users').select(['id', 'given_names', 'first_surname', 'second_surname']).where('id', 'in', unique).execute();
  return new Map(rows.map((r) => [r.id, displayName(r)]));
}

export async function hasLivePhoto(db: Db, patientId: string): Promise<boolean> {
  const row = await db.selectFrom('patient_photos').select('id').where('patient_id', '=', patientId).where('deleted_at', 'is', null).executeTakeFirst();
  return row !== undefined;
}

/** True when SQLite refused a write because of a unique index (the document's, under a race). */
export function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: string } | null)?.code === 'SQLITE_CONSTRAINT_UNIQUE';
}
