import type { Kysely } from 'kysely';
import type { Practice } from '../../shared/contract/app';
import { type ClinicalPreferences, clinicalPreferencesSchema } from '../../shared/contract/practice';
import type { Language } from '../../shared/i18n/languages';
import type { PracticeTable, Schema } from '../db/schema';

export function toPractice(row: PracticeTable): Practice {
  return {
    id: row.id,
    name: row.name,
    country: row.country,
    timeZone: row.time_zone,
    currency: row.currency,
    language: row.language as Language,
    idleLockMinutes: row.idle_lock_minutes,
  };
}

export function readPracticeRow(db: Kysely<Schema>): Promise<PracticeTable | undefined> {
  return db.selectFrom('practice').selectAll().limit(1).executeTakeFirst();
}

export const CLINICAL_PREFERENCES_ID = 'clinical-preferences';

/** FDI is the natural default for a Spanish-first product (CLINICAL.md). */
export const DEFAULT_CLINICAL_PREFERENCES: ClinicalPreferences = {
  toothNumbering: 'fdi',
  probingAlertMm: 5,
  bleedingAlertPercent: 10,
};

export async function readClinicalPreferences(db: Kysely<Schema>): Promise<ClinicalPreferences> {
  const row = await db.selectFrom('settings').select('value').where('id', '=', CLINICAL_PREFERENCES_ID).executeTakeFirst();
  if (!row) return DEFAULT_CLINICAL_PREFERENCES;
  return clinicalPreferencesSchema.parse({ ...DEFAULT_CLINICAL_PREFERENCES, ...JSON.parse(row.value) });
}
