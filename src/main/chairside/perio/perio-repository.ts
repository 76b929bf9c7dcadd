import type { PerioExamsTable } from '../../db/schema';
import type { Db } from '../../patients/patients-repository';

/* Perio exams: drafts change while entered; signed rows are frozen by the database. */

export function findExamRow(db: Db, id: string): Promise<PerioExamsTable | undefined> {
  return db.selectFrom('perio_exams').selectAll().where('id', '=', id).where('deleted_at', 'is', null).executeTakeFirst();
}

/** The patients' live exams, newest clinical date first (then newest made). */
export function examRowsOf(db: Db, patientIds: readonly string[]): Promise<PerioExamsTable[]> {
  return db
    .selectFrom('perio_exams')
    .selectAll()
    .where('patient_id', 'in', patientIds)
    .where('deleted_at', 'is', null)
    .orderBy('exam_date', 'desc')
    .orderBy('created_at', 'desc')
    .execute();
}

export function latestExamRow(db: Db, patientIds: readonly string[], signedOnly: boolean): Promise<PerioExamsTable | undefined> {
  let query = db.selectFrom('perio_exams').selectAll().where('patient_id', 'in', patientIds).where('deleted_at', 'is', null);
  if (signedOnly) query = query.where('status', '=', 'signed');
  return query.orderBy('exam_date', 'desc').orderBy('created_at', 'desc').limit(1).executeTakeFirst();
}

export function draftRowOf(db: Db, patientIds: readonly string[]): Promise<PerioExamsTable | undefined> {
  return db
    .selectFrom('perio_exams')
    .selectAll()
    .where('patient_id', 'in', patientIds)
    .where('status', '=', 'draft')
    .where('deleted_at', 'is', null)
    .orderBy('created_at', 'desc')
    .limit(1)
    .executeTakeFirst();
}
