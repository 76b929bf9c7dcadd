import { sql } from 'kysely';
import { DUPLICATE_REASONS, type ParsedPatientDraft, type PatientSummary } from '../../shared/contract/patients';
import { normalizeDocument } from '../../shared/identity/documents';
import { normalizePhone } from '../../shared/patients/phones';
import { fold } from '../../shared/text/fold';
import type { PatientsTable } from '../db/schema';
import { currentAlerts } from './medical-history';
import { type PracticeInfo, parsePhones, toSummary } from './patient-view';
import { type Db, findByBirthDate, findByDocument, isActive } from './patients-repository';
import { ftsExpression } from './search-query';

/*
 * Likely duplicates of a patient being entered, each with why: the same
 * document; the same given names and first surname (folded) and birth date;
 * a phone in common. Each reason has its own index: the document index, the
 * birth-date index, and the trigram index over phone digits (confirmed
 * against the stored E.164 numbers).
 */

export type DuplicateReason = (typeof DUPLICATE_REASONS)[number];
export type DuplicateCandidate = PatientSummary & { reasons: DuplicateReason[] };

/** Given names and first surname, folded and single-spaced: "José  GONZÁLEZ" and "jose gonzalez" are one name. */
export function nameKey(givenNames: string, firstSurname: string): string {
  return fold(`${givenNames} ${firstSurname}`).replace(/\s+/g, ' ').trim();
}

async function byPhones(db: Db, e164s: readonly string[]): Promise<PatientsTable[]> {
  const found: PatientsTable[] = [];
  for (const e164 of e164s) {
    const rows = await sql<PatientsTable>`SELECT * FROM patients
        WHERE rowid IN (SELECT rowid FROM patient_search WHERE patient_search MATCH ${`phones : ${ftsExpression([e164.slice(1)])}`} LIMIT 200)`.execute(db);
    found.push(...rows.rows.filter((row) => parsePhones(row.phones).some((p) => p.e164 === e164)));
  }
  return found;
}

export async function findDuplicates(db: Db, practice: PracticeInfo, draft: ParsedPatientDraft, excludeId?: string): Promise<DuplicateCandidate[]> {
  const hits = new Map<string, { row: PatientsTable; reasons: Set<DuplicateReason> }>();
  const note = (rows: PatientsTable[], reason: DuplicateReason) => {
    for (const row of rows) {
      if (row.id === excludeId || !isActive(row)) continue;
      const hit = hits.get(row.id) ?? { row, reasons: new Set<DuplicateReason>() };
      hit.reasons.add(reason);
      hits.set(row.id, hit);
    }
  };

  if (draft.document) {
    const number = normalizeDocument(draft.document.type, draft.document.number);
    if (number) note(await findByDocument(db, draft.document.type, number), 'same_document');
  }
  if (draft.birthDate) {
    const key = nameKey(draft.givenNames, draft.firstSurname);
    note(
      (await findByBirthDate(db, draft.birthDate)).filter((row) => nameKey(row.given_names, row.first_surname) === key),
      'same_name_and_birth_date',
    );
  }
  const phones = draft.phones.flatMap((p) => normalizePhone(p.number, practice.country) ?? []);
  if (phones.length > 0) note(await byPhones(db, [...new Set(phones)]), 'same_phone');

  const ordered = [...hits.values()].sort(
    (a, b) => b.reasons.size - a.reasons.size || (a.row.sort_name < b.row.sort_name ? -1 : a.row.sort_name > b.row.sort_name ? 1 : 0),
  );
  const alerts = await currentAlerts(
    db,
    ordered.map((h) => h.row.id),
  );
  return ordered.map(({ row, reasons }) => ({
    ...toSummary(row, alerts.get(row.id) ?? [], practice),
    reasons: DUPLICATE_REASONS.filter((r) => reasons.has(r)),
  }));
}
