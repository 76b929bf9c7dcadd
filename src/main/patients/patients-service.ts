import { v7 as uuidv7 } from 'uuid';
import { type Role, roleHas } from '../../shared/auth/roles';
import { AppError } from '../../shared/contract/errors';
import type { MedicalHistory, ParsedPatientDraft, PatientRecord } from '../../shared/contract/patients';
import { todayIn } from '../../shared/patients/age';
import type { AlertCode } from '../../shared/patients/alerts';
import type { PatientsTable } from '../db/schema';
import { readPracticeRow } from '../practice/practice-repository';
import type { Actor, Store, WriteTx } from '../store/store';
import { appendVersion, currentHistory, historyContent, listHistory, type MedicalHistoryVersion } from './medical-history';
import { normalizePatientDraft, type PatientFields } from './patient-normalize';
import { type PracticeInfo, parseGuarantor, toRecord } from './patient-view';
import { type Db, displayName, findByDocument, findByGuarantor, findPatient, hasLivePhoto, isActive, isUniqueViolation } from './patients-repository';

/*
 * The rules of the registry: what a valid patient is, who may hold a document,
 * who may answer for whom, and what a patient's record shows to whom.
 */

export async function practiceInfo(db: Db): Promise<PracticeInfo> {
  const practice = await readPracticeRow(db);
  if (!practice) throw new AppError('NOT_SET_UP');
  return { country: practice.country, today: todayIn(practice.time_zone) };
}

/** Paths as the contract's input has them, so the form puts each message beside its field. */
function prefixed(errors: Record<string, string>, prefix: string): Record<string, string> {
  return Object.fromEntries(Object.entries(errors).map(([path, key]) => [`${prefix}.${path}`, key]));
}

function normalizeOrThrow(draft: ParsedPatientDraft, practice: PracticeInfo): PatientFields {
  const normalized = normalizePatientDraft(draft, practice);
  if (!normalized.ok) throw new AppError('VALIDATION', 'errors.VALIDATION', { fields: prefixed(normalized.errors, 'draft') });
  return normalized.fields;
}

function documentTaken(holder: PatientsTable): AppError {
  return new AppError('CONFLICT', 'errors.DOCUMENT_TAKEN', {
    params: { name: displayName(holder) },
    fields: { 'draft.document.number': 'errors.DOCUMENT_TAKEN' },
  });
}

/** Inside the write transaction, so no other write can slip between the check and the change. */
async function checkDocumentFree(db: Db, fields: PatientFields, selfId: string | null): Promise<void> {
  if (!fields.document_type || !fields.document_number) return;
  const holders = await findByDocument(db, fields.document_type, fields.document_number);
  const other = holders.find((h) => h.id !== selfId);
  if (other) throw documentTaken(other);
}

async function checkGuarantor(db: Db, fields: PatientFields, selfId: string | null): Promise<void> {
  const guarantorId = fields.guarantor_patient_id;
  if (!guarantorId) return;
  if (guarantorId === selfId) {
    throw new AppError('VALIDATION', 'errors.VALIDATION', { fields: { 'draft.guarantor.patientId': 'validation.guarantorSelf' } });
  }
  const guarantor = await findPatient(db, guarantorId);
  if (!guarantor || !isActive(guarantor)) {
    throw new AppError('VALIDATION', 'errors.GUARANTOR_NOT_FOUND', { fields: { 'draft.guarantor.patientId': 'errors.GUARANTOR_NOT_FOUND' } });
  }
}

/** A race that the check above cannot see (another connection, a sync) still ends in a clear message. */
async function mapDocumentRace<T>(db: Db, fields: PatientFields, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (!isUniqueViolation(error) || !fields.document_type || !fields.document_number) throw error;
    const [holder] = await findByDocument(db, fields.document_type, fields.document_number);
    throw holder ? documentTaken(holder) : error;
  }
}

export interface CreateInput {
  draft: ParsedPatientDraft;
  alerts: AlertCode[];
}

export async function createPatient(store: Store, actor: Actor, input: CreateInput): Promise<PatientRecord> {
  const practice = await practiceInfo(store.db);
  const fields = normalizeOrThrow(input.draft, practice);
  const now = new Date().toISOString();
  const row: PatientsTable = { id: uuidv7(), ...fields, merged_into_id: null, created_at: now, updated_at: now, deleted_at: null };
  await mapDocumentRace(store.db, fields, () =>
    store.write(actor, async (tx) => {
      await checkDocumentFree(tx.db, fields, null);
      await checkGuarantor(tx.db, fields, null);
      await tx.insert('patients', row);
      if (input.alerts.length > 0) await appendVersion(tx, row.id, { ...historyContent(null), alerts: input.alerts }, actor.userId, now);
      await tx.audit({ action: 'patients.create', entity: 'patient', entityId: row.id, details: { alerts: input.alerts.length > 0 } });
    }),
  );
  return buildRecord(store.db, row, practice, false);
}

/** Columns whose value differs: only those travel, so a concurrent edit of another field survives sync. */
function changedFields(existing: PatientsTable, fields: PatientFields): Partial<PatientFields> {
  const changed: Partial<PatientFields> = {};
  for (const [column, value] of Object.entries(fields) as [keyof PatientFields, PatientFields[keyof PatientFields]][]) {
    if (existing[column] !== value) (changed as Record<string, unknown>)[column] = value;
  }
  return changed;
}

export async function updatePatient(store: Store, actor: Actor, id: string, draft: ParsedPatientDraft): Promise<PatientRecord> {
  const practice = await practiceInfo(store.db);
  const fields = normalizeOrThrow(draft, practice);
  const now = new Date().toISOString();
  const updated = await mapDocumentRace(store.db, fields, () =>
    store.write(actor, async (tx) => {
      const existing = await findPatient(tx.db, id);
      if (!existing || !isActive(existing)) throw new AppError('NOT_FOUND');
      await checkDocumentFree(tx.db, fields, id);
      await checkGuarantor(tx.db, fields, id);
      const changed = changedFields(existing, fields);
      const columns = Object.keys(changed);
      if (columns.length > 0) await tx.update('patients', id, { ...changed, updated_at: now });
      await tx.audit({ action: 'patients.update', entity: 'patient', entityId: id, details: { fields: columns } });
      return { ...existing, ...changed, updated_at: columns.length > 0 ? now : existing.updated_at };
    }),
  );
  return buildRecord(store.db, updated, practice, false);
}

/**
 * Follows merges: a stale link to a merged duplicate (an old tab, a row that
 * arrived by sync) opens the survivor, whose id the record carries.
 */
export async function resolveActive(db: Db, id: string): Promise<PatientsTable> {
  let row = await findPatient(db, id);
  for (let hops = 0; row && row.merged_into_id && hops < 32; hops++) row = await findPatient(db, row.merged_into_id);
  if (!row || !isActive(row)) throw new AppError('NOT_FOUND');
  return row;
}

async function requireActive(db: Db, id: string): Promise<PatientsTable> {
  const row = await findPatient(db, id);
  if (!row || !isActive(row)) throw new AppError('NOT_FOUND');
  return row;
}

/** The full record. The medical history is read, and sent, only when the caller may see it. */
export async function buildRecord(db: Db, row: PatientsTable, practice: PracticeInfo, withMedicalHistory: boolean): Promise<PatientRecord> {
  const [history, family, hasPhoto] = await Promise.all([currentHistory(db, row.id), familyOf(db, row), hasLivePhoto(db, row.id)]);
  return toRecord(
    row,
    {
      alerts: history.alerts,
      guarantorPatient: family.guarantor,
      family: family.members,
      hasPhoto,
      medicalHistory: withMedicalHistory ? history.current : null,
    },
    practice,
  );
}

export async function openPatient(store: Store, actor: Actor, role: Role, id: string): Promise<PatientRecord> {
  const practice = await practiceInfo(store.db);
  const row = await resolveActive(store.db, id);
  // The record actually shown is the one audited (the survivor, when an old link named a merged duplicate).
  return store.readAudited(actor, { action: 'patients.view', entity: 'patient', entityId: row.id }, (db) =>
    buildRecord(db, row, practice, roleHas(role, 'medical.read')),
  );
}

type Relationship = PatientRecord['family'][number]['relationship'];

/** How the guarantor sees the patient who named them with this relationship. */
function inverse(relationship: string, guarantorSex: string | null): Relationship {
  switch (relationship) {
    case 'mother':
    case 'father':
      return 'child';
    case 'spouse':
    case 'sibling':
      return relationship;
    case 'child':
      return guarantorSex === 'female' ? 'mother' : guarantorSex === 'male' ? 'father' : 'other';
    default:
      return 'other';
  }
}

const PARENT = new Set(['mother', 'father']);

function relationshipOf(row: PatientsTable): string {
  const guarantor = parseGuarantor(row.guarantor);
  return guarantor.kind === 'patient' ? guarantor.relationship : 'other';
}

/**
 * Families are linked through guarantors, both ways: whom this patient
 * answers for, who answers for this patient, and the others that person
 * answers for (siblings, when both call the guarantor mother or father).
 */
async function familyOf(db: Db, row: PatientsTable): Promise<{ guarantor: PatientRecord['guarantorPatient']; members: PatientRecord['family'] }> {
  const guarantorId = row.guarantor_patient_id;
  const [guarantorRow, linked] = await Promise.all([
    guarantorId ? findPatient(db, guarantorId) : Promise.resolve(undefined),
    findByGuarantor(db, guarantorId ? [row.id, guarantorId] : [row.id]),
  ]);
  const members: PatientRecord['family'] = [];
  const seen = new Set([row.id]);
  const guarantor = guarantorRow && guarantorRow.deleted_at === null ? { id: guarantorRow.id, displayName: displayName(guarantorRow) } : null;
  if (guarantor) {
    seen.add(guarantor.id);
    members.push({ ...guarantor, relationship: relationshipOf(row) as Relationship });
  }
  for (const dependant of linked.filter((p) => p.guarantor_patient_id === row.id)) {
    if (seen.has(dependant.id)) continue;
    seen.add(dependant.id);
    members.push({ id: dependant.id, displayName: displayName(dependant), relationship: inverse(relationshipOf(dependant), row.sex) });
  }
  const mine = relationshipOf(row);
  for (const sibling of linked.filter((p) => p.guarantor_patient_id === guarantorId)) {
    if (seen.has(sibling.id)) continue;
    seen.add(sibling.id);
    members.push({
      id: sibling.id,
      displayName: displayName(sibling),
      relationship: PARENT.has(mine) && PARENT.has(relationshipOf(sibling)) ? 'sibling' : null,
    });
  }
  return { guarantor, members };
}

/** The badges alone: a new version that keeps every other answer of the current one, which the caller never sees. */
export async function setAlerts(store: Store, actor: Actor, patientId: string, alerts: AlertCode[]): Promise<AlertCode[]> {
  return store.write(actor, async (tx) => {
    await requireActive(tx.db, patientId);
    const { current } = await currentHistory(tx.db, patientId);
    await appendVersion(tx, patientId, { ...historyContent(current), alerts }, actor.userId, new Date().toISOString());
    await tx.audit({ action: 'patients.setAlerts', entity: 'patient', entityId: patientId });
    return (await currentHistory(tx.db, patientId)).alerts;
  });
}

export async function recordHistory(store: Store, actor: Actor, patientId: string, history: MedicalHistory): Promise<MedicalHistoryVersion> {
  return store.write(actor, async (tx: WriteTx) => {
    await requireActive(tx.db, patientId);
    const row = await appendVersion(tx, patientId, history, actor.userId, new Date().toISOString());
    await tx.audit({ action: 'patients.medicalHistory.record', entity: 'patient', entityId: patientId, details: { versionId: row.id } });
    const versions = await listHistory(tx.db, patientId);
    return versions.find((v) => v.id === row.id)!;
  });
}

export async function readHistory(store: Store, actor: Actor, patientId: string): Promise<MedicalHistoryVersion[]> {
  return store.readAudited(actor, { action: 'patients.medicalHistory.view', entity: 'patient', entityId: patientId }, async (db) => {
    await requireActive(db, patientId);
    return listHistory(db, patientId);
  });
}
