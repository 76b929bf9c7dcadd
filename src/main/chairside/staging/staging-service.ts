import { v7 as uuidv7 } from 'uuid';
import type { z } from 'zod';
import type { stagingConfirmationSchema, stagingInputsSchema } from '../../../shared/contract/chairside';
import { AppError } from '../../../shared/contract/errors';
import { ageOn } from '../../../shared/patients/age';
import type { PerioExam } from '../../../shared/perio/exam';
import { cdcAapDetails } from '../../../shared/staging/cdc';
import { type Extent, type Grade, type Stage, type StagingSuggestion, confirmStaging, suggestStaging } from '../../../shared/staging/staging';
import type { PatientsTable, StagingConfirmationsTable } from '../../db/schema';
import { type Db, userNames } from '../../patients/patients-repository';
import type { Actor, Store } from '../../store/store';
import { conflict, parseJson, patientScope, validation } from '../chairside-common';
import { loadExam, rowToExam } from '../perio/perio-service';

/*
 * The staging helper: the 2017 AAP/EFP suggestion is computed in main from the
 * stored exam and the dentist's inputs (never taken from the renderer), with
 * the last confirmed stage as its floor. A confirmation is a fact that keeps
 * the suggestion and the inputs it answered, and it needs a signed exam: the
 * evidence must not change under the decision.
 */

export type StagingInputs = z.output<typeof stagingInputsSchema>;
type Confirmation = z.output<typeof stagingConfirmationSchema>;

interface StoredSuggestion {
  stage: Stage | null;
  grade: Grade | null;
  extent: Extent | null;
  rules: { rule: string; applied: boolean }[];
}

function toConfirmation(row: StagingConfirmationsTable, patientId: string, examDates: Map<string, string>, names: Map<string, string>): Confirmation {
  const suggestion = parseJson<StoredSuggestion>(row.suggestion, { stage: null, grade: null, extent: null, rules: [] });
  return {
    id: row.id,
    patientId,
    examId: row.exam_id,
    examDate: examDates.get(row.exam_id) ?? null,
    stage: row.stage as Stage,
    grade: row.grade as Grade,
    extent: row.extent as Extent,
    overridden: row.overridden === 1,
    suggested: { stage: suggestion.stage, grade: suggestion.grade, extent: suggestion.extent },
    rules: suggestion.rules.filter((r) => r.applied).map((r) => r.rule),
    inputs: parseJson<Record<string, unknown>>(row.inputs, {}),
    note: row.note,
    confirmedBy: row.confirmed_by,
    confirmedByName: row.confirmed_by ? (names.get(row.confirmed_by) ?? null) : null,
    confirmedAt: row.confirmed_at,
  };
}

async function confirmationRows(db: Db, patientIds: readonly string[]): Promise<StagingConfirmationsTable[]> {
  return db.selectFrom('staging_confirmations').selectAll().where('patient_id', 'in', patientIds).orderBy('confirmed_at', 'desc').orderBy('id', 'desc').execute();
}

async function present(db: Db, rows: StagingConfirmationsTable[], patientId: string): Promise<Confirmation[]> {
  const examIds = [...new Set(rows.map((r) => r.exam_id))];
  const exams = examIds.length ? await db.selectFrom('perio_exams').select(['id', 'exam_date']).where('id', 'in', examIds).execute() : [];
  const names = await userNames(db, rows.flatMap((r) => (r.confirmed_by ? [r.confirmed_by] : [])));
  const dates = new Map(exams.map((e) => [e.id, e.exam_date]));
  return rows.map((r) => toConfirmation(r, patientId, dates, names));
}

/** The age the grade's bone-loss ratio uses: the one given, or the patient's on the exam date. */
function ageFor(inputs: StagingInputs, patient: PatientsTable, exam: PerioExam): number | null {
  if (inputs.age !== undefined) return inputs.age;
  return patient.birth_date ? ageOn(patient.birth_date, exam.date) : null;
}

function suggestFor(exam: PerioExam, inputs: StagingInputs, age: number | null, previousStage: Stage | null): StagingSuggestion {
  return suggestStaging({
    exam,
    boneLossPercent: inputs.boneLossPercent,
    boneLossPattern: inputs.boneLossPattern,
    teethLostToPeriodontitis: inputs.teethLostToPeriodontitis,
    complexity: inputs.complexity,
    age,
    cigarettesPerDay: inputs.cigarettesPerDay,
    diabetes: inputs.diabetes,
    hba1c: inputs.hba1c,
    progressionMm5y: inputs.progressionMm5y,
    previousStage,
  });
}

export async function suggest(store: Store, actor: Actor, examId: string, inputs: StagingInputs) {
  const { row, patientId } = await loadExam(store.db, examId);
  const scope = await patientScope(store.db, patientId);
  return store.readAudited(actor, { action: 'staging.suggest', entity: 'patient', entityId: patientId, details: { examId } }, async (db) => {
    const exam = rowToExam(row);
    const [previous] = await present(db, (await confirmationRows(db, scope.ids)).slice(0, 1), patientId);
    const age = ageFor(inputs, scope.patient, exam);
    const suggestion = suggestFor(exam, inputs, age, previous?.stage ?? null);
    return { suggestion: suggestion as never, cdcAap: cdcAapDetails(exam), previous: previous ?? null, age };
  });
}

export interface ConfirmInput {
  patientId: string;
  examId: string;
  inputs: StagingInputs;
  decision: { stage?: Stage; grade?: Grade; extent?: Extent; note: string };
}

export async function confirm(store: Store, actor: Actor, input: ConfirmInput): Promise<Confirmation> {
  return store.write(actor, async (tx) => {
    const scope = await patientScope(tx.db, input.patientId);
    const { row } = await loadExam(tx.db, input.examId);
    if (!scope.ids.includes(row.patient_id)) throw validation('examId', 'validation.perioOtherPatient');
    if (row.status !== 'signed') throw conflict('errors.STAGING_EXAM_NOT_SIGNED');
    const exam = rowToExam(row);
    const [previous] = await confirmationRows(tx.db, scope.ids);
    const previousStage = (previous?.stage as Stage | undefined) ?? null;
    const age = ageFor(input.inputs, scope.patient, exam);
    const suggestion = suggestFor(exam, input.inputs, age, previousStage);
    const at = new Date().toISOString();
    const result = confirmStaging(suggestion, { by: actor.userId ?? '', at, ...input.decision, previousStage });
    if (!result.ok) {
      if (result.error === 'stage_below_previous') throw conflict('errors.STAGING_BELOW_PREVIOUS', { previous: previousStage ?? '' });
      throw validation(`decision.${result.error.replace('_required', '')}`, 'validation.stagingDecisionRequired');
    }
    const staging = result.staging;
    const stored: StoredSuggestion & { rulesDetail: unknown } = {
      stage: suggestion.stage,
      grade: suggestion.grade,
      extent: suggestion.extent,
      rules: suggestion.rules.map((r) => ({ rule: r.rule, applied: r.applied })),
      rulesDetail: suggestion.rules,
    };
    const fact: StagingConfirmationsTable = {
      id: uuidv7(),
      patient_id: scope.patient.id,
      exam_id: row.id,
      stage: staging.stage,
      grade: staging.grade,
      extent: staging.extent,
      overridden: staging.overridden ? 1 : 0,
      suggestion: JSON.stringify(stored),
      inputs: JSON.stringify({ ...input.inputs, age }),
      note: input.decision.note,
      confirmed_by: actor.userId,
      confirmed_at: at,
    };
    await tx.insert('staging_confirmations', fact);
    await tx.audit({
      action: 'staging.confirm',
      entity: 'patient',
      entityId: scope.patient.id,
      details: { examId: row.id, stage: staging.stage, grade: staging.grade, overridden: staging.overridden },
    });
    const [out] = await present(tx.db, [fact], scope.patient.id);
    if (!out) throw new AppError('INTERNAL');
    return out;
  });
}

export async function stagingHistory(store: Store, actor: Actor, patientId: string): Promise<Confirmation[]> {
  const scope = await patientScope(store.db, patientId);
  return store.readAudited(actor, { action: 'staging.history', entity: 'patient', entityId: scope.patient.id }, async (db) =>
    present(db, await confirmationRows(db, scope.ids), scope.patient.id),
  );
}
