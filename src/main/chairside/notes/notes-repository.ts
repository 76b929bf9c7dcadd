import type { ClinicalNoteAddendaTable, ClinicalNotesTable, ClinicalNoteVersionsTable, NoteTemplatesTable } from '../../db/schema';
import type { Db } from '../../patients/patients-repository';

/* Clinical notes: the note record, its versions (facts) and addenda (facts). */

export function findNoteRow(db: Db, id: string): Promise<ClinicalNotesTable | undefined> {
  return db.selectFrom('clinical_notes').selectAll().where('id', '=', id).where('deleted_at', 'is', null).executeTakeFirst();
}

export function noteRowsOf(db: Db, patientIds: readonly string[]): Promise<ClinicalNotesTable[]> {
  return db
    .selectFrom('clinical_notes')
    .selectAll()
    .where('patient_id', 'in', patientIds)
    .where('deleted_at', 'is', null)
    .orderBy('visit_date', 'desc')
    .orderBy('created_at', 'desc')
    .execute();
}

/** Oldest first. */
export async function versionRowsOf(db: Db, noteIds: readonly string[]): Promise<ClinicalNoteVersionsTable[]> {
  if (noteIds.length === 0) return [];
  return db.selectFrom('clinical_note_versions').selectAll().where('note_id', 'in', noteIds).orderBy('saved_at').orderBy('id').execute();
}

/** The same, for the patient's notes at once (the list): one indexed query. */
export function versionRowsOfPatients(db: Db, patientIds: readonly string[]): Promise<ClinicalNoteVersionsTable[]> {
  return db.selectFrom('clinical_note_versions').selectAll().where('patient_id', 'in', patientIds).orderBy('saved_at').orderBy('id').execute();
}

export function findVersionRow(db: Db, id: string): Promise<ClinicalNoteVersionsTable | undefined> {
  return db.selectFrom('clinical_note_versions').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function addendumRowsOf(db: Db, noteIds: readonly string[]): Promise<ClinicalNoteAddendaTable[]> {
  if (noteIds.length === 0) return [];
  return db.selectFrom('clinical_note_addenda').selectAll().where('note_id', 'in', noteIds).orderBy('signed_at').orderBy('id').execute();
}

export function findAddendumRow(db: Db, id: string): Promise<ClinicalNoteAddendaTable | undefined> {
  return db.selectFrom('clinical_note_addenda').selectAll().where('id', '=', id).executeTakeFirst();
}

export function templateRows(db: Db): Promise<NoteTemplatesTable[]> {
  return db.selectFrom('note_templates').selectAll().orderBy('language').orderBy('sort_order').orderBy('name').execute();
}

export function findTemplateRow(db: Db, id: string): Promise<NoteTemplatesTable | undefined> {
  return db.selectFrom('note_templates').selectAll().where('id', '=', id).executeTakeFirst();
}
