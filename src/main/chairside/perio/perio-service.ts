import { requireDraftAuthor } from '../draft-authorship';
import { v7 as uuidv7 } from 'uuid';
import type { z } from 'zod';
import { absentTeeth, chartTeeth, currentChart } from '../../../shared/chart/events';
import type { ToothId } from '../../../shared/chart/teeth';
import type { PerioExamOut, perioExamContentSchema, perioExamSummarySchema, perioComparisonSchema } from '../../../shared/contract/chairside';
import { AppError } from '../../../shared/contract/errors';
import { compareExams } from '../../../shared/perio/compare';
import {
  type FurcationGrade,
  type Mobility,
  type PerioExam,
  PerioValueError,
  createExam,
  presentTeeth,
  setFurcation,
  setMobility,
  setSite,
  signExam,
} from '../../../shared/perio/exam';
import { perioSummary } from '../../../shared/perio/indices';
import { type FurcationEntrance, SITES } from '../../../shared/perio/sites';
import { cdcAapCaseDefinition } from '../../../shared/staging/cdc';
import type { PerioExamsTable } from '../../db/schema';
import { type Db, userNames } from '../../patients/patients-repository';
import type { Actor, Store } from '../../store/store';
import { type PatientScope, conflict, parseJson, patientScope, practiceClock, validation } from '../chairside-common';
import { readChairsideSettings } from '../chairside-settings';
import { loadLog } from '../chart/chart-repository';
import { decodeReadings, encodeReadings } from './perio-codec';
import { draftRowOf, examRowsOf, findExamRow, latestExamRow } from './perio-repository';

/*
 * Perio exams in main. Each exam is a snapshot: a draft while it is entered
 * (saved whole, as the shared PerioExam), then signed and frozen. Every save
 * is rebuilt through the shared model's own setters (ranges, MGJ only where
 * it is charted, furcation entrances per tooth), so stored data obeys the
 * same rules as keyboard entry. Indices are computed on the way out and never
 * stored. Two people saving the same draft do not overwrite each other: a
 * save names the revision it was edited from, and a newer one wins a
 * CONFLICT the renderer shows (reload, then enter again).
 */

export type ExamContent = z.output<typeof perioExamContentSchema>;

export function rowToExam(row: PerioExamsTable): PerioExam {
  return {
    id: row.id,
    date: row.exam_date,
    status: row.status === 'signed' ? 'signed' : 'draft',
    examiner: row.examiner_id,
    teeth: parseJson<ToothId[]>(row.teeth, []),
    missing: parseJson<ToothId[]>(row.missing, []),
    readings: decodeReadings(row.readings),
    signedBy: row.signed_by,
    signedAt: row.signed_at,
  };
}

function toOut(row: PerioExamsTable, exam: PerioExam, patientId: string, names: Map<string, string>): PerioExamOut {
  return {
    id: row.id,
    patientId,
    date: exam.date,
    status: exam.status,
    examinerId: exam.examiner,
    examinerName: exam.examiner ? (names.get(exam.examiner) ?? null) : null,
    teeth: [...exam.teeth],
    missing: [...exam.missing],
    readings: exam.readings as PerioExamOut['readings'],
    revision: row.revision,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    signedBy: row.signed_by,
    signedByName: row.signed_by ? (names.get(row.signed_by) ?? null) : null,
    signedAt: row.signed_at,
    summary: perioSummary(exam),
    cdcAap: cdcAapCaseDefinition(exam),
  };
}

async function present(db: Db, row: PerioExamsTable, patientId: string): Promise<PerioExamOut> {
  const names = await userNames(db, [row.examiner_id, row.signed_by].filter((x): x is string => !!x));
  return toOut(row, rowToExam(row), patientId, names);
}

/**
 * The exam as the shared model builds it from what the renderer sent: every value through the model's
 * setters, so a value the keyboard could never produce is refused here too.
 */
export function buildExam(id: string, content: ExamContent, examiner: string | null): PerioExam {
  let exam: PerioExam;
  try {
    exam = createExam({ id, date: content.date, teeth: content.teeth, missing: content.missing, examiner });
  } catch {
    throw validation('exam.teeth', 'validation.tooth');
  }
  for (const [tooth, reading] of Object.entries(content.readings)) {
    const field = `exam.readings.${tooth}`;
    if (!exam.teeth.includes(tooth)) throw validation(field, 'validation.perioToothNotCharted');
    try {
      for (const site of SITES) {
        const r = reading.sites[site];
        if (r.pd === null && r.gm === null && r.mgj === null && !r.bleeding && !r.suppuration && !r.plaque && !r.calculus) continue;
        exam = setSite(exam, tooth, site, r);
      }
      if (reading.mobility !== null) exam = setMobility(exam, tooth, reading.mobility as Mobility);
      for (const [entrance, grade] of Object.entries(reading.furcation)) {
        if (grade !== undefined) exam = setFurcation(exam, tooth, entrance as FurcationEntrance, grade as FurcationGrade);
      }
    } catch (error) {
      if (error instanceof PerioValueError) throw validation(field, 'validation.perioValue');
      throw error;
    }
  }
  return exam;
}

async function requireExaminer(db: Db, examinerId: string | null | undefined): Promise<void> {
  if (!examinerId) return;
  const user = await db.selectFrom('users').select('id').where('id', '=', examinerId).executeTakeFirst();
  if (!user) throw validation('exam.examinerId', 'validation.userNotFound');
}

function stale(row: PerioExamsTable, revision: number): void {
  if (row.status === 'signed') throw conflict('errors.PERIO_SIGNED');
  if (row.revision !== revision) throw conflict('errors.PERIO_STALE', { revision: row.revision });
}

export async function startExam(store: Store, actor: Actor, patientId: string, date: string | undefined): Promise<{ exam: PerioExamOut; resumed: boolean }> {
  const today = (await practiceClock(store.db)).today;
  return store.write(actor, async (tx) => {
    const scope = await patientScope(tx.db, patientId);
    const draft = await draftRowOf(tx.db, scope.ids);
    if (draft) {
      await tx.audit({ action: 'perio.view', entity: 'patient', entityId: scope.patient.id, details: { examId: draft.id, resumed: true } });
      return { exam: await present(tx.db, draft, scope.patient.id), resumed: true };
    }
    // The chart says which teeth there are and which are gone: those are skipped by entry and indices.
    const chart = currentChart(await loadLog(tx.db, scope.ids));
    const teeth = chartTeeth(chart);
    const exam = createExam({ id: uuidv7(), date: date ?? today, teeth, missing: absentTeeth(chart), examiner: actor.userId });
    const now = new Date().toISOString();
    const row: PerioExamsTable = {
      id: exam.id,
      patient_id: scope.patient.id,
      exam_date: exam.date,
      status: 'draft',
      examiner_id: exam.examiner,
      teeth: JSON.stringify(exam.teeth),
      missing: JSON.stringify(exam.missing),
      readings: encodeReadings(exam.readings),
      revision: 0,
      created_at: now,
      created_by: actor.userId,
      updated_at: now,
      updated_by: actor.userId,
      signed_at: null,
      signed_by: null,
      deleted_at: null,
    };
    await tx.insert('perio_exams', row);
    await tx.audit({ action: 'perio.start', entity: 'patient', entityId: scope.patient.id, details: { examId: row.id, missing: exam.missing.length } });
    return { exam: await present(tx.db, row, scope.patient.id), resumed: false };
  });
}

export async function saveExam(store: Store, actor: Actor, examId: string, revision: number, content: ExamContent): Promise<PerioExamOut> {
  return store.write(actor, async (tx) => {
    const row = await findExamRow(tx.db, examId);
    if (!row) throw new AppError('NOT_FOUND');
    stale(row, revision);
    await requireDraftAuthor(tx.db, actor, row.created_by, 'edit');
    const examiner = content.examinerId === undefined ? row.examiner_id : content.examinerId;
    await requireExaminer(tx.db, examiner);
    const exam = buildExam(row.id, content, examiner);
    const now = new Date().toISOString();
    const fields = {
      // Repeated so that the change names its patient (the contract event), never changed.
      patient_id: row.patient_id,
      exam_date: exam.date,
      examiner_id: exam.examiner,
      teeth: JSON.stringify(exam.teeth),
      missing: JSON.stringify(exam.missing),
      readings: encodeReadings(exam.readings),
      revision: row.revision + 1,
      updated_at: now,
      updated_by: actor.userId,
    };
    await tx.update('perio_exams', row.id, fields);
    const owner = await patientScope(tx.db, row.patient_id);
    await tx.audit({ action: 'perio.save', entity: 'patient', entityId: owner.patient.id, details: { examId: row.id, revision: fields.revision } });
    return present(tx.db, { ...row, ...fields }, owner.patient.id);
  });
}

export async function signPerioExam(store: Store, actor: Actor, examId: string, revision: number): Promise<PerioExamOut> {
  return store.write(actor, async (tx) => {
    const row = await findExamRow(tx.db, examId);
    if (!row) throw new AppError('NOT_FOUND');
    stale(row, revision);
    await requireDraftAuthor(tx.db, actor, row.created_by, 'sign');
    const exam = rowToExam(row);
    if (perioSummary(exam).examinedSites === 0) throw conflict('errors.PERIO_NOTHING_MEASURED');
    const signed = signExam(exam, { by: actor.userId ?? '', at: new Date().toISOString() });
    const fields = {
      patient_id: row.patient_id,
      status: 'signed',
      signed_by: signed.signedBy,
      signed_at: signed.signedAt,
      revision: row.revision + 1,
      updated_at: signed.signedAt!,
      updated_by: actor.userId,
    };
    await tx.update('perio_exams', row.id, fields);
    const owner = await patientScope(tx.db, row.patient_id);
    await tx.audit({ action: 'perio.sign', entity: 'patient', entityId: owner.patient.id, details: { examId: row.id } });
    return present(tx.db, { ...row, ...fields }, owner.patient.id);
  });
}

export async function discardExam(store: Store, actor: Actor, examId: string): Promise<{ discarded: true }> {
  return store.write(actor, async (tx) => {
    const row = await findExamRow(tx.db, examId);
    if (!row) throw new AppError('NOT_FOUND');
    if (row.status === 'signed') throw conflict('errors.PERIO_SIGNED');
    await requireDraftAuthor(tx.db, actor, row.created_by, 'edit');
    const now = new Date().toISOString();
    await tx.update('perio_exams', row.id, { patient_id: row.patient_id, deleted_at: now, updated_at: now, updated_by: actor.userId });
    await tx.audit({ action: 'perio.discard', entity: 'patient', entityId: row.patient_id, details: { examId: row.id } });
    return { discarded: true as const };
  });
}

/** An exam and the patient it belongs to now (following merges). */
export async function loadExam(db: Db, examId: string): Promise<{ row: PerioExamsTable; patientId: string }> {
  const row = await findExamRow(db, examId);
  if (!row) throw new AppError('NOT_FOUND');
  const scope = await patientScope(db, row.patient_id);
  return { row, patientId: scope.patient.id };
}

export async function getExam(store: Store, actor: Actor, examId: string): Promise<PerioExamOut> {
  const { row, patientId } = await loadExam(store.db, examId);
  return store.readAudited(actor, { action: 'perio.view', entity: 'patient', entityId: patientId, details: { examId } }, (db) => present(db, row, patientId));
}

export async function latestExam(store: Store, actor: Actor, patientId: string, signedOnly: boolean): Promise<PerioExamOut | null> {
  const scope = await patientScope(store.db, patientId);
  return store.readAudited(actor, { action: 'perio.view', entity: 'patient', entityId: scope.patient.id, details: { latest: true } }, (db) =>
    latestExamOf(db, scope, signedOnly),
  );
}

/** The patient's newest exam (not audited: the caller does). */
export async function latestExamOf(db: Db, scope: PatientScope, signedOnly: boolean): Promise<PerioExamOut | null> {
  const row = await latestExamRow(db, scope.ids, signedOnly);
  return row ? present(db, row, scope.patient.id) : null;
}

export async function listExams(store: Store, actor: Actor, patientId: string): Promise<z.output<typeof perioExamSummarySchema>[]> {
  const scope = await patientScope(store.db, patientId);
  return store.readAudited(actor, { action: 'perio.list', entity: 'patient', entityId: scope.patient.id }, async (db) => {
    const rows = await examRowsOf(db, scope.ids);
    const names = await userNames(
      db,
      rows.flatMap((r) => [r.examiner_id, r.signed_by].filter((x): x is string => !!x)),
    );
    return rows.map((row) => {
      const exam = rowToExam(row);
      const { readings: _r, teeth: _t, missing: _m, ...rest } = toOut(row, exam, scope.patient.id, names);
      return { ...rest, teethPresent: presentTeeth(exam).length };
    });
  });
}

export async function compare(store: Store, actor: Actor, examIdA: string, examIdB: string): Promise<z.output<typeof perioComparisonSchema>> {
  const a = await loadExam(store.db, examIdA);
  const b = await loadExam(store.db, examIdB);
  if (a.patientId !== b.patientId) throw validation('examIdB', 'validation.perioOtherPatient');
  const settings = await readChairsideSettings(store.db);
  return store.readAudited(actor, { action: 'perio.compare', entity: 'patient', entityId: a.patientId, details: { examIdA, examIdB } }, async () => {
    // The earlier exam is "before", whatever order they were asked in.
    const [first, second] = [a.row, b.row].sort((x, y) => (x.exam_date === y.exam_date ? x.created_at.localeCompare(y.created_at) : x.exam_date.localeCompare(y.exam_date)));
    const before = rowToExam(first!);
    const after = rowToExam(second!);
    const result = compareExams(before, after, settings.compareThresholds);
    return {
      before: { id: before.id, date: before.date, summary: perioSummary(before) },
      after: { id: after.id, date: after.date, summary: perioSummary(after) },
      thresholds: settings.compareThresholds,
      sites: result.sites,
      lostTeeth: result.lostTeeth,
      newTeeth: result.newTeeth,
      worse: result.worse,
      better: result.better,
    };
  });
}
