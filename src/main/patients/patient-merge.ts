import { sql } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import { AppError } from '../../shared/contract/errors';
import { ADULT_AGE, ageOn } from '../../shared/patients/age';
import type { PatientsTable, SyncedTable } from '../db/schema';
import type { Actor, Store, WriteTx } from '../store/store';
import type { StoredPhone } from './patient-normalize';
import { type PracticeInfo, parseGuarantor, parsePhones } from './patient-view';
import { type Db, displayName, findByDocument, findMerge, findPatient, isActive, isUniqueViolation } from './patients-repository';

/*
 * Merging two records of one person moves everything of the duplicate onto
 * the survivor, fills the survivor's empty fields from the duplicate, and
 * tombstones the duplicate (deleted_at, merged_into_id). Every column value
 * it changes is written down in patient_merges.moved as
 * { table, rowId, column, before, after }, so undo puts back exactly what the
 * merge changed, and only where nobody has changed it since.
 */

type Value = string | number | null;
type AnyRow = Record<string, Value> & { id: string };

/** One column of one row that a merge changed. */
export interface MergeChange {
  table: SyncedTable;
  rowId: string;
  column: string;
  before: Value;
  after: Value;
}

/**
 * Every place that points at a patient. A feature that adds a table with a
 * patient id (appointments, chart events, the ledger...) adds it here, and
 * merges then carry its rows over, and undo brings them back.
 */
export interface PatientReference {
  table: SyncedTable;
  column: string;
  /**
   * 'move': the rows follow the survivor. 'keep': append-only facts that stay
   * with the patient they were recorded for; readers gather them through the
   * merge tree (see medical-history.ts for why the history cannot move).
   */
  mode: 'move' | 'keep';
  /** The table has an updated_at that a change should stamp. */
  stamped?: boolean;
  /** One live row per patient (the photo): a live row moves only if the survivor has none. */
  onePerPatient?: boolean;
  /** The fields a moved row gets; by default only the column changes. */
  rewrite?: (row: AnyRow, survivorId: string) => Record<string, Value>;
}

export const PATIENT_REFERENCES: readonly PatientReference[] = [
  { table: 'patient_medical_history', column: 'patient_id', mode: 'keep' },
  { table: 'patient_photos', column: 'patient_id', mode: 'move', stamped: true, onePerPatient: true },
  {
    table: 'patients',
    column: 'guarantor_patient_id',
    mode: 'move',
    stamped: true,
    // The guarantor JSON repeats the id. A survivor whose guarantor was its own duplicate now answers for itself.
    rewrite: (row, survivorId) =>
      row.id === survivorId
        ? { guarantor_patient_id: null, guarantor: JSON.stringify({ kind: 'self' }) }
        : { guarantor_patient_id: survivorId, guarantor: JSON.stringify({ ...parseGuarantor(String(row.guarantor)), patientId: survivorId }) },
  },
  // The schedule (migration 0003): appointments and waitlist entries follow the survivor; reminders sent are facts.
  { table: 'appointments', column: 'patient_id', mode: 'move', stamped: true },
  { table: 'waitlist', column: 'patient_id', mode: 'move', stamped: true },
  { table: 'reminder_log', column: 'patient_id', mode: 'keep' },
  // Chairside (migration 0004): clinical facts and signed records stay with the patient they were recorded for;
  // src/main/chairside reads them through the merge tree.
  { table: 'chart_events', column: 'patient_id', mode: 'keep' },
  { table: 'perio_exams', column: 'patient_id', mode: 'keep' },
  { table: 'staging_confirmations', column: 'patient_id', mode: 'keep' },
  { table: 'clinical_notes', column: 'patient_id', mode: 'keep' },
  { table: 'clinical_note_versions', column: 'patient_id', mode: 'keep' },
  { table: 'clinical_note_addenda', column: 'patient_id', mode: 'keep' },
  // Prescriptions, consents and recall (migration 0015): prescriptions, voids, signed consents and contacts are
  // facts read through the merge tree; a recall (when the patient is next due) follows the survivor.
  { table: 'prescriptions', column: 'patient_id', mode: 'keep' },
  { table: 'prescription_voids', column: 'patient_id', mode: 'keep' },
  { table: 'signed_consents', column: 'patient_id', mode: 'keep' },
  { table: 'recall_contacts', column: 'patient_id', mode: 'keep' },
  { table: 'patient_recalls', column: 'patient_id', mode: 'move', stamped: true },
];

function conflict(key: string, params?: Record<string, string>): AppError {
  return new AppError('CONFLICT', key, params ? { params } : {});
}

async function rowsPointingAt(db: Db, reference: PatientReference, patientId: string): Promise<AnyRow[]> {
  const rows = await sql<AnyRow>`SELECT * FROM ${sql.table(reference.table)} WHERE ${sql.ref(reference.column)} = ${patientId}`.execute(db);
  return rows.rows;
}

async function readRow(db: Db, table: SyncedTable, id: string): Promise<AnyRow | undefined> {
  const rows = await sql<AnyRow>`SELECT * FROM ${sql.table(table)} WHERE id = ${id}`.execute(db);
  return rows.rows[0];
}

const STAMPED = new Set<SyncedTable>(['patients', ...PATIENT_REFERENCES.filter((r) => r.stamped).map((r) => r.table)]);

/** Applies changes through the write path, one update per row, in order of first appearance. */
async function applyChanges(tx: WriteTx, changes: readonly MergeChange[], value: (c: MergeChange) => Value, now: string): Promise<void> {
  const byRow = new Map<string, { table: SyncedTable; rowId: string; fields: Record<string, Value> }>();
  for (const change of changes) {
    const key = `${change.table}\u0000${change.rowId}`;
    const entry = byRow.get(key) ?? { table: change.table, rowId: change.rowId, fields: {} };
    entry.fields[change.column] = value(change);
    byRow.set(key, entry);
  }
  for (const { table, rowId, fields } of byRow.values()) {
    await tx.update(table, rowId, (STAMPED.has(table) ? { ...fields, updated_at: now } : fields) as never);
  }
}

function diff(table: SyncedTable, row: AnyRow, fields: Record<string, Value>): MergeChange[] {
  return Object.entries(fields)
    .filter(([column, after]) => row[column] !== after)
    .map(([column, after]) => ({ table, rowId: row.id, column, before: row[column] ?? null, after }));
}

const EMPTY_TEXT = (v: Value) => v === null || v === '';

/** The survivor's empty fields, filled from the duplicate; the survivor's own answers always win. */
export function fillFromDuplicate(survivor: PatientsTable, duplicate: PatientsTable, practice: PracticeInfo): Partial<PatientsTable> {
  const fill: Partial<PatientsTable> = {};
  for (const column of ['birth_date', 'sex', 'gender', 'preferred_name', 'email', 'address', 'emergency_contact', 'referral_source', 'notes'] as const) {
    if (EMPTY_TEXT(survivor[column]) && !EMPTY_TEXT(duplicate[column])) (fill as Record<string, Value>)[column] = duplicate[column];
  }
  if (survivor.document_number === null && duplicate.document_number !== null) {
    fill.document_type = duplicate.document_type;
    fill.document_number = duplicate.document_number;
  }
  if (JSON.parse(survivor.coverage).kind === 'none' && JSON.parse(duplicate.coverage).kind !== 'none') fill.coverage = duplicate.coverage;

  // Phones: the union, the survivor's first, at most the four a draft allows, one WhatsApp.
  const own = parsePhones(survivor.phones);
  const phones: StoredPhone[] = [...own];
  for (const phone of parsePhones(duplicate.phones)) {
    if (phones.length >= 4 || phones.some((p) => p.e164 === phone.e164)) continue;
    phones.push({ ...phone, whatsapp: phone.whatsapp && !phones.some((p) => p.whatsapp) });
  }
  if (phones.length > own.length) fill.phones = JSON.stringify(phones);

  // "Self" is an answer for an adult; for a minor (the birth date may come from the duplicate) it is a gap.
  const birthDate = fill.birth_date ?? survivor.birth_date;
  const minor = birthDate !== null && ageOn(birthDate, practice.today) < ADULT_AGE;
  const theirs = parseGuarantor(duplicate.guarantor);
  if (minor && parseGuarantor(survivor.guarantor).kind === 'self' && theirs.kind !== 'self' && !(theirs.kind === 'patient' && theirs.patientId === survivor.id)) {
    fill.guarantor = duplicate.guarantor;
    fill.guarantor_patient_id = duplicate.guarantor_patient_id;
  }
  return fill;
}

export async function mergePatients(
  store: Store,
  actor: Actor,
  practice: PracticeInfo,
  survivorId: string,
  duplicateId: string,
): Promise<{ mergeId: string }> {
  if (survivorId === duplicateId) throw conflict('errors.MERGE_SAME_PATIENT');
  return store.write(actor, async (tx) => {
    const [survivor, duplicate] = [await findPatient(tx.db, survivorId), await findPatient(tx.db, duplicateId)];
    if (!survivor || !duplicate) throw new AppError('NOT_FOUND');
    if (!isActive(survivor) || !isActive(duplicate)) throw conflict('errors.MERGE_INACTIVE');
    if (
      survivor.document_number !== null &&
      duplicate.document_number !== null &&
      (survivor.document_type !== duplicate.document_type || survivor.document_number !== duplicate.document_number)
    ) {
      throw conflict('errors.MERGE_DIFFERENT_DOCUMENTS');
    }
    const now = new Date().toISOString();
    const changes: MergeChange[] = [];

    // 1. Everything that points at the duplicate now points at the survivor.
    for (const reference of PATIENT_REFERENCES) {
      if (reference.mode !== 'move') continue;
      let rows = await rowsPointingAt(tx.db, reference, duplicateId);
      if (reference.onePerPatient) {
        const survivorHasOne = (await rowsPointingAt(tx.db, reference, survivorId)).some((r) => r.deleted_at === null);
        rows = survivorHasOne ? [] : rows.filter((r) => r.deleted_at === null);
      }
      for (const row of rows) {
        const fields = reference.rewrite ? reference.rewrite(row, survivorId) : { [reference.column]: survivorId };
        changes.push(...diff(reference.table, row, fields));
      }
    }
    await applyChanges(tx, changes, (c) => c.after, now);

    // 2. The duplicate is tombstoned; its document moves with it (the unique index covers tombstones too).
    const current = (await findPatient(tx.db, survivorId))!;
    const fill = fillFromDuplicate(current, duplicate, practice);
    const duplicateFields: Record<string, Value> = { merged_into_id: survivorId, deleted_at: now };
    if (fill.document_number) Object.assign(duplicateFields, { document_type: null, document_number: null });
    const tail = [
      ...diff('patients', duplicate as unknown as AnyRow, duplicateFields),
      // 3. The survivor's empty fields, from the duplicate.
      ...diff('patients', current as unknown as AnyRow, fill as Record<string, Value>),
    ];
    await applyChanges(tx, tail, (c) => c.after, now);
    changes.push(...tail);

    const mergeId = uuidv7();
    await tx.insert('patient_merges', {
      id: mergeId,
      survivor_id: survivorId,
      duplicate_id: duplicateId,
      moved: JSON.stringify(changes),
      merged_at: now,
      merged_by: actor.userId,
      undone_at: null,
      undone_by: null,
    });
    await tx.audit({
      action: 'patients.merge',
      entity: 'patient',
      entityId: survivorId,
      details: { duplicateId, mergeId, changes: changes.length },
    });
    return { mergeId };
  });
}

export async function undoMerge(store: Store, actor: Actor, mergeId: string): Promise<{ restoredId: string }> {
  try {
    return await store.write(actor, async (tx) => {
      const merge = await findMerge(tx.db, mergeId);
      if (!merge) throw new AppError('NOT_FOUND');
      if (merge.undone_at !== null) throw conflict('errors.MERGE_ALREADY_UNDONE');
      const survivor = await findPatient(tx.db, merge.survivor_id);
      // A later merge of the survivor carried these rows further: that one is undone first.
      if (!survivor || survivor.merged_into_id !== null) throw conflict('errors.MERGE_UNDO_LATER_FIRST');

      const changes = (JSON.parse(merge.moved) as MergeChange[]).reverse();
      // Only what still holds the merge's value goes back: a later edit by someone else stands.
      // Walking back from the newest change, the row as it will be once the later changes are undone.
      const restorable: MergeChange[] = [];
      const rows = new Map<string, AnyRow | undefined>();
      for (const change of changes) {
        const key = `${change.table}\u0000${change.rowId}`;
        if (!rows.has(key)) rows.set(key, await readRow(tx.db, change.table, change.rowId));
        const row = rows.get(key);
        if (row && row[change.column] === change.after) {
          restorable.push(change);
          row[change.column] = change.before;
        }
      }
      const now = new Date().toISOString();
      await applyChanges(tx, restorable, (c) => c.before, now);
      await tx.update('patient_merges', mergeId, { undone_at: now, undone_by: actor.userId });
      await tx.audit({
        action: 'patients.undoMerge',
        entity: 'patient',
        entityId: merge.duplicate_id,
        details: { survivorId: merge.survivor_id, mergeId, restored: restorable.length, kept: changes.length - restorable.length },
      });
      return { restoredId: merge.duplicate_id };
    });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    // The duplicate's document went to another patient since the merge.
    const merge = await findMerge(store.db, mergeId);
    const before = merge ? (JSON.parse(merge.moved) as MergeChange[]) : [];
    const type = before.find((c) => c.rowId === merge?.duplicate_id && c.column === 'document_type')?.before;
    const number = before.find((c) => c.rowId === merge?.duplicate_id && c.column === 'document_number')?.before;
    const [holder] = type && number ? await findByDocument(store.db, String(type), String(number)) : [];
    throw holder ? conflict('errors.DOCUMENT_TAKEN', { name: displayName(holder) }) : error;
  }
}

/** Survivor fields a follow-up may carry over from its duplicate: the plain ones, never the unique document. */
const CARRIED = ['birth_date', 'sex', 'gender', 'preferred_name', 'email', 'address', 'emergency_contact', 'referral_source', 'notes', 'phones'] as const;

/**
 * After changes arrive from other workstations: what a workstation did to a
 * duplicate before it heard of the merge (an edit, a booking) joins the
 * survivor, as the merge would have done had it seen it. Rows still pointing
 * at a merged duplicate follow the survivor; a survivor field the merge took
 * from the duplicate, and nobody has changed since, takes the duplicate's
 * newer value; empty survivor fields fill as the merge fills them. It reads
 * only the current state, so every workstation reaches the same answer, and
 * the writes sync like any edit (two workstations writing the same value is
 * no conflict). Returns the number of rows it changed.
 */
export async function followMergesAfterSync(store: Store, actor: Actor, practice: PracticeInfo): Promise<number> {
  const merges = await store.db
    .selectFrom('patient_merges')
    .select(['survivor_id', 'duplicate_id', 'moved'])
    .where('undone_at', 'is', null)
    .orderBy('merged_at')
    .execute();
  if (merges.length === 0) return 0;
  return store.write(actor, async (tx) => {
    const now = new Date().toISOString();
    const changes: MergeChange[] = [];
    for (const merge of merges) {
      const duplicate = await findPatient(tx.db, merge.duplicate_id);
      let survivor = await findPatient(tx.db, merge.survivor_id);
      // A survivor merged further on: the last one in the chain takes it all.
      for (let hops = 0; survivor?.merged_into_id && hops < 32; hops++) survivor = await findPatient(tx.db, survivor.merged_into_id);
      if (!duplicate || !survivor || duplicate.merged_into_id === null || !isActive(survivor)) continue;

      for (const reference of PATIENT_REFERENCES) {
        if (reference.mode !== 'move' || reference.onePerPatient) continue;
        for (const row of await rowsPointingAt(tx.db, reference, duplicate.id)) {
          if (reference.table === 'patients' && row.id === duplicate.id) continue;
          const fields = reference.rewrite ? reference.rewrite(row, survivor.id) : { [reference.column]: survivor.id };
          changes.push(...diff(reference.table, row, fields));
        }
      }

      // What the merge took from the duplicate into this survivor (none when a later merge carried it further).
      const taken = new Map(
        survivor.id === merge.survivor_id
          ? (JSON.parse(merge.moved) as MergeChange[]).filter((c) => c.table === 'patients' && c.rowId === merge.survivor_id).map((c) => [c.column, c.after])
          : [],
      );
      const fields: Record<string, Value> = {};
      const current = survivor as unknown as AnyRow;
      const theirs = duplicate as unknown as AnyRow;
      for (const column of CARRIED) {
        if (taken.has(column) && current[column] === taken.get(column) && theirs[column] !== taken.get(column) && !EMPTY_TEXT(theirs[column] ?? null)) {
          fields[column] = theirs[column] ?? null;
        }
      }
      const fill = fillFromDuplicate({ ...survivor, ...(fields as Partial<PatientsTable>) }, duplicate, practice);
      for (const column of CARRIED) if (column in fill) fields[column] = (fill as Record<string, Value>)[column] ?? null;
      changes.push(...diff('patients', current, fields));
    }
    if (changes.length === 0) return 0;
    await applyChanges(tx, changes, (c) => c.after, now);
    await tx.audit({ action: 'patients.mergeFollowUp', entity: 'patient', details: { changes: changes.length } });
    return changes.length;
  });
}
