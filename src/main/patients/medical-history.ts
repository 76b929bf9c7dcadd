import { v7 as uuidv7 } from 'uuid';
import type { z } from 'zod';
import type { MedicalHistory, medicalHistoryVersionSchema } from '../../shared/contract/patients';
import { ALERT_CODES, type AlertCode } from '../../shared/patients/alerts';
import type { PatientMedicalHistoryTable } from '../db/schema';
import type { WriteTx } from '../store/store';
import { type ActiveMerge, type Db, mergesUnder, userNames } from './patients-repository';

/*
 * Medical-history versions are facts: the database refuses to edit or delete
 * them, and each patient numbers its own (unique (patient_id, version)).
 *
 * Merges do NOT move them. Moving a duplicate's versions onto the survivor
 * would collide with the survivor's own numbers (both have a version 1), and
 * renumbering is an edit the triggers rightly refuse. Instead the history of a
 * patient is read as the union of its own versions and those of every
 * patient merged into it (transitively, through patient_merges), ordered by
 * when they were recorded. Undoing a merge therefore has nothing to put back
 * for the history: the duplicate's versions never left it.
 *
 * The `version` the contract shows is the position in that combined,
 * chronological history (1 = oldest). For a patient without merges it is the
 * stored number.
 */

export type MedicalHistoryVersion = z.infer<typeof medicalHistoryVersionSchema>;

const KNOWN_ALERTS = new Set<string>(ALERT_CODES);

export function parseAlerts(json: string): AlertCode[] {
  const parsed: unknown = JSON.parse(json);
  if (!Array.isArray(parsed)) return [];
  return sortAlerts(parsed.filter((code): code is AlertCode => typeof code === 'string' && KNOWN_ALERTS.has(code)));
}

/** Badge order is the catalog's order, each code once. */
export function sortAlerts(codes: Iterable<AlertCode>): AlertCode[] {
  const set = new Set(codes);
  return ALERT_CODES.filter((code) => set.has(code));
}

type HistoryRow = PatientMedicalHistoryTable;

function chronological(a: HistoryRow, b: HistoryRow): number {
  if (a.recorded_at !== b.recorded_at) return a.recorded_at < b.recorded_at ? -1 : 1;
  if (a.patient_id === b.patient_id) return a.version - b.version;
  return a.id < b.id ? -1 : 1;
}

async function rowsOf(db: Db, patientIds: readonly string[]): Promise<HistoryRow[]> {
  if (patientIds.length === 0) return [];
  return db.selectFrom('patient_medical_history').selectAll().where('patient_id', 'in', patientIds).execute();
}

/** Every version of the patient and of the patients merged into it, oldest first. */
async function combinedRows(db: Db, patientId: string): Promise<{ rows: HistoryRow[]; merges: ActiveMerge[] }> {
  const merges = await mergesUnder(db, [patientId]);
  const rows = await rowsOf(db, [patientId, ...merges.map((m) => m.duplicate_id)]);
  return { rows: rows.sort(chronological), merges };
}

function toVersion(row: HistoryRow, position: number, names: Map<string, string>): MedicalHistoryVersion {
  return {
    id: row.id,
    version: position,
    recordedAt: row.recorded_at,
    recordedBy: row.recorded_by,
    recordedByName: row.recorded_by ? (names.get(row.recorded_by) ?? null) : null,
    alerts: parseAlerts(row.alerts),
    allergies: row.allergies,
    medications: row.medications,
    conditions: row.conditions,
    notes: row.notes,
  };
}

/** Every version, newest first, with who recorded each. */
export async function listHistory(db: Db, patientId: string): Promise<MedicalHistoryVersion[]> {
  const { rows } = await combinedRows(db, patientId);
  const names = await userNames(db, rows.flatMap((r) => (r.recorded_by ? [r.recorded_by] : [])));
  return rows.map((row, i) => toVersion(row, i + 1, names)).reverse();
}

export interface CurrentHistory {
  /** The newest version of the combined history, or null when nothing was ever recorded. */
  current: MedicalHistoryVersion | null;
  /** The badges: see `alertsFromTree`. */
  alerts: AlertCode[];
}

export async function currentHistory(db: Db, patientId: string): Promise<CurrentHistory> {
  const { rows, merges } = await combinedRows(db, patientId);
  if (rows.length === 0) return { current: null, alerts: [] };
  const newest = rows[rows.length - 1]!;
  const names = await userNames(db, newest.recorded_by ? [newest.recorded_by] : []);
  return { current: toVersion(newest, rows.length, names), alerts: alertsFromTree(patientId, rows, merges) };
}

/** The badges of many patients at once (search results, duplicate candidates). */
export async function currentAlerts(db: Db, patientIds: readonly string[]): Promise<Map<string, AlertCode[]>> {
  const result = new Map<string, AlertCode[]>();
  if (patientIds.length === 0) return result;
  const merges = await mergesUnder(db, patientIds);
  const rows = await rowsOf(db, [...patientIds, ...merges.map((m) => m.duplicate_id)]);
  if (rows.length === 0) return result;
  for (const id of patientIds) result.set(id, alertsFromTree(id, rows, merges));
  return result;
}

/**
 * The alerts of a patient whose record may have absorbed others. A merge
 * must never hide an allergy: until someone records a version on the
 * survivor after the merge (starting from what they saw, which included the
 * duplicate's badges), the duplicate's latest alerts count too. A version
 * recorded after the merge is the reconciled answer and replaces them.
 */
export function alertsFromTree(rootId: string, rows: readonly HistoryRow[], merges: readonly ActiveMerge[]): AlertCode[] {
  const latest = new Map<string, HistoryRow>();
  for (const row of rows) {
    const seen = latest.get(row.patient_id);
    if (!seen || chronological(seen, row) < 0) latest.set(row.patient_id, row);
  }
  const children = new Map<string, ActiveMerge[]>();
  for (const merge of merges) children.set(merge.survivor_id, [...(children.get(merge.survivor_id) ?? []), merge]);

  const codes = new Set<AlertCode>();
  const visit = (id: string, depth: number) => {
    const own = latest.get(id);
    if (own) for (const code of parseAlerts(own.alerts)) codes.add(code);
    if (depth > 64) return;
    for (const merge of children.get(id) ?? []) {
      if (own && recordedAfter(own, merge)) continue;
      visit(merge.duplicate_id, depth + 1);
    }
  };
  visit(rootId, 0);
  return sortAlerts(codes);
}

/** Both ids are UUIDv7, so within one millisecond the id still tells which came first. */
function recordedAfter(version: HistoryRow, merge: ActiveMerge): boolean {
  if (version.recorded_at !== merge.merged_at) return version.recorded_at > merge.merged_at;
  return version.id > merge.id;
}

/** Appends the patient's next version; earlier ones stay as they were. */
export async function appendVersion(
  tx: WriteTx,
  patientId: string,
  history: MedicalHistory,
  recordedBy: string | null,
  now: string,
): Promise<HistoryRow> {
  const last = await tx.db
    .selectFrom('patient_medical_history')
    .select((eb) => eb.fn.max('version').as('version'))
    .where('patient_id', '=', patientId)
    .executeTakeFirst();
  const row: HistoryRow = {
    id: uuidv7(),
    patient_id: patientId,
    version: (last?.version ?? 0) + 1,
    recorded_at: now,
    recorded_by: recordedBy,
    alerts: JSON.stringify(sortAlerts(history.alerts)),
    allergies: history.allergies,
    medications: history.medications,
    conditions: history.conditions,
    notes: history.notes,
  };
  await tx.insert('patient_medical_history', row);
  return row;
}

/** The fields of a version, without its identity: what a new version copies. */
export function historyContent(version: MedicalHistoryVersion | null): MedicalHistory {
  return {
    alerts: version?.alerts ?? [],
    allergies: version?.allergies ?? '',
    medications: version?.medications ?? '',
    conditions: version?.conditions ?? '',
    notes: version?.notes ?? '',
  };
}
