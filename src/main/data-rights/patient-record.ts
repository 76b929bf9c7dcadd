import { type ChartEntry, type ChartEvent, chartAt } from '../../shared/chart/events';
import type { PerioExam } from '../../shared/perio/exam';
import type {
  AppointmentsTable,
  ClinicalNoteAddendaTable,
  ClinicalNotesTable,
  LedgerPostingsTable,
  PatientMedicalHistoryTable,
  PatientsTable,
} from '../db/schema';
import { type PatientScope, parseJson } from '../chairside/chairside-common';
import { loadLog } from '../chairside/chart/chart-repository';
import { rowToExam } from '../chairside/perio/perio-service';
import { listProcedureRows } from '../chairside/procedures/catalog-repository';
import { type Db, userNames } from '../patients/patients-repository';
import { displayName as providerName } from '../users/users-repository';

/*
 * Everything the practice holds about one patient, read once for both exports
 * (FHIR and the PDF summary). The patient is the survivor of its merge tree:
 * rows that followed the survivor (appointments) and facts that stayed with
 * the duplicate they were recorded for (chart events, exams, notes, history)
 * are gathered through `scope.ids`, the way chairside reads them.
 */

export interface SignedNote {
  note: ClinicalNotesTable;
  sections: { heading: string; text: string }[];
  addenda: ClinicalNoteAddendaTable[];
}

export interface PatientRecordData {
  patient: PatientsTable;
  /** Records merged into the patient (their rows, for Patient.link). */
  merged: PatientsTable[];
  ids: string[];
  appointments: (AppointmentsTable & { provider_name: string | null; type_name: string | null })[];
  chartLog: ChartEvent[];
  chartEntries: readonly ChartEntry[];
  procedureNames: Map<string, { es: string; en: string }>;
  perioExams: PerioExam[];
  notes: SignedNote[];
  /** The newest medical history version of the tree (alerts merged as the badges are), or null. */
  history: PatientMedicalHistoryTable | null;
  alerts: string[];
  postings: LedgerPostingsTable[];
  users: Map<string, string>;
  /** Rows of tables other branches add (documents, prescriptions), when they exist here. */
  optional: { documents: Record<string, unknown>[] | null; prescriptions: Record<string, unknown>[] | null };
}

export async function loadPatientRecord(db: Db, scope: PatientScope): Promise<PatientRecordData> {
  const ids = scope.ids;
  const [merged, appointments, chartLog, procedures, perioRows, noteRows, historyRows, postings] = await Promise.all([
    ids.length > 1 ? db.selectFrom('patients').selectAll().where('id', 'in', ids.slice(1)).execute() : Promise.resolve([]),
    db
      .selectFrom('appointments as a')
      .leftJoin('providers as p', 'p.id', 'a.provider_id')
      .leftJoin('appointment_types as t', 't.id', 'a.type_id')
      .selectAll('a')
      .select(['p.given_names as pg', 'p.first_surname as pf', 'p.second_surname as ps', 't.name as type_name'])
      .where('a.patient_id', 'in', ids)
      .where('a.deleted_at', 'is', null)
      .orderBy('a.start_local')
      .execute(),
    loadLog(db, ids),
    listProcedureRows(db),
    db.selectFrom('perio_exams').selectAll().where('patient_id', 'in', ids).where('deleted_at', 'is', null).orderBy('exam_date').execute(),
    db.selectFrom('clinical_notes').selectAll().where('patient_id', 'in', ids).where('status', '=', 'signed').where('deleted_at', 'is', null).orderBy('visit_date').execute(),
    db.selectFrom('patient_medical_history').selectAll().where('patient_id', 'in', ids).orderBy('recorded_at').execute(),
    db.selectFrom('ledger_postings').selectAll().where('patient_id', 'in', ids).orderBy('entered_at').execute(),
  ]);
  const versionIds = noteRows.map((n) => n.signed_version_id).filter((v): v is string => !!v);
  const [versions, addenda, documents, prescriptions] = await Promise.all([
    versionIds.length ? db.selectFrom('clinical_note_versions').selectAll().where('id', 'in', versionIds).execute() : Promise.resolve([]),
    noteRows.length
      ? db
          .selectFrom('clinical_note_addenda')
          .selectAll()
          .where('note_id', 'in', noteRows.map((n) => n.id))
          .orderBy('signed_at')
          .execute()
      : Promise.resolve([]),
    db
      .selectFrom('documents')
      .select(['id', 'patient_id', 'kind', 'mime', 'file_name', 'taken_on', 'teeth', 'byte_size as size_bytes', 'sha256', 'created_at', 'voided_at'])
      .where('patient_id', 'in', ids)
      .execute() as Promise<Record<string, unknown>[]>,
    db
      .selectFrom('prescriptions as rx')
      .leftJoin('prescription_voids as v', 'v.prescription_id', 'rx.id')
      .select(['rx.id', 'rx.patient_id', 'rx.provider_id', 'rx.issued_at', 'rx.items', 'rx.replaces_id', 'v.voided_at'])
      .where('rx.patient_id', 'in', ids)
      .execute() as Promise<Record<string, unknown>[]>,
  ]);
  const versionById = new Map(versions.map((v) => [v.id, v]));
  const notes: SignedNote[] = noteRows.map((note) => {
    const content = parseJson<{ sections?: { heading?: string; text?: string }[] }>(versionById.get(note.signed_version_id ?? '')?.content ?? null, {});
    return {
      note,
      sections: (content.sections ?? []).map((s) => ({ heading: s.heading ?? '', text: s.text ?? '' })).filter((s) => s.text.trim() !== ''),
      addenda: addenda.filter((a) => a.note_id === note.id),
    };
  });
  const history = historyRows.length ? historyRows[historyRows.length - 1]! : null;
  // Alerts of every record in the tree: a merged duplicate's penicillin allergy is still the patient's.
  const latestPerPatient = new Map<string, PatientMedicalHistoryTable>();
  for (const row of historyRows) latestPerPatient.set(row.patient_id, row);
  const alerts = [...new Set([...latestPerPatient.values()].flatMap((r) => parseJson<string[]>(r.alerts, [])))].sort();
  const userIds = [
    ...chartLog.map((e) => e.by),
    ...perioRows.flatMap((r) => [r.examiner_id, r.signed_by]),
    ...noteRows.map((n) => n.signed_by),
    ...addenda.map((a) => a.signed_by),
  ].filter((u): u is string => !!u);
  return {
    patient: scope.patient,
    merged,
    ids,
    appointments: appointments.map(({ pg, pf, ps, ...a }) => ({
      ...a,
      provider_name: pg === null || pg === undefined ? null : providerName({ given_names: pg, first_surname: pf ?? '', second_surname: ps ?? '' }),
    })),
    chartLog,
    chartEntries: chartAt(chartLog, null).entries,
    procedureNames: new Map(procedures.map((p) => [p.code.toUpperCase(), { es: p.name_es, en: p.name_en }])),
    perioExams: perioRows.map(rowToExam),
    notes,
    history,
    alerts,
    postings,
    users: await userNames(db, userIds),
    optional: { documents, prescriptions },
  };
}
