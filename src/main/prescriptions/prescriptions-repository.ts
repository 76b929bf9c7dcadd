import type { Language } from '../../shared/i18n/languages';
import type { AlertCode } from '../../shared/patients/alerts';
import type { Medicine, Prescription, PrescriptionItem, AllergyWarningOut } from '../../shared/contract/prescriptions';
import type { DrugClass } from '../../shared/prescriptions/allergy-check';
import type { MedicinesTable, PrescriptionsTable, PrescriptionVoidsTable, ProvidersTable } from '../db/schema';
import { parseAlerts } from '../patients/medical-history';
import { type Db } from '../patients/patients-repository';
import { parseJson } from '../chairside/chairside-common';

export function toMedicine(row: MedicinesTable): Medicine {
  return {
    id: row.id,
    name: { es: row.name_es, en: row.name_en },
    strength: row.strength,
    dose: { es: row.dose_es, en: row.dose_en },
    frequency: { es: row.frequency_es, en: row.frequency_en },
    duration: { es: row.duration_es, en: row.duration_en },
    classes: parseJson<DrugClass[]>(row.classes, []),
    active: row.active === 1,
    sortOrder: row.sort_order,
  };
}

/** The patient's current alerts and free-text allergies: the newest medical-history version of the record and its merged ones. */
export async function currentAlerts(db: Db, patientIds: readonly string[]): Promise<{ alerts: AlertCode[]; allergies: string }> {
  const row = await db
    .selectFrom('patient_medical_history')
    .select(['alerts', 'allergies'])
    .where('patient_id', 'in', patientIds)
    .orderBy('recorded_at', 'desc')
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row ? { alerts: parseAlerts(row.alerts), allergies: row.allergies } : { alerts: [], allergies: '' };
}

export function prescriptionRows(db: Db, patientIds: readonly string[]) {
  return db.selectFrom('prescriptions').selectAll().where('patient_id', 'in', patientIds).orderBy('issued_at', 'desc').execute();
}

export interface PrescriptionParts {
  row: PrescriptionsTable;
  provider: ProvidersTable | undefined;
  voided: PrescriptionVoidsTable | undefined;
  replacedById: string | null;
  names: Map<string, string>;
}

export function providerFullName(p: Pick<ProvidersTable, 'given_names' | 'first_surname' | 'second_surname'>): string {
  return [p.given_names, p.first_surname, p.second_surname].filter(Boolean).join(' ');
}

export function toPrescription(parts: PrescriptionParts): Prescription {
  const { row, provider, voided, names } = parts;
  return {
    id: row.id,
    patientId: row.patient_id,
    providerId: row.provider_id,
    providerName: provider ? providerFullName(provider) : '',
    registrationNumber: provider?.registration_number ?? '',
    issuedAt: row.issued_at,
    issuedDate: row.issued_date,
    language: row.language as Language,
    items: parseJson<PrescriptionItem[]>(row.items, []),
    notes: row.notes,
    replacesId: row.replaces_id,
    replacedById: parts.replacedById,
    overriddenWarnings: parseJson<AllergyWarningOut[]>(row.overridden_warnings, []),
    issuedByName: row.issued_by ? (names.get(row.issued_by) ?? null) : null,
    void: voided ? { reason: voided.reason, at: voided.voided_at, byName: voided.voided_by ? (names.get(voided.voided_by) ?? null) : null } : null,
  };
}

/** Rows with everything a Prescription shows: provider, void, the reissue that replaced it, names. */
export async function assemble(db: Db, rows: readonly PrescriptionsTable[]): Promise<Prescription[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const [providers, voids, replacements] = await Promise.all([
    db.selectFrom('providers').selectAll().where('id', 'in', [...new Set(rows.map((r) => r.provider_id))]).execute(),
    db.selectFrom('prescription_voids').selectAll().where('prescription_id', 'in', ids).execute(),
    db.selectFrom('prescriptions').select(['id', 'replaces_id']).where('replaces_id', 'in', ids).execute(),
  ]);
  const userIds = [...rows.map((r) => r.issued_by), ...voids.map((v) => v.voided_by)].filter((x): x is string => !!x);
  const users = userIds.length
    ? await db.selectFrom('users').select(['id', 'given_names', 'first_surname', 'second_surname']).where('id', 'in', [...new Set(userIds)]).execute()
    : [];
  const names = new Map(users.map((u) => [u.id, providerFullName(u)]));
  const byProvider = new Map(providers.map((p) => [p.id, p]));
  const byVoid = new Map(voids.map((v) => [v.prescription_id, v]));
  const byReplaced = new Map(replacements.map((r) => [r.replaces_id!, r.id]));
  return rows.map((row) => toPrescription({ row, provider: byProvider.get(row.provider_id), voided: byVoid.get(row.id), replacedById: byReplaced.get(row.id) ?? null, names }));
}
